#!/usr/bin/env bash
# A/B measurement of two variants of the platform (two jars, or one jar with other arguments) for a performance
# change: both run at once on their own databases, are warmed up until their JIT is quiet, then measured in
# alternating slices (A, B, A, B, ...) so that the load other work puts on the machine hits both alike.
# Prints req/s, JVM CPU ms, database CPU ms (its backends) and commits per request of POST /api/v1/posts and GET /api/v1/posts/{id} for each, and B/A.
#
# Usage: A_JAR=/tmp/before.jar B_JAR=platform-app/target/platform-app-0.1.0-SNAPSHOT.jar bench/posts/ab.sh
#        B_ARGS="--some.property=value" bench/posts/ab.sh
# Environment: A_JAR, B_JAR (default: the built platform jar), A_ARGS, B_ARGS (extra application arguments),
#   ROUNDS (4), SLICE (s, 10), CONNECTIONS (8), THREADS (2), WARMUP_MAX (s per variant and endpoint, 90).
set -euo pipefail
cd "$(dirname "$0")/../.."

JAR=platform-app/target/platform-app-0.1.0-SNAPSHOT.jar
A_JAR=${A_JAR:-$JAR}
B_JAR=${B_JAR:-$JAR}
ROUNDS=${ROUNDS:-4}
SLICE=${SLICE:-10}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=${THREADS:-2}
WARMUP_MAX=${WARMUP_MAX:-90}
OUT=bench/posts/results/ab-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
export PLATFORM_JWT_SECRET=bench-posts-secret-0123456789-0123456789
HZ=$(getconf CLK_TCK)
declare -A PID PORT TOKEN

sql() { local try; for try in 1 2 3 4 5 6 7 8 9 10; do "${PSQL[@]}" "$@" && return 0; sleep 1; done; return 1; }
ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
compiler_ms() { jcmd "$1" Thread.print | awk '/CompilerThread/ { for (i = 1; i <= NF; i++) if ($i ~ /^cpu=/) {
  sub("cpu=", "", $i); sub("ms", "", $i); sum += $i } } END { printf "%d", sum }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU ticks of the backends of a variant's database ("pid:ticks" lines): its connection pools live through a slice.
db_ticks() {
  local pid
  for pid in $(sql -d postgres -Atc "SELECT pid FROM pg_stat_activity WHERE datname = 'platform_bench_ab_$1'"); do
    [ -r "/proc/$pid/stat" ] && echo "$pid:$(ticks "$pid")"
  done
  return 0
}
commits() { sql -d postgres -Atc "SELECT xact_commit FROM pg_stat_database WHERE datname = 'platform_bench_ab_$1'"; }
# ticks the backends of the first list used until the second (backends in both)
db_used() { awk -F: 'NR == FNR { t[$1] = $2; next } ($1 in t) { used += $2 - t[$1] } END { print used + 0 }' "$1" "$2"; }
cleanup() {
  set +e
  for v in a b; do [ -n "${PID[$v]:-}" ] && kill "${PID[$v]}" 2>/dev/null; done
  for v in a b; do [ -n "${PID[$v]:-}" ] && wait "${PID[$v]}" 2>/dev/null; done
  for v in a b; do sql -d postgres -c "DROP DATABASE IF EXISTS platform_bench_ab_$v WITH (FORCE)"; done
  for v in a b; do for queue in email email.retry email.dead; do
    timeout 20 rabbitmqctl -q delete_queue "bench-ab-$v.notifications.$queue" >/dev/null 2>&1
  done; done
  for v in a b; do for exchange in notifications notifications.dlx; do
    timeout 20 rabbitmqctl eval "rabbit_exchange:delete(rabbit_misc:r(<<\"/\">>, exchange,
      <<\"bench-ab-$v.$exchange\">>), false, <<\"bench\">>)." >/dev/null 2>&1
  done; done
}
trap cleanup EXIT

PORT[a]=18180
PORT[b]=18181
for v in a b; do
  sql -d postgres -c "DROP DATABASE IF EXISTS platform_bench_ab_$v WITH (FORCE)" -c "CREATE DATABASE platform_bench_ab_$v"
  jar=$A_JAR args=${A_ARGS:-}
  [ $v = b ] && jar=$B_JAR args=${B_ARGS:-}
  # shellcheck disable=SC2086 # the extra arguments are split on purpose
  LOGGING_STRUCTURED_FORMAT_CONSOLE= java -Xms512m -Xmx1g -jar "$jar" --server.port="${PORT[$v]}" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/platform_bench_ab_$v" \
    --platform.notifications.queue-prefix="bench-ab-$v" $args > "$OUT/$v.log" 2>&1 &
  PID[$v]=$!
done
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
done

