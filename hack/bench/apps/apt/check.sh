#!/bin/sh
# Checks that each URL given (default: the local registry) answers, and
# prints one line per URL with its HTTP status and time.
set -eu

echo "Hello from the apt bench app"
[ "$#" -gt 0 ] || set -- http://127.0.0.1:5000/v2/
status=0
for url in "$@"; do
  if out=$(curl -sS -o /dev/null --max-time 5 -w '%{http_code} %{time_total}s' "$url"); then
    echo "$url: $out"
  else
    echo "$url: unreachable"
    status=1
  fi
done
exit "$status"
