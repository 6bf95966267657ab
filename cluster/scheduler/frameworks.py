"""Profiles into frameworks (``profile.NewMap``), and a configuration checked
as kube-scheduler checks it at start-up, without a running scheduler."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cluster.scheduler.cache import Cache
from cluster.scheduler.framework.interface import Handle
from cluster.scheduler.framework.runtime import Factory, Framework
from cluster.scheduler.handle import SchedulerHandle
from cluster.scheduler.profile import Profile
from cluster.scheduler.registry import IN_TREE, NOT_YET_IMPLEMENTED


def build_frameworks(
    profiles: Sequence[Profile], registry: Mapping[str, Factory], handle: Handle
) -> dict[str, Framework]:
    """One framework per profile; ValueError with kube-scheduler's text
    ("creating profile for scheduler name ...") if one cannot be built."""
    frameworks: dict[str, Framework] = {}
    for profile in profiles:
        try:
            frameworks[profile.scheduler_name] = Framework(
                profile, registry, handle, NOT_YET_IMPLEMENTED
            )
        except ValueError as err:
            raise ValueError(
                f"creating profile for scheduler name {profile.scheduler_name}: {err}"
            ) from None
    return frameworks


def check_config(document: dict[str, Any]) -> list[str]:
    """The errors kube-scheduler would stop with for this configuration."""
    from cluster.scheduler.config import ConfigError, load, profiles_of

    try:
        profiles = profiles_of(load(document))
        build_frameworks(profiles, IN_TREE, SchedulerHandle(None, Cache()))
    except ConfigError as err:
        return err.errors
    except ValueError as err:
        return [f"initializing profiles: {err}"]
    return []