# run VARIANT ENDPOINT SECONDS: one wrk run; prints "requests failed JVM-ticks database-ticks commits"
# (PostgreSQL's statistics of commits reach pg_stat_database within a second: a slice's count is near, not exact)
run() {
  local v=$1 endpoint=$2 seconds=$3 t0 t1 out c0
  db_ticks "$v" > "$OUT/db0.txt"
  c0=$(commits "$v")
  t0=$(ticks "${PID[$v]}")
  if [ "$endpoint" = post ]; then
    out=$(TOKEN=${TOKEN[$v]} wrk -t"$THREADS" -c"$CONNECTIONS" -d"$seconds"s -s bench/posts/post.lua \
      "http://127.0.0.1:${PORT[$v]}/api/v1/posts")
  else
    out=$(TOKEN=${TOKEN[$v]} wrk -t"$THREADS" -c"$CONNECTIONS" -d"$seconds"s -s bench/posts/get.lua \
      "http://127.0.0.1:${PORT[$v]}" -- "$OUT/$v-ids.txt")
  fi
  t1=$(ticks "${PID[$v]}")
  db_ticks "$v" > "$OUT/db1.txt"
  echo "$(echo "$out" | sed -n 's/^RESULT .*requests=\([0-9]*\).*non2xx=\([0-9]*\).*/\1 \2/p') $((t1 - t0))" \
    "$(db_used "$OUT/db0.txt" "$OUT/db1.txt")" "$(($(commits "$v") - c0))"
}

for endpoint in post get; do
  for v in a b; do
    [ "$endpoint" = get ] && sql -d "platform_bench_ab_$v" -Atc "SELECT id FROM post_view LIMIT 5000" > "$OUT/$v-ids.txt"
    warmed=0
    while [ "$warmed" -lt "$WARMUP_MAX" ]; do
      jit0=$(compiler_ms "${PID[$v]}")
      run "$v" "$endpoint" 5 > /dev/null
      jit1=$(compiler_ms "${PID[$v]}")
      warmed=$((warmed + 5))
      [ "$warmed" -ge 10 ] && [ $(((jit1 - jit0) / 5)) -lt 100 ] && break
    done
    echo "== $endpoint $v: warm after ${warmed}s (load average $(load))" >&2
  done
done

echo "| round | endpoint | variant | req/s | JVM CPU ms/req | DB CPU ms/req | commits/req | load average |" > "$OUT/slices.md"
echo "| ---: | --- | --- | ---: | ---: | ---: | ---: | --- |" >> "$OUT/slices.md"
for round in $(seq 1 "$ROUNDS"); do
  for endpoint in post get; do
    for v in a b; do
      read -r requests failed cpu db commits < <(run "$v" "$endpoint" "$SLICE")
      [ "$failed" = 0 ] || echo "warning: $failed failed requests ($endpoint $v)" >&2
      echo "$round $endpoint $v $requests $cpu $db $commits" >> "$OUT/slices.txt"
      awk -v r="$round" -v e="$endpoint" -v v="$v" -v n="$requests" -v c="$cpu" -v d="$db" -v k="$commits" -v s="$SLICE" \
        -v hz="$HZ" -v l="$(load)" 'BEGIN { printf "| %d | %s | %s | %.0f | %.3f | %.3f | %.2f | %s |\n", r, e, v, n / s,
          c * 1000 / hz / n, d * 1000 / hz / n, k / n, l }' \
        | tee -a "$OUT/slices.md" >&2
    done
  done
done

awk -v s="$SLICE" -v hz="$HZ" -v a="$A_JAR ${A_ARGS:-}" -v b="$B_JAR ${B_ARGS:-}" '
  { n[$2, $3] += $4; c[$2, $3] += $5; d[$2, $3] += $6; x[$2, $3] += $7; k[$2, $3]++ }
  END {
    printf "A: %s\nB: %s\n\n| endpoint | A req/s | B req/s | B/A | JVM CPU ms/req A | B | DB CPU ms/req A | B |", a, b
    printf " commits/req A | B |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    for (i = 0; i < 2; i++) {
      e = i == 0 ? "post" : "get"
      ra = n[e, "a"] / (s * k[e, "a"]); rb = n[e, "b"] / (s * k[e, "b"])
      printf "| %s | %.0f | %.0f | %.2f | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |\n", e, ra, rb, rb / ra,
        c[e, "a"] * 1000 / hz / n[e, "a"], c[e, "b"] * 1000 / hz / n[e, "b"],
        d[e, "a"] * 1000 / hz / n[e, "a"], d[e, "b"] * 1000 / hz / n[e, "b"], x[e, "a"] / n[e, "a"], x[e, "b"] / n[e, "b"]
    }
  }' "$OUT/slices.txt" | tee "$OUT/summary.md"
