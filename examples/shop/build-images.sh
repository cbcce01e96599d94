#!/usr/bin/env bash
# Builds the shop's four images from the host's static busybox (nothing is pulled).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x /bin/busybox ]; then
  echo "build-images: /bin/busybox is missing; install busybox-static (apt-get install busybox-static)" >&2
  exit 1
fi
for name in web api worker logdrain; do
  cp /bin/busybox "$here/images/$name/busybox"
  docker build -q -t "shop/$name:1" "$here/images/$name" >/dev/null
  echo "built shop/$name:1"
done
