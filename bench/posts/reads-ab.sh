#!/usr/bin/env bash
# A/B of the read lines of issue 17 (bench/posts/ab.sh's method, on other ports and databases so that it never
# meets a run of ab.sh): variants a and b of the platform and the peer (p, bench/posts/peer, built beforehand with
# ./mvnw -f bench/posts/peer/pom.xml package) measured in alternating slices after a warm-up.
# Lines: get (the creator reads its drafts, cycling 2000 ids), view (a reader reads one published post: a page view
# per read), list (GET /creators/{id}/posts?limit=20 by a reader: 20 of the 1000 published of 2000 posts), and the
# peer's GET /posts/{id}. Per request: req/s, the JVM's CPU and the CPU of the PostgreSQL backends of the variant's
# database, and the CPU of RabbitMQ (beam.smp: the page views; it serves every variant, so its figure is that of the
# slice); at the end the views each variant counted and its page-view metrics.
# Usage: A_JAR=/tmp/before.jar B_JAR=platform-app/target/platform-app-0.1.0-SNAPSHOT.jar bench/posts/reads-ab.sh
# Environment: A_JAR, B_JAR, A_ARGS, B_ARGS, ROUNDS (3), SLICE (s, 10), WARMUP_MAX (s, 60), LINES ("get view list").
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=platform-app/target/platform-app-0.1.0-SNAPSHOT.jar
A_JAR=${A_JAR:-$JAR}; B_JAR=${B_JAR:-$JAR}
ROUNDS=${ROUNDS:-3}; SLICE=${SLICE:-10}; WARMUP_MAX=${WARMUP_MAX:-60}
LINES=${LINES:-get view list}
OUT=bench/posts/results/reads-ab-$(date -u +%Y%m%dT%H%M%SZ); mkdir -p "$OUT"
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
export PLATFORM_JWT_SECRET=bench-posts-secret-0123456789-0123456789
export PLATFORM_JWT_ISSUER=creator-platform
HZ=$(getconf CLK_TCK)
declare -A PID PORT TOKEN RTOKEN CREATOR PUB
sql() { local try; for try in 1 2 3 4 5 6 7 8 9 10; do "${PSQL[@]}" "$@" && return 0; sleep 1; done; return 1; }
ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
compiler_ms() { jcmd "$1" Thread.print | awk '/CompilerThread/ { for (i = 1; i <= NF; i++) if ($i ~ /^cpu=/) {
  sub("cpu=", "", $i); sub("ms", "", $i); sum += $i } } END { printf "%d", sum }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU ticks of the PostgreSQL backends of a variant's database (its pool's connections live through the run)
dbticks() { local sum=0 pid t; for pid in $(sql -d postgres -Atc "SELECT pid FROM pg_stat_activity WHERE datname = 'platform_reads_ab_$1'"); do
  t=$(ticks "$pid" 2>/dev/null || echo 0); sum=$((sum + t)); done; echo $sum; }
cleanup() {
  set +e
  for v in a b p; do [ -n "${PID[$v]:-}" ] && kill "${PID[$v]}" 2>/dev/null; done
  for v in a b p; do [ -n "${PID[$v]:-}" ] && wait "${PID[$v]}" 2>/dev/null; done
  for v in a b p; do sql -d postgres -c "DROP DATABASE IF EXISTS platform_reads_ab_$v WITH (FORCE)"; done
  for v in a b; do for q in notifications.email notifications.email.retry notifications.email.dead analytics.post-views.v2; do
    timeout 20 rabbitmqctl -q delete_queue "reads-ab-$v.$q" >/dev/null 2>&1; done
    for exchange in notifications notifications.dlx; do
    timeout 20 rabbitmqctl eval "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange,
      <<\"reads-ab-$v.$exchange\">>), false, <<\"bench\">>)." >/dev/null 2>&1; done; done
}
trap cleanup EXIT
PORT[a]=18280; PORT[b]=18281; PORT[p]=18282
for v in a b p; do
  sql -d postgres -c "DROP DATABASE IF EXISTS platform_reads_ab_$v WITH (FORCE)" -c "CREATE DATABASE platform_reads_ab_$v"
done
for v in a b; do
  jar=$A_JAR args=${A_ARGS:-}
  [ $v = b ] && jar=$B_JAR args=${B_ARGS:-}
  LOGGING_STRUCTURED_FORMAT_CONSOLE= java -Xms512m -Xmx1g -jar "$jar" --server.port="${PORT[$v]}" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/platform_reads_ab_$v" \
    --platform.notifications.queue-prefix="reads-ab-$v" $args > "$OUT/$v.log" 2>&1 &
  PID[$v]=$!
done
LOGGING_STRUCTURED_FORMAT_CONSOLE= java -Xms512m -Xmx1g -jar bench/posts/peer/target/posts-peer.jar \
  --server.port="${PORT[p]}" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/platform_reads_ab_p" > "$OUT/p.log" 2>&1 &
