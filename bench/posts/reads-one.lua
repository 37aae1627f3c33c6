-- wrk: GET of one path (PATHX) with a token (TOKEN).
dofile("bench/posts/report.lua")
wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("TOKEN"), "TOKEN is not set")
wrk.path = assert(os.getenv("PATHX"), "PATHX is not set")
