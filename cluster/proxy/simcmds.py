"""``sim traffic``, ``sim traffic-stats`` and ``sim proxy-mode``.

``sim traffic svc/NAME --rps N [--from pod/X|node/Y] [--for 30s] [--port P]``
starts requests that follow the source node's kube-proxy rules (see
``cluster.proxy.traffic``); without ``--from`` they come from the first
worker node. ``--for`` defaults to 10s. ``sim traffic-stats svc/NAME``
prints where they went. ``sim proxy-mode iptables|ipvs [--scheduler
rr|lc|sh]`` restarts every node's kube-proxy in that mode. A bad command
changes nothing and says why in one line."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from cluster.api.errors import StatusError
from cluster.proxy import ipvs
from cluster.proxy.programmed import shown_node
from cluster.proxy.traffic import Run, Source, TrafficBook
from cluster.sim import SimError, options

if TYPE_CHECKING:
    from cluster.console import ConsoleContext
    from cluster.node.kubeproxy import KubeProxy

Obj = dict[str, Any]
NAMESPACE = {"-n": "namespace", "--namespace": "namespace"}
DEFAULT_SECONDS = "10s"
TRAFFIC_USAGE = (
    "usage: sim traffic svc/NAME --rps N [--from pod/X|node/Y] [--for 30s] [--port P]"
)


def proxies(ctx: ConsoleContext) -> dict[str, KubeProxy]:
    found = getattr(ctx.nodes, "proxies", None)
    if not found:
        raise SimError("this console has no nodes running kube-proxy")
    return dict(found)


def _book(ctx: ConsoleContext) -> TrafficBook:
    book = getattr(ctx.nodes, "traffic", None)
    if not isinstance(book, TrafficBook):
        raise SimError("this console keeps no traffic records")
    return book


# -- sim traffic -------------------------------------------------------------------


def traffic(args: list[str], ctx: ConsoleContext) -> str:
    known = {"--rps": "rps", "--from": "from", "--for": "for", "--port": "port"}
    words, opts = options(args, {**known, **NAMESPACE})
    if len(words) != 1 or "rps" not in opts:
        raise SimError(TRAFFIC_USAGE)
    rps = _rps(opts["rps"])
    seconds = _seconds(opts.get("for", DEFAULT_SECONDS))
    service = _service(ctx, words[0], opts.get("namespace") or "default")
    port = _port(service, opts.get("port"))
    source = _source(ctx, opts.get("from"), opts.get("namespace") or "default")
    nodes = proxies(ctx)
    count = max(1, math.floor(rps * seconds))
    key = f"{service['metadata']['namespace']}/{service['metadata']['name']}"
    Run(ctx.clock, ctx.stream, nodes.__getitem__, key, port.get("name") or "",
        int(port["port"]), source, rps, count, _book(ctx)).start()  # fmt: skip
    return (
        f"sending {count} requests to svc/{service['metadata']['name']} port "
        f"{port['port']} from {source.kind}/{source.name} ({opts['rps']}/s for "
        f"{opts.get('for', DEFAULT_SECONDS)}) through kube-proxy/{source.node}"
    )


def _rps(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 10000 or not math.isfinite(value):
        raise SimError(f'--rps must be a number from 1 to 10000, got "{text}"')
    return value


def _seconds(text: str) -> float:
    from cluster.sim import _duration

    return _duration(text)


def _service(ctx: ConsoleContext, target: str, namespace: str) -> Obj:
    kind, slash, name = target.rpartition("/")
    if not slash or kind not in ("svc", "service", "services"):
        raise SimError(f'expected svc/NAME, got "{target}"')
    try:
        service = ctx.api.get("services", name, namespace)
    except StatusError:
        raise SimError(
            f'services "{name}" not found in namespace "{namespace}"'
        ) from None
    spec = service.get("spec") or {}
    if spec.get("type") == "ExternalName" or spec.get("clusterIP") in (None, "None"):
        raise SimError(
            f"svc/{name} has no cluster IP: kube-proxy programs nothing for it"
        )
    return service


def _port(service: Obj, wanted: str | None) -> Obj:
    ports = service["spec"].get("ports") or []
    if not ports:
        raise SimError(f"svc/{service['metadata']['name']} has no ports")
    if wanted is None:
        return dict(ports[0])
    for port in ports:
        if wanted in (str(port["port"]), port.get("name")):
            return dict(port)
    raise SimError(f'svc/{service["metadata"]["name"]} has no port "{wanted}"')


def _source(ctx: ConsoleContext, target: str | None, namespace: str) -> Source:
    if target is None:
        return _node_source(ctx, _first_worker(ctx))
    kind, slash, name = target.rpartition("/")
    if kind in ("node", "nodes", "no") and slash:
        return _node_source(ctx, name)
    if kind in ("pod", "pods", "po") and slash:
        return _pod_source(ctx, name, namespace)
    raise SimError(f'--from takes pod/NAME or node/NAME, got "{target}"')


def _first_worker(ctx: ConsoleContext) -> str:
    """The node requests come from by default: the one the diagram shows."""
    running = proxies(ctx)
    return shown_node(ctx.api.get("nodes", name) for name in sorted(running))


def _node_source(ctx: ConsoleContext, name: str) -> Source:
    if name not in proxies(ctx):
        raise SimError(f'node "{name}" not found')
    return Source("node", name, name, proxies(ctx)[name].node_ip)


def _pod_source(ctx: ConsoleContext, name: str, namespace: str) -> Source:
    try:
        pod = ctx.api.get("pods", name, namespace)
    except StatusError:
        raise SimError(f'pods "{name}" not found in namespace "{namespace}"') from None
    node = pod["spec"].get("nodeName")
    ip = (pod.get("status") or {}).get("podIP")
    if not node or not ip or node not in proxies(ctx):
        raise SimError(f"pod/{name} has no IP yet: it cannot send requests")
    return Source("pod", name, node, ip)


# -- sim traffic-stats -------------------------------------------------------------


def traffic_stats(args: list[str], ctx: ConsoleContext) -> str:
    words, opts = options(args, NAMESPACE)
    if len(words) != 1:
        raise SimError("usage: sim traffic-stats svc/NAME")
    service = _service(ctx, words[0], opts.get("namespace") or "default")
    key = f"{service['metadata']['namespace']}/{service['metadata']['name']}"
    tally = _book(ctx).tallies.get(key)
    if tally is None or not tally.total:
        return f"no requests sent to svc/{service['metadata']['name']} yet"
    rows = [["ENDPOINT", "POD", "NODE", "REQUESTS", "SHARE"]]
    for address in sorted(tally.hits, key=lambda a: (-tally.hits[a], a)):
        ep = tally.endpoints[address]
        rows.append([address, ep.pod or "<none>", ep.node or "<none>",
                     str(tally.hits[address]), _share(tally.hits[address],
                                                      tally.total)])  # fmt: skip
    for error, n in sorted(tally.failures.items()):
        rows.append(["FAILED", error, "", str(n), _share(n, tally.total)])
    failed = sum(tally.failures.values())
    head = f"{tally.total} requests to svc/{service['metadata']['name']}, "
    head += f"{tally.total - failed} answered, {failed} failed"
    return head + "\n" + _table(rows)


def _share(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}%"


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    pad = [[c.ljust(w) for c, w in zip(r, widths, strict=True)] for r in rows]
    lines = ["   ".join(cells) for cells in pad]
    return "\n".join(line.rstrip() for line in lines)


# -- sim proxy-mode ----------------------------------------------------------------


def proxy_mode(args: list[str], ctx: ConsoleContext) -> str:
    words, opts = options(args, {"--scheduler": "scheduler"})
    if len(words) != 1 or words[0] not in ("iptables", "ipvs"):
        raise SimError("usage: sim proxy-mode iptables|ipvs [--scheduler rr|lc|sh]")
    mode, scheduler = words[0], opts.get("scheduler", "rr")
    if scheduler not in ipvs.SCHEDULERS:
        raise SimError(f'--scheduler must be one of rr, lc, sh, got "{scheduler}"')
    if mode == "iptables" and "scheduler" in opts:
        raise SimError("--scheduler applies to ipvs mode only")
    for proxy in proxies(ctx).values():
        proxy.set_mode(mode, scheduler)  # the shown one reports its new rules
    text = f"kube-proxy on every node now runs in {mode} mode"
    if mode == "ipvs":
        text += f" (scheduler {scheduler})\nWarning: {ipvs.DEPRECATION}"
    return text


COMMANDS = {
    "traffic": traffic,
    "traffic-stats": traffic_stats,
    "proxy-mode": proxy_mode,
}
