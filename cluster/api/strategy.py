"""Per-kind behaviour of the API server, like kube-apiserver's REST strategies.

Each kind in ``cluster.api.kinds`` gives one ``Strategy``; the API server runs
the same pipeline for every kind and asks the strategy at each step.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cluster.api.errors import FieldError

Obj = dict[str, Any]


def _nothing(obj: Obj) -> None:
    return None


def _no_errors(*objs: Obj) -> list[FieldError]:
    return []


def _no_admission(obj: Obj, rng: random.Random) -> None:
    return None


def _delete_now(obj: Obj, now: str) -> Obj | None:
    return None


def _no_update_changes(old: Obj, new: Obj) -> None:
    return None


@dataclass(frozen=True)
class Strategy:
    # Fill omitted fields, as the versioned defaulting functions do.
    default: Callable[[Obj], None] = _nothing
    # Mutating admission on create (ServiceAccount, labels...).
    admit: Callable[[Obj, random.Random], None] = _no_admission
    validate: Callable[[Obj], list[FieldError]] = _no_errors
    # Errors for changes an update may not make (immutable fields).
    validate_update: Callable[[Obj, Obj], list[FieldError]] = _no_errors
    # Status and generation a new object starts with (PrepareForCreate).
    prepare_for_create: Callable[[Obj], None] = _nothing
    # Whether spec changes bump metadata.generation.
    tracks_generation: bool = False
    # On DELETE: the object to keep (marked for deletion) instead of removing
    # it now, or None to remove it (the namespace's Terminating phase).
    begin_delete: Callable[[Obj, str], Obj | None] = _delete_now
    # PrepareForUpdate(old, new) on a spec update: generation bumps beyond
    # spec changes (a Deployment's annotations), server-set fields.
    prepare_for_update: Callable[[Obj, Obj], None] = _no_update_changes
    # Metadata a status update may change too (a Deployment's annotations).
    status_metadata: tuple[str, ...] = ()
    # DefaultGarbageCollectionPolicy when a DELETE names no propagationPolicy:
    # "Background", or "Orphan" for batch/v1 Jobs.
    default_gc_policy: str = "Background"


def strategy_for(kind: str) -> Strategy:
    from cluster.api.kinds import STRATEGIES

    return STRATEGIES.get(kind, Strategy())
