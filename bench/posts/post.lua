-- wrk: POST /api/v1/posts with a creator's token (environment variable TOKEN). The body is sized so that the
-- stored PostCreated event is about 300 bytes of JSON, the size of pgbench's event row.
dofile("bench/posts/report.lua")

wrk.method = "POST"
wrk.path = "/api/v1/posts"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("TOKEN"), "TOKEN is not set")
wrk.body = '{"title":"A benchmark post about writing","content":"'
  .. 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore '
  .. 'et dolore magna aliqua."}'
