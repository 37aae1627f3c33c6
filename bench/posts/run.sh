#!/usr/bin/env bash
# Benchmark of the platform's main routes through the real API with real tokens, beside a peer that does the
# least a plain service would (bench/posts/peer: the same HS256 check, one or two JDBC statements per request) and
# pgbench inserting one event-shaped row per transaction, all in one run on this machine, so that every ratio
# compares figures of the same run. The lines (issue 17's table of targets; docs/benchmarks.md describes each):
#   POST /posts (a creator writes), GET /posts/{id} by its creator (drafts), GET /posts/{id} by a reader (published
#   posts: each read records a view), GET /creators/{id}/posts?limit=20 (a reader lists a creator's posts),
#   POST /posts/{id}/comments (a reader comments on a published post), pgbench, and the mixed load (writers and
#   readers of one published post at once, MIXED_DURATION s) on each side.
# Prints a markdown report (req/s, latency, failures, read-your-writes timeouts, CPU and database work per request,
# the targets met or missed) and saves it as bench/posts/results/<UTC time>.md; raw outputs and logs go to
# bench/posts/results/<UTC time>/.
#
# Usage: bench/posts/run.sh
# Environment: DURATION (s per measurement, 20), WARMUP (s before each, at least, 10), WARMUP_MAX (90) and JIT_QUIET
#   (100: a JVM's warm-up goes on in 5 s slices until its JIT compiler threads use less than this many ms of CPU
#   per second, up to WARMUP_MAX s), CONNECTIONS (8), THREADS (wrk threads per wrk process, 2),
#   PUBLISHED (200: posts a second creator writes and publishes through the API before the measurements; the
#   reader reads them, lists them and comments on them), COMMENT_POSTS (1: how many of them the comment line
#   spreads its comments over), MIXED_DURATION (s, 60), MIXED_WRITERS (25), MIXED_READERS (25), MIXED_PEER (1: also
#   the peer under the mixed load, for reference; 0 skips it), WRK_TIMEOUT (10s: an answer slower than this counts
#   as a socket error and its latency is lost; wrk's own default of 2 s would hide the slowest answers), LINES (every line: a space-separated subset of
#   post get reader list comment pgbench mixed, for a quick check; the ratios need both sides of a line), APP_ARGS
#   (more arguments of the platform, e.g. --platform.projections.inline= for the streaming projections alone),
#   APP_PORT (18080), PEER_PORT (18090), SKIP_BUILD=1 (reuse the jars), PROFILE=1 (Java Flight Recorder on
#   both JVMs during each measurement, summarised by bench/posts/hot.py; costs a few %: not for the record),
#   KEEP_DATABASES=1 (leave the three databases for inspection), THREADS_MIN_MS (0.05: the report's table of JVM
#   threads shows the groups that used at least this many ms of CPU per request, up to 24).
# Needs: JDK 17, the local PostgreSQL and RabbitMQ, wrk, pgbench.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
WARMUP_MAX=${WARMUP_MAX:-90}
JIT_QUIET=${JIT_QUIET:-100}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-2}
PUBLISHED=${PUBLISHED:-200}
COMMENT_POSTS=${COMMENT_POSTS:-1}
MIXED_DURATION=${MIXED_DURATION:-60}
MIXED_WRITERS=${MIXED_WRITERS:-25}
MIXED_READERS=${MIXED_READERS:-25}
MIXED_PEER=${MIXED_PEER:-1}
LINES=${LINES:-post get reader list comment pgbench mixed}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
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
sql() { local try; for try in $(seq 1 60); do "${PSQL[@]}" "$@" && return 0; sleep 1; done; return 1; }

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
  --platform.notifications.queue-prefix="$RABBIT_PREFIX" ${APP_ARGS:-} > "$RUN/platform.log" 2>&1 &
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

