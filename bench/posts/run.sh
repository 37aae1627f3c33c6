#!/usr/bin/env bash
# Benchmark of POST /api/v1/posts and GET /api/v1/posts/{id} through the real API with a real token, beside a
# peer that does the least a plain service would (bench/posts/peer: the same HS256 check, one JDBC statement
# per request) and pgbench inserting one event-shaped row per transaction, all in one run on this machine.
# Prints a markdown table (req/s, latency, CPU and database work per request, ratios platform/peer) and saves
# it as bench/posts/results/<UTC time>.md; raw outputs and logs go to bench/posts/results/<UTC time>/.
#
# Usage: bench/posts/run.sh
# Environment: DURATION (s per measurement, 20), WARMUP (s before each, at least, 10), WARMUP_MAX (90) and JIT_QUIET
#   (100: a JVM's warm-up goes on in 5 s slices until its JIT compiler threads use less than this many ms of CPU
#   per second, up to WARMUP_MAX s), CONNECTIONS (8), THREADS (2),
#   APP_PORT (18080), PEER_PORT (18090), SKIP_BUILD=1 (reuse the jars), PROFILE=1 (Java Flight Recorder on
#   both JVMs during each measurement, summarised by bench/posts/hot.py; costs a few %: not for the record),
#   KEEP_DATABASES=1 (leave the three databases for inspection).
# Needs: JDK 17, the local PostgreSQL and RabbitMQ, wrk, pgbench.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
WARMUP_MAX=${WARMUP_MAX:-90}
JIT_QUIET=${JIT_QUIET:-100}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-2}
APP_PORT=${APP_PORT:-18080}
PEER_PORT=${PEER_PORT:-18090}
DB=platform_bench_posts
PEER_DB=platform_bench_peer
PGBENCH_DB=platform_bench_pgbench
RABBIT_PREFIX=bench-posts
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/posts/results
RUN=$OUT/$STAMP
mkdir -p "$RUN"
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
JAVA_OPTS=(-Xms512m -Xmx1g)
[ "${PROFILE:-}" = 1 ] && JAVA_OPTS+=(-XX:FlightRecorderOptions:stackdepth=256)
# One secret for both: the peer verifies the platform's tokens exactly as the platform does.
export PLATFORM_JWT_SECRET=bench-posts-secret-0123456789-0123456789
export PLATFORM_JWT_ISSUER=creator-platform
HZ=$(getconf CLK_TCK)

