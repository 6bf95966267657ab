"""python -m cluster play: transcripts, determinism and exit codes."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from cluster.__main__ import main, play
from cluster.scenario import load_scenario, parse_scenario

LESSONS = Path(__file__).resolve().parents[2] / "cluster" / "lessons"
SCENARIO = """\
name: play-test
seed: 5
nodes:
  - {name: node-1, cpu: "2", memory: 4Gi}
steps:
  - kubectl: get pods
  - kubectl: apply -f -
    stdin: |
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: web
          image: nginx:1.27
  - kubectl: get pod nope
  - wait: 30s
  - kubectl: get pods
  - kubectl: get pod web -o jsonpath={.metadata.uid}
  - kubectl: get pod web -o yaml
"""


def transcript(seed: int | None = None) -> str:
    return play(parse_scenario(SCENARIO, "play.yaml", None), seed=seed)


def test_transcript_shows_each_step_and_its_output() -> None:
    lines = transcript().splitlines()
    assert lines[:8] == [
        "$ kubectl get pods",
        "No resources found in default namespace.",
        "$ kubectl apply -f -",
        "pod/web created",
        "$ kubectl get pod nope",
        'Error from server (NotFound): pods "nope" not found',
        "$ wait 30s",
        "$ kubectl get pods",
    ]
    assert lines[8:10] == [
        "NAME   READY   STATUS    RESTARTS   AGE",
        "web    1/1     Running   0          30s",
    ]


def test_same_seed_same_transcript() -> None:
    assert transcript() == transcript()


def test_seed_override_changes_what_is_random() -> None:
    assert transcript(seed=5) == transcript()
    assert transcript(seed=6) != transcript()


def test_invalid_scenario_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: x\nsteps:\n  - wait: soon\n")
    out, err = io.StringIO(), io.StringIO()
    assert main(["play", str(path)], out, err) == 2
    assert err.getvalue() == (f'{path}: steps[0].wait: time: invalid duration "soon"\n')
    assert out.getvalue() == ""


@pytest.mark.parametrize("lesson", sorted(LESSONS.glob("*.yaml")), ids=lambda p: p.stem)
def test_built_in_lessons_play(lesson: Path) -> None:
    scenario = load_scenario(lesson)
    text = play(scenario)
    assert text.count("\n$ ") + 1 == len(scenario.steps)
    assert "Traceback" not in text


def test_command_line(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("name: x\nsteps:\n  - kubectl: get nodes -o name\n")
    done = subprocess.run(
        [sys.executable, "-m", "cluster", "play", str(path), "--seed", "3"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "$ kubectl get nodes -o name\nnode/cp-1\nnode/node-1\n"
        "node/node-2\nnode/node-3\n"
    )
