#!/usr/bin/env bash
# Checks deploy/nginx.conf's routing without Docker: nginx (Debian's package) runs the gateway's configuration on
# 127.0.0.1:18000 with each side replaced by a stand-in that answers its own name, and every path of the contract
# is asked with the method(s) it has; the side that answers must be the one that serves it. Exit 0 when all are.
set -euo pipefail
cd "$(dirname "$0")"
command -v nginx >/dev/null || { echo "nginx is missing (apt-get install nginx-light)" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

declare -A port=([command-side]=18081 [query-side]=18082 [notification-saga]=18083)
for side in "${!port[@]}"; do
  python3 - "$side" "${port[$side]}" <<'PY' &
import http.server, sys
side, port = sys.argv[1], int(sys.argv[2])
class Side(http.server.BaseHTTPRequestHandler):
    def answer(self):
        body = side.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = do_PUT = do_DELETE = do_OPTIONS = answer
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), Side).serve_forever()
PY
  pids+=($!)
done

sed -e "s/server command-side:8080;/server 127.0.0.1:${port[command-side]};/" \
    -e "s/server query-side:8080;/server 127.0.0.1:${port[query-side]};/" \
    -e "s/server notification-saga:8080;/server 127.0.0.1:${port[notification-saga]};/" \
    -e "s/listen 80;/listen 127.0.0.1:18000;/" \
    -e "s|access_log /dev/stdout platform;|access_log off;|" \
    -e "1i pid $work/nginx.pid; error_log $work/error.log;" \
    nginx.conf > "$work/nginx.conf"
mkdir -p "$work/tmp"
sed -i "s|^http {|http {\n    client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp; uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;|" "$work/nginx.conf"
nginx -t -q -c "$work/nginx.conf" -p "$work"
nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/18000) 2>/dev/null && break; sleep 0.1; done
for side in "${!port[@]}"; do
  for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/${port[$side]}") 2>/dev/null && break; sleep 0.1; done
done

id=3f2c1f9e-8f7a-4a55-9a4e-0c8d3b1e2a10
failures=0
check() {  # method path expected-side
  local got
  got=$(curl -s -X "$1" "http://127.0.0.1:18000$2")
  if [ "$got" = "$3" ]; then echo "ok   $1 $2 -> $got"; else echo "FAIL $1 $2 -> $got (expected $3)"; failures=$((failures + 1)); fi
}
check POST /api/v1/users/register command-side
check POST /api/v1/users/login command-side
check GET  /api/v1/users/$id query-side
check PUT  /api/v1/users/$id command-side
check DELETE /api/v1/users/$id command-side
check POST /api/v1/users/$id/password command-side
check POST /api/v1/users/verify-email command-side
check POST /api/v1/users/$id/verification-email command-side
check POST /api/v1/users/password-reset command-side
check POST /api/v1/users/password-reset/confirm command-side
check POST /api/v1/posts command-side
check GET  /api/v1/posts/$id query-side
check GET  "/api/v1/posts/$id?as_of=2026-11-25T18:51:51.123Z" query-side
check PUT  /api/v1/posts/$id command-side
check DELETE /api/v1/posts/$id command-side
check POST /api/v1/posts/$id/publish command-side
check POST /api/v1/posts/$id/unschedule command-side
check GET  "/api/v1/creators/$id/posts?status=draft&limit=5" query-side
check GET  "/api/v1/creators/$id/posts?status=scheduled" query-side
check POST /api/v1/posts/$id/comments command-side
check GET  /api/v1/posts/$id/comments query-side
check GET  /api/v1/posts/$id/comments/$id query-side
check PUT  /api/v1/posts/$id/comments/$id command-side
check DELETE /api/v1/posts/$id/comments/$id command-side
check POST /api/v1/creators/$id/subscribe command-side
check POST /api/v1/creators/$id/unsubscribe command-side
check GET  "/api/v1/unsubscribe?token=abc" command-side
check POST "/api/v1/unsubscribe?token=abc" command-side
check GET  /api/v1/users/$id/subscriptions query-side
check GET  /api/v1/users/$id/subscriptions/$id query-side
check GET  /api/v1/creators/$id/subscribers/count query-side
check GET  "/api/v1/creators/$id/subscribers?limit=5" query-side
check GET  /api/v1/posts/$id/notifications notification-saga
check GET  /api/v1/posts/$id/stats query-side
check GET  /api/v1/posts/$id/history query-side
check GET  "/api/v1/admin/events?after=0&limit=10" query-side
check GET  /api/v1/admin/projections query-side
check POST /api/v1/admin/projections/users/rebuild query-side
check GET  /api/v1/admin/dead-letters query-side
check POST /api/v1/admin/dead-letters/$id/retry query-side
check DELETE /api/v1/admin/dead-letters/$id query-side
check POST /api/v1/admin/notifications/replay notification-saga
# A CORS preflight goes by method like a write: every side answers it alike (platform.cors.* is shared).
check OPTIONS /api/v1/posts command-side
check OPTIONS /api/v1/users/$id/subscriptions query-side
# A wrong method goes to the side that has the path, which answers 405 as the all-in-one application does.
check POST /api/v1/posts/$id/notifications notification-saga
check DELETE /api/v1/posts/$id/stats query-side
check POST /api/v1/posts/$id/comments/$id command-side
check DELETE /api/v1/users/$id/subscriptions/$id query-side
check POST /api/v1/creators/$id/subscribers query-side
check GET  /api/v1/users/$id/password command-side
check GET  /api/v1/posts/$id/publish command-side
check GET  /api/v1/posts command-side
check GET  /actuator/health query-side
check GET  /v3/api-docs/notification-saga notification-saga
[ "$failures" -eq 0 ] && echo "all routes as expected" || { echo "$failures route(s) wrong" >&2; exit 1; }
