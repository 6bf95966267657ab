"""``kubectl top`` tables (``pkg/metricsutil/metrics_printer.go``).

Every value, the last one included, is followed by a tab, so each line ends
in padding, exactly as kubectl prints it. Sorting follows
``metrics_sorter.go``: by name (namespace first with ``-A``), or descending
by ``cpu`` or ``memory``.
"""

from __future__ import annotations

from collections.abc import Sequence

from cluster.kubectl.tabwriter import TABLE, layout
from cluster.metricsserver import MI, PodMetrics, Usage

POD_COLUMNS = ("NAME", "CPU(cores)", "MEMORY(bytes)")
NODE_COLUMNS = ("NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)")
UNKNOWN = "<unknown>"
NodeRow = tuple[str, Usage | None, Usage]  # name, usage (None: missing), allocatable


def _line(cells: Sequence[str]) -> str:
    return "".join(f"{cell}\t" for cell in cells) + "\n"


def _cpu(usage: Usage) -> str:
    return f"{usage.cpu_millis}m"


def _memory(usage: Usage) -> str:
    return f"{usage.memory_bytes // MI}Mi"


def _percent(used: int, available: int) -> str:
    return f"{int(used / available * 100) if available else 0}%"


def _sort_key(usage: Usage, sort_by: str) -> int:
    return -(usage.cpu_millis if sort_by == "cpu" else usage.memory_bytes)


def pod_table(
    metrics: Sequence[PodMetrics],
    containers: bool,
    with_namespace: bool,
    no_headers: bool,
    sort_by: str,
    total: bool = False,
) -> str:
    """``PrintPodMetrics``: one line per pod, or per container; ``--sum``
    adds a total under the usage columns."""
    if not metrics:
        return ""
    text = "" if no_headers else _pod_header(containers, with_namespace)
    for pod in _sorted_pods(metrics, with_namespace, sort_by):
        text += "".join(_pod_lines(pod, containers, with_namespace, sort_by))
    if total:
        text += _sum_lines(metrics, len(POD_COLUMNS) + with_namespace + containers)
    return layout(text, *TABLE)


def _sum_lines(metrics: Sequence[PodMetrics], width: int) -> str:
    usage = sum((m.usage for m in metrics), Usage(0, 0))
    rule = _line(("",) * (width - 2) + ("________", "________"))
    return rule + _line(("",) * (width - 3) + ("", _cpu(usage), _memory(usage)))


def _pod_header(containers: bool, with_namespace: bool) -> str:
    prefix = ("NAMESPACE",) * with_namespace + ("POD",) * containers
    return _line((*prefix, *POD_COLUMNS))


def _sorted_pods(
    metrics: Sequence[PodMetrics], with_namespace: bool, sort_by: str
) -> list[PodMetrics]:
    if sort_by:
        return sorted(metrics, key=lambda m: _sort_key(m.usage, sort_by))
    if with_namespace:
        return sorted(metrics, key=lambda m: (m.namespace, m.name))
    return sorted(metrics, key=lambda m: m.name)


def _pod_lines(
    pod: PodMetrics, containers: bool, with_namespace: bool, sort_by: str
) -> list[str]:
    prefix = (pod.namespace,) * with_namespace
    if not containers:
        return [_line((*prefix, pod.name, _cpu(pod.usage), _memory(pod.usage)))]
    ordered = sorted(pod.containers, key=lambda c: c.name)
    if sort_by:
        ordered.sort(key=lambda c: _sort_key(c.usage, sort_by))
    return [
        _line((*prefix, pod.name, c.name, _cpu(c.usage), _memory(c.usage)))
        for c in ordered
    ]


def node_table(rows: Sequence[NodeRow], no_headers: bool, sort_by: str) -> str:
    """``PrintNodeMetrics``: nodes with metrics first, then the missing ones."""
    present = [r for r in rows if r[1] is not None]
    if not present:
        return ""
    if sort_by:
        present.sort(key=lambda r: _sort_key(r[1] or Usage(0, 0), sort_by))
    else:
        present.sort(key=lambda r: r[0])
    missing = [r for r in rows if r[1] is None]
    text = "" if no_headers else _line(NODE_COLUMNS)
    text += "".join(_node_line(*row) for row in present)
    text += "".join(_line((row[0], *(UNKNOWN,) * 4)) for row in missing)
    return layout(text, *TABLE)


def _node_line(name: str, usage: Usage | None, available: Usage) -> str:
    assert usage is not None
    return _line(
        (
            name,
            _cpu(usage),
            _percent(usage.cpu_millis, available.cpu_millis),
            _memory(usage),
            _percent(usage.memory_bytes, available.memory_bytes),
        )
    )
