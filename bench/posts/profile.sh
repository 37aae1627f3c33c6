#!/usr/bin/env bash
# CPU profile of one line in the platform and in the peer: GET /api/v1/posts/{id} (LINE=get, a creator reading its
# drafts, as reads-ab.sh's "get") or POST /api/v1/posts (LINE=post, a creator writing), one side after the other,
# with async-profiler (from Maven Central; itimer sampling, so it needs no perf events) attached to each warm JVM for
# one measurement. Unlike JFR's execution samples (PROFILE=1 of run.sh), which
# made the platform's read six times as expensive and spread its cost unevenly, it leaves the req/s near an
# unprofiled run's and counts native and kernel time (socket writes) too.
# Prints each side's req/s; writes collapsed stacks to bench/posts/results/profile-<line>-<time>/{platform,peer}.collapsed
# and the comparison (samples per 1,000 requests of every frame of the request threads, both sides) beside them.
#
# Usage: bench/posts/profile.sh    Environment: LINE (get), JAR (the platform jar), SECONDS_MEASURED (20),
#   SECONDS_WARMUP (40: of the line, before the profiler starts)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${JAR:-platform-app/target/platform-app-0.1.0-SNAPSHOT.jar}
SECONDS_MEASURED=${SECONDS_MEASURED:-20}
SECONDS_WARMUP=${SECONDS_WARMUP:-40}
LINE=${LINE:-get}
VERSION=4.1
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/async-profiler-$VERSION
LIB=$CACHE/linux-x64/libasyncProfiler.so
if [ ! -f "$LIB" ]; then
  mkdir -p "$CACHE"
  curl -sfL -o "$CACHE/ap.jar" "https://repo1.maven.org/maven2/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION.jar"
  (cd "$CACHE" && unzip -q -o ap.jar 'linux-x64/*')
fi
OUT=bench/posts/results/profile-$LINE-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
export PLATFORM_JWT_SECRET=bench-posts-secret-0123456789-0123456789
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
for d in platform_profile peer_profile; do
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" -c "CREATE DATABASE $d"
done
LOGGING_STRUCTURED_FORMAT_CONSOLE= java -Xms512m -Xmx1g -jar "$JAR" --server.port=18380 \
  --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/platform_profile \
  --platform.notifications.queue-prefix=profile > "$OUT/platform.log" 2>&1 &
PLATFORM=$!
LOGGING_STRUCTURED_FORMAT_CONSOLE= java -Xms512m -Xmx1g -jar bench/posts/peer/target/posts-peer.jar --server.port=18382 \
  --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/peer_profile > "$OUT/peer.log" 2>&1 &
PEER=$!
cleanup() {
  set +e
  kill $PLATFORM $PEER; wait $PLATFORM $PEER
  for d in platform_profile peer_profile; do "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $d WITH (FORCE)"; done
  for q in notifications.email notifications.email.retry notifications.email.dead analytics.post-views.v2; do
    timeout 20 rabbitmqctl -q delete_queue "profile.$q" >/dev/null 2>&1
  done
}
trap cleanup EXIT
for _ in $(seq 1 240); do curl -sf http://127.0.0.1:18380/actuator/health/readiness >/dev/null && break; sleep 0.5; done
B=http://127.0.0.1:18380/api/v1
curl -sf -XPOST "$B/users/register" -H 'Content-Type: application/json' \
  -d '{"email":"profile@example.com","password":"bench-password","username":"profile_creator","role":"creator"}' >/dev/null
TOKEN=$(curl -sf -XPOST "$B/users/login" -H 'Content-Type: application/json' \
  -d '{"email":"profile@example.com","password":"bench-password"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
export TOKEN
wrk -t2 -c8 -d20s -s bench/posts/reads-post-n.lua "$B/posts" > /dev/null
"${PSQL[@]}" -d platform_profile -Atc "SELECT id FROM post_view ORDER BY id LIMIT 2000" > "$OUT/platform-ids.txt"
for _ in $(seq 1 240); do (exec 3<>/dev/tcp/127.0.0.1/18382) 2>/dev/null && break; sleep 0.5; done
wrk -t2 -c8 -d20s -s bench/posts/reads-post-n.lua "http://127.0.0.1:18382/api/v1/posts" > /dev/null
"${PSQL[@]}" -d peer_profile -Atc "SELECT id FROM peer_post LIMIT 2000" > "$OUT/peer-ids.txt"
# measure SECONDS: the line against $port for $side
measure() {
  if [ "$LINE" = post ]; then
    wrk -t2 -c8 -d"$1"s -s bench/posts/post.lua "http://127.0.0.1:$port"
  else
    wrk -t2 -c8 -d"$1"s -s bench/posts/get.lua "http://127.0.0.1:$port" -- "$OUT/$side-ids.txt"
  fi
}
for side in platform peer; do
  pid=$PLATFORM port=18380
  [ $side = peer ] && pid=$PEER port=18382
  measure "$SECONDS_WARMUP" > "$OUT/$side-warmup.txt"
  # jcmd reads name=value pairs itself: the agent's option string goes in quotes.
  jcmd $pid JVMTI.agent_load "$LIB" "\"start,event=itimer,interval=1ms,file=$(pwd)/$OUT/$side.collapsed,collapsed,threads\"" >/dev/null
  measure "$SECONDS_MEASURED" > "$OUT/$side.txt"
  jcmd $pid JVMTI.agent_load "$LIB" "\"stop,file=$(pwd)/$OUT/$side.collapsed,collapsed,threads\"" >/dev/null
  echo "$side: $(sed -n 's/^Requests\/sec: *//p' "$OUT/$side.txt") req/s under the profiler"
done
requests() { awk '/requests in/ {print $1}' "$OUT/$1.txt"; }
python3 bench/posts/collapsed.py "$OUT/platform.collapsed" "$(requests platform)" "$OUT/peer.collapsed" "$(requests peer)" \
  > "$OUT/comparison.txt"
echo "comparison: $OUT/comparison.txt"
