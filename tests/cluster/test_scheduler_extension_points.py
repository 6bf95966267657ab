"""The extension points with small stand-in plugins: how the framework treats
Skip, errors, a PostFilter's message and a Reserve rejection. Issue 4's
plugins (DefaultPreemption among them) plug in the same way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.fit_error import Diagnosis
from cluster.scheduler.framework.interface import (
    Handle,
    PostFilterResult,
    PreFilterResult,
)
from cluster.scheduler.framework.status import (
    SKIP,
    Status,
    error,
    unschedulable,
)
from cluster.scheduler.framework.types import NodeInfo, PodInfo
from cluster.scheduler.profile import (
    DEFAULT_PLUGINS,
    PluginSpec,
    Profile,
    default_profile,
)
from cluster.scheduler.scheduler import Scheduler

from .builders import make_node, make_pod
from .conftest import ControlPlane

NO_VICTIMS = (
    "preemption: 0/1 nodes are available: 1 No preemption victims found "
    "for incoming pod."
)


class FakePreemption:
    name = "FakePreemption"

    def post_filter(
        self, state: CycleState, pod: PodInfo, diagnosis: Diagnosis
    ) -> tuple[PostFilterResult | None, Status]:
        return None, unschedulable(NO_VICTIMS)


class SkippingPreFilterThenFailing:
    """Skips at PreFilter, so its Filter (which would reject) never runs."""

    name = "SkipMe"

    def pre_filter(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> tuple[PreFilterResult | None, Status | None]:
        return None, SKIP

    def filter(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> Status | None:
        return unschedulable("should never be seen")


class BrokenFilter:
    name = "Broken"

    def filter(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> Status | None:
        return error("disk on fire")


class FullReserve:
    name = "FullReserve"

    def reserve(self, state: CycleState, pod: PodInfo, node_name: str) -> Status | None:
        return unschedulable("node(s) ran out of tickets")

    def unreserve(self, state: CycleState, pod: PodInfo, node_name: str) -> None:
        return None


def plugin_name(plugin: type) -> str:
    name: str = vars(plugin)["name"]
    return name


def factory(plugin: type) -> Any:
    def new(args: Mapping[str, Any] | None, handle: Handle) -> Any:
        return plugin()

    return new


def run(cp: ControlPlane, plugin: type, pod: dict[str, Any]) -> list[str]:
    profile = Profile(
        # Without DefaultPreemption, so the stand-ins speak for PostFilter.
        plugins=(
            *(p for p in DEFAULT_PLUGINS if p.name != "DefaultPreemption"),
            PluginSpec(plugin_name(plugin)),
        ),
        plugin_args=default_profile().plugin_args,
    )
    cp.api.create(make_node("node-1"), actor="test")
    Scheduler(
        cp.api,
        cp.clock,
        cp.stream,
        profile,
        registry={plugin_name(plugin): factory(plugin)},
    ).start()
    cp.api.create(pod, actor="kubectl")
    cp.clock.run_until(1)
    return [
        e["message"] for e in cp.api.list("events") if e["reason"] == "FailedScheduling"
    ]


def test_a_post_filter_message_follows_the_filter_reasons(
    control_plane: ControlPlane,
) -> None:
    assert run(control_plane, FakePreemption, make_pod(cpu="3")) == [
        f"0/1 nodes are available: 1 Insufficient cpu. {NO_VICTIMS}"
    ]


def test_a_plugin_that_skips_at_prefilter_does_not_filter(
    control_plane: ControlPlane,
) -> None:
    assert run(control_plane, SkippingPreFilterThenFailing, make_pod()) == []
    assert control_plane.api.get("pods", "web")["spec"]["nodeName"] == "node-1"


def test_a_filter_error_fails_the_attempt_as_a_scheduler_error(
    control_plane: ControlPlane,
) -> None:
    message = 'running "Broken" filter plugin: disk on fire'
    assert run(control_plane, BrokenFilter, make_pod()) == [message]
    conditions = control_plane.api.get("pods", "web")["status"]["conditions"]
    assert (conditions[0]["reason"], conditions[0]["message"]) == (
        "SchedulerError",
        message,
    )


def test_a_reserve_rejection_reads_like_a_fit_error_on_that_node(
    control_plane: ControlPlane,
) -> None:
    assert run(control_plane, FullReserve, make_pod()) == [
        "0/1 nodes are available: 1 node(s) ran out of tickets."
    ]
    assert control_plane.api.get("pods", "web")["spec"].get("nodeName") is None