PID[p]=$!
for v in a b; do
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:${PORT[$v]}/actuator/health/readiness" >/dev/null && break
    kill -0 "${PID[$v]}" || { echo "variant $v died, see $OUT/$v.log" >&2; exit 1; }
    sleep 0.5
  done
  B="http://127.0.0.1:${PORT[$v]}/api/v1"
  curl -sf -XPOST "$B/users/register" -H 'Content-Type: application/json' \
    -d '{"email":"ab@example.com","password":"bench-password","username":"ab_creator","role":"creator"}' >/dev/null
  TOKEN[$v]=$(curl -sf -XPOST "$B/users/login" -H 'Content-Type: application/json' \
    -d '{"email":"ab@example.com","password":"bench-password"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  curl -sf -XPOST "$B/users/register" -H 'Content-Type: application/json' \
    -d '{"email":"reader@example.com","password":"bench-password","username":"ab_reader","role":"reader"}' >/dev/null
  RTOKEN[$v]=$(curl -sf -XPOST "$B/users/login" -H 'Content-Type: application/json' \
    -d '{"email":"reader@example.com","password":"bench-password"}' | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  TOKEN=${TOKEN[$v]} wrk -t2 -c8 -d60s -s bench/posts/reads-post-n.lua "$B/posts" > "$OUT/$v-posts.txt"
  sql -d "platform_reads_ab_$v" -Atc "SELECT id FROM post_view ORDER BY id LIMIT 2000" > "$OUT/$v-ids.txt"
  CREATOR[$v]=$(sql -d "platform_reads_ab_$v" -Atc "SELECT creator_id FROM post_view LIMIT 1")
  # 1000 published posts for the list (the reader sees the published ones), one of them read by "view".
  for id in $(head -1000 "$OUT/$v-ids.txt"); do
    curl -sf -o /dev/null -XPOST "$B/posts/$id/publish" -H "Authorization: Bearer ${TOKEN[$v]}"
  done
  PUB[$v]=$(head -1 "$OUT/$v-ids.txt")
  echo "$v: $(wc -l < "$OUT/$v-ids.txt") posts, $(sql -d "platform_reads_ab_$v" -Atc "SELECT count(*) FROM post_view WHERE status = 'published'") published" >&2
done
for _ in $(seq 1 120); do (exec 3<>"/dev/tcp/127.0.0.1/${PORT[p]}") 2>/dev/null && break; sleep 0.5; done
TOKEN[p]=${TOKEN[a]}
TOKEN=${TOKEN[p]} wrk -t2 -c8 -d60s -s bench/posts/reads-post-n.lua "http://127.0.0.1:${PORT[p]}/api/v1/posts" > "$OUT/p-posts.txt"
sql -d platform_reads_ab_p -Atc "SELECT id FROM peer_post LIMIT 2000" > "$OUT/p-ids.txt"
# Every database as autovacuum leaves a running system (visibility map set, statistics current) before anything is
# measured: right after the seeding, whether autovacuum had visited post_view yet decided whether the list's count
# was an index-only scan, and the list line of two variants differed by their databases, not their code.
for v in a b p; do sql -d "platform_reads_ab_$v" -c "VACUUM ANALYZE"; done

# CPU ticks of RabbitMQ (beam.smp), which carries the page views: 0 when it is not found
BEAM=$(pgrep -f beam.smp | head -1)
brokerticks() { if [ -n "$BEAM" ]; then ticks "$BEAM" 2>/dev/null || echo 0; else echo 0; fi; }

run() {
  local v=$1 line=$2 seconds=$3 t0 t1 out d0 d1 b0 b1
  d0=$(dbticks "$v")
  b0=$(brokerticks)
  t0=$(ticks "${PID[$v]}")
  case $line in
    get) out=$(TOKEN=${TOKEN[$v]} wrk -t2 -c8 -d"$seconds"s -s bench/posts/get.lua "http://127.0.0.1:${PORT[$v]}" -- "$OUT/$v-ids.txt") ;;
    view) out=$(TOKEN=${RTOKEN[$v]} PATHX="/api/v1/posts/${PUB[$v]}" wrk -t2 -c8 -d"$seconds"s -s bench/posts/reads-one.lua "http://127.0.0.1:${PORT[$v]}") ;;
    list) out=$(TOKEN=${RTOKEN[$v]} PATHX="/api/v1/creators/${CREATOR[$v]}/posts?limit=20" wrk -t2 -c8 -d"$seconds"s -s bench/posts/reads-one.lua "http://127.0.0.1:${PORT[$v]}") ;;
  esac
  t1=$(ticks "${PID[$v]}")
  b1=$(brokerticks)
  d1=$(dbticks "$v")
  echo "$(echo "$out" | sed -n 's/^RESULT .*requests=\([0-9]*\).*p50_ms=\([0-9.]*\).*non2xx=\([0-9]*\).*/\1 \3 \2/p') $((t1 - t0)) $((d1 - d0)) $((b1 - b0))"
}
variants() { if [ "$1" = get ]; then echo a b p; else echo a b; fi; }
for line in $LINES; do
  for v in $(variants "$line"); do
    warmed=0
    while [ "$warmed" -lt "$WARMUP_MAX" ]; do
      jit0=$(compiler_ms "${PID[$v]}"); run "$v" "$line" 5 > /dev/null; jit1=$(compiler_ms "${PID[$v]}")
      warmed=$((warmed + 5))
      [ "$warmed" -ge 10 ] && [ $(((jit1 - jit0) / 5)) -lt 100 ] && break
    done
    echo "== $line $v: warm after ${warmed}s (load average $(load))" >&2
  done
