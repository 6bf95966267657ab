"""CycleState: what plugins share during one pod's scheduling cycle."""

from __future__ import annotations

from typing import Any


class CycleState:
    """A key/value store plugins write in PreFilter/PreScore and read later.

    Reading a key nobody wrote is a bug (a PreFilter that did not run), so it
    raises KeyError rather than returning a Status.
    """

    __slots__ = ("_data", "skip_filter_plugins", "skip_score_plugins")

    def __init__(self) -> None:
        self._data: dict[str, Any] = {}
        # Plugins whose PreFilter/PreScore returned Skip sit out the matching
        # Filter/Score, as the framework's SkipFilterPlugins/SkipScorePlugins.
        self.skip_filter_plugins: set[str] = set()
        self.skip_score_plugins: set[str] = set()

    def write(self, key: str, value: Any) -> None:
        self._data[key] = value

    def read(self, key: str) -> Any:
        return self._data[key]
