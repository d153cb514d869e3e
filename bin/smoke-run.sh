#!/usr/bin/env bash
# The README's first command as a newcomer runs it: `./onramp run` until it says the platform is
# running, the gateway answers (and refuses an unsigned API call), then a stop that must leave nothing
# running, and every port it opened on loopback only. Run by ./onramp test after the tests. The stop is SIGTERM to the launcher: a script's
# background job ignores SIGINT, and the JVM runs the same shutdown hook for both (Ctrl-C sends SIGINT).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
log=$(mktemp)
setsid ./onramp run > "$log" 2>&1 &
pid=$!
stop() { kill -TERM "$pid" 2>/dev/null || true; }
trap stop EXIT
deadline=$((SECONDS + 420))
until grep -q "Onramp is running" "$log"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "smoke: ./onramp run ended before the platform was ready:" >&2; tail -40 "$log" >&2; exit 1
  fi
  if [ "$SECONDS" -gt "$deadline" ]; then
    echo "smoke: ./onramp run was not ready within 420 s:" >&2; tail -40 "$log" >&2; exit 1
  fi
  sleep 2
done
grep -E "ready in|Onramp is running|Gateway|Tasklist" "$log" | sed 's/^/smoke: /'
curl -fsS -o /dev/null http://localhost:8080/actuator/health/readiness
unsigned=$(curl -s -o /dev/null -w '%{http_code}' http://localhost:8080/api/handoffs)
if [ "$unsigned" != 401 ]; then
  echo "smoke: an unsigned call to the gateway got $unsigned, not 401" >&2; exit 1
fi
# every socket the platform's processes listen on is on loopback, unless ONRAMP_BIND_ADDRESS opened it
platform="-jar $root/[a-z/-]+/target/[a-z-]+\.jar|$root/\.onramp/(keycloak|postgres)"
if [ -z "${ONRAMP_BIND_ADDRESS:-}" ] && command -v ss > /dev/null; then
  pids=$(pgrep -f -- "$platform" | paste -sd'|')
  sockets=$(ss -ltnpH | grep -E "pid=($pids)," | awk '{print $4}' | sort -u)
  if [ -z "$sockets" ]; then
    echo "smoke: found no listening socket of the platform's processes (ss -ltnp)" >&2; exit 1
  fi
  open=$(printf '%s\n' "$sockets" | grep -vE '^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]|\[::1\]):' || true)
  if [ -n "$open" ]; then
    echo "smoke: the platform listens beyond loopback: $(echo $open)" >&2; exit 1
  fi
  echo "smoke: all $(printf '%s\n' "$sockets" | grep -c .) listening sockets of the platform are on loopback"
fi
kill -TERM "$pid"
deadline=$((SECONDS + 120))
while kill -0 "$pid" 2>/dev/null; do
  if [ "$SECONDS" -gt "$deadline" ]; then echo "smoke: ./onramp run did not stop within 120 s" >&2; exit 1; fi
  sleep 1
done
trap - EXIT
# the platform's processes: its services' jars, Keycloak and PostgreSQL under .onramp
left=$(pgrep -f -- "$platform" || true)
if [ -n "$left" ]; then
  echo "smoke: still running after the stop:" >&2; ps -o pid,args -p $left >&2 || true; exit 1
fi
echo "smoke: ./onramp run started, answered and stopped cleanly (log $log)"
