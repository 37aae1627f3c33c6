"""Summarises a Java Flight Recorder recording of bench/posts/run.sh (PROFILE=1): where the CPU goes and where
threads wait. Usage: python3 bench/posts/hot.py FILE.jfr [requests]   (needs the JDK's `jfr` on the PATH)

CPU: jdk.ExecutionSample, by thread group, by top frame (self), by package of the top frame, and the share of
samples whose stack passes through each component (inclusive). Waits: jdk.ThreadPark, jdk.JavaMonitorEnter and
jdk.SocketRead above the recording's thresholds (10 ms with settings=profile), by thread group and by the first
frame of the platform, Axon or a driver. GC pauses and the JVM's CPU load.
"""

import collections
import json
import re
import subprocess
import sys

COMPONENTS = [
    ("platform code (dev.platform)", ("dev.platform.",)),
    ("  ReadYourWrites (read-your-writes)", ("dev.platform.infra.axon.ReadYourWrites",)),
    ("  PostController", ("dev.platform.command.post.PostController",)),
    ("  PostProjection", ("dev.platform.query.post.PostProjection",)),
    ("  NotificationAudience", ("dev.platform.notification.NotificationAudience",)),
    ("  PostQueryController", ("dev.platform.query.post.PostQueryController",)),
    ("  JwtService.verify", ("dev.platform.infra.security.JwtService",)),
    ("Axon command bus and aggregate", ("org.axonframework.commandhandling.", "org.axonframework.modelling.",
                                        "org.axonframework.eventsourcing.EventSourcingRepository",
                                        "org.axonframework.eventsourcing.AggregateSnapshotter")),
    ("Axon event store (append, read)", ("org.axonframework.eventsourcing.eventstore.",)),
    ("Axon tracking processors", ("org.axonframework.eventhandling.TrackingEventProcessor",)),
    ("Axon pooled processors", ("org.axonframework.eventhandling.pooled.",)),
    ("Axon token store", ("org.axonframework.eventhandling.tokenstore.",)),
    ("Axon dead-letter queue", ("org.axonframework.eventhandling.deadletter.",)),
    ("Axon serialization", ("org.axonframework.serialization.",)),
    ("Axon unit of work", ("org.axonframework.messaging.unitofwork.",)),
    ("Axon metrics (axon-micrometer)", ("org.axonframework.micrometer.",)),
    ("Spring transactions", ("org.springframework.transaction.",)),
    ("Spring JDBC", ("org.springframework.jdbc.",)),
    ("PostgreSQL JDBC driver", ("org.postgresql.",)),
    ("HikariCP", ("com.zaxxer.hikari.",)),
    ("Jackson", ("com.fasterxml.jackson.",)),
    ("jjwt", ("io.jsonwebtoken.",)),
    ("Spring Security", ("org.springframework.security.",)),
    ("Spring MVC", ("org.springframework.web.",)),
    ("Tomcat", ("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.")),
    ("logging", ("ch.qos.logback.", "org.slf4j.", "org.apache.logging.")),
    ("Micrometer", ("io.micrometer.", "org.HdrHistogram.")),
    ("db-scheduler", ("com.github.kagkarlsson.",)),
    ("RabbitMQ / Spring AMQP", ("com.rabbitmq.", "org.springframework.amqp.")),
]
# Stages of a request thread, checked from the leaf outwards: the innermost marker on the stack names the stage.
STAGES = [
    ("command (Axon: interceptors, aggregate, append, commit)", (
        "org.axonframework.commandhandling.gateway.DefaultCommandGateway.sendAndWait",
        "dev.platform.command.user.UniqueAccountClaims.handle")),
    ("read-your-writes wait", ("dev.platform.infra.axon.ReadYourWrites.await",)),
    ("query (JDBC)", ("org.springframework.jdbc.core.JdbcTemplate.query",)),
    ("insert (JDBC)", ("org.springframework.jdbc.core.JdbcTemplate.update",)),
    ("JWT verification", ("dev.platform.infra.security.JwtService.verify", "bench.peer.PeerPostController.verify")),
    ("read JSON body", ("org.springframework.web.servlet.mvc.method.annotation."
                        "AbstractMessageConverterMethodArgumentResolver.readWithMessageConverters",)),
    ("write JSON answer", ("org.springframework.web.servlet.mvc.method.annotation."
                           "AbstractMessageConverterMethodProcessor.writeWithMessageConverters",)),
    ("Spring Security observations", ("org.springframework.security.web.ObservationFilterChainDecorator",
                                      "org.springframework.security.authorization.ObservationAuthorizationManager")),
    ("HTTP observation (http_server_requests)", (
        "org.springframework.web.filter.ServerHttpObservationFilter.createOrFetchObservation",
        "io.micrometer.observation.SimpleObservation.stop")),
    ("controller code", ("dev.platform.command.", "dev.platform.query.", "bench.peer.")),
    ("Spring MVC: handler lookup", ("org.springframework.web.servlet.DispatcherServlet.getHandler",)),
    ("Spring MVC: arguments, validation, invocation", ("org.springframework.web.servlet.DispatcherServlet.doDispatch",)),
    ("Spring Security filter chain", ("org.springframework.security.",)),
    ("platform filters (request id, body size)", ("dev.platform.infra.web.",)),
    ("servlet filters, Tomcat request handling", ("org.apache.catalina.",)),
    ("Tomcat HTTP parsing, sockets", ("org.apache.",)),
]
WAIT_FRAMES = ("dev.platform.", "org.axonframework.", "org.postgresql.", "com.zaxxer.hikari.",
               "com.github.kagkarlsson.", "org.springframework.amqp.", "org.apache.tomcat.util.net.")


