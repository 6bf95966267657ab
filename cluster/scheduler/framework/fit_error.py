"""Why a pod fits nowhere: Diagnosis and FitError (``framework/types.go``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cluster.scheduler.framework.status import Status

NO_NODE_AVAILABLE_MSG = "0/{} nodes are available"
# ErrNoNodesAvailable: the cluster has no nodes at all.
NO_NODES_AVAILABLE = "no nodes available to schedule pods"


@dataclass
class Diagnosis:
    # Nodes rejected in Filter (or by a PreFilter), with the rejecting status.
    node_to_status: dict[str, Status] = field(default_factory=dict)
    # The status of nodes absent from node_to_status (none by default).
    absent_nodes_status: Status | None = None
    unschedulable_plugins: set[str] = field(default_factory=set)
    pre_filter_msg: str = ""
    post_filter_msg: str = ""

    def add_plugin_status(self, status: Status) -> None:
        if status.plugin and status.is_rejected():
            self.unschedulable_plugins.add(status.plugin)


@dataclass
class FitError:
    pod_key: str
    num_all_nodes: int
    diagnosis: Diagnosis

    def message(self) -> str:
        """FitError.Error(): "0/N nodes are available: <why>." then PostFilter's
        message. Each reason is counted over nodes and the "<count> <reason>"
        strings are sorted as strings, count included ("10 x" < "2 y")."""
        text = NO_NODE_AVAILABLE_MSG.format(self.num_all_nodes) + ":"
        diagnosis = self.diagnosis
        if diagnosis.pre_filter_msg:
            # Every node carries the PreFilter status; listing it per node
            # would repeat it, so only the PreFilter message is shown.
            text += f" {diagnosis.pre_filter_msg}."
        else:
            histogram = sorted(f"{n} {r}" for r, n in self._reasons().items())
            if histogram:
                text += f" {', '.join(histogram)}."
        if diagnosis.post_filter_msg:
            text += f" {diagnosis.post_filter_msg}"
        return text

    def _reasons(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        statuses = self.diagnosis.node_to_status
        for status in statuses.values():
            counts.update(status.reasons)
        absent = self.num_all_nodes - len(statuses)
        if absent > 0 and self.diagnosis.absent_nodes_status is not None:
            for reason in self.diagnosis.absent_nodes_status.reasons:
                counts[reason] += absent
        return counts
