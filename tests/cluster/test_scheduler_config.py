"""schedulerConfig: a KubeSchedulerConfiguration (v1) decoded, defaulted and
validated as kube-scheduler does it, and applied to the running scheduler.

Error texts follow ``apis/config/validation`` (field.Error lines),
``validation_pluginargs.go`` and ``framework/runtime/framework.go``.
"""

from __future__ import annotations

from typing import Any

import pytest

from cluster.scenario import ScenarioError, parse_scenario
from cluster.scheduler.config import load, profiles_of
from cluster.scheduler.frameworks import check_config
from cluster.scheduler.scheduler import Scheduler

from .builders import make_node, make_pod
from .conftest import ControlPlane

Obj = dict[str, Any]
V1 = "kubescheduler.config.k8s.io/v1"


def config(*profiles: Obj, **top: Any) -> Obj:
    return {
        "apiVersion": V1,
        "kind": "KubeSchedulerConfiguration",
        "profiles": list(profiles),
        **top,
    }


def fit_strategy(kind: str, **more: Any) -> Obj:
    return {
        "name": "NodeResourcesFit",
        "args": {"scoringStrategy": {"type": kind, **more}},
    }


PROFILE_ERROR = "initializing profiles: creating profile for scheduler name "


@pytest.mark.parametrize(
    ("document", "errors"),
    [
        (
            config({"plugins": {"multiPoint": {"enabled": [{"name": "Foo"}]}}}),
            [PROFILE_ERROR + 'default-scheduler: PreFilterPlugin "Foo" does not exist'],
        ),
        (
            config({"plugins": {"score": {"enabled": [{"name": "Foo", "weight": 2}]}}}),
            [PROFILE_ERROR + 'default-scheduler: ScorePlugin "Foo" does not exist'],
        ),
        (
            config({"plugins": {"score": {"enabled": [{"name": "NodeName"}]}}}),
            [
                PROFILE_ERROR + 'default-scheduler: plugin "NodeName" does not extend '
                "ScorePlugin plugin"
            ],
        ),
        (
            config({"plugins": {"score": {"enabled": [{"name": "EBSLimits"}]}}}),
            [
                'profiles[0].plugins.score.enabled[0]: Invalid value: "EBSLimits": was '
                "invalid "
                'in version "kubescheduler.config.k8s.io/v1" '
                "(KubeSchedulerConfiguration is "
                'version "kubescheduler.config.k8s.io/v1")'
            ],
        ),
        (
            config(percentageOfNodesToScore=120),
            [
                "percentageOfNodesToScore: Invalid value: 120: not in valid range "
                "[0-100]"
            ],
        ),
        (
            config({"schedulerName": "a", "percentageOfNodesToScore": -1}),
            [
                "profiles[0].percentageOfNodesToScore: Invalid value: -1: not in valid "
                "range "
                "[0-100]"
            ],
        ),
        (
            config(
                {
                    "pluginConfig": [
                        {
                            "name": "InterPodAffinity",
                            "args": {"hardPodAffinityWeight": 101},
                        }
                    ]
                }
            ),
            [
                "profiles[0].pluginConfig[0].args.hardPodAffinityWeight: Invalid "
                "value: 101: "
                "not in valid range [0, 100]"
            ],
        ),
        (
            config(
                {
                    "pluginConfig": [
                        fit_strategy(
                            "MostAllocated", resources=[{"name": "cpu", "weight": 200}]
                        )
                    ]
                }
            ),
            [
                PROFILE_ERROR
                + 'default-scheduler: initializing plugin "NodeResourcesFit": '
                "scoringStrategy.resources[0].weight: Invalid value: 200: resource "
                "weight of "
                "cpu not in valid range (0, 100]"
            ],
        ),
        (
            config({"pluginConfig": [fit_strategy("Spread")]}),
            [
                PROFILE_ERROR
                + 'default-scheduler: initializing plugin "NodeResourcesFit": '
                'scoringStrategy.type: Unsupported value: "Spread": supported values: '
                '"LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"'
            ],
        ),
        (
            config(
                {
                    "pluginConfig": [
                        {
                            "name": "DefaultPreemption",
                            "args": {
                                "minCandidateNodesPercentage": 0,
                                "minCandidateNodesAbsolute": 0,
                            },
                        }
                    ]
                }
            ),
            [
                "profiles[0].pluginConfig[0].args.minCandidateNodesPercentage: Invalid "
                "value: "
                "0: cannot be zero at the same time as minCandidateNodesAbsolute",
                "profiles[0].pluginConfig[0].args.minCandidateNodesAbsolute: Invalid "
                "value: "
                "0: cannot be zero at the same time as minCandidateNodesPercentage",
            ],
        ),
        (
            config({"schedulerName": "x"}, {"schedulerName": "x"}),
            ['profiles[1].schedulerName: Duplicate value: "profiles[0].schedulerName"'],
        ),
        (
            config(podInitialBackoffSeconds=5, podMaxBackoffSeconds=2),
            [
                "podMaxBackoffSeconds: Invalid value: 2: must be greater than or equal "
                "to "
                "PodInitialBackoffSeconds"
            ],
        ),
        (
            config({"schedulerName": "a", "plugin": {}}),
            ['strict decoding error: unknown field "profiles[0].plugin"'],
        ),
        (
            {
                "apiVersion": "kubescheduler.config.k8s.io/v1beta3",
                "kind": "KubeSchedulerConfiguration",
            },
            [
                'no kind "KubeSchedulerConfiguration" is registered for version '
                '"kubescheduler.config.k8s.io/v1beta3"'
            ],
        ),
        (
            config(
                {"schedulerName": "a"},
                {
                    "schedulerName": "b",
                    "plugins": {"queueSort": {"enabled": [{"name": "PrioritySort"}]}},
                },
            ),
            [
                "profiles[1].plugins.queueSort: Invalid value: "
                "config.PluginSet{Enabled:"
                '[]config.Plugin{config.Plugin{Name:"PrioritySort", Weight:0}}, '
                "Disabled:[]config.Plugin(nil)}: must be the same for all profiles"
            ],
        ),
    ],
    ids=[
        "unknown-multipoint-plugin",
        "unknown-score-plugin",
        "not-a-score-plugin",
        "removed-plugin",
        "percentage-too-high",
        "profile-percentage-negative",
        "hard-pod-affinity-weight",
        "fit-resource-weight",
        "fit-strategy-type",
        "preemption-both-zero",
        "duplicate-profile",
        "backoff-max-below-initial",
        "unknown-field",
        "old-api-version",
        "queue-sort-differs",
    ],
)
def test_invalid_configurations(document: Obj, errors: list[str]) -> None:
    assert check_config(document) == errors


