#!/usr/bin/env bash
# Benchmark of the posts read model's rebuild: EVENTS post events (default 1,000,000) appended to a fresh event
# store with SQL (bench/rebuild/seed.sql), then the platform's own rebuild (`--platform.rebuild=posts`, the
# command line operators use) timed from the reset to the moment the processor has reached the head, beside a
# raw pass in the same run (bench/rebuild/RawPass.java: plain JDBC reading the same events in order and writing
# the same rows with batched statements). The two tables are compared row by row.
# Needs: JDK 17, the local PostgreSQL and RabbitMQ (pg_stat_statements, when loaded, adds the statements of the rebuild).
# Usage: bench/rebuild/run.sh [EVENTS]
# Options (environment): SKIP_BUILD=1, CREATORS (1000), RAW_BATCH (1000), PROFILE=1 (Java Flight Recorder during
# the rebuild, results/<time>/rebuild.jfr), APP_ARGS (more arguments for the rebuilding application),
# KEEP_DATABASE=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${1:-1000000}
CREATORS=${CREATORS:-1000}
DB=platform_bench_rebuild
URL="jdbc:postgresql://127.0.0.1:5432/$DB"
APP_PORT=${APP_PORT:-8097}
RABBIT_PREFIX=bench-rebuild
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN=bench/rebuild/results/$STAMP
mkdir -p "$RUN"
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
JAR=platform-app/target/platform-app-0.1.0-SNAPSHOT.jar
JAVA_OPTS=(-Xms1g -Xmx1g)

