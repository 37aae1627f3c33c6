#!/usr/bin/env bash
# The statements each write sends to PostgreSQL, from the server's own log: one platform jar on a scratch database
# whose sessions log every statement (ALTER DATABASE ... SET log_statement = 'all'), a creator's three posts, a
# publication and a comment through the API, each preceded by a marker statement; prints the log from the third
# post on (what a warm write sends: one line per statement, "BEGIN" and "COMMIT" included, the time to the
# millisecond; statements sent in one message share it). The server's log file is read where Debian keeps it.
#
# Usage: bench/posts/statements.sh [JAR]    Environment: PORT (18399), LOG (/var/log/postgresql/postgresql-15-main.log)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=${1:-platform-app/target/platform-app-0.1.0-SNAPSHOT.jar}
PORT=${PORT:-18399}
LOG=${LOG:-/var/log/postgresql/postgresql-15-main.log}
DB=platform_statements
PSQL=(psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" \
  -c "ALTER DATABASE $DB SET log_statement = 'all'"
export PLATFORM_JWT_SECRET=bench-posts-secret-0123456789-0123456789
OUT=$(mktemp -d)
LOGGING_STRUCTURED_FORMAT_CONSOLE= java -Xmx1g -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --platform.notifications.queue-prefix=statements \
  > "$OUT/app.log" 2>&1 &
APP=$!
cleanup() {
  set +e
  kill $APP; wait $APP
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  rm -rf "$OUT"
}
trap cleanup EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break; sleep 0.5; done
B=http://127.0.0.1:$PORT/api/v1
curl -sf -XPOST "$B/users/register" -H 'Content-Type: application/json' \
  -d '{"email":"statements@example.com","password":"bench-password","username":"statements_creator","role":"creator"}' >/dev/null
TOKEN=$(curl -sf -XPOST "$B/users/login" -H 'Content-Type: application/json' \
  -d '{"email":"statements@example.com","password":"bench-password"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
FROM=$(($(wc -l < "$LOG") + 1))
mark() { "${PSQL[@]}" -d $DB -c "SELECT 'MARK $1'" >/dev/null; }
for i in 1 2 3; do
  mark "post $i"
  curl -sf -XPOST "$B/posts" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"title":"A title","content":"Some content"}' > "$OUT/post.json"
done
ID=$(sed -E 's/.*"id":"([^"]+)".*/\1/' "$OUT/post.json")
mark publish
curl -sf -XPOST "$B/posts/$ID/publish" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{}' >/dev/null
mark comment
curl -sf -XPOST "$B/posts/$ID/comments" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"content":"A comment"}' >/dev/null
sleep 1
mark end
# The statements of the application's sessions from the third post on, without their parameters.
# A statement's text may continue on lines of its own (a message of several: "execute <unnamed>:", then the text).
tail -n +"$FROM" "$LOG" \
  | awk -v db="@$DB " '/^[0-9]/ { ours = index($0, db) > 0 && index($0, "DETAIL:") == 0; if (ours) print; next }
      ours && /^[ \t]/ { sub(/^[ \t]+/, "    "); print }' \
  | sed -n "/MARK post 3/,\$p" \
  | sed -E 's/^[0-9-]+ ([0-9:.]+) [A-Z]+ \[([0-9]+)\] [^ ]+ LOG:  (statement|execute [^:]*): /\1 [\2] /' | cut -c1-160