def events(path, names, depth=256):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", names, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def frames(event):
    trace = event["values"].get("stackTrace") or {}
    return [
        f"{f['method']['type']['name'].replace('/', '.')}.{f['method']['name']}" for f in trace.get("frames") or []
    ]


def leaf_component(stack):
    for frame in stack:
        for label, prefixes in COMPONENTS:
            if not label.startswith(" ") and frame.startswith(prefixes):
                return label
    return "(JDK or other only)"


def thread_group(event, key):
    thread = event["values"].get(key) or {}
    name = thread.get("javaName") or thread.get("osName") or "?"
    return re.sub(r"\d+", "N", name)


def duration_s(event):
    text = event["values"]["duration"]  # ISO-8601, e.g. PT0.0123S
    match = re.fullmatch(r"PT(?:(\d+)M)?([\d.]+)S", text)
    return (int(match.group(1) or 0) * 60 + float(match.group(2))) if match else 0.0


def table(title, counter, total, unit, limit=20):
    print(f"\n{title}")
    for key, value in counter.most_common(limit):
        share = f"{value * 100 / total:5.1f} %" if total else ""
        print(f"  {share}  {value:10.2f} {unit}  {key}" if unit == "s" else f"  {share}  {key}")


def main():
    path = sys.argv[1]
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    samples = events(path, "jdk.ExecutionSample")
    total = len(samples)
    print(f"# {path}: {total} CPU samples" + (f", {requests} requests" if requests else ""))
    by_thread, by_top, by_package, inclusive, by_component = (collections.Counter() for _ in range(5))
    for sample in samples:
        stack = frames(sample)
        by_thread[thread_group(sample, "sampledThread")] += 1
        if stack:
            by_top[stack[0]] += 1
            by_package[".".join(stack[0].split(".")[:-2][:4])] += 1
        for label, prefixes in COMPONENTS:
            if any(frame.startswith(prefixes) for frame in stack):
                inclusive[label] += 1
        by_component[leaf_component(stack)] += 1
    table("CPU by thread group (share of samples)", by_thread, total, "%")
    stages = collections.Counter()
    for sample in samples:
        if (sample["values"].get("sampledThread") or {}).get("javaName", "").startswith("http-nio"):
            stages[next((label for frame in frames(sample) for label, prefixes in STAGES
                         if frame.startswith(prefixes)), "(other)")] += 1
    table("Request threads (http-nio-*) by stage, share of their samples (the innermost stage on the stack)",
          stages, sum(stages.values()), "%", 30)
    table("CPU self, top frames", by_top, total, "%", 25)
    table("CPU self, by package of the top frame", by_package, total, "%")
    table("CPU by component: the component of the leaf-most frame that belongs to one (JDK frames count for their "
          "caller)", by_component, total, "%", 40)
    print("\nMicrometer (and HdrHistogram) samples by their first caller outside it")
    callers = collections.Counter()
    for sample in samples:
        stack = frames(sample)
        inside = [i for i, frame in enumerate(stack) if frame.startswith(("io.micrometer.", "org.HdrHistogram."))]
        if inside:
            callers[next((frame for frame in stack[inside[-1] + 1:]
                          if not frame.startswith(("java.", "jdk.", "sun."))), "?")] += 1
    for caller, count in callers.most_common(12):
        print(f"  {count * 100 / total:5.1f} %  {caller}")
    print("\nCPU inclusive: share of samples whose stack passes through (wrappers such as Tomcat, Spring MVC and "
          "Spring Security contain whole requests)")
    for label, _ in COMPONENTS:
        if inclusive[label]:
            print(f"  {inclusive[label] * 100 / total:5.1f} %  {label}")

    waits = events(path, "jdk.ThreadPark,jdk.JavaMonitorEnter,jdk.SocketRead", 48)
    by_wait_thread, by_wait_frame = collections.Counter(), collections.Counter()
    for wait in waits:
        seconds = duration_s(wait)
        group = thread_group(wait, "eventThread")
        by_wait_thread[f"{wait['type'].split('.')[-1]:16} {group}"] += seconds
        first = next((frame for frame in frames(wait) if frame.startswith(WAIT_FRAMES)), "(other)")
        by_wait_frame[f"{wait['type'].split('.')[-1]:16} {group:40} {first}"] += seconds
    total_wait = sum(by_wait_thread.values())
    table("Waits above threshold, seconds by kind and thread group", by_wait_thread, total_wait, "s")
    table("Waits above threshold, seconds by kind, thread group and first platform/Axon/driver frame",
          by_wait_frame, total_wait, "s")

    gcs = events(path, "jdk.GarbageCollection")
    loads = events(path, "jdk.CPULoad")
    pause = sum(duration_s(gc) for gc in gcs)
    print(f"\nGC: {len(gcs)} collections, {pause:.2f} s of pauses in total")
    if loads:
        jvm = sum(e["values"]["jvmUser"] + e["values"]["jvmSystem"] for e in loads) / len(loads)
        machine = sum(e["values"]["machineTotal"] for e in loads) / len(loads)
        print(f"CPU load (average of {len(loads)} readings): this JVM {jvm * 100:.0f} %, machine {machine * 100:.0f} %")


if __name__ == "__main__":
    main()
