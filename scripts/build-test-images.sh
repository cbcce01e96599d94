#!/usr/bin/env bash
# Builds the images the Docker tests use, from the host's static busybox (nothing is pulled):
# flotilla-test/busybox:1 and :2 differ only in /www/index.html, to exercise image changes.
set -euo pipefail
if [ ! -x /bin/busybox ]; then
  echo "build-test-images: /bin/busybox is missing; install busybox-static (apt-get install busybox-static)" >&2
  exit 1
fi
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
cp /bin/busybox "$context/busybox"
mkdir -p "$context/www"
echo ok >"$context/www/healthz"
cat >"$context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY www /www
CMD ["/bin/sh"]
DOCKERFILE
for version in 1 2; do
  echo "v$version" >"$context/www/index.html"
  docker build -q -t "flotilla-test/busybox:$version" "$context" >/dev/null
  echo "built flotilla-test/busybox:$version"
done
