#!/usr/bin/env bash
# Benchmark of new-post notifications: N subscribers (default 10,000), pacing off, the time from the publish
# request to the last e-mail accepted by a local SMTP sink, beside a baseline loop that sends the same number of
# messages of the same shape straight to the same kind of sink over one connection, in the same run.
# Both sides first send WARMUP messages (default 40,000) that are not timed, so that both are measured with their
# code compiled by the JIT rather than while it compiles (on this 2-core machine the compiler otherwise takes a
# large share of the CPU during the timed run): the baseline as the first messages of its loop, the platform as
# the notifications of a warm-up post of another creator with WARMUP subscribers. The report lists the
# application's CPU by thread; the JIT's compiler threads took 0.36 ms per timed e-mail after a warm-up of 5,000,
# 0.22 ms after 20,000 and 0.03 to 0.06 ms after 40,000 (the workers themselves about 0.2 ms).
# RATE=n paces the platform at n e-mails/s (platform.notifications.rate-per-second, taken from the shared bucket in
# PostgreSQL in chunks); the default 0 is unpaced. BENCH_DB, APP_PORT and SINK_PORT keep two runs on one machine apart.
# Needs: JDK 17, the local PostgreSQL and RabbitMQ. Usage: [WARMUP=n] [RATE=n] bench/notifications/run.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
WARMUP=${WARMUP:-40000}
DB=${BENCH_DB:-platform_bench_notifications}
APP_PORT=${APP_PORT:-8095}
SINK_PORT=${SINK_PORT:-2526}
OUT=bench/notifications/results
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.warm
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_file() { for _ in $(seq 1 600); do [ -s "$1" ] && return 0; sleep 0.2; done; echo "timed out waiting for $1" >&2; return 1; }
json() { sed -E "s/.*\"$2\":([0-9]+).*/\1/" "$1"; }

echo "== build"
# The mail classpath comes from the same reactor run: on a fresh machine the project's own modules are not in
# the local repository, so a separate dependency:build-classpath for one module could not resolve them.
./mvnw -q -B -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
  -Dmdep.outputFile=target/mail.cp -Dmdep.includeGroupIds=org.eclipse.angus,jakarta.mail,jakarta.activation
MAIL_CP=$(cat notification-saga/target/mail.cp)

