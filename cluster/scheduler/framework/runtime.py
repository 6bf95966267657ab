"""The framework runtime: a profile's plugins, sorted into extension points,
and the loops that run them (``framework/runtime/framework.go``).

Plugins are instantiated once, in profile order; each goes to every extension
point whose protocol it implements. Score weights come from the profile.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cluster.scheduler.framework import interface as ifc
from cluster.scheduler.framework.batch import BatchFunc, one_by_one
from cluster.scheduler.framework.cycle_state import PRE_FILTER, PRE_SCORE, CycleState
from cluster.scheduler.framework.expand import expand, needed, score_weights
from cluster.scheduler.framework.fit_error import Diagnosis
from cluster.scheduler.framework.status import (
    MAX_NODE_SCORE,
    MIN_NODE_SCORE,
    Code,
    Status,
    error,
)
from cluster.scheduler.framework.types import NodeInfo, PodInfo

if TYPE_CHECKING:
    from cluster.scheduler.profile import Profile
    from cluster.scheduler.queue import QueuedPodInfo

Factory = Callable[[Mapping[str, Any] | None, ifc.Handle], ifc.Plugin]
FilterFunc = Callable[[CycleState, PodInfo, NodeInfo], Status | None]


@dataclass
class ScoreTable:
    """Weighted scores of the scored nodes: one column per Score plugin."""

    nodes: list[NodeInfo]
    plugins: list[str]
    columns: list[list[int]]
    totals: list[int]
    # Each plugin's scores as Score returned them, before NormalizeScore and
    # the weight (what kube-scheduler-simulator calls score-result).
    raw: list[list[int]] = field(default_factory=list)


class Framework:
    def __init__(
        self,
        profile: Profile,
        registry: Mapping[str, Factory],
        handle: ifc.Handle,
        absent: Collection[str] = (),
    ) -> None:
        self.profile_name = profile.scheduler_name
        self.percentage_of_nodes_to_score = profile.percentage_of_nodes_to_score
        self.plugins: dict[str, ifc.Plugin] = {}
        for name in needed(profile):
            if name in registry:
                args = profile.plugin_args.get(name)
                try:
                    self.plugins[name] = registry[name](args, handle)
                except ValueError as err:
                    raise ValueError(f'initializing plugin "{name}": {err}') from None
        self.points = expand(profile, self.plugins, absent)
        self._sort_into_extension_points()
        self.weights = score_weights(profile, [p.name for p in self.score])
        self._scorers = [_Scorer(p, self.weights[p.name]) for p in self.score]
        for plugin in self.plugins.values():
            # Plugins that call back into their framework (preemption runs
            # the Filters) get it once every plugin exists.
            if hasattr(plugin, "set_framework"):
                plugin.set_framework(self)

    def _sort_into_extension_points(self) -> None:
        pick = self._at
        self.pre_enqueue: list[ifc.PreEnqueuePlugin] = pick("preEnqueue")
        self.queue_sort: list[ifc.QueueSortPlugin] = pick("queueSort")
        self.pre_filter: list[ifc.PreFilterPlugin] = pick("preFilter")
        self.pre_filter_extensions: list[ifc.PreFilterExtensions] = [
            p for p in self.pre_filter if isinstance(p, ifc.PreFilterExtensions)
        ]
        self.filter: list[ifc.FilterPlugin] = pick("filter")
        self.post_filter: list[ifc.PostFilterPlugin] = pick("postFilter")
        self.pre_score: list[ifc.PreScorePlugin] = pick("preScore")
        self.score: list[ifc.ScorePlugin] = pick("score")
        self.reserve: list[ifc.ReservePlugin] = pick("reserve")
        self.permit: list[ifc.PermitPlugin] = pick("permit")
        self.pre_bind: list[ifc.PreBindPlugin] = pick("preBind")
        self.bind: list[ifc.BindPlugin] = pick("bind")
        self.post_bind: list[ifc.PostBindPlugin] = pick("postBind")
        self._check_required()

    def _at(self, point: str) -> list[Any]:
        return [self.plugins[name] for name in self.points[point]]

    def _check_required(self) -> None:
        if len(self.queue_sort) != 1:
            raise ValueError(
                "only one queue sort plugin required for profile with scheduler "
                f'name "{self.profile_name}", but got {len(self.queue_sort)}'
            )
        if not self.bind:
            raise ValueError(
                "at least one bind plugin is needed for profile with "
                f'scheduler name "{self.profile_name}"'
            )

    # -- queueing -------------------------------------------------------------

    def less(self, a: QueuedPodInfo, b: QueuedPodInfo) -> bool:
        return self.queue_sort[0].less(a, b)

    def run_pre_enqueue(self, pod: PodInfo) -> Status | None:
        for plugin in self.pre_enqueue:
            status = plugin.pre_enqueue(pod)
            if status is not None:
                return status.with_plugin(plugin.name)
        return None

    # -- filtering ------------------------------------------------------------

    def run_pre_filter(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[ifc.PreFilterResult | None, Status | None, list[str]]:
        """RunPreFilterPlugins: an Unschedulable status still lets the rest
        run (preemption needs their state); Unresolvable stops at once. Also
        returns the plugins that narrowed the candidate nodes."""
        result: frozenset[str] | None = None
        rejected: Status | None = None
        narrowing: list[str] = []
        for plugin in self.pre_filter:
            found, status = plugin.pre_filter(state, pod, nodes)
            state.note(PRE_FILTER, plugin.name, status)
            if found is not None and found.node_names is not None:
                state.pre_filter_nodes[plugin.name] = sorted(found.node_names)
            if status is not None and status.code == Code.SKIP:
                state.skip_filter_plugins.add(plugin.name)
                continue
            if status is not None:
                status = status.with_plugin(plugin.name)
                if status.code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE:
                    return None, status, []
                if status.code == Code.UNSCHEDULABLE:
                    rejected = rejected or status
                    continue
                wrapped = _wrap(status, f'running PreFilter plugin "{plugin.name}"')
                return None, wrapped, []
            if found is not None and found.node_names is not None:
                narrowing.append(plugin.name)
                names = found.node_names
                result = names if result is None else result & names
                if not result:
                    status = _satisfied_none(narrowing)
                    return ifc.PreFilterResult(result), status, narrowing
        return ifc.PreFilterResult(result), rejected, narrowing

    def run_pre_filter_add_pod(
        self, state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo
    ) -> None:
        """RunPreFilterExtensionAddPod, for the plugins PreFilter did not skip."""
        for plugin in self.pre_filter_extensions:
            if plugin.name not in state.skip_filter_plugins:
                plugin.add_pod(state, pod, added, node)

    def run_pre_filter_remove_pod(
        self, state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo
    ) -> None:
        for plugin in self.pre_filter_extensions:
            if plugin.name not in state.skip_filter_plugins:
                plugin.remove_pod(state, pod, removed, node)

    def filter_plugins(self, state: CycleState) -> list[tuple[str, FilterFunc]]:
        """The Filter plugins of this cycle (less those PreFilter skipped)."""
        return [
            (p.name, p.filter)
            for p in self.filter
            if p.name not in state.skip_filter_plugins
        ]

    def filter_batches(self, state: CycleState) -> list[tuple[str, BatchFunc]]:
        """The same plugins, each as a function over a list of nodes."""
        return [
            (
                p.name,
                p.filter_nodes
                if hasattr(p, "filter_nodes")  # type: ignore[attr-defined]
                else one_by_one(p.filter),
            )
            for p in self.filter
            if p.name not in state.skip_filter_plugins
        ]

    def run_filter(
        self, state: CycleState, pod: PodInfo, node: NodeInfo
    ) -> Status | None:
        """RunFilterPlugins: the first failing plugin decides. The scheduling
        algorithm runs the same loop inline over many nodes."""
        for name, filter_ in self.filter_plugins(state):
            status = filter_(state, pod, node)
            if status is not None:
                return rejection(name, status)
        return None

    def run_post_filter(
        self, state: CycleState, pod: PodInfo, diagnosis: Diagnosis
    ) -> tuple[ifc.PostFilterResult | None, Status]:
        """Until the first Success/Error/Unresolvable; reasons are collected."""
        result: ifc.PostFilterResult | None = None
        reasons: list[str] = []
        rejector = ""
        for plugin in self.post_filter:
            found, status = plugin.post_filter(state, pod, diagnosis)
            if status is None or status.code == Code.SUCCESS:
                return found, Status(Code.SUCCESS, plugin=plugin.name)
            if status.code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE:
                return found, status.with_plugin(plugin.name)
            if not status.is_rejected():
                return None, _wrap(status, "").with_plugin(plugin.name)
            result = found or result
            reasons += status.reasons
            rejector = rejector or plugin.name
        return result, Status(Code.UNSCHEDULABLE, tuple(reasons), rejector)

    # -- scoring --------------------------------------------------------------

    def run_pre_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> Status | None:
        for plugin in self.pre_score:
            status = plugin.pre_score(state, pod, nodes)
            state.note(PRE_SCORE, plugin.name, status)
            if status is not None and status.code == Code.SKIP:
                state.skip_score_plugins.add(plugin.name)
            elif status is not None:
                return _wrap(status, f'running PreScore plugin "{plugin.name}"')
        return None

    def run_score(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> ScoreTable:
        """Score, NormalizeScore, then weight. Plugin by plugin rather than
        node by node as Go does: the same numbers, far fewer Python calls."""
        table = ScoreTable(nodes, [], [], [0] * len(nodes))
        for scorer in self._scorers:
            if scorer.name in state.skip_score_plugins:
                continue
            raw, column = scorer.run(state, pod, nodes)
            table.plugins.append(scorer.name)
            table.raw.append(raw)
            table.columns.append(column)
        if table.columns:
            table.totals = list(map(sum, zip(*table.columns, strict=True)))
        return table

    # -- reserving, permitting, binding ---------------------------------------

    def run_reserve(
        self, state: CycleState, pod: PodInfo, node_name: str
    ) -> Status | None:
        for plugin in self.reserve:
            status = plugin.reserve(state, pod, node_name)
            if status is not None:
                return rejection(plugin.name, status, "running Reserve plugin")
        return None

    def run_unreserve(self, state: CycleState, pod: PodInfo, node_name: str) -> None:
        for plugin in reversed(self.reserve):
            plugin.unreserve(state, pod, node_name)

    def run_permit(
        self, state: CycleState, pod: PodInfo, node_name: str
    ) -> Status | None:
        # No default plugin waits at Permit, so a Wait is reported, not held.
        for plugin in self.permit:
            status, _timeout = plugin.permit(state, pod, node_name)
            if status is not None:
                return rejection(plugin.name, status, "running Permit plugin")
        return None

    def run_pre_bind(
        self, state: CycleState, pod: PodInfo, node_name: str
    ) -> Status | None:
        for plugin in self.pre_bind:
            status = plugin.pre_bind(state, pod, node_name)
            if status is not None:
                return rejection(plugin.name, status, "running PreBind plugin")
        return None

    def run_bind(
        self, state: CycleState, pod: PodInfo, node_name: str
    ) -> Status | None:
        """Until a plugin does not Skip; with none left, Skip."""
        for plugin in self.bind:
            status = plugin.bind(state, pod, node_name)
            if status is not None and status.code == Code.SKIP:
                continue
            if status is not None:
                return rejection(plugin.name, status, "running Bind plugin")
            return None
        return Status(Code.SKIP)

    def run_post_bind(self, state: CycleState, pod: PodInfo, node_name: str) -> None:
        for plugin in self.post_bind:
            plugin.post_bind(state, pod, node_name)


class _Scorer:
    """One Score plugin, ready to run: batch form if it has one, its
    NormalizeScore if any, and its weight."""

    def __init__(self, plugin: ifc.ScorePlugin, weight: int) -> None:
        self.name, self.weight = plugin.name, weight
        self._batch = (
            plugin.score_nodes if isinstance(plugin, ifc.ScoreNodesPlugin) else None
        )
        self._score = plugin.score
        self._normalize = (
            plugin.normalize_score
            if isinstance(plugin, ifc.NormalizeScorePlugin)
            else None
        )

    def run(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[list[int], list[int]]:
        """(raw scores, normalized and weighted scores)."""
        if self._batch is not None:
            scores = self._batch(state, pod, nodes)
        else:
            scores = [self._score(state, pod, node) for node in nodes]
        raw = scores
        if self._normalize is not None:
            scores = list(raw)
            self._normalize(state, pod, nodes, scores)
        if (
            scores
            and not MIN_NODE_SCORE <= min(scores) <= max(scores) <= MAX_NODE_SCORE
        ):
            # A plugin bug, not an outcome: scores must end up in 0..100.
            raise ValueError(
                f'plugin "{self.name}" returns an invalid score, it '
                "should be in the range of [0, 100] after normalizing"
            )
        weight = self.weight
        return raw, scores if weight == 1 else [s * weight for s in scores]


def rejection(name: str, status: Status, point: str = "") -> Status:
    """A rejection keeps its reasons; anything else becomes an Error naming
    the plugin, as the framework wraps it."""
    if status.is_rejected():
        return status.with_plugin(name)
    prefix = f'{point} "{name}"' if point else f'running "{name}" filter plugin'
    return _wrap(status, prefix).with_plugin(name)


def _wrap(status: Status, prefix: str) -> Status:
    message = f"{prefix}: {status.message()}" if prefix else status.message()
    return error(message, status.plugin)


def _satisfied_none(plugins: list[str]) -> Status:
    if len(plugins) == 1:
        text = f"node(s) didn't satisfy plugin {plugins[0]}"
    else:
        text = f"node(s) didn't satisfy plugin(s) [{' '.join(plugins)}] simultaneously"
    return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, (text,))
