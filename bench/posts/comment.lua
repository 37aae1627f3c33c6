-- wrk: POST /api/v1/posts/{id}/comments with a token (environment variable TOKEN), cycling through the post ids
-- in the file given after "--" (published posts: any user may comment on them). The content is a short
-- comment of about 120 characters, well within the contract's 1 to 10,000.
dofile("bench/posts/report.lua")

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
  wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("TOKEN"), "TOKEN is not set")
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  next_id = next_id + 1
  return wrk.format("POST", "/api/v1/posts/" .. ids[next_id % #ids + 1] .. "/comments", nil,
    '{"content":"A benchmark comment: thank you for this post, it answered the question I had about writing. '
      .. 'More like it, please."}')
end