cleanup() {
  [ -n "${SINK:-}" ] && kill "$SINK" 2>/dev/null || true
  [ -n "${APP:-}" ] && kill "$APP" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

echo "== baseline: $N messages (after $WARMUP untimed) in a loop over one SMTP connection"
java bench/notifications/SmtpSink.java "$SINK_PORT" "$N" "$OUT/baseline.json" "$WARMUP" > "$OUT/sink-baseline.log" 2>&1 &
SINK=$!
for _ in $(seq 1 100); do port_open "$SINK_PORT" && break; sleep 0.2; done
java -cp "$MAIL_CP" bench/notifications/BaselineSender.java "$SINK_PORT" "$((WARMUP + N))"
wait_file "$OUT/baseline.json"
kill "$SINK"; wait "$SINK" 2>/dev/null || true; SINK=
BASE_MS=$(( $(json "$OUT/baseline.json" last_ms) - $(json "$OUT/baseline.json" first_ms) ))

echo "== platform: $N subscribers, publish → last e-mail accepted"
$PSQL -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
java bench/notifications/SmtpSink.java "$SINK_PORT" "$N" "$OUT/platform.json" "$WARMUP" > "$OUT/sink-platform.log" 2>&1 &
SINK=$!
LOGGING_STRUCTURED_FORMAT_CONSOLE= java ${JAVA_OPTS:-} -jar platform-app/target/platform-app-0.1.0-SNAPSHOT.jar \
  --server.port="$APP_PORT" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" \
  --spring.mail.host=127.0.0.1 --spring.mail.port="$SINK_PORT" \
  --platform.notifications.rate-per-second="${RATE:-0}" --platform.notifications.queue-prefix="bench-$$" ${APP_ARGS:-} \
  > "$OUT/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null && break; sleep 0.5; done
B="http://127.0.0.1:$APP_PORT/api/v1"
# creator NAME: registers a creator, writes one post; prints "creator-id token post-id".
creator() {
  local id token post
  id=$(curl -sf -XPOST "$B/users/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1@example.com\",\"password\":\"bench-password\",\"username\":\"$1\",\"role\":\"creator\"}" \
    | sed -E 's/.*"id":"([^"]+)".*/\1/')
  token=$(curl -sf -XPOST "$B/users/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1@example.com\",\"password\":\"bench-password\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  post=$(curl -sf -XPOST "$B/posts" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"title":"Benchmark post","content":"An excerpt of the post. An excerpt of the post. An excerpt of the post."}' \
    | sed -E 's/.*"id":"([^"]+)".*/\1/')
  echo "$id $token $post"
}
read -r CREATOR TOKEN POST < <(creator bench_creator)
$PSQL -d "$DB" -v n="$N" -v creator="$CREATOR" -v prefix=bench -f bench/notifications/seed.sql
if [ "$WARMUP" -gt 0 ]; then
  read -r WARM_CREATOR WARM_TOKEN WARM_POST < <(creator warmup_creator)
  $PSQL -d "$DB" -v n="$WARMUP" -v creator="$WARM_CREATOR" -v prefix=warmup -f bench/notifications/seed.sql
fi
echo "   waiting for the notification side to know the $((N + WARMUP)) subscribers"
for _ in $(seq 1 900); do
  SEEN=$($PSQL -d "$DB" -Atc "SELECT count(*) FROM notification_subscriber WHERE active")
  [ "$SEEN" = "$((N + WARMUP))" ] && break; sleep 0.5
done
[ "$SEEN" = "$((N + WARMUP))" ] || { echo "only $SEEN subscribers projected" >&2; exit 1; }
if [ "$WARMUP" -gt 0 ]; then
  echo "   warm-up: a post to $WARMUP subscribers"
  curl -sf -o /dev/null -XPOST "$B/posts/$WARM_POST/publish" -H "Authorization: Bearer $WARM_TOKEN"
  wait_file "$OUT/platform.json.warm"
  for _ in $(seq 1 300); do
    curl -sf "$B/posts/$WARM_POST/notifications" -H "Authorization: Bearer $WARM_TOKEN" | grep -q '"pending":0' && break
    sleep 0.2
  done
fi

# CPU time (user + system, in clock ticks) of a list of processes: what each part of the system spent on the
# send, robust to a machine shared with other work (which lengthens the wall-clock time, not the CPU time).
ticks() { local t=0 p v; for p in "$@"; do v=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0); t=$((t + v)); done; echo "$t"; }
backends() { $PSQL -d postgres -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'"; }
declare -A PG0
for p in $(backends); do PG0[$p]=$(ticks "$p"); done
RABBIT=$(pgrep -f beam.smp | tr '\n' ' ')
APP0=$(ticks "$APP"); SINK0=$(ticks "$SINK"); RABBIT0=$(ticks $RABBIT)
# The application's CPU by thread (names as the kernel keeps them, 15 characters, digits folded), for the report.
threads() {
  for f in /proc/"$APP"/task/*/stat; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Z] (.*)$/\1|\2/' "$f" 2>/dev/null
  done | awk -F'|' '{ split($2, v, " "); name = $1; gsub(/[0-9]+/, "#", name); t[name] += v[11] + v[12] }
    END { for (n in t) print n "|" t[n] }'
}
threads > "$OUT/threads.before"

# With PGSS=1 (needs pg_stat_statements in shared_preload_libraries), the statements of the send are listed after.
[ "${PGSS:-0}" = 1 ] && $PSQL -d postgres -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null

T0=$(date +%s%3N)
curl -sf -o /dev/null -XPOST "$B/posts/$POST/publish" -H "Authorization: Bearer $TOKEN"
T_ANSWER=$(date +%s%3N)
wait_file "$OUT/platform.json"
PLATFORM_MS=$(( $(json "$OUT/platform.json" last_ms) - T0 ))
PG_TICKS=0
for p in $(backends); do PG_TICKS=$((PG_TICKS + $(ticks "$p") - ${PG0[$p]:-0})); done
APP_TICKS=$(( $(ticks "$APP") - APP0 )); SINK_TICKS=$(( $(ticks "$SINK") - SINK0 )); RABBIT_TICKS=$(( $(ticks $RABBIT) - RABBIT0 ))
threads > "$OUT/threads.after"
STATS=$(curl -sf "$B/posts/$POST/notifications" -H "Authorization: Bearer $TOKEN")

awk -v n="$N" -v b="$BASE_MS" -v p="$PLATFORM_MS" -v a="$((T_ANSWER - T0))" 'BEGIN {
  printf "\n| path | %d e-mails | e-mails/s |\n| --- | --- | --- |\n", n
  printf "| baseline loop, one SMTP connection | %.2f s | %.0f |\n", b/1000, n*1000/b
  printf "| platform: publish → last e-mail accepted (publish answered in %d ms) | %.2f s | %.0f |\n", a, p/1000, n*1000/p
  printf "\nratio platform/baseline (rate): %.2f\n", b/p
}'
awk -v n="$N" -v hz="$(getconf CLK_TCK)" -v a="$APP_TICKS" -v pg="$PG_TICKS" -v r="$RABBIT_TICKS" -v s="$SINK_TICKS" 'BEGIN {
  printf "\nCPU during the platform run, publish to last e-mail (ms per e-mail):\n"
  printf "application %.2f, PostgreSQL backends of the benchmark database %.2f, RabbitMQ (whole broker) %.2f, SMTP sink %.2f\n",
    a*1000/hz/n, pg*1000/hz/n, r*1000/hz/n, s*1000/hz/n
}'
echo "application threads (ms per e-mail):"
awk -F'|' -v n="$N" -v hz="$(getconf CLK_TCK)" 'NR == FNR { before[$1] = $2; next }
  { d = $2 - before[$1]; if (d > 0) printf "  %.3f  %s\n", d * 1000 / hz / n, $1 }' \
  "$OUT/threads.before" "$OUT/threads.after" | sort -nr | head -12
[ "${PGSS:-0}" = 1 ] && $PSQL -d postgres -c "SELECT calls, round(total_exec_time) AS ms, round(mean_exec_time::numeric, 3) AS mean_ms,
  left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS statement FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "stats after the run: $STATS"