done
for round in $(seq 1 "$ROUNDS"); do
  for line in $LINES; do
    for v in $(variants "$line"); do
      read -r requests failed p50 cpu dbcpu brokercpu < <(run "$v" "$line" "$SLICE")
      [ "$failed" = 0 ] || echo "warning: $failed failed requests ($line $v)" >&2
      echo "$round $line $v $requests $cpu $p50 $dbcpu $brokercpu" >> "$OUT/slices.txt"
      awk -v r="$round" -v e="$line" -v v="$v" -v n="$requests" -v c="$cpu" -v s="$SLICE" -v hz="$HZ" -v p="$p50" -v d="$dbcpu" \
        -v l="$(load)" 'BEGIN { printf "| %d | %s | %s | %.0f | %.3f | %.3f | %s | %s |\n", r, e, v, n / s, c * 1000 / hz / n, d * 1000 / hz / n, p, l }' >&2
    done
  done
done
awk -v s="$SLICE" -v hz="$HZ" -v a="$A_JAR ${A_ARGS:-}" -v b="$B_JAR ${B_ARGS:-}" '
  { n[$2, $3] += $4; c[$2, $3] += $5; d[$2, $3] += $7; m[$2, $3] += $8; k[$2, $3]++; lines[$2] = 1 }
  END {
    printf "A: %s\nB: %s\n\n| line | A req/s | B req/s | B/A | peer req/s | A/peer | B/peer | A CPU ms/req | B CPU ms/req | peer CPU ms/req | A DB CPU ms/req | B DB CPU ms/req | peer DB CPU ms/req | A RabbitMQ CPU ms/req | B RabbitMQ CPU ms/req |\n", a, b
    printf "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    # the peer is measured with the get line only: without it, its columns stay empty
    pr = 0; pc = 0; pd = 0
    if (k["get", "p"] > 0) { pr = n["get", "p"] / (s * k["get", "p"]); pc = c["get", "p"] * 1000 / hz / n["get", "p"]; pd = d["get", "p"] * 1000 / hz / n["get", "p"] }
    split("get view list", order, " ")
    for (i = 1; i <= 3; i++) { e = order[i]; if (!(e in lines)) continue
      ra = n[e, "a"] / (s * k[e, "a"]); rb = n[e, "b"] / (s * k[e, "b"])
      printf "| %s | %.0f | %.0f | %.2f | %s | %s | %s | %.3f | %.3f | %s | %.3f | %.3f | %s | %.3f | %.3f |\n", e, ra, rb, rb / ra,
        (pr > 0 ? sprintf("%.0f", pr) : "–"), (pr > 0 ? sprintf("%.2f", ra / pr) : "–"), (pr > 0 ? sprintf("%.2f", rb / pr) : "–"),
        c[e, "a"] * 1000 / hz / n[e, "a"], c[e, "b"] * 1000 / hz / n[e, "b"], (pr > 0 ? sprintf("%.3f", pc) : "–"),
        d[e, "a"] * 1000 / hz / n[e, "a"], d[e, "b"] * 1000 / hz / n[e, "b"], (pr > 0 ? sprintf("%.3f", pd) : "–"),
        m[e, "a"] * 1000 / hz / n[e, "a"], m[e, "b"] * 1000 / hz / n[e, "b"]
    }
  }' "$OUT/slices.txt" | tee "$OUT/summary.md"
sleep 5
# the views each variant counted against what it answered (a check that batching loses none)
for v in a b; do
  echo "$v: view_count $(sql -d "platform_reads_ab_$v" -Atc "SELECT view_count FROM analytics_view_count WHERE post_id = '${PUB[$v]}'"), analytics rows $(sql -d "platform_reads_ab_$v" -Atc "SELECT count(*) FROM analytics_post_view")" | tee -a "$OUT/summary.md"
done
for v in a b; do
  echo "$v: $(curl -s "http://127.0.0.1:${PORT[$v]}/actuator/prometheus" | grep '^platform_analytics_post_views' | tr '\n' ' ')" | tee -a "$OUT/summary.md"
done
