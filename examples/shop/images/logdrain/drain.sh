#!/bin/sh
# Sidecar: shares the app's network namespace and hostname, so it tails its own pod's file.
log="/var/log/app/access-$(hostname).log"
trap 'exit 0' TERM INT
while [ ! -f "$log" ]; do sleep 0.5 & wait $!; done
tail -F "$log" 2>/dev/null | while IFS= read -r line; do echo "drain: $line"; done &
wait $!
