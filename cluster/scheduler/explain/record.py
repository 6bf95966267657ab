"""What one scheduling attempt decided, plugin by plugin and node by node.

Built once from the cycle's state and result, kept compact (node names,
the Filter plugins that ran, the rejecting plugin per node, score columns),
and rendered to annotations or to the diagram's event only when asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cluster.scheduler.algorithm import ScheduleResult
from cluster.scheduler.framework.cycle_state import (
    PRE_FILTER,
    PRE_SCORE,
    SUCCESS_MESSAGE,
    CycleState,
)

PASSED = "passed"
PREEMPTION_VICTIM = "preemption victim"


@dataclass
class AttemptRecord:
    pod_key: str
    pre_filter_status: dict[str, str] = field(default_factory=dict)
    pre_filter_result: dict[str, list[str]] = field(default_factory=dict)
    # The Filter plugins that ran, in order; nodes that passed them all;
    # the others with the plugin that rejected them and why.
    filter_plugins: list[str] = field(default_factory=list)
    feasible: list[str] = field(default_factory=list)
    rejected: dict[str, tuple[str, str]] = field(default_factory=dict)
    # PreFilter turned every node down (no Filter ran): plugin, message.
    pre_filter_rejection: tuple[str, str] | None = None
    # PostFilter: plugin, nominated node ("" if none), nodes it looked at.
    post_filter: tuple[str, str, list[str]] | None = None
    pre_score: dict[str, str] = field(default_factory=dict)
    score_plugins: list[str] = field(default_factory=list)
    score_nodes: list[str] = field(default_factory=list)
    raw_scores: list[list[int]] = field(default_factory=list)
    final_scores: list[list[int]] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    selected_node: str = ""
    reserve: dict[str, str] = field(default_factory=dict)
    permit: dict[str, str] = field(default_factory=dict)
    pre_bind: dict[str, str] = field(default_factory=dict)
    bind: dict[str, str] = field(default_factory=dict)
    message: str = ""

    def filter_result(self, node: str) -> list[tuple[str, str]]:
        """(plugin, "passed" or the reason) for each Filter that ran on it."""
        rejected = self.rejected.get(node)
        if rejected is None:
            return [(p, PASSED) for p in self.filter_plugins]
        plugin, message = rejected
        before = (
            self.filter_plugins[: self.filter_plugins.index(plugin)]
            if plugin in self.filter_plugins
            else []
        )
        return [*((p, PASSED) for p in before), (plugin, message)]


def record_attempt(
    pod_key: str, state: CycleState, result: ScheduleResult
) -> AttemptRecord:
    record = AttemptRecord(pod_key)
    record.pre_filter_status = dict(state.notes[PRE_FILTER])
    record.pre_filter_result = dict(state.pre_filter_nodes)
    record.pre_score = dict(state.notes[PRE_SCORE])
    diagnosis = result.diagnosis
    if diagnosis.pre_filter_msg and diagnosis.absent_nodes_status is not None:
        record.pre_filter_rejection = (
            diagnosis.absent_nodes_status.plugin,
            diagnosis.pre_filter_msg,
        )
    else:
        record.filter_plugins = result.filter_plugins
        record.feasible = [n.name for n in result.feasible]
        record.rejected = {
            name: (s.plugin, s.message())
            for name, s in diagnosis.node_to_status.items()
        }
    _scores(record, result)
    return record


def _scores(record: AttemptRecord, result: ScheduleResult) -> None:
    table = result.scores
    if table is None:
        return
    record.score_plugins = table.plugins
    record.score_nodes = [n.name for n in table.nodes]
    record.raw_scores, record.final_scores = table.raw, table.columns
    record.totals = table.totals


def note_post_filter(record: AttemptRecord, result: ScheduleResult) -> None:
    """AddPostFilterResult: the nodes the PostFilter saw, the nominated one
    marked as the preemption's target."""
    if not result.post_filter_plugin or result.fit_error is None:
        return
    nominated = result.nominating.nominated_node_name if result.nominating else ""
    nodes = list(result.fit_error.diagnosis.node_to_status)
    record.post_filter = (result.post_filter_plugin, nominated, nodes)


def note_points(
    record: AttemptRecord, point: str, plugins: list[str], message: str = ""
) -> None:
    """Reserve, Permit, PreBind or Bind: "success" for each plugin that ran,
    or the failing one's message."""
    results = getattr(record, point)
    for plugin in plugins:
        results[plugin] = SUCCESS_MESSAGE
    if message and plugins:
        results[plugins[-1]] = message
