"""CycleState: what plugins share during one pod's scheduling cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cluster.scheduler.framework.status import Status

PRE_FILTER, PRE_SCORE = "preFilter", "preScore"
# What kube-scheduler-simulator records for a plugin that succeeded.
SUCCESS_MESSAGE = "success"


class CycleState:
    """A key/value store plugins write in PreFilter/PreScore and read later.

    Reading a key nobody wrote is a bug (a PreFilter that did not run), so it
    raises KeyError rather than returning a Status.
    """

    __slots__ = (
        "_data",
        "skip_filter_plugins",
        "skip_score_plugins",
        "notes",
        "pre_filter_nodes",
    )

    def __init__(self) -> None:
        self._data: dict[str, Any] = {}
        # Plugins whose PreFilter/PreScore returned Skip sit out the matching
        # Filter/Score, as the framework's SkipFilterPlugins/SkipScorePlugins.
        self.skip_filter_plugins: set[str] = set()
        self.skip_score_plugins: set[str] = set()
        # What each PreFilter/PreScore plugin said, for the explanation.
        self.notes: dict[str, dict[str, str]] = {PRE_FILTER: {}, PRE_SCORE: {}}
        self.pre_filter_nodes: dict[str, list[str]] = {}

    def note(self, point: str, plugin: str, status: Status | None) -> None:
        self.notes[point][plugin] = (
            SUCCESS_MESSAGE if status is None else status.message()
        )

    def write(self, key: str, value: Any) -> None:
        self._data[key] = value

    def read(self, key: str) -> Any:
        return self._data[key]

    def has(self, key: str) -> bool:
        return key in self._data

    def clone(self) -> CycleState:
        """CycleState.Clone: values with a ``clone()`` are copied (preemption
        changes them per node); the rest are shared, as Go's Clone() of
        read-only state returns itself."""
        other = CycleState()
        other._data = {
            k: v.clone() if hasattr(v, "clone") else v for k, v in self._data.items()
        }
        other.skip_filter_plugins = set(self.skip_filter_plugins)
        other.skip_score_plugins = set(self.skip_score_plugins)
        return other
