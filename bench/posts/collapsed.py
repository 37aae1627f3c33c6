"""Compares two collapsed-stack profiles (async-profiler's `collapsed` output) of the request threads of two
services per request: for every frame, the samples of the stacks that pass through it per 1,000 requests, on each
side, and its share of the first side's request-thread samples. A stack belongs to a request thread when it passes
through Tomcat's Http11Processor.service. With thread names in the stacks (async-profiler's `threads` option), also
every thread group's samples per 1,000 requests (a write's projections and processors run outside the request).

Usage: python3 bench/posts/collapsed.py A.collapsed A_REQUESTS B.collapsed B_REQUESTS [LINES]
"""

import collections
import re
import sys


def group(frame):
    """The thread group of a thread-name frame ("[http-nio-18080-exec-3 tid=42]" -> "http-nio-N-exec-N"), else None."""
    if not frame.startswith("["):
        return None
    return re.sub(r"\d+", "N", re.sub(r" tid=\d+\]$", "", frame[1:]).rstrip("]"))


def load(path, groups=None):
    inclusive = collections.Counter()
    total = 0
    with open(path) as f:
        for line in f:
            stack, count = line.rstrip().rsplit(" ", 1)
            frames = stack.split(";")
            name = group(frames[0])
            if groups is not None:
                groups[name or "(no thread names)"] += int(count)
            if not any("Http11Processor.service" in frame for frame in frames):
                continue
            total += int(count)
            for frame in set(frames):
                inclusive[frame] += int(count)
    return inclusive, total


def main():
    a_groups, b_groups = collections.Counter(), collections.Counter()
    a, a_total = load(sys.argv[1], a_groups)
    a_requests = float(sys.argv[2])
    b, b_total = load(sys.argv[3], b_groups)
    b_requests = float(sys.argv[4])
    lines = int(sys.argv[5]) if len(sys.argv) > 5 else 300
    print(f"all samples per 1,000 requests: {1000 * sum(a_groups.values()) / a_requests:.2f} (A), "
          f"{1000 * sum(b_groups.values()) / b_requests:.2f} (B); by thread group:")
    for name, count in a_groups.most_common(20):
        print(f"{1000 * count / a_requests:8.2f} {1000 * b_groups.get(name, 0) / b_requests:8.2f}  {name}")
    print()
    print(f"request-thread samples per 1,000 requests: {1000 * a_total / a_requests:.2f} "
          f"({sys.argv[1]}), {1000 * b_total / b_requests:.2f} ({sys.argv[3]})")
    print(f"{'A/1000':>8} {'B/1000':>8} {'A share':>8}  frame")
    for frame, count in a.most_common(lines):
        print(f"{1000 * count / a_requests:8.2f} {1000 * b.get(frame, 0) / b_requests:8.2f} "
              f"{100 * count / a_total:7.1f}%  {frame[:150]}")


if __name__ == "__main__":
    main()
