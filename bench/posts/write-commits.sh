#!/usr/bin/env bash
# What the database does per write: one platform jar on a fresh database, POST /api/v1/posts at 8 connections for
# WARMUP (60) s, then MEASURED (20) s, and over those: req/s, and per appended event the database's commits
# (pg_stat_database, read-only transactions included) and the token updates of every processor (pg_stat_user_tables
# of token_entry). A longer window than ab.sh's slices, for counts that PostgreSQL's statistics report late.
#
# With STATEMENTS=1 it also lists the statements of the measured window per appended event (calls, and the
# database's time in them), which needs pg_stat_statements loaded by the server (shared_preload_libraries).
#
# Usage: bench/posts/write-commits.sh [JAR]
# Environment: WARMUP (60), MEASURED (20), PORT (18392), STATEMENTS (0), WIDTH (140, of each statement shown),
#   LUA (bench/posts/post.lua)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${1:-platform-app/target/platform-app-0.1.0-SNAPSHOT.jar}
WARMUP=${WARMUP:-60}
MEASURED=${MEASURED:-20}
PORT=${PORT:-18392}
STATEMENTS=${STATEMENTS:-0}
LUA=${LUA:-bench/posts/post.lua}
DB=platform_write_commits
export PLATFORM_JWT_SECRET=bench-posts-secret-0123456789-0123456789
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
LOG=$(mktemp)
LOGGING_STRUCTURED_FORMAT_CONSOLE= java -Xms512m -Xmx1g -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --platform.notifications.queue-prefix=write-commits \
  > "$LOG" 2>&1 &
APP=$!
cleanup() {
  set +e
  kill $APP; wait $APP
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  for q in notifications.email notifications.email.retry notifications.email.dead analytics.post-views.v2; do
    timeout 20 rabbitmqctl -q delete_queue "write-commits.$q" >/dev/null 2>&1
  done
  rm -f "$LOG"
}
trap cleanup EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break; sleep 0.5; done
B=http://127.0.0.1:$PORT/api/v1
curl -sf -XPOST "$B/users/register" -H 'Content-Type: application/json' \
  -d '{"email":"commits@example.com","password":"bench-password","username":"commits_creator","role":"creator"}' >/dev/null
TOKEN=$(curl -sf -XPOST "$B/users/login" -H 'Content-Type: application/json' \
  -d '{"email":"commits@example.com","password":"bench-password"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
export TOKEN
wrk -t2 -c8 -d"$WARMUP"s -s "$LUA" "http://127.0.0.1:$PORT" > /dev/null
counts() {
  "${PSQL[@]}" -d "$DB" -Atc "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'),
    (SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'token_entry'),
    (SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'domain_event_entry')"
}
sleep 2 # the statistics of the warm-up's last transactions
if [ "$STATEMENTS" = 1 ]; then
  "${PSQL[@]}" -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
fi
before=$(counts)
rate=$(wrk -t2 -c8 -d"$MEASURED"s -s "$LUA" "http://127.0.0.1:$PORT" | sed -n 's/^Requests\/sec: *//p')
sleep 2
after=$(counts)
echo "$JAR: $rate req/s" 
awk -F'|' -v b="$before" -v a="$after" 'BEGIN {
  split(b, x, "|"); split(a, y, "|"); events = y[3] - x[3]
  printf "events %d, commits per event %.2f, token updates per event %.2f\n", events, (y[1] - x[1]) / events,
    (y[2] - x[2]) / events }'
if [ "$STATEMENTS" = 1 ]; then
  events=$(awk -F'|' -v b="$before" -v a="$after" 'BEGIN { split(b, x, "|"); split(a, y, "|"); print y[3] - x[3] }')
  "${PSQL[@]}" -d "$DB" -P pager=off -c "SELECT round(calls::numeric / $events, 3) AS per_event,
      round((total_exec_time / $events)::numeric, 4) AS ms_per_event, left(regexp_replace(query, '\s+', ' ', 'g'), ${WIDTH:-140}) AS statement
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$DB')
    ORDER BY calls DESC LIMIT 40"
fi
