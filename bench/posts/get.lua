-- wrk: GET /api/v1/posts/{id} with a token (environment variable TOKEN: a creator reading their own posts, or a
-- reader reading published posts, each read then recording a view), cycling through the ids in the file given
-- after "--" (one per line: posts that exist; one line for the mixed measurement's single published post).
dofile("bench/posts/report.lua")

local token = assert(os.getenv("TOKEN"), "TOKEN is not set")
local threads = 0

function setup(thread)
  thread:set("offset", threads * 7919)
  threads = threads + 1
end

function init(args)
  ids = {}
  for line in io.lines(args[1]) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  assert(#ids > 0, "no ids in " .. args[1])
  next_id = offset or 0
  wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
  next_id = next_id + 1
  return wrk.format("GET", "/api/v1/posts/" .. ids[next_id % #ids + 1])
end
