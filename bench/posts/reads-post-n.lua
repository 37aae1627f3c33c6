-- wrk: POST /api/v1/posts (TOKEN), each thread stops after 1000 answers: a fixed number of posts per variant.
dofile("bench/posts/report.lua")
wrk.method = "POST"
wrk.path = "/api/v1/posts"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("TOKEN"), "TOKEN is not set")
wrk.body = '{"title":"A benchmark post about writing","content":"Lorem ipsum dolor sit amet, consectetur adipiscing elit."}'
local n = 0
function response()
  n = n + 1
  if n >= 1000 then wrk.thread:stop() end
end
