"""Turns the counters of bench/posts/run.sh into the markdown report (stdout).

Arguments: rows file, clock ticks per second, run directory, read-your-writes warnings in the platform's log,
run stamp, seconds per measurement, warm-up seconds, connections, threads, profiling on (1) or off, and
optionally: published posts, posts the comments spread over, mixed seconds, mixed writers, mixed readers.
Every line's failures (non-2xx answers, socket errors) and read-your-writes timeouts (the platform's
platform_read_your_writes_stale_total, before and after the line) are reported and checked against issue 17's
targets, with the ratios of the same run.
"""

import os
import re
import sys

rows_file, hz, run, warnings, stamp, duration, warmup, connections, threads, profiled = sys.argv[1:11]
published, comment_posts, mixed_duration, mixed_writers, mixed_readers = (sys.argv[11:16] + ["?"] * 5)[:5]
hz = int(hz)


def parse_row(line):
    """name=..;load=..;db0=..;db1=..;before;proc=..;backends=..;machine=..;after;proc=..;..."""
    row, part = {}, "head"
    for field in line.strip().split(";"):
        if field in ("before", "after"):
            part = field
            continue
        key, _, value = field.partition("=")
        row[key if part == "head" else part + "." + key] = value
    return row


def backends(text):
    ticks = {}
    for item in filter(None, text.split(",")):
        pid, _, value = item.partition(":")
        ticks[pid] = int(value)
    return ticks


RESULT = re.compile(
    r"RESULT (?:label=(\S+) )?rps=([\d.]+) requests=(\d+) seconds=([\d.]+) p50_ms=([\d.]+) p99_ms=([\d.]+) "
    r"non2xx=(\d+) socket_errors=(\d+)(?: mean_ms=([\d.]+) max_ms=([\d.]+))?")


def outcome(name):
    """What the load generator saw: wrk's RESULT line(s) (the mixed line has one per label) or pgbench's summary."""
    text = open(os.path.join(run, name + ".txt")).read()
    parts = {}
    for match in RESULT.finditer(text):
        label, rps, requests, seconds, p50, p99, non2xx, errors, mean, top = match.groups()
        parts[label or "all"] = dict(
            rps=float(rps), requests=int(requests), seconds=float(seconds), p50=float(p50), p99=float(p99),
            non2xx=int(non2xx), errors=int(errors), mean=float(mean) if mean else None,
            max=float(top) if top else None)
    if parts:
        if list(parts) == ["all"]:
            part = parts["all"]
            return dict(rps=part["rps"], requests=part["requests"], p50=f"{part['p50']:.1f}", p50_ms=part["p50"],
                        p99=f"{part['p99']:.1f}", failures=part["non2xx"] + part["errors"], parts=parts)
        cells = lambda key: " / ".join(f"{label[0]} {part[key]:.1f}" for label, part in parts.items())
        return dict(
            rps=sum(part["rps"] for part in parts.values()), requests=sum(part["requests"] for part in parts.values()),
            p50=cells("p50"), p99=cells("p99"), p50_ms=None,
            failures=sum(part["non2xx"] + part["errors"] for part in parts.values()), parts=parts)
    tps = re.findall(r"^tps = ([\d.]+)", text, re.M)
    transactions = re.findall(r"^number of transactions actually processed: (\d+)", text, re.M)
    failed = re.findall(r"^number of failed transactions: (\d+)", text, re.M)
    average = re.findall(r"^latency average = ([\d.]+) ms", text, re.M)
    return dict(
        rps=float(tps[-1]), requests=int(transactions[-1]), p50=f"avg {float(average[-1]):.1f}", p99="", p50_ms=None,
        failures=int(failed[-1]) if failed else 0, parts={})


def prometheus(path):
    values = {}
    if os.path.exists(path):
        for line in open(path):
            if not line.startswith("#") and " " in line:
                key, _, value = line.rpartition(" ")
                values[key] = float(value)
    return values


def counter_delta(name, prefix, must_contain=()):
    """Increase of a Prometheus counter (all its series whose labels contain the texts) over a line, or None when
    the line has no scrapes (not the platform) or the counter is in neither scrape."""
    before_path = os.path.join(run, name + ".prometheus.before")
    if not os.path.exists(before_path):
        return None
    before, after = prometheus(before_path), prometheus(os.path.join(run, name + ".prometheus.after"))
    keys = [key for key in set(before) | set(after)
            if (key == prefix or key.startswith(prefix + "{")) and all(text in key for text in must_contain)]
    if not keys:
        return None
    return sum(after.get(key, 0.0) - before.get(key, 0.0) for key in keys)


STALE = "platform_read_your_writes_stale_total"