def test_a_plugin_weight_of_zero_means_one_and_no_range_is_enforced() -> None:
    # kube-scheduler does not bound Score weights (getScoreWeights only
    # turns 0 into 1); resource weights in args are bounded (0, 100].
    document = config(
        {
            "plugins": {
                "score": {
                    "enabled": [
                        {"name": "ImageLocality", "weight": 0},
                        {"name": "NodeAffinity", "weight": 500},
                    ]
                }
            }
        }
    )
    assert check_config(document) == []


def test_defaults_fill_an_empty_configuration() -> None:
    (profile,) = profiles_of(load(config()))
    assert profile.scheduler_name == "default-scheduler"
    assert [p.name for p in profile.plugins][:3] == [
        "SchedulingGates",
        "PrioritySort",
        "NodeUnschedulable",
    ]
    assert profile.plugin_args["NodeResourcesFit"] == {
        "scoringStrategy": {
            "type": "LeastAllocated",
            "resources": [
                {"name": "cpu", "weight": 1},
                {"name": "memory", "weight": 1},
            ],
        }
    }
    assert profile.plugin_args["DefaultPreemption"] == {
        "minCandidateNodesPercentage": 10,
        "minCandidateNodesAbsolute": 100,
    }


def test_score_plugins_can_be_disabled_and_reweighted() -> None:
    from cluster.scheduler.cache import Cache
    from cluster.scheduler.frameworks import build_frameworks
    from cluster.scheduler.handle import SchedulerHandle
    from cluster.scheduler.registry import IN_TREE

    document = config(
        {
            "plugins": {
                "score": {
                    "disabled": [
                        {"name": "ImageLocality"},
                        {"name": "TaintToleration"},
                    ],
                    "enabled": [{"name": "NodeResourcesFit", "weight": 5}],
                }
            }
        }
    )
    fw = build_frameworks(
        profiles_of(load(document)), IN_TREE, SchedulerHandle(None, Cache())
    )["default-scheduler"]
    assert [(p.name, fw.weights[p.name]) for p in fw.score] == [
        ("NodeResourcesFit", 5),
        ("NodeAffinity", 2),
        ("PodTopologySpread", 2),
        ("InterPodAffinity", 2),
        ("NodeResourcesBalancedAllocation", 1),
    ]
    assert "TaintToleration" in [p.name for p in fw.filter]


