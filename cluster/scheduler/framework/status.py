"""What plugins return, as ``k8s.io/kube-scheduler/framework`` defines it.

A plugin returns ``None`` for success, like Go's nil ``*Status``. A ``Status``
carries an expected outcome: a rejection with its reasons, a skip, a wait.
Bugs raise instead, so they surface in tests rather than in students' events.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum

MAX_NODE_SCORE = 100
MIN_NODE_SCORE = 0


class Code(IntEnum):
    SUCCESS = 0
    ERROR = 1
    UNSCHEDULABLE = 2
    # Unschedulable, and preemption on this node would not help either.
    UNSCHEDULABLE_AND_UNRESOLVABLE = 3
    WAIT = 4
    SKIP = 5
    PENDING = 6


@dataclass(frozen=True, slots=True)
class Status:
    code: Code
    reasons: tuple[str, ...] = ()
    plugin: str = ""

    def message(self) -> str:
        """The reasons joined by ", ", as Status.Message() joins them."""
        return ", ".join(self.reasons)

    def is_rejected(self) -> bool:
        return self.code in _REJECTED

    def with_plugin(self, plugin: str) -> Status:
        return self if self.plugin == plugin else replace(self, plugin=plugin)


_REJECTED = frozenset(
    {Code.UNSCHEDULABLE, Code.UNSCHEDULABLE_AND_UNRESOLVABLE, Code.PENDING}
)


def code_of(status: Status | None) -> Code:
    return Code.SUCCESS if status is None else status.code


def unschedulable(*reasons: str, plugin: str = "") -> Status:
    return Status(Code.UNSCHEDULABLE, reasons, plugin)


def unresolvable(*reasons: str, plugin: str = "") -> Status:
    return Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, reasons, plugin)


def error(message: str, plugin: str = "") -> Status:
    return Status(Code.ERROR, (message,), plugin)


SKIP = Status(Code.SKIP)