def timer_ms(before, after, prefix, must_contain):
    """Mean of a Prometheus timer between two scrapes, in ms, over the series whose labels contain the text."""
    total = count = 0.0
    for key, value in after.items():
        if key.startswith(prefix) and all(text in key for text in must_contain):
            delta = value - before.get(key, 0.0)
            if key.startswith(prefix + "_sum"):
                total += delta
            elif key.startswith(prefix + "_count"):
                count += delta
    return (total / count * 1000, count) if count else (None, 0)


THREAD = re.compile(r'^"(.+?)" .*?cpu=([\d.]+)ms .*?nid=(\S+)')


def thread_cpu(name):
    """CPU ms of the JVM's threads between the two Thread.print dumps, by thread group (digits → N)."""
    def dump(path):
        threads = {}
        if os.path.exists(path):
            for line in open(path):
                match = THREAD.match(line)
                if match:
                    threads[match.group(3)] = (re.sub(r"\d+", "N", match.group(1)), float(match.group(2)))
        return threads

    before = dump(os.path.join(run, name + ".threads.before"))
    after = dump(os.path.join(run, name + ".threads.after"))
    groups = {}
    for nid, (group, ms) in after.items():
        groups[group] = groups.get(group, 0.0) + ms - before.get(nid, (group, 0.0))[1]
    return groups


LABELS = {
    "platform-post": "platform `POST /api/v1/posts`",
    "peer-post": "peer `POST /api/v1/posts`",
    "platform-get": "platform `GET /api/v1/posts/{id}`, the creator (drafts)",
    "peer-get": "peer `GET /api/v1/posts/{id}`",
    "platform-get-reader": "platform `GET /api/v1/posts/{id}`, a reader (published, records a view)",
    "platform-list": "platform `GET /api/v1/creators/{id}/posts?limit=20`, a reader",
    "peer-list": "peer `GET /api/v1/creators/{id}/posts?limit=20`",
    "platform-comment": "platform `POST /api/v1/posts/{id}/comments`, a reader",
    "peer-comment": "peer `POST /api/v1/posts/{id}/comments`",
    "pgbench-insert": "pgbench: one event-shaped `INSERT` per transaction",
    "platform-mixed": f"platform mixed: {mixed_writers} writing posts + {mixed_readers} reading one published post",
    "peer-mixed": f"peer mixed: {mixed_writers} writing posts + {mixed_readers} reading one post (reference)",
}

rows = [parse_row(line) for line in open(rows_file) if line.strip()]
results = {}
lines = [
    f"# Posts benchmark, {stamp}",
    "",
    f"{connections} connections, {threads} threads per wrk, at least {warmup} s warm-up (until the JIT is quiet: "
    f"last column) then {duration} s measured per line ({mixed_duration} s for the mixed lines); a second creator "
    f"wrote and published {published} posts (the reader's, the list's), the comments go to {comment_posts} of "
    f"them; {os.cpu_count()} CPUs."
    + (" **Profiled with Java Flight Recorder: not for the record.**" if profiled == "1" else ""),
    "",
    "| measurement | req/s | p50 ms | p99 ms | failed | read-your-writes timeouts | app CPU ms/req | DB CPU ms/req "
    "| commits/req | rows ins+upd/req | machine busy | load avg (1/5/15 min) | warm-up s |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
]
for row in rows:
    name = row["name"]
    result = outcome(name)
    stale = counter_delta(name, STALE)
    result["stale"] = stale
    results[name] = result
    n = max(result["requests"], 1)
    app = (
        f"{(int(row['after.proc']) - int(row['before.proc'])) * 1000 / hz / n:.2f}"
        if row.get("before.proc") else "–"
    )
    before, after = backends(row["before.backends"]), backends(row["after.backends"])
    db_ticks = sum(value - before.get(pid, 0) for pid, value in after.items())
    t0, t1 = map(float, row["seconds"].split())
    # pgbench's backends are read over part of its run: per transaction by its rate over that interval
    db_n = n if row.get("before.proc") else result["rps"] * (t1 - t0)
    busy0, total0 = map(int, row["before.machine"].split())
    busy1, total1 = map(int, row["after.machine"].split())
    c0, c1 = list(map(int, row["db0"].split())), list(map(int, row["db1"].split()))
    commits, inserted, updated = (c1[i] - c0[i] for i in range(3))
    lines.append(
        f"| {LABELS.get(name, name)} | {result['rps']:.0f} | {result['p50']} | {result['p99']} | {result['failures']} "
        f"| {'–' if stale is None else f'{stale:.0f}'} | {app} | {db_ticks * 1000 / hz / max(db_n, 1):.2f} | {commits / n:.2f} | {(inserted + updated) / n:.2f} "
        f"| {(busy1 - busy0) * 100 / max(total1 - total0, 1):.0f} % | {row['load']} | {row['warmup']} |"
    )


def fmt(value):
    return "–" if value is None else f"{value:.2f}×"


def fmt_ms(value):
    return "–" if value is None else f"{value:.1f}"


