#!/bin/sh
# The web pod's server: busybox httpd in the foreground, plus a heartbeat line every 2 s in
# this pod's own log file on the shared volume (pods share the volume, so one file per pod).
log="/var/log/app/access-$(hostname).log"
trap 'kill $beat $server 2>/dev/null; exit 0' TERM INT
( while true; do echo "$(date -u +%H:%M:%S) web $(hostname) alive" >>"$log"; sleep 2; done ) &
beat=$!
httpd -f -p 8080 -h /www &
server=$!
wait $server
