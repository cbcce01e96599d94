#!/usr/bin/env bash
# Builds the images the Docker tests use, from the host's static busybox (nothing is pulled):
# flotilla-test/busybox:1 and :2 differ only in /www/index.html, to exercise image changes.
# flotilla-test/stream:1 and :2 add a CGI script that answers slowly (for drain tests).
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

# /www/cgi-bin/stream: a first line with the version and the container, then a tick every half
# second until /release exists (a test creates it with docker exec), then "end". A
# connection that stays open across a deploy, ended when the test chooses.
mkdir -p "$context/www/cgi-bin"
cat >"$context/www/cgi-bin/stream" <<'SCRIPT'
#!/bin/sh
printf 'Content-Type: text/plain\r\n\r\n'
echo "$(cat /www/index.html) $(hostname)"
while [ ! -e /release ]; do echo tick; sleep 0.5; done
echo end
SCRIPT
chmod +x "$context/www/cgi-bin/stream"
for version in 1 2; do
  echo "v$version" >"$context/www/index.html"
  docker build -q -t "flotilla-test/stream:$version" "$context" >/dev/null
  echo "built flotilla-test/stream:$version"
done
