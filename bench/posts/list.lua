-- wrk: GET /api/v1/creators/{id}/posts?limit=20 with a token (environment variable TOKEN); the creator's id is
-- given after "--". The platform answers a reader the creator's 20 newest published posts, the peer the
-- creator's 20 newest posts, both with X-Total-Count.
dofile("bench/posts/report.lua")

function init(args)
  assert(args[1], "no creator id after --")
  wrk.path = "/api/v1/creators/" .. args[1] .. "/posts?limit=20"
  wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("TOKEN"), "TOKEN is not set")
end