def nodes_of(cp: ControlPlane, *names: str) -> list[str | None]:
    return [cp.api.get("pods", n)["spec"].get("nodeName") for n in names]


def test_switching_to_bin_packing_changes_where_pods_land(
    control_plane: ControlPlane,
) -> None:
    cp = control_plane
    for name in ("node-1", "node-2"):
        cp.api.create(make_node(name, cpu="4", memory="8Gi"), actor="test")
    scheduler = Scheduler(cp.api, cp.clock, cp.stream)
    scheduler.start()
    cp.api.create(make_pod("a", cpu="1", memory="1Gi"), actor="kubectl")
    cp.clock.run_until(1)
    cp.api.create(make_pod("b", cpu="1", memory="1Gi"), actor="kubectl")
    cp.clock.run_until(2)
    first, second = nodes_of(cp, "a", "b")
    assert first != second  # LeastAllocated spreads
    assert (
        scheduler.configure_from(
            config({"pluginConfig": [fit_strategy("MostAllocated")]})
        )
        == []
    )
    cp.api.create(make_pod("c", cpu="1", memory="1Gi"), actor="kubectl")
    cp.clock.run_until(3)
    cp.api.create(make_pod("d", cpu="1", memory="1Gi"), actor="kubectl")
    cp.clock.run_until(4)
    third, fourth = nodes_of(cp, "c", "d")
    assert third == fourth  # MostAllocated packs


def test_a_bad_configuration_changes_nothing(control_plane: ControlPlane) -> None:
    cp = control_plane
    scheduler = Scheduler(cp.api, cp.clock, cp.stream)
    before = scheduler.frameworks
    errors = scheduler.configure_from(
        config({"plugins": {"multiPoint": {"enabled": [{"name": "Nope"}]}}})
    )
    assert errors and scheduler.frameworks is before


def test_pods_pick_their_profile_by_scheduler_name(control_plane: ControlPlane) -> None:
    cp = control_plane
    cp.api.create(make_node("node-1"), actor="test")
    scheduler = Scheduler(cp.api, cp.clock, cp.stream)
    assert (
        scheduler.configure_from(
            config(
                {"schedulerName": "default-scheduler"},
                {
                    "schedulerName": "packer",
                    "pluginConfig": [fit_strategy("MostAllocated")],
                },
            )
        )
        == []
    )
    scheduler.start()
    cp.api.create(make_pod("p", scheduler_name="packer"), actor="kubectl")
    cp.api.create(make_pod("q", scheduler_name="someone-else"), actor="kubectl")
    cp.clock.run_until(1)
    assert nodes_of(cp, "p", "q") == ["node-1", None]
    scheduled = next(e for e in cp.api.list("events") if e["reason"] == "Scheduled")
    assert scheduled["source"]["component"] == "packer"


def test_a_scenario_with_a_bad_scheduler_config_is_refused() -> None:
    text = (
        "name: t\nsteps: []\nschedulerConfig:\n  apiVersion: " + V1 + "\n"
        "  kind: KubeSchedulerConfiguration\n  percentageOfNodesToScore: 101\n"
    )
    with pytest.raises(
        ScenarioError,
        match=r"t.yaml: schedulerConfig: "
        r"percentageOfNodesToScore: Invalid value: 101",
    ):
        parse_scenario(text, "t.yaml", None)


def test_the_cluster_takes_a_new_scheduler_config_or_keeps_its_own() -> None:
    from cluster.engine import Cluster

    cluster = Cluster.sandbox()
    before = cluster.scheduler.frameworks
    errors = cluster.configure_scheduler(config(percentageOfNodesToScore=101))
    assert errors == [
        "percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]"
    ]
    assert cluster.scheduler.frameworks is before
    assert cluster.configure_scheduler(config({"schedulerName": "packer"})) == []
    assert list(cluster.scheduler.frameworks) == ["packer"]


def test_a_scenario_scheduler_config_reaches_the_scheduler() -> None:
    from cluster.engine import Cluster

    text = (
        "name: t\nsteps: []\nschedulerConfig:\n  apiVersion: " + V1 + "\n"
        "  kind: KubeSchedulerConfiguration\n  profiles:\n"
        "  - schedulerName: default-scheduler\n  - schedulerName: packer\n"
    )
    cluster = Cluster.from_scenario_text(text)
    assert list(cluster.scheduler.frameworks) == ["default-scheduler", "packer"]