log() { echo "== $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
sql() { "${PSQL[@]}" "$@"; }
now_ms() { date +%s%3N; }
# CPU seconds of every process on the machine (user, nice, system, irq, softirq in /proc/stat), for the share of
# PostgreSQL beside a pass's own process (measured with /usr/bin/time).
machine_cpu() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.1f", ($2 + $3 + $4 + $7 + $8) / hz }' /proc/stat; }

cleanup() {
  set +e
  [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null && wait "$APP" 2>/dev/null
  [ "${KEEP_DATABASE:-}" != 1 ] && sql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  for queue in notifications.email notifications.email.retry notifications.email.dead analytics.post-views; do
    timeout 20 rabbitmqctl -q delete_queue "$RABBIT_PREFIX.$queue" >/dev/null 2>&1
  done
  for exchange in notifications notifications.dlx analytics; do
    timeout 20 rabbitmqctl eval "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange,
      <<\"$RABBIT_PREFIX.$exchange\">>), false, <<\"bench\">>)." >/dev/null 2>&1
  done
}
trap cleanup EXIT

# The application as the benchmark runs it: its own database and RabbitMQ names, plain-text logs. JVM options
# from JVM_EXTRA, application arguments as arguments.
JVM_EXTRA=()
TIMED=()
app() {
  LOGGING_STRUCTURED_FORMAT_CONSOLE= exec ${TIMED[@]+"${TIMED[@]}"} java "${JAVA_OPTS[@]}" ${JVM_EXTRA[@]+"${JVM_EXTRA[@]}"} -jar "$JAR" \
    --server.port="$APP_PORT" --spring.datasource.url="$URL" --platform.notifications.queue-prefix="$RABBIT_PREFIX" \
    --platform.analytics.queue-prefix="$RABBIT_PREFIX" "$@"
}

if [ "${SKIP_BUILD:-}" != 1 ]; then
  log "build: platform jar, and the raw pass's class path from the same reactor run"
  ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
    -Dmdep.outputFile=target/rebuild-bench.cp \
    -Dmdep.includeGroupIds=org.postgresql,com.fasterxml.jackson.core,com.fasterxml.jackson.datatype
fi
RAW_CP="$(cat platform-app/target/rebuild-bench.cp):shared-api/target/classes"

# Readiness, not the overall health: the overall one includes the mail server, and none runs here.
log "fresh database; the application creates its schema and its processors' tokens, then stops"
sql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
app > "$RUN/app-schema.log" 2>&1 &
APP=$!
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null && break
  kill -0 "$APP" 2>/dev/null || { echo "the application did not start, see $RUN/app-schema.log" >&2; exit 1; }
  sleep 0.5
done
kill "$APP"; wait "$APP" || true; APP=

log "seeding $EVENTS post events of $CREATORS creators (load $(load))"
T=$(now_ms)
sql -d "$DB" -v n="$EVENTS" -v creators="$CREATORS" -f bench/rebuild/seed.sql
HEAD=$(sql -d "$DB" -Atc "SELECT max(global_index) FROM domain_event_entry")
# Every processor stands at the head, as on a live system: only the rebuild replays history.
sql -d "$DB" -c "UPDATE token_entry SET token = convert_to('{\"index\":$HEAD,\"gaps\":[]}', 'UTF8'),
  token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = NULL"
log "seeded up to global index $HEAD in $(( ($(now_ms) - T) / 1000 )) s: $(sql -d "$DB" -Atc "SELECT string_agg(n || ' ' || t, ', ' ORDER BY t) FROM (SELECT count(*) n, substr(payload_type, 23) t FROM domain_event_entry GROUP BY 2) x")"

DBID=$(sql -d postgres -Atc "SELECT oid FROM pg_database WHERE datname = '$DB'")
sql -d postgres -c "SELECT pg_stat_statements_reset(0, $DBID, 0)" >/dev/null || true

log "rebuild: --platform.rebuild=posts (load $(load))"
[ "${PROFILE:-}" = 1 ] && JVM_EXTRA+=(-XX:FlightRecorderOptions:stackdepth=256 "-XX:StartFlightRecording=filename=$RUN/rebuild.jfr,settings=profile")
LOAD_BEFORE_REBUILD=$(load)
CPU_BEFORE_REBUILD=$(machine_cpu)
TIMED=(/usr/bin/time -f '%U %S' -o "$RUN/rebuild-cpu.txt")
set +e
app --platform.rebuild=posts ${APP_ARGS:-} > "$RUN/app-rebuild.log" 2>&1 &
APP=$!
wait "$APP"; CODE=$?; APP=
set -e
LOAD_AFTER_REBUILD=$(load)
CPU_REBUILD=$(awk -v b="$CPU_BEFORE_REBUILD" -v a="$(machine_cpu)" 'BEGIN { printf "%.1f", a - b }')
TIMED=()
[ "$CODE" = 0 ] || { echo "the rebuild exited with $CODE, see $RUN/app-rebuild.log" >&2; exit 1; }
# The rebuild command logs the reset ("rebuilding posts up to position N") and the end ("rebuilt posts up to
# position N", polled every 200 ms); the log lines' own time stamps give the duration.
stamp() { grep -m1 "$1" "$RUN/app-rebuild.log" | grep -oE '^[0-9T:.+Z-]+' | head -1; }
START=$(date -d "$(stamp 'rebuilding posts up to position')" +%s%3N)
END=$(date -d "$(stamp 'rebuilt posts up to position')" +%s%3N)
REBUILD_MS=$((END - START))
grep -E "rebuilding posts|rebuilt posts" "$RUN/app-rebuild.log" | cut -c1-200 > "$RUN/rebuild-progress.txt"
sql -d postgres -c "\copy (SELECT calls, round(total_exec_time::numeric, 0) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 150) AS query FROM pg_stat_statements WHERE dbid = $DBID ORDER BY total_exec_time DESC LIMIT 15) TO '$RUN/rebuild-statements.csv' CSV HEADER" || true

log "raw pass: plain JDBC, same events, same rows (load $(load))"
LOAD_BEFORE_RAW=$(load)
CPU_BEFORE_RAW=$(machine_cpu)
RAW=$(/usr/bin/time -f '%U %S' -o "$RUN/raw-cpu.txt" java -cp "$RAW_CP" bench/rebuild/RawPass.java "$URL" "$HEAD" "${RAW_BATCH:-1000}")
CPU_RAW=$(awk -v b="$CPU_BEFORE_RAW" -v a="$(machine_cpu)" 'BEGIN { printf "%.1f", a - b }')
LOAD_AFTER_RAW=$(load)
RAW_EVENTS=$(echo "$RAW" | sed -E 's/.*events=([0-9]+).*/\1/')
RAW_MS=$(echo "$RAW" | sed -E 's/.*ms=([0-9]+).*/\1/')

log "comparing post_view with raw_post_view"
COLUMNS="id, creator_id, title, content, status, published_at, created_at, updated_at, version, listed_at"
DIFF=$(sql -d "$DB" -Atc "SELECT (SELECT count(*) FROM (SELECT $COLUMNS FROM post_view EXCEPT SELECT $COLUMNS FROM raw_post_view) a)
  + (SELECT count(*) FROM (SELECT $COLUMNS FROM raw_post_view EXCEPT SELECT $COLUMNS FROM post_view) b)")
ROWS=$(sql -d "$DB" -Atc "SELECT (SELECT count(*) FROM post_view) || ' ' || (SELECT count(*) FROM raw_post_view)
  || ' ' || (SELECT count(*) FROM post_view WHERE status = 'published')")
read -r PV_ROWS RAW_ROWS PUBLISHED <<< "$ROWS"
DEAD=$(sql -d "$DB" -Atc "SELECT count(*) FROM dead_letter_entry")

{
  echo "# Rebuild of post_view from $HEAD events ($STAMP)"
  echo
  echo '```'
  OPTIONS=""
  for option in SKIP_BUILD CREATORS RAW_BATCH PROFILE APP_ARGS KEEP_DATABASE; do
    [ -n "${!option:-}" ] && OPTIONS+="$option=\"${!option}\" "
  done
  echo "${OPTIONS}bench/rebuild/run.sh $EVENTS"
  echo '```'
  echo
  echo "| pass | events | seconds | events/s | CPU s of the pass's process | CPU s of the machine | load average (1, 5, 15 min) before → after |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
  awk -v e="$HEAD" -v ms="$REBUILD_MS" -v a="$LOAD_BEFORE_REBUILD" -v b="$LOAD_AFTER_REBUILD" \
    -v own="$(awk '{ print $1 + $2 }' "$RUN/rebuild-cpu.txt")" -v all="$CPU_REBUILD" \
    'BEGIN { printf "| platform rebuild (`--platform.rebuild=posts`) | %d | %.1f | %.0f | %.1f | %.1f | %s → %s |\n", e, ms/1000, e*1000/ms, own, all, a, b }'
  awk -v e="$RAW_EVENTS" -v ms="$RAW_MS" -v a="$LOAD_BEFORE_RAW" -v b="$LOAD_AFTER_RAW" \
    -v own="$(awk '{ print $1 + $2 }' "$RUN/raw-cpu.txt")" -v all="$CPU_RAW" \
    'BEGIN { printf "| raw pass (plain JDBC, batched) | %d | %.1f | %.0f | %.1f | %.1f | %s → %s |\n", e, ms/1000, e*1000/ms, own, all, a, b }'
  echo
  echo "CPU s of the pass's process: user + system of the whole process (the rebuild's includes its start-up and"
  echo "shutdown); of the machine: every process during the pass (the rest is mostly PostgreSQL)."
  echo
  awk -v r="$REBUILD_MS" -v w="$RAW_MS" -v e="$HEAD" -v we="$RAW_EVENTS" \
    'BEGIN { printf "ratio rebuild/raw (events/s): %.2f\n", (e*1000/r)/(we*1000/w) }'
  echo
  if [ "$DIFF" = 0 ] && [ "$PV_ROWS" = "$RAW_ROWS" ]; then
    echo "check: post_view and raw_post_view are equal ($PV_ROWS rows, $PUBLISHED published, every column); dead letters: $DEAD"
  else
    echo "check FAILED: $DIFF rows differ (post_view $PV_ROWS rows, raw_post_view $RAW_ROWS rows); dead letters: $DEAD"
  fi
  echo
  echo "machine: $(nproc) CPUs; uptime at the end: $(uptime)"
  echo
  echo "rebuild progress (the rebuild command's log):"
  echo '```'
  cat "$RUN/rebuild-progress.txt"
  echo '```'
} | tee "$RUN.md"
[ "$DIFF" = 0 ] && [ "$PV_ROWS" = "$RAW_ROWS" ]
