"""Scheduling throughput of the simulated kube-scheduler (not part of the
test suite; CI does not time it).

For each cluster size: create the nodes, start the scheduler, create 10 pods
per node with mixed requests, then time the virtual clock running until every
pod is bound. The time covers the whole component: watch deliveries, queue,
the default profile's plugins, the observation events, and the binding API
calls. Run: ``.venv/bin/python tests/bench/bench_scheduler.py [--profile]``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cluster.apiserver import APIServer  # noqa: E402
from cluster.clock import Clock  # noqa: E402
from cluster.events import EventStream  # noqa: E402
from cluster.scheduler.scheduler import Scheduler  # noqa: E402
from cluster.store import Store  # noqa: E402
from tests.cluster.builders import make_node, make_pod  # noqa: E402

PODS_PER_NODE = 10
SIZES = (100, 1000)


def build(nodes: int, seed: int = 0) -> tuple[Clock, APIServer, Counter[str]]:
    clock = Clock(seed)
    stream = EventStream(clock)
    store = Store(stream)
    api = APIServer(clock, store, stream)
    events: Counter[str] = Counter()
    # Something listens and forwards, as the web side does, so every event is
    # really built; it keeps none of them.
    stream.subscribe(lambda e: events.update((e["type"],)))
    api.create({"apiVersion": "v1", "kind": "Namespace",
                "metadata": {"name": "default"}}, actor="bench")
    for i in range(nodes):
        api.create(make_node(f"node-{i:04}", cpu="32", memory="128Gi"), actor="bench")
    return clock, api, events


def pods(count: int, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    return [make_pod(f"pod-{i:05}", cpu=f"{rng.choice((100, 250, 500))}m",
                     memory=f"{rng.choice((128, 256, 512))}Mi")
            for i in range(count)]


def run(nodes: int) -> tuple[float, int]:
    clock, api, events = build(nodes)
    Scheduler(api, clock, api.stream).start()
    for pod in pods(nodes * PODS_PER_NODE):
        api.create(pod, actor="bench")
    started = time.perf_counter()
    while clock.step():
        pass
    elapsed = time.perf_counter() - started
    bound = sum(1 for p in api.list("pods") if p["spec"].get("nodeName"))
    return elapsed, bound


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", action="store_true",
                        help="print the top functions by cumulative time")
    parser.add_argument("--nodes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args()
    for nodes in args.nodes:
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        elapsed, bound = run(nodes)
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        print(f"{nodes:>5} nodes: {bound} pods bound in {elapsed:.2f}s "
              f"= {bound / elapsed:,.0f} pods/s")


if __name__ == "__main__":
    main()
