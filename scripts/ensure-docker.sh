#!/usr/bin/env bash
# Makes sure a Docker engine answers on the default socket. Installs Debian's docker.io and
# starts dockerd in the background only when nothing answers yet (never a second daemon).
set -euo pipefail

if docker info >/dev/null 2>&1; then
  echo "ensure-docker: an engine already answers"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "ensure-docker: installing docker.io (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker.io busybox-static iptables >/dev/null
fi

state_dir="${FLOTILLA_DOCKERD_DIR:-/tmp/flotilla-dockerd}"
mkdir -p "$state_dir"
echo "ensure-docker: starting dockerd (data in $state_dir)"
setsid dockerd --data-root "$state_dir/data" --exec-root "$state_dir/exec" \
  -H unix:///var/run/docker.sock >"$state_dir/log" 2>&1 </dev/null &

for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "ensure-docker: engine up ($(docker version --format '{{.Server.Version}}'))"
    exit 0
  fi
  sleep 0.5
done
echo "ensure-docker: dockerd did not answer within 30 s; its log:" >&2
tail -n 40 "$state_dir/log" >&2
exit 1
