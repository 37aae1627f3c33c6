"""Where the posts processor's threads spend their CPU during a rebuild: a Java Flight Recorder recording of
bench/rebuild/run.sh (PROFILE=1) summarised by stage. Each sample of an EventProcessor[posts] thread counts for
the innermost stage on its stack. Usage: python3 bench/rebuild/stages.py results/<time>/rebuild.jfr
(needs the JDK's `jfr` on the PATH)."""

import collections
import json
import subprocess
import sys

STAGES = [
    ("metrics monitors (axon-micrometer, Micrometer)",
     ("org.axonframework.monitoring", "org.axonframework.micrometer", "io.micrometer", "org.HdrHistogram")),
    ("deserializing payloads and metadata (Jackson)",
     ("org.axonframework.serialization.LazyDeserializingObject",
      "org.axonframework.serialization.json.MetaDataDeserializer",
      "org.axonframework.serialization.SerializedMessage.getMetaData",
      "dev.platform.infra.axon.FastInstants")),
    ("the projection: lookup, folding, batched writes (JDBC)", ("dev.platform.query.post",)),
    # Only the hand-off itself and the MDC: the interceptor's own frame encloses every handler call.
    ("read-your-writes hand-off and logging context (ReadYourWrites, MDC)",
     ("dev.platform.infra.axon.ReadYourWrites", "org.slf4j.MDC", "ch.qos.logback.classic.util.LogbackMDCAdapter")),
    ("reading events from the store (JDBC, time stamps, upcasting)",
     ("org.axonframework.eventsourcing.eventstore", "org.axonframework.eventhandling.EventUtils",
      "org.axonframework.serialization.upcasting", "dev.platform.infra.axon.PlatformEventStorageEngine")),
    ("token store, transaction",
     ("org.axonframework.eventhandling.tokenstore", "org.springframework.transaction",
      "org.axonframework.spring.messaging.unitofwork")),
]
REST = "rest: Axon's processor loop, unit of work, interceptors, handler invocation, segment filter"

recording = subprocess.run(
    ["jfr", "print", "--json", "--stack-depth", "200", "--events", "jdk.ExecutionSample", sys.argv[1]],
    check=True, capture_output=True, text=True).stdout
samples = 0
stages = collections.Counter()
for event in json.loads(recording)["recording"]["events"]:
    thread = event["values"]["sampledThread"]["javaName"] or ""
    if "EventProcessor[posts]" not in thread:
        continue
    samples += 1
    frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
              for f in event["values"]["stackTrace"]["frames"]]
    stage = next((name for frame in frames for name, prefixes in STAGES
                  if any(frame.startswith(p) for p in prefixes)), REST)
    stages[stage] += 1
print(f"{samples} CPU samples of the posts processor's threads")
for stage, count in stages.most_common():
    print(f"{100 * count / samples:5.1f} %  {stage}")
