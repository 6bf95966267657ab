"""Scheduling throughput of the simulated kube-scheduler (not part of the
test suite; CI does not time it).

For each cluster size: create the nodes (three zones, some with SSDs, images
reported by the kubelet), start the scheduler with the full default profile
and explanations recorded on every pod, create 10 pods per node with mixed
requests (one in ten spread over zones, one in ten with preferred pod
anti-affinity, one in twenty pinned to a zone by node affinity, one in twenty
to SSD nodes), then time the virtual clock running until every pod is bound.
The time covers the whole component: watch deliveries, queue, plugins,
explanations written through the API server, the bindings.

Each size runs in a process of its own, so peak memory (ru_maxrss) is that
size's. Run: ``.venv/bin/python tests/bench/bench_scheduler.py [--nodes 100
1000 5000] [--profile]``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cluster.apiserver import APIServer  # noqa: E402
from cluster.clock import Clock  # noqa: E402
from cluster.events import EventStream  # noqa: E402
from cluster.scheduler.scheduler import Scheduler  # noqa: E402
from cluster.store import Store  # noqa: E402
from tests.cluster.builders import make_node, make_pod  # noqa: E402

PODS_PER_NODE = 10
SIZES = (100, 1000, 5000)
ZONE = "topology.kubernetes.io/zone"
MB = 1024 * 1024
IMAGES = [
    {"names": ["docker.io/library/nginx:1.27"], "sizeBytes": 70 * MB},
    {"names": ["docker.io/library/redis:7"], "sizeBytes": 45 * MB},
]


def build(nodes: int, seed: int = 0) -> tuple[Clock, APIServer]:
    clock = Clock(seed)
    stream = EventStream(clock)
    store = Store(stream)
    # No sandbox caps: the bench wants tens of thousands of pods.
    api = APIServer(clock, store, stream, limits={})
    # Something listens, as the web side does, so every event is really built.
    stream.subscribe(lambda e: None)
    api.create(
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "default"}},
        actor="bench",
    )
    for i in range(nodes):
        labels = {ZONE: f"zone-{i % 3}", **({"disk": "ssd"} if i % 4 == 0 else {})}
        images = IMAGES[: i % 3]
        api.create(
            make_node(
                f"node-{i:04}", cpu="32", memory="128Gi", labels=labels, images=images
            ),
            actor="bench",
        )
    return clock, api


def pod(i: int, rng: random.Random) -> dict:
    app = f"app-{i % 50}"
    spec: dict = {}
    if i % 10 == 3:
        spec["topologySpreadConstraints"] = [
            {
                "maxSkew": 1,
                "topologyKey": ZONE,
                "whenUnsatisfiable": "ScheduleAnyway",
                "labelSelector": {"matchLabels": {"app": app}},
            }
        ]
    if i % 10 == 7:
        spec["affinity"] = {
            "podAntiAffinity": {
                "preferredDuringSchedulingIgnoredDuringExecution": [
                    {
                        "weight": 50,
                        "podAffinityTerm": {
                            "topologyKey": "kubernetes.io/hostname",
                            "labelSelector": {"matchLabels": {"app": app}},
                        },
                    }
                ]
            }
        }
    if i % 20 == 11:
        spec["affinity"] = {
            "nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": {
                    "nodeSelectorTerms": [
                        {
                            "matchExpressions": [
                                {
                                    "key": ZONE,
                                    "operator": "In",
                                    "values": ["zone-1", "zone-2"],
                                }
                            ]
                        }
                    ]
                }
            }
        }
    if i % 20 == 13:
        spec["nodeSelector"] = {"disk": "ssd"}
    spec["containers"] = [
        {
            "name": "app",
            "image": rng.choice(
                ("docker.io/library/nginx:1.27", "docker.io/library/redis:7", "busybox")
            ),
            "resources": {
                "requests": {
                    "cpu": f"{rng.choice((100, 250, 500))}m",
                    "memory": f"{rng.choice((128, 256, 512))}Mi",
                }
            },
        }
    ]
    return make_pod(f"pod-{i:05}", labels={"app": app}, spec=spec)


def run(nodes: int, profile: bool = False) -> dict:
    clock, api = build(nodes)
    Scheduler(api, clock, api.stream).start()
    rng = random.Random(0)
    for i in range(nodes * PODS_PER_NODE):
        api.create(pod(i, rng), actor="bench")
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    started, cpu_started = time.perf_counter(), time.process_time()
    while clock.step():
        pass
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    if profiler:
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(30)
    listed = api.list("pods")
    bound = sum(1 for p in listed if p["spec"].get("nodeName"))
    explained = sum(1 for p in listed if p["metadata"].get("annotations"))
    return {
        "nodes": nodes,
        "bound": bound,
        "explained": explained,
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def report(result: dict) -> str:
    """Rates per CPU second of the one (single-threaded) process: other work
    on the machine does not skew them; wall time is shown too."""
    cpu = result["cpu_seconds"]
    rate = result["bound"] / cpu
    per_pod = 1000 * cpu / max(result["bound"], 1)
    return (
        f"{result['nodes']:>5} nodes: {result['bound']:>6} pods bound "
        f"({result['explained']} explained) in {cpu:7.2f} CPU s "
        f"({result['seconds']:.2f} s wall) = {rate:6,.0f} pods/s, "
        f"{per_pod:5.2f} ms/pod, peak {result['peak_mib']:,.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print the top functions by cumulative time",
    )
    parser.add_argument("--nodes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.child, args.profile)))
        return
    for nodes in args.nodes:
        command = [sys.executable, __file__, "--child", str(nodes)]
        if args.profile:
            command.append("--profile")
        out = subprocess.run(command, check=True, text=True, stdout=subprocess.PIPE)
        print(report(json.loads(out.stdout.strip().splitlines()[-1])), flush=True)


if __name__ == "__main__":
    main()
