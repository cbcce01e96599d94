#!/bin/sh
# Calls the api by its service name every 3 s.
trap 'exit 0' TERM INT
while true; do
  if body=$(wget -qO- "$API_URL" 2>/dev/null); then echo "worker: api answered $body"; else echo "worker: api unreachable"; fi
  sleep 3 & wait $!
done