def fmt_count(value):
    return "–" if value is None else f"{value:.0f}"


def table_work(name):
    """Per table of the platform's database: (index scans, sequential scans, rows inserted, updated) per request."""
    def read(path):
        counts = {}
        if os.path.exists(path):
            for line in open(path):
                relname, *values = line.split()
                counts[relname] = list(map(int, values))
        return counts

    before, after = read(os.path.join(run, name + ".tables.before")), read(os.path.join(run, name + ".tables.after"))
    n = max(results[name]["requests"], 1)
    work = {}
    for relname, values in after.items():
        seq, idx, ins, upd, dele = (v - b for v, b in zip(values, before.get(relname, [0] * 5)))
        if seq or idx or ins or upd or dele:
            work[relname] = (idx / n, seq / n, ins / n, upd / n)
    return work


def ratio_of(a, b):
    return results[a]["rps"] / results[b]["rps"] if a in results and b in results and results[b]["rps"] else None


def verdict(ok):
    return "–" if ok is None else ("**met**" if ok else "**missed**")


def ratio_row(label, a, b, target):
    value = ratio_of(a, b)
    return (f"| {label} | {'–' if value is None else f'{value:.2f}×'} | ≥ {target}× the peer "
            f"| {verdict(None if value is None else value >= target)} |")


post_p50 = results.get("platform-post", {}).get("p50_ms")
mixed = results.get("platform-mixed", {}).get("parts", {})
failed_lines = [name for name in results if results[name]["failures"]]
stale_lines = [name for name in results if results[name].get("stale")]
unknown_stale = [name for name in results if name.startswith("platform-") and results[name].get("stale") is None]
lines += [
    "",
    "Issue 17's targets, from this run (ratios: platform req/s over the peer's in the same run):",
    "",
    "| line | reached | target | |",
    "| --- | ---: | --- | --- |",
    ratio_row("`GET /posts/{id}`, a creator reading their post", "platform-get", "peer-get", 1.0),
    ratio_row("`GET /posts/{id}`, a reader reading a published post (records a view), against the peer's plain read",
              "platform-get-reader", "peer-get", 0.9),
    ratio_row("`GET /creators/{id}/posts?limit=20`", "platform-list", "peer-list", 0.8),
    ratio_row("`POST /posts`", "platform-post", "peer-post", 0.4),
    f"| `POST /posts` p50 at {connections} connections | "
    + ("–" if post_p50 is None else f"{post_p50:.1f} ms")
    + " | ≤ 5 ms at 8 connections | "
    + (verdict(None) if post_p50 is None or connections != "8" else verdict(post_p50 <= 5.0)) + " |",
    ratio_row("`POST /posts/{id}/comments`", "platform-comment", "peer-comment", 0.4),
    "| mixed: failed requests | "
    + ("–" if "platform-mixed" not in results else str(results["platform-mixed"]["failures"]))
    + " | 0 | "
    + verdict(None if "platform-mixed" not in results else results["platform-mixed"]["failures"] == 0) + " |",
    "| mixed: write p99 | "
    + ("–" if "writes" not in mixed else f"{mixed['writes']['p99']:.1f} ms")
    + " | ≤ 150 ms | " + verdict(None if "writes" not in mixed else mixed["writes"]["p99"] <= 150.0) + " |",
    f"| every line: failed requests (non-2xx, socket errors) | {sum(r['failures'] for r in results.values())}"
    + (f" ({', '.join(failed_lines)})" if failed_lines else "") + f" | 0 | {verdict(not failed_lines)} |",
    f"| every line: read-your-writes timeouts (`{STALE}`; `has not applied` in the log) | "
    + f"{sum(r['stale'] or 0 for r in results.values()):.0f}; {warnings}"
    + (f" ({', '.join(stale_lines)})" if stale_lines else "")
    + (f"; counter missing for {', '.join(unknown_stale)}" if unknown_stale else "")
    + " | 0 | " + verdict(None if unknown_stale else not stale_lines and warnings == "0") + " |",
    "",
    "| other ratios | value |",
    "| --- | ---: |",
    f"| writes: platform / pgbench | {fmt(ratio_of('platform-post', 'pgbench-insert'))} |",
    f"| writes: peer / pgbench | {fmt(ratio_of('peer-post', 'pgbench-insert'))} |",
]

