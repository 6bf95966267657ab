"""Preemption candidates and how the best one is picked
(``preemption.go``: ``Candidate``, ``pickOneNodeForPreemption``).

Among the candidate nodes, in order, keep those with: the fewest PDB
violations; the lowest highest-priority victim; the smallest sum of victim
priorities; the fewest victims; the latest start among the highest-priority
victims. Then the first remaining one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cluster.scheduler.framework.types import PodInfo

MAX_INT32 = 2**31 - 1


@dataclass
class Candidate:
    node_name: str
    # Victims sorted by importance, most important first.
    victims: list[PodInfo]
    num_pdb_violations: int = 0


ScoreFunc = Callable[[Candidate], object]


def pick_one(candidates: list[Candidate]) -> Candidate | None:
    remaining = list(candidates)
    for score in _SCORE_FUNCS:
        if len(remaining) <= 1:
            break
        best = max(score(c) for c in remaining)  # type: ignore[type-var]
        remaining = [c for c in remaining if score(c) == best]
    return remaining[0] if remaining else None


def _fewest_pdb_violations(c: Candidate) -> int:
    return -c.num_pdb_violations


def _lowest_highest_priority(c: Candidate) -> int:
    return -c.victims[0].priority


def _smallest_priority_sum(c: Candidate) -> int:
    # MaxInt32 + 1 per pod keeps negative priorities from rewarding more pods.
    return -sum(p.priority + MAX_INT32 + 1 for p in c.victims)


def _fewest_victims(c: Candidate) -> int:
    return -len(c.victims)


def _latest_start(c: Candidate) -> str:
    """GetEarliestPodStartTime over the highest-priority victims; later is
    better. RFC 3339 timestamps of one format compare as strings."""
    top = c.victims[0].priority
    return min(start_time(p) for p in c.victims if p.priority == top)


def start_time(pod: PodInfo) -> str:
    """GetPodStartTime: status.startTime, or now (later than any) if unset."""
    return pod.status.get("startTime") or "9999"


_SCORE_FUNCS: list[ScoreFunc] = [
    _fewest_pdb_violations,
    _lowest_highest_priority,
    _smallest_priority_sum,
    _fewest_victims,
    _latest_start,
]
