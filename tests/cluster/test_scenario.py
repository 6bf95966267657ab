"""Scenario files: what loads, and the one-line errors for what does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster.scenario import ScenarioError, Step, load_scenario, parse_scenario

GOOD = """\
name: demo
title: {en: Demo, zh: 演示}
seed: 7
nodes:
  - {name: cp-1, cpu: "2", memory: 4Gi, controlPlane: true}
  - {name: node-1, cpu: 2, memory: 4Gi, pods: 20, labels: {disktype: ssd},
     taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
  - apiVersion: v1
    kind: Node
    metadata: {name: node-2}
steps:
  - kubectl: get nodes
  - kubectl: apply -f -
    stdin: "kind: Pod"
  - wait: 1m30s
  - etcdctl: get /registry --prefix --keys-only
  - ssh: node-1 crictl ps
  - sim: node-down node-2
    narration: {en: The node stops answering.}
x-author: someone
goals: [{en: see the node go}]
"""


def parse(text: str, base_dir: Path | None = None) -> object:
    return parse_scenario(text, "demo.yaml", base_dir)


def test_a_full_scenario() -> None:
    scenario = parse_scenario(GOOD, "demo.yaml", None)
    assert (scenario.name, scenario.seed, scenario.title["zh"]) == ("demo", 7, "演示")
    assert [n.get("name") or n["metadata"]["name"] for n in scenario.nodes] == [
        "cp-1",
        "node-1",
        "node-2",
    ]
    assert [s.line for s in scenario.steps] == [
        "kubectl get nodes",
        "kubectl apply -f -",
        "wait 1m30s",
        "etcdctl get /registry --prefix --keys-only",
        "ssh node-1 crictl ps",
        "sim node-down node-2",
    ]
    assert scenario.steps[1].stdin == "kind: Pod"
    assert scenario.steps[2] == Step("wait", "1m30s", seconds=90.0)
    assert scenario.steps[5].extensions == {
        "narration": {"en": "The node stops answering."}
    }
    assert scenario.extensions == {
        "x-author": "someone",
        "goals": [{"en": "see the node go"}],
    }


def test_defaults() -> None:
    scenario = parse_scenario("name: x\nsteps: []\n", "x.yaml", None)
    assert (scenario.seed, scenario.nodes, scenario.title) == (0, [], {})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "name: x\nsteps:\n  - kubectl: get pods\n  - kubectl: get pods\n"
            "  - wait: 35\n",
            "demo.yaml: steps[2].wait: use a duration such as 35s or 1m30s, not 35",
        ),
        (
            "name: x\nsteps:\n  - wait: 3d\n",
            'demo.yaml: steps[0].wait: time: unknown unit "d" in duration "3d"',
        ),
        (
            "name: x\nsteps:\n  - kubeclt: get pods\n",
            "demo.yaml: steps[0]: unknown key 'kubeclt' (did you mean 'kubectl'?)",
        ),
        (
            "name: x\nsteps:\n  - {kubectl: get pods, wait: 5s}\n",
            "demo.yaml: steps[0]: needs exactly one of kubectl, etcdctl, ssh, sim, "
            "wait (found kubectl, wait)",
        ),
        (
            "name: x\nsteps:\n  - kubectl get pods\n",
            "demo.yaml: steps[0]: write the step as a mapping, e.g. '- kubectl: get "
            "pods'",
        ),
        (
            "name: x\nstep: []\n",
            "demo.yaml: top level: unknown key 'step' (did you mean 'steps'?)",
        ),
        ("steps: []\n", "demo.yaml: name: required: a non-empty string"),
        ("name: x\n", "demo.yaml: steps: required: a list of console steps"),
        (
            "name: x\nseed: -1\nsteps: []\n",
            "demo.yaml: seed: must be a whole number >= 0, not -1",
        ),
        (
            "name: x\nnodes:\n  - {name: a, memory: 4 Gi}\nsteps: []\n",
            "demo.yaml: nodes[0].memory: '4 Gi': quantities must match the regular "
            "expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        ),
        (
            "name: x\nnodes:\n  - {name: a, gpus: 1}\nsteps: []\n",
            "demo.yaml: nodes[0]: unknown key 'gpus'",
        ),
        (
            "name: x\nnodes:\n  - {name: a}\n  - {name: a}\nsteps: []\n",
            "demo.yaml: nodes[1]: duplicate node name 'a'",
        ),
        (
            "name: x\nnodes:\n  - {name: a, taints: [{key: k, effect: NoRun}]}\n"
            "steps: []\n",
            "demo.yaml: nodes[0].taints[0].effect: must be one of NoSchedule, "
            "PreferNoSchedule, NoExecute, not 'NoRun'",
        ),
        (
            "name: x\nsteps:\n  - ssh: node-9 crictl ps\n",
            "demo.yaml: steps[0].ssh: no node named 'node-9' (nodes: cp-1, node-1, "
            "node-2, node-3)",
        ),
        (
            "name: x\nsteps:\n  - kubectl: apply -f missing.yaml\n",
            "demo.yaml: steps[0].kubectl: file 'missing.yaml' not found next to the "
            "scenario",
        ),
        (
            "name: x\nsteps:\n  - kubectl: 'get pods\n",
            "demo.yaml: line 3: not valid YAML: found unexpected end of stream (while "
            "scanning a quoted scalar)",
        ),
        ("- a\n- b\n", "demo.yaml: a scenario must be a mapping with name and steps"),
        (
            "name: x\ntitle: Demo\nsteps: []\n",
            "demo.yaml: title: must map language codes to strings, e.g. {en: ..., "
            "zh: ...}",
        ),
    ],
    ids=[
        "wait-number",
        "wait-unit",
        "typo-key",
        "two-commands",
        "string-step",
        "top-level-typo",
        "no-name",
        "no-steps",
        "negative-seed",
        "bad-quantity",
        "unknown-node-key",
        "duplicate-node",
        "bad-taint",
        "ssh-unknown-node",
        "missing-file",
        "bad-yaml",
        "not-a-mapping",
        "title-string",
    ],
)
def test_errors_are_one_line(text: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "demo.yaml", tmp_path)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_files_resolve_from_the_scenario_folder(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text("kind: Pod\n")
    path = tmp_path / "s.yaml"
    path.write_text("name: x\nsteps:\n  - kubectl: apply -f pod.yaml\n")
    assert load_scenario(path).base_dir == tmp_path


def test_unreadable_file() -> None:
    with pytest.raises(ScenarioError, match=r"^nope\.yaml: cannot read the file"):
        load_scenario("nope.yaml")