mixed_rows = [name for name in ("platform-mixed", "peer-mixed") if results.get(name, {}).get("parts")]
if mixed_rows:
    lines += [
        "",
        f"Mixed load, {mixed_duration} s: {mixed_writers} connections `POST /posts` (the creator) and {mixed_readers} "
        "connections `GET /posts/{id}` of one published post (the reader: every read records a view), at once "
        "(latencies in ms, as wrk measures them):",
        "",
        "| side | part | req/s | average | p50 | p99 | max | non-2xx | socket errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in mixed_rows:
        for label, part in results[name]["parts"].items():
            lines.append(
                f"| {name.split('-')[0]} | {label} | {part['rps']:.0f} | {fmt_ms(part['mean'])} | {part['p50']:.1f} "
                f"| {part['p99']:.1f} | {fmt_ms(part['max'])} | {part['non2xx']} | {part['errors']} |")

view_rows = [name for name in ("platform-get-reader", "platform-mixed") if name in results]
for name in view_rows:
    handed = counter_delta(name, "platform_analytics_post_views_published_total")
    dropped = counter_delta(name, "platform_analytics_post_views_dropped_total")
    reads = results[name]["parts"].get("reads", results[name]["parts"].get("all", {})).get("requests")
    recorded = table_work(name).get("analytics_post_view", (0, 0, 0, 0))[2] * max(results[name]["requests"], 1)
    lines += [
        "",
        f"Views of `{name}`: {reads} reads by the reader; {fmt_count(handed)} views handed to RabbitMQ, "
        f"{fmt_count(dropped)} dropped (`platform_analytics_post_views_*`), {recorded:.0f} rows inserted into "
        "`analytics_post_view` between 2 s before and 2 s after the line (the consumer runs behind the reads: views "
        "of the warm-up land in it, and the last views of the line after it).",
    ]

jvm_rows = [row["name"] for row in rows if row.get("before.proc")]
cpu = {name: thread_cpu(name) for name in jvm_rows}
groups = {}
for name in jvm_rows:
    for group, ms in cpu[name].items():
        groups[group] = max(groups.get(group, 0.0), ms / max(results[name]["requests"], 1))
# THREADS_MIN_MS (environment): the smallest ms per request a thread group needs to be shown (0.05; at most 24 shown)
threads_min = float(os.environ.get("THREADS_MIN_MS", "0.05"))
shown = [group for group, top in sorted(groups.items(), key=lambda item: -item[1]) if top >= threads_min][:24]
if shown:
    lines += [
        "",
        "JVM CPU by thread (`jcmd Thread.print` before and after each measurement), ms per request:",
        "",
        "| thread group | " + " | ".join(jvm_rows) + " |",
        "| --- |" + " ---: |" * len(jvm_rows),
    ]
    for group in shown:
        cells = [f"{cpu[name].get(group, 0.0) / max(results[name]['requests'], 1):.2f}" for name in jvm_rows]
        lines.append(f"| `{group}` | " + " | ".join(cells) + " |")
    cells = [f"{sum(cpu[name].values()) / max(results[name]['requests'], 1):.2f}" for name in jvm_rows]
    lines.append("| all threads | " + " | ".join(cells) + " |")

for name in ("platform-post", "platform-get", "platform-get-reader", "platform-list", "platform-comment",
             "platform-mixed"):
    work = table_work(name) if name in results else {}
    if work:
        lines += [
            "",
            f"Database work of `{name}` per request, by table (`pg_stat_user_tables`):",
            "",
            "| table | index scans | seq scans | rows inserted | rows updated |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for relname, (idx, seq, ins, upd) in sorted(work.items(), key=lambda item: -sum(item[1])):
            lines.append(f"| `{relname}` | {idx:.2f} | {seq:.2f} | {ins:.2f} | {upd:.2f} |")

for name, uri, payload, wait in (
        ("platform-post", 'uri="/api/v1/posts"', "CreatePost", "the `posts` and `notification-audience` projections"),
        ("platform-comment", 'uri="/api/v1/posts/{post_id}/comments"', "AddComment", "the comments read model")):
    before = prometheus(os.path.join(run, name + ".prometheus.before"))
    after = prometheus(os.path.join(run, name + ".prometheus.after"))
    http, _ = timer_ms(before, after, "http_server_requests_seconds", ['method="POST"', uri])
    command, _ = timer_ms(before, after, "commandBus_allTimer_seconds", [f'payloadType="{payload}"'])
    if http is not None and command is not None:
        lines += [
            "",
            f"`{name}` from the platform's own timers during the measurement: {http:.1f} ms per request in the web "
            f"layer, of which {command:.1f} ms in the `{payload}` command (validation, append, commit) and "
            f"{http - command:.1f} ms after it (mostly the read-your-writes wait for {wait}).",
        ]
lines += [
    "",
    f"Read-your-writes timeouts in the platform's log (`has not applied`): {warnings}; per line, the increase of "
    f"`{STALE}` (writes answered with `X-Read-Model: stale`: timed out, or too many waiting). "
    "Per request columns of the mixed lines are per request of both kinds together. CPU columns: the JVM (or nothing for pgbench) and the PostgreSQL backends of that database, per request; "
    "machine busy: all CPUs, 100 % = every core busy (wrk, other engineers' builds and tests included).",
]
print("\n".join(lines))
