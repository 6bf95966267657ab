"""kube-scheduler-simulator's annotations for one attempt
(``resultstore.GetStoredResult``), as Go's encoding/json writes them: maps
with sorted keys, no spaces, ``<``, ``>`` and ``&`` escaped.

``filter-result``: node -> plugin -> "passed" or the reason;
``score-result``: node -> plugin -> raw score; ``finalscore-result``: node ->
plugin -> normalized score times weight; ``postfilter-result``: node ->
plugin -> "preemption victim" on the nominated node; the ``*-result`` of the
other points: plugin -> "success" or the message; ``selected-node``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from itertools import repeat

from cluster.scheduler.explain.record import PREEMPTION_VICTIM, AttemptRecord

PREFIX = "kube-scheduler-simulator.sigs.k8s.io/"
PRE_FILTER_STATUS = PREFIX + "prefilter-result-status"
PRE_FILTER_RESULT = PREFIX + "prefilter-result"
FILTER = PREFIX + "filter-result"
POST_FILTER = PREFIX + "postfilter-result"
PRE_SCORE = PREFIX + "prescore-result"
SCORE = PREFIX + "score-result"
FINAL_SCORE = PREFIX + "finalscore-result"
RESERVE = PREFIX + "reserve-result"
PERMIT = PREFIX + "permit-result"
PERMIT_TIMEOUT = PREFIX + "permit-result-timeout"
PRE_BIND = PREFIX + "prebind-result"
BIND = PREFIX + "bind-result"
SELECTED_NODE = PREFIX + "selected-node"
RESULT_HISTORY = PREFIX + "result-history"


@lru_cache(maxsize=4096)
def go_string(text: str) -> str:
    """A JSON string literal as Go's json.Marshal writes it."""
    out = json.dumps(text, ensure_ascii=False)
    if any(c in out for c in "<>&\u2028\u2029"):
        out = (
            out.replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
            .replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029")
        )
    return out


def go_object(pairs: Iterable[tuple[str, str]]) -> str:
    """A map[string]string; ``pairs`` hold already-encoded values."""
    return "{" + ",".join(f"{go_string(k)}:{v}" for k, v in sorted(pairs)) + "}"


def string_map(values: dict[str, str]) -> str:
    return go_object((k, go_string(v)) for k, v in values.items())


def render(record: AttemptRecord) -> dict[str, str]:
    """Every annotation kube-scheduler-simulator sets after an attempt."""
    return {
        PRE_FILTER_RESULT: go_object(
            (k, "[" + ",".join(go_string(n) for n in v) + "]")
            for k, v in record.pre_filter_result.items()
        ),
        PRE_FILTER_STATUS: string_map(record.pre_filter_status),
        FILTER: _filter(record),
        POST_FILTER: _post_filter(record),
        PRE_SCORE: string_map(record.pre_score),
        SCORE: _scores(record, record.raw_scores),
        FINAL_SCORE: _scores(record, record.final_scores),
        RESERVE: string_map(record.reserve),
        PERMIT_TIMEOUT: string_map({p: "0s" for p in record.permit}),
        PERMIT: string_map(record.permit),
        PRE_BIND: string_map(record.pre_bind),
        BIND: string_map(record.bind),
        SELECTED_NODE: record.selected_node,
    }


def _filter(record: AttemptRecord) -> str:
    if not record.filter_plugins and not record.rejected:
        return "{}"
    passed = string_map({p: "passed" for p in record.filter_plugins})
    rows = list(zip(record.feasible, repeat(passed)))
    # Nodes turned down by the same plugin for the same reason read alike.
    seen: dict[tuple[str, str], str] = {}
    for node, why in record.rejected.items():
        text = seen.get(why)
        if text is None:
            text = seen[why] = string_map(dict(record.filter_result(node)))
        rows.append((node, text))
    rows.sort()
    # Node names are DNS subdomains: nothing in them needs escaping.
    return "{" + ",".join([f'"{n}":{v}' for n, v in rows]) + "}"


def _post_filter(record: AttemptRecord) -> str:
    if record.post_filter is None:
        return "{}"
    plugin, nominated, nodes = record.post_filter
    marked = string_map({plugin: PREEMPTION_VICTIM})
    return go_object((n, marked if n == nominated else "{}") for n in nodes)


def _scores(record: AttemptRecord, columns: list[list[int]]) -> str:
    """node -> plugin -> score as a string, one %-template per record: this
    runs for every scored node of every attempt."""
    if not record.score_nodes:
        return "{}"
    plugins = record.score_plugins
    order = sorted(range(len(plugins)), key=plugins.__getitem__)
    template = ",".join(f'{go_string(plugins[i])}:"%d"' for i in order)
    # Node names are DNS subdomains: nothing in them needs escaping; they
    # are unique, so the rows sort by name alone.
    row = '"%s":{' + template + "}"
    values = sorted(zip(record.score_nodes, *[columns[i] for i in order], strict=True))
    return "{" + ",".join(map(row.__mod__, values)) + "}"
