"""Turns the counters of bench/posts/run.sh into the markdown report (stdout).

Arguments: rows file, clock ticks per second, run directory, read-your-writes warnings in the platform's log,
run stamp, seconds per measurement, warm-up seconds, connections, threads, profiling on (1) or off.
"""

import os
import re
import sys

rows_file, hz, run, warnings, stamp, duration, warmup, connections, threads, profiled = sys.argv[1:11]
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


def outcome(name):
    text = open(os.path.join(run, name + ".txt")).read()
    wrk = re.search(
        r"RESULT rps=([\d.]+) requests=(\d+) seconds=([\d.]+) p50_ms=([\d.]+) p99_ms=([\d.]+) "
        r"non2xx=(\d+) socket_errors=(\d+)",
        text,
    )
    if wrk:
        rps, requests, seconds, p50, p99, non2xx, errors = wrk.groups()
        return dict(
            rps=float(rps), requests=int(requests), seconds=float(seconds), p50=f"{float(p50):.1f}",
            p99=f"{float(p99):.1f}", failures=int(non2xx) + int(errors))
    tps = re.findall(r"^tps = ([\d.]+)", text, re.M)
    transactions = re.findall(r"^number of transactions actually processed: (\d+)", text, re.M)
    failed = re.findall(r"^number of failed transactions: (\d+)", text, re.M)
    average = re.findall(r"^latency average = ([\d.]+) ms", text, re.M)
    return dict(
        rps=float(tps[-1]), requests=int(transactions[-1]), p50=f"avg {float(average[-1]):.1f}", p99="",
        failures=int(failed[-1]) if failed else 0)


def prometheus(path):
    values = {}
    if os.path.exists(path):
        for line in open(path):
            if not line.startswith("#") and " " in line:
                key, _, value = line.rpartition(" ")
                values[key] = float(value)
    return values


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
    "platform-get": "platform `GET /api/v1/posts/{id}`",
    "peer-get": "peer `GET /api/v1/posts/{id}`",
    "pgbench-insert": "pgbench: one event-shaped `INSERT` per transaction",
}

rows = [parse_row(line) for line in open(rows_file) if line.strip()]
results = {}
lines = [
    f"# Posts benchmark, {stamp}",
    "",
    f"{connections} connections, {threads} threads, at least {warmup} s warm-up (until the JIT is quiet: last "
    f"column) then {duration} s measured per line; "
    f"{os.cpu_count()} CPUs."
    + (" **Profiled with Java Flight Recorder: not for the record.**" if profiled == "1" else ""),
    "",
    "| measurement | req/s | p50 ms | p99 ms | failed | app CPU ms/req | DB CPU ms/req | commits/req "
    "| rows ins+upd/req | machine busy | load avg (1/5/15 min) | warm-up s |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
]
for row in rows:
    name = row["name"]
    result = outcome(name)
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
        f"| {app} | {db_ticks * 1000 / hz / max(db_n, 1):.2f} | {commits / n:.2f} | {(inserted + updated) / n:.2f} "
        f"| {(busy1 - busy0) * 100 / max(total1 - total0, 1):.0f} % | {row['load']} | {row['warmup']} |"
    )


def ratio(a, b):
    return f"{results[a]['rps'] / results[b]['rps']:.2f}×" if a in results and b in results else "–"


lines += [
    "",
    "| ratio | value | target |",
    "| --- | ---: | ---: |",
    f"| writes: platform / peer | {ratio('platform-post', 'peer-post')} | ≥ 0.5× |",
    f"| reads: platform / peer | {ratio('platform-get', 'peer-get')} | ≥ 0.8× |",
    f"| writes: platform / pgbench | {ratio('platform-post', 'pgbench-insert')} | |",
    f"| writes: peer / pgbench | {ratio('peer-post', 'pgbench-insert')} | |",
]

jvm_rows = [row["name"] for row in rows if row.get("before.proc")]
cpu = {name: thread_cpu(name) for name in jvm_rows}
groups = {}
for name in jvm_rows:
    for group, ms in cpu[name].items():
        groups[group] = max(groups.get(group, 0.0), ms / max(results[name]["requests"], 1))
shown = [group for group, top in sorted(groups.items(), key=lambda item: -item[1]) if top >= 0.05][:14]
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


for name in ("platform-post", "platform-get"):
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

before = prometheus(os.path.join(run, "platform-post.prometheus.before"))
after = prometheus(os.path.join(run, "platform-post.prometheus.after"))
http, _ = timer_ms(before, after, "http_server_requests_seconds", ['method="POST"', 'uri="/api/v1/posts"'])
command, _ = timer_ms(before, after, "commandBus_allTimer_seconds", ['payloadType="CreatePost"'])
if http is not None and command is not None:
    lines += [
        "",
        f"Platform `POST` from its own timers during the measurement: {http:.1f} ms per request in the web layer, "
        f"of which {command:.1f} ms in the `CreatePost` command (validation, append, commit) and "
        f"{http - command:.1f} ms after it (mostly the read-your-writes wait for the `posts` and "
        f"`notification-audience` projections).",
    ]
lines += [
    "",
    f"Read-your-writes timeouts in the platform's log: {warnings}. "
    "CPU columns: the JVM (or nothing for pgbench) and the PostgreSQL backends of that database, per request; "
    "machine busy: all CPUs, 100 % = every core busy (wrk, other engineers' builds and tests included).",
]
print("\n".join(lines))