# account NAME ROLE: registers a user through the platform and logs in; prints "id token".
account() {
  local id token
  id=$(curl -sf -XPOST "$B/users/register" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1@example.com\",\"password\":\"bench-password\",\"username\":\"$1\",\"role\":\"$2\"}" \
    | sed -E 's/.*"id":"([^"]+)".*/\1/')
  token=$(curl -sf -XPOST "$B/users/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1@example.com\",\"password\":\"bench-password\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  [ -n "$id" ] && [ -n "$token" ] || { echo "could not register and log in $1 ($2)" >&2; return 1; }
  echo "$id $token"
}
# expect CODE METHOD URL TOKEN [BODY]: one request that must answer CODE; the answer's headers and body go to
# $RUN/expect.txt for a further look.
expect() {
  local code
  code=$(curl -s -D "$RUN/expect.headers" -o "$RUN/expect.body" -w '%{http_code}' -X"$2" "$3" \
    -H "Authorization: Bearer $4" ${5:+-H 'Content-Type: application/json' -d "$5"})
  [ "$code" = "$1" ] || { echo "$2 $3 answered $code, expected $1: $(head -c 300 "$RUN/expect.body")" >&2; return 1; }
}

log "register a creator (writes posts), an author (writes and publishes $PUBLISHED posts) and a reader"
read -r CREATOR TOKEN < <(account bench_creator creator)
read -r AUTHOR AUTHOR_TOKEN < <(account bench_author creator)
read -r _ READER_TOKEN < <(account bench_reader reader)
export TOKEN
for base in "$B" "$P"; do
  expect 201 POST "$base/posts" "$TOKEN" '{"title":"First","content":"A first post."}' \
    || { echo "(with the platform's token)" >&2; exit 1; }
done

# The author's posts, the same number on both sides: written through each API with the author's token (the
# peer takes the platform's tokens), published on the platform (the peer has no publishing). Four at a time.
write_posts() { # BASE: prints the ids, one per line
  seq 1 "$PUBLISHED" | xargs -P 4 -I{} bash -c 'id=$(curl -sf -XPOST "$0/posts" -H "Authorization: Bearer $1" \
    -H "Content-Type: application/json" -d "{\"title\":\"Published post {}\",\"content\":\"Lorem ipsum dolor sit amet, \
consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Post {}.\"}" \
    | sed -E "s/.*\"id\":\"([^\"]+)\".*/\1/"); echo "$id"' "$1" "$AUTHOR_TOKEN"
}
log "the author's $PUBLISHED posts: written on both sides, published on the platform"
write_posts "$B" > "$RUN/published-ids.txt"
write_posts "$P" > "$RUN/peer-author-ids.txt"
for file in published-ids peer-author-ids; do
  [ "$(grep -cE '^[0-9a-f-]{36}$' "$RUN/$file.txt")" = "$PUBLISHED" ] \
    || { echo "$RUN/$file.txt does not hold $PUBLISHED post ids" >&2; exit 1; }
done
failed=$(xargs -P 4 -I{} curl -s -o /dev/null -w '%{http_code}\n' -XPOST "$B/posts/{}/publish" \
  -H "Authorization: Bearer $AUTHOR_TOKEN" < "$RUN/published-ids.txt" | grep -vc '^200$' || true)
[ "$failed" = 0 ] || { echo "$failed of the author's posts were not published (200)" >&2; exit 1; }
head -n "$COMMENT_POSTS" "$RUN/published-ids.txt" > "$RUN/comment-ids.txt"
head -n "$COMMENT_POSTS" "$RUN/peer-author-ids.txt" > "$RUN/peer-comment-ids.txt"
head -n 1 "$RUN/published-ids.txt" > "$RUN/mixed-ids.txt"
head -n 1 "$RUN/peer-author-ids.txt" > "$RUN/peer-mixed-ids.txt"

log "check every measured request once on both sides"
ONE=$(head -1 "$RUN/published-ids.txt")
PEER_ONE=$(head -1 "$RUN/peer-author-ids.txt")
expect 200 GET "$B/posts/$ONE" "$READER_TOKEN"
grep -q '"status":"published"' "$RUN/expect.body" || { echo "the reader's post is not published" >&2; exit 1; }
expect 200 GET "$P/posts/$PEER_ONE" "$READER_TOKEN"
for side in "$B" "$P"; do
  expect 200 GET "$side/creators/$AUTHOR/posts?limit=20" "$READER_TOKEN"
  total=$(tr -d '\r' < "$RUN/expect.headers" | sed -n 's/^[Xx]-[Tt]otal-[Cc]ount: //p')
  items=$(grep -o '"id":' "$RUN/expect.body" | wc -l)
  [ "$total" = "$PUBLISHED" ] && [ "$items" = $((PUBLISHED < 20 ? PUBLISHED : 20)) ] \
    || { echo "$side/creators/$AUTHOR/posts: X-Total-Count '$total', $items items; expected $PUBLISHED and 20" >&2; exit 1; }
done
expect 201 POST "$B/posts/$ONE/comments" "$READER_TOKEN" '{"content":"A first comment."}'
expect 201 POST "$P/posts/$PEER_ONE/comments" "$READER_TOKEN" '{"content":"A first comment."}'
expect 400 POST "$P/posts/$PEER_ONE/comments" "$READER_TOKEN" "{\"content\":\"$(head -c 10001 /dev/zero | tr '\0' x)\"}"

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
  local name=$1 pid=$2 db=$3 db0 db1 cpu0 cpu1 t0 t1 load_now warmed seconds=${MEASURE_SECONDS:-$DURATION}
  shift 4
  # The database as autovacuum keeps a running system (visibility map set, statistics current) before each line:
  # the lines before it wrote tens of thousands of rows, and whether autovacuum had caught up decided the plans (a
  # run that analyzed once, right after the seeding, counted a creator's posts with sequential scans on both sides:
  # statistics of a table that held the author's posts alone).
  sql -d "$db" -c "VACUUM ANALYZE"
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
  log "$name: warm after ${warmed}s, ${seconds}s measured (load average $(load))"
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
    "$@" "$seconds" > "$RUN/$name.txt"
    cpu1=$(cpu_counters "$pid" "$db"); t1=$(date +%s.%N)
  else # pgbench: its backends live only while it runs, so they are read from its second second to near its end
    "$@" "$seconds" > "$RUN/$name.txt" &
    local runner=$!
    sleep 1
    t0=$(date +%s.%N); cpu0=$(cpu_counters "" "$db")
    sleep $((seconds > 3 ? seconds - 2 : 1))
    cpu1=$(cpu_counters "" "$db"); t1=$(date +%s.%N)
    wait "$runner"
  fi
  [ -n "$pid" ] && jcmd "$pid" Thread.print > "$RUN/$name.threads.after"
  if [ "${PROFILE:-}" = 1 ] && [ -n "$pid" ]; then jcmd "$pid" JFR.stop name="$name" >/dev/null; fi
  [ "$pid" = "$APP" ] && scrape "$RUN/$name.prometheus.after"
  sleep 2
  db1=$(db_counters "$db")
  [ "$db" = "$DB" ] && table_counters > "$RUN/$name.tables.after"
  echo "name=$name;load=$load_now;warmup=$warmed;measured=$seconds;seconds=$t0 $t1;db0=$db0;db1=$db1;before;$cpu0;after;$cpu1" >> "$ROWS"
}
# wrk_run SCRIPT URL SECONDS: one wrk process; IDS (what follows "--": a file of post ids, or the creator's id for
# list.lua), WRK_TOKEN (default TOKEN), WRK_CONNECTIONS (default CONNECTIONS) and WRK_LABEL (names its RESULT line)
# come from the caller.
wrk_run() {
  TOKEN=${WRK_TOKEN:-$TOKEN} WRK_LABEL=${WRK_LABEL:-} wrk -t"$THREADS" -c"${WRK_CONNECTIONS:-$CONNECTIONS}" -d"$3"s \
    --timeout "$WRK_TIMEOUT" --latency -s "bench/posts/$1.lua" "$2" ${IDS:+-- "$IDS"}
}
# mixed_run ORIGIN READ_IDS SECONDS: MIXED_WRITERS connections write posts (the creator's token) while MIXED_READERS
# connections read the post in READ_IDS (the reader's token), two wrk processes at once; prints both RESULT lines.
mixed_run() {
  local writes=$RUN/mixed-writes.out reads=$RUN/mixed-reads.out writer status=0
  WRK_LABEL=writes WRK_CONNECTIONS=$MIXED_WRITERS IDS= wrk_run post "$1/api/v1/posts" "$3" > "$writes" &
  writer=$!
  WRK_LABEL=reads WRK_CONNECTIONS=$MIXED_READERS WRK_TOKEN=$READER_TOKEN IDS=$2 wrk_run get "$1" "$3" > "$reads" \
    || status=$?
  wait "$writer" || status=$?
  cat "$writes" "$reads"
  rm -f "$writes" "$reads"
  return "$status"
}
# PostgreSQL is shared and may refuse pgbench's 8 connections for a while: tried again, for about a minute.
pgbench_run() { local try; for try in $(seq 1 20); do
  pgbench -h 127.0.0.1 -U postgres -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$1" \
    -f bench/posts/event-insert.sql $PGBENCH_DB 2>&1 && return 0; sleep 3; done; return 1; }

APP_URL="http://127.0.0.1:$APP_PORT"
PEER_URL="http://127.0.0.1:$PEER_PORT"
wanted() { [[ " $LINES " == *" $1 "* ]]; }
if wanted post; then
  IDS= measure platform-post "$APP" $DB -- wrk_run post "$B/posts"
  IDS= measure peer-post "$PEER" $PEER_DB -- wrk_run post "$P/posts"
fi
# A creator reading their own posts (drafts, no view recorded): those of the POST line, or the first post.
sql -d $DB -Atc "SELECT id FROM post_view WHERE creator_id = '$CREATOR' ORDER BY random() LIMIT 5000" > "$RUN/platform-ids.txt"
sql -d $PEER_DB -Atc "SELECT id FROM peer_post WHERE creator_id = '$CREATOR' ORDER BY random() LIMIT 5000" > "$RUN/peer-ids.txt"
if wanted get; then
  IDS=$RUN/platform-ids.txt measure platform-get "$APP" $DB -- wrk_run get "$APP_URL"
  IDS=$RUN/peer-ids.txt measure peer-get "$PEER" $PEER_DB -- wrk_run get "$PEER_URL"
fi
if wanted reader; then # compared with peer-get: the peer's plain read
  WRK_TOKEN=$READER_TOKEN IDS=$RUN/published-ids.txt measure platform-get-reader "$APP" $DB -- wrk_run get "$APP_URL"
fi
if wanted list; then
  WRK_TOKEN=$READER_TOKEN IDS=$AUTHOR measure platform-list "$APP" $DB -- wrk_run list "$APP_URL"
  WRK_TOKEN=$READER_TOKEN IDS=$AUTHOR measure peer-list "$PEER" $PEER_DB -- wrk_run list "$PEER_URL"
fi
if wanted comment; then
  WRK_TOKEN=$READER_TOKEN IDS=$RUN/comment-ids.txt measure platform-comment "$APP" $DB -- wrk_run comment "$APP_URL"
  WRK_TOKEN=$READER_TOKEN IDS=$RUN/peer-comment-ids.txt measure peer-comment "$PEER" $PEER_DB -- wrk_run comment "$PEER_URL"
fi
if wanted pgbench; then
  IDS= measure pgbench-insert "" $PGBENCH_DB -- pgbench_run
fi
if wanted mixed; then
  MEASURE_SECONDS=$MIXED_DURATION measure platform-mixed "$APP" $DB -- mixed_run "$APP_URL" "$RUN/mixed-ids.txt"
  if [ "$MIXED_PEER" = 1 ]; then
    MEASURE_SECONDS=$MIXED_DURATION measure peer-mixed "$PEER" $PEER_DB -- mixed_run "$PEER_URL" "$RUN/peer-mixed-ids.txt"
  fi
fi

log "database side: plans of the two reads, sizes of the stored events"
{
  echo "-- platform: GET /posts/{id}"
  sql -d $DB -c "EXPLAIN (ANALYZE, BUFFERS) SELECT p.id, p.creator_id, p.title, p.content, p.status,
    p.published_at, p.created_at, p.updated_at, coalesce(c.view_count, 0), p.version, p.publish_at FROM post_view p
    LEFT JOIN analytics_view_count c ON c.post_id = p.id
    WHERE p.id = '$(head -1 "$RUN/platform-ids.txt")' AND p.deleted_at IS NULL"
  echo "-- peer: GET /posts/{id}"
  sql -d $PEER_DB -c "EXPLAIN (ANALYZE, BUFFERS) SELECT id, creator_id, title, content, created_at
    FROM peer_post WHERE id = '$(head -1 "$RUN/peer-ids.txt")'"
  echo "-- bytes per event: platform PostCreated, pgbench row"
  sql -d $DB -Atc "SELECT 'platform payload', avg(octet_length(payload))::int, 'meta_data',
    avg(octet_length(meta_data))::int FROM domain_event_entry WHERE payload_type LIKE '%PostCreated'"
  sql -d $PGBENCH_DB -Atc "SELECT 'pgbench payload', avg(octet_length(payload))::int, 'meta_data',
    avg(octet_length(meta_data))::int FROM bench_event"
  echo "-- peer: GET /creators/{id}/posts?limit=20 (the page; the count is a second statement)"
  sql -d $PEER_DB -c "EXPLAIN (ANALYZE, BUFFERS) SELECT id, title, created_at FROM peer_post
    WHERE creator_id = '$AUTHOR' ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0"
  echo "-- platform: the count of GET /creators/{id}/posts (index-only: heap fetches mean pages not all-visible)"
  sql -d $DB -c "EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM post_view
    WHERE creator_id = '$AUTHOR' AND deleted_at IS NULL AND status = 'published'"
  echo "-- views recorded (analytics_post_view rows) and the view_count of the mixed line's post"
  sql -d $DB -Atc "SELECT 'analytics_post_view', count(*) FROM analytics_post_view"
  sql -d $DB -Atc "SELECT 'view_count', view_count FROM analytics_view_count
    WHERE post_id = '$(head -1 "$RUN/mixed-ids.txt")'"
  echo "-- rows written per table during the run (platform)"
  sql -d $DB -Atc "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables
    WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY relname"
} > "$RUN/database.txt" 2>&1
WARNINGS=$(grep -c 'has not applied' "$RUN/platform.log" || true)

log "report"
python3 bench/posts/report.py "$ROWS" "$HZ" "$RUN" "$WARNINGS" "$STAMP" \
  "$DURATION" "$WARMUP" "$CONNECTIONS" "$THREADS" "${PROFILE:-0}" "$PUBLISHED" "$COMMENT_POSTS" \
  "$MIXED_DURATION" "$MIXED_WRITERS" "$MIXED_READERS" > "$OUT/$STAMP.md"
cat "$OUT/$STAMP.md"
if [ "${PROFILE:-}" = 1 ]; then
  for f in "$RUN"/*.jfr; do
    python3 bench/posts/hot.py "$f" "$(sed -n 's/^RESULT .*requests=\([0-9]*\).*/\1/p' "${f%.jfr}.txt")" > "${f%.jfr}.hot.txt"
  done
  log "profiles: $RUN/*.hot.txt"
fi
