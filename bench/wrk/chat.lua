-- wrk script: POST one chat completion to the simulator; the body from BATON_BENCH_BODY.
-- wrk -t2 -c64 -d5s -s bench/wrk/chat.lua http://127.0.0.1:PORT/v1/chat/completions
-- wrk itself reports non-2xx responses and socket errors (connect/read/write/timeout).
local f = assert(io.open(os.getenv("BATON_BENCH_BODY") or "bench/data/chat_body.json", "r"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = f:read("*a")
f:close()