log() { echo "== $*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# PostgreSQL is shared with other engineers' test suites and may be at max_connections for a moment: retry.
sql() { local try; for try in 1 2 3 4 5 6 7 8 9 10; do "${PSQL[@]}" "$@" && return 0; sleep 1; done; return 1; }

cleanup() {
  set +e
  for pid in ${APP:-} ${PEER:-}; do kill "$pid" 2>/dev/null; done
  for pid in ${APP:-} ${PEER:-}; do wait "$pid" 2>/dev/null; done
  if [ "${KEEP_DATABASES:-}" != 1 ]; then
    for db in $DB $PEER_DB $PGBENCH_DB; do sql -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
  fi
  for queue in email email.retry email.dead; do
    timeout 20 rabbitmqctl -q delete_queue "$RABBIT_PREFIX.notifications.$queue" >/dev/null 2>&1
  done
  for exchange in notifications notifications.dlx; do
    timeout 20 rabbitmqctl eval "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange,
      <<\"$RABBIT_PREFIX.$exchange\">>), false, <<\"bench\">>)." >/dev/null 2>&1
  done
}
trap cleanup EXIT

if [ "${SKIP_BUILD:-}" != 1 ]; then
  log "build: platform jar and peer jar"
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package
  ./mvnw -q -B -f bench/posts/peer/pom.xml package
fi

log "fresh databases"
for db in $DB $PEER_DB $PGBENCH_DB; do
  sql -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
done
sql -d $PGBENCH_DB -f bench/posts/event-table.sql

log "start the platform (:$APP_PORT) and the peer (:$PEER_PORT)"
LOGGING_STRUCTURED_FORMAT_CONSOLE= java "${JAVA_OPTS[@]}" -jar platform-app/target/platform-app-0.1.0-SNAPSHOT.jar \
  --server.port="$APP_PORT" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" \
  --platform.notifications.queue-prefix="$RABBIT_PREFIX" > "$RUN/platform.log" 2>&1 &
APP=$!
LOGGING_STRUCTURED_FORMAT_CONSOLE= java "${JAVA_OPTS[@]}" -jar bench/posts/peer/target/posts-peer.jar \
  --server.port="$PEER_PORT" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$PEER_DB" \
  > "$RUN/peer.log" 2>&1 &
PEER=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null && port_open "$PEER_PORT" && break
  kill -0 "$APP" && kill -0 "$PEER" || { echo "an application died, see $RUN/*.log" >&2; exit 1; }
  sleep 0.5
done
B="http://127.0.0.1:$APP_PORT/api/v1"
P="http://127.0.0.1:$PEER_PORT/api/v1"

log "register a creator through the platform and log in"
curl -sf -XPOST "$B/users/register" -H 'Content-Type: application/json' \
  -d '{"email":"bench-creator@example.com","password":"bench-password","username":"bench_creator","role":"creator"}' \
  >/dev/null
TOKEN=$(curl -sf -XPOST "$B/users/login" -H 'Content-Type: application/json' \
  -d '{"email":"bench-creator@example.com","password":"bench-password"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
export TOKEN
for base in "$B" "$P"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -XPOST "$base/posts" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d '{"title":"First","content":"A first post."}')
  [ "$code" = 201 ] || { echo "POST $base/posts answered $code with the platform's token" >&2; exit 1; }
done

# CPU ticks of a process and of each backend of its database ("pid:ticks,..."), and of the whole machine.
ticks() { [ -r "/proc/$1/stat" ] && sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}' || echo 0; }
backends() { sql -d postgres -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$1'"; }
cpu_counters() { # PID DB
  local pid list=
  for pid in $(backends "$2"); do list="$list$pid:$(ticks "$pid"),"; done
  echo "proc=${1:+$(ticks "$1")};backends=$list;machine=$(awk '/^cpu /{print $2+$3+$4+$7+$8 " " $2+$3+$4+$5+$6+$7+$8}' /proc/stat)"
}
db_counters() { sql -d postgres -Atc "SELECT xact_commit || ' ' || tup_inserted || ' ' || tup_updated || ' '
  || tup_fetched FROM pg_stat_database WHERE datname = '$1'"; }
table_counters() { sql -d $DB -AtF ' ' -c "SELECT relname, seq_scan, coalesce(idx_scan, 0), n_tup_ins, n_tup_upd,
  n_tup_del FROM pg_stat_user_tables ORDER BY relname"; }
compiler_ms() { jcmd "$1" Thread.print | awk '/CompilerThread/ { for (i = 1; i <= NF; i++) if ($i ~ /^cpu=/) {
  sub("cpu=", "", $i); sub("ms", "", $i); sum += $i } } END { printf "%d", sum }'; }
scrape() { curl -sf "http://127.0.0.1:$APP_PORT/actuator/prometheus" > "$1" || true; }

# measure NAME PID DB -- COMMAND...: a warm-up run, then the measured run (the command gets the seconds as its last
# argument); one line of counters per measurement goes to $ROWS for report.py.
ROWS=$RUN/rows.txt
: > "$ROWS"
measure() {
  local name=$1 pid=$2 db=$3 db0 db1 cpu0 cpu1 t0 t1 load_now warmed
  shift 4
  log "$name: warm-up (load average $(load))"
  "$@" "$WARMUP" > "$RUN/$name.warmup.txt"
  warmed=$WARMUP
  # The JIT compiles the platform's larger code base for a minute or more on 2 busy cores: a JVM is warm once
  # its compiler threads used less than JIT_QUIET ms of CPU per second over a 5 s slice (at most WARMUP_MAX s).
  while [ -n "$pid" ] && [ "$warmed" -lt "$WARMUP_MAX" ]; do
    local jit0 jit1
    jit0=$(compiler_ms "$pid")
    "$@" 5 >> "$RUN/$name.warmup.txt"
    jit1=$(compiler_ms "$pid")
    warmed=$((warmed + 5))
    [ $(((jit1 - jit0) / 5)) -lt "$JIT_QUIET" ] && break
  done
  log "$name: warm after ${warmed}s, ${DURATION}s measured (load average $(load))"
  sleep 2 # the database's statistics are flushed about once a second
  db0=$(db_counters "$db")
  [ "$db" = "$DB" ] && table_counters > "$RUN/$name.tables.before"
  [ "$pid" = "$APP" ] && scrape "$RUN/$name.prometheus.before"
  if [ "${PROFILE:-}" = 1 ] && [ -n "$pid" ]; then
    jcmd "$pid" JFR.start name="$name" settings=profile filename="$(pwd)/$RUN/$name.jfr" >/dev/null
  fi
  [ -n "$pid" ] && jcmd "$pid" Thread.print > "$RUN/$name.threads.before"
  load_now=$(load)
  if [ -n "$pid" ]; then
    t0=$(date +%s.%N); cpu0=$(cpu_counters "$pid" "$db")
    "$@" "$DURATION" > "$RUN/$name.txt"
    cpu1=$(cpu_counters "$pid" "$db"); t1=$(date +%s.%N)
  else # pgbench: its backends live only while it runs, so they are read from its second second to near its end
    "$@" "$DURATION" > "$RUN/$name.txt" &
    local runner=$!
    sleep 1
    t0=$(date +%s.%N); cpu0=$(cpu_counters "" "$db")
    sleep $((DURATION - 2))
    cpu1=$(cpu_counters "" "$db"); t1=$(date +%s.%N)
    wait "$runner"
  fi
  [ -n "$pid" ] && jcmd "$pid" Thread.print > "$RUN/$name.threads.after"
  if [ "${PROFILE:-}" = 1 ] && [ -n "$pid" ]; then jcmd "$pid" JFR.stop name="$name" >/dev/null; fi
  [ "$pid" = "$APP" ] && scrape "$RUN/$name.prometheus.after"
  sleep 2
  db1=$(db_counters "$db")
  [ "$db" = "$DB" ] && table_counters > "$RUN/$name.tables.after"
  echo "name=$name;load=$load_now;warmup=$warmed;seconds=$t0 $t1;db0=$db0;db1=$db1;before;$cpu0;after;$cpu1" >> "$ROWS"
}
wrk_run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3"s --latency -s "bench/posts/$1.lua" "$2" ${IDS:+-- "$IDS"}; }
pgbench_run() { local try; for try in 1 2 3 4 5; do
  pgbench -h 127.0.0.1 -U postgres -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$1" \
    -f bench/posts/event-insert.sql $PGBENCH_DB 2>&1 && return 0; sleep 2; done; return 1; }

IDS= measure platform-post "$APP" $DB -- wrk_run post "$B/posts"
IDS= measure peer-post "$PEER" $PEER_DB -- wrk_run post "$P/posts"
sql -d $DB -Atc "SELECT id FROM post_view ORDER BY random() LIMIT 5000" > "$RUN/platform-ids.txt"
sql -d $PEER_DB -Atc "SELECT id FROM peer_post ORDER BY random() LIMIT 5000" > "$RUN/peer-ids.txt"
IDS=$RUN/platform-ids.txt measure platform-get "$APP" $DB -- wrk_run get "http://127.0.0.1:$APP_PORT"
IDS=$RUN/peer-ids.txt measure peer-get "$PEER" $PEER_DB -- wrk_run get "http://127.0.0.1:$PEER_PORT"
IDS= measure pgbench-insert "" $PGBENCH_DB -- pgbench_run

log "database side: plans of the two reads, sizes of the stored events"
{
  echo "-- platform: GET /posts/{id}"
  sql -d $DB -c "EXPLAIN (ANALYZE, BUFFERS) SELECT id, creator_id, title, content, status, published_at,
    created_at, updated_at, view_count FROM post_view WHERE id = '$(head -1 "$RUN/platform-ids.txt")'"
  echo "-- peer: GET /posts/{id}"
  sql -d $PEER_DB -c "EXPLAIN (ANALYZE, BUFFERS) SELECT id, creator_id, title, content, created_at
    FROM peer_post WHERE id = '$(head -1 "$RUN/peer-ids.txt")'"
  echo "-- bytes per event: platform PostCreated, pgbench row"
  sql -d $DB -Atc "SELECT 'platform payload', avg(octet_length(payload))::int, 'meta_data',
    avg(octet_length(meta_data))::int FROM domain_event_entry WHERE payload_type LIKE '%PostCreated'"
  sql -d $PGBENCH_DB -Atc "SELECT 'pgbench payload', avg(octet_length(payload))::int, 'meta_data',
    avg(octet_length(meta_data))::int FROM bench_event"
  echo "-- rows written per table during the run (platform)"
  sql -d $DB -Atc "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables
    WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY relname"
} > "$RUN/database.txt" 2>&1
WARNINGS=$(grep -c 'has not applied' "$RUN/platform.log" || true)

log "report"
python3 bench/posts/report.py "$ROWS" "$HZ" "$RUN" "$WARNINGS" "$STAMP" \
  "$DURATION" "$WARMUP" "$CONNECTIONS" "$THREADS" "${PROFILE:-0}" > "$OUT/$STAMP.md"
cat "$OUT/$STAMP.md"
if [ "${PROFILE:-}" = 1 ]; then
  for f in "$RUN"/*.jfr; do
    python3 bench/posts/hot.py "$f" "$(sed -n 's/^RESULT .*requests=\([0-9]*\).*/\1/p' "${f%.jfr}.txt")" > "${f%.jfr}.hot.txt"
  done
  log "profiles: $RUN/*.hot.txt"
fi
