#!/bin/bash
# The web console's memory cost: the assembled gateway (distribution/gateway/target/outpost-gateway) at its own
# -Xmx64m, started twice from fresh copies, with the webconsole feature and without it (its bundles taken out of
# bundle/), alternately ROUNDS times. VmRSS after SETTLE seconds; for the console run also after a login and
# one load of each Outpost page (curl); then, for both, after a full GC (jcmd GC.run). Prints figures, asserts
# nothing. Needs curl. JVM flags to try go in OUTPOST_JAVA_OPTS (the start script adds them).
# Usage: bench/webconsole/console-rss.sh [ROUNDS] [SETTLE]
set -eu
ROUNDS=${1:-2}
SETTLE=${2:-45}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIST="$ROOT/distribution/gateway/target/outpost-gateway"
WORK=$(mktemp -d /tmp/console-rss.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }

run() { # $1 = with|without
  local dir="$WORK/$1" port broker
  rm -rf "$dir"; cp -r "$DIST" "$dir"
  port=$(free_port); broker=$(free_port)
  sed -i "s/^port=.*/port=$broker/" "$dir/etc/io.outpost.broker.local.cfg"
  sed -i "s|^brokerUrl=.*|brokerUrl=tcp://127.0.0.1:$broker|" "$dir/etc/io.outpost.link.mqtt.cfg"
  echo "port=$port" > "$dir/etc/io.outpost.webconsole.https.cfg"
  if [ "$1" = without ]; then
    rm -f "$dir"/bundle/org.apache.felix.http.* "$dir"/bundle/org.apache.felix.webconsole* "$dir"/bundle/io.outpost.webconsole.* \
      "$dir"/bundle/org.apache.felix.inventory-* "$dir"/bundle/encoder-* "$dir"/bundle/commons-fileupload-* "$dir"/bundle/commons-io-*
  fi
  (cd "$dir" && exec ./bin/outpost-gateway < /dev/null > gateway.log 2>&1) &
  local pid=$!
  sleep "$SETTLE"
  local jpid; jpid=$(pgrep -P "$pid" java || echo "$pid")
  local idle; idle=$(rss "$jpid")
  local used="-"
  if [ "$1" = with ]; then
    local pw; pw=$(sed -n 's/^password=//p' "$dir/data/webconsole/initial-password")
    local b="https://127.0.0.1:$port/system/console" jar="$dir/cookies"
    curl -sk -c "$jar" -b "$jar" -o /dev/null -H "Origin: https://127.0.0.1:$port" --data-urlencode j_username=admin \
      --data-urlencode "j_password=$pw" "$b/outpost-login"
    for p in outpost-dashboard outpost-filter outpost-links outpost-updates outpost-requests bundles components configMgr; do
      curl -sk -b "$jar" -o /dev/null "$b/$p"
    done
    sleep 5
    used=$(rss "$jpid")
  fi
  # how much of it is heap the JVM keeps after use: a full collection gives back what MaxHeapFreeRatio allows
  local collected="-"
  if command -v jcmd > /dev/null && jcmd "$jpid" GC.run > /dev/null 2>&1; then
    sleep 2
    collected=$(rss "$jpid")
  fi
  echo "$1 console: VmRSS ${idle} MB after ${SETTLE} s; after login and every page: ${used} MB; after a full GC: ${collected} MB"
  kill "$jpid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

for i in $(seq 1 "$ROUNDS"); do
  run without
  run with
done
rm -rf "$WORK"
