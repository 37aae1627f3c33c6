-- Shared by every wrk script of run.sh: one machine-readable line per wrk run, read by run.sh and report.py.
-- WRK_LABEL (environment), when set, names the line ("writes", "reads" of the mixed measurement).
local label = os.getenv("WRK_LABEL")

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT %srps=%.1f requests=%d seconds=%.2f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d"
      .. " mean_ms=%.2f max_ms=%.2f\n",
    (label and label ~= "") and ("label=" .. label .. " ") or "",
    summary.requests / (summary.duration / 1e6), summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, latency.mean / 1000, latency.max / 1000))
end
