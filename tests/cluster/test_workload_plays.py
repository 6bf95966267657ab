"""The workload plays, written from the Kubernetes documentation pages they
name, show what those pages show: the same columns, statuses, events and
messages, random name suffixes and ages aside."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from cluster.__main__ import play
from cluster.scenario import load_scenario

PLAYS = Path(__file__).parent / "plays"
HASH = re.compile(r"nginx-deployment-[bcdfghjklmnpqrstvwxz2456789]{9,10}")
POD = re.compile(r"(nginx-deployment|pi)-(HASH-)?[bcdfghjklmnpqrstvwxz2456789]{5}\b")


@cache
def transcript(name: str) -> str:
    return play(load_scenario(PLAYS / name))


def steps(name: str, nth: int = 0) -> dict[str, list[str]]:
    """The output of each step, keyed by its command; a command run several
    times gives its ``nth`` run (or its last, if it ran fewer times)."""
    runs: dict[str, list[list[str]]] = {}
    output: list[str] = []
    for line in transcript(name).splitlines():
        if line.startswith("$ "):
            output = []
            runs.setdefault(line[2:], []).append(output)
        else:
            output.append(line)
    return {cmd: outs[min(nth, len(outs) - 1)] for cmd, outs in runs.items()}


def masked(lines: list[str]) -> list[str]:
    """Hashes become HASH, pod suffixes xxxxx, so lines compare across runs."""
    out = []
    for line in lines:
        line = HASH.sub("nginx-deployment-HASH", line)
        out.append(POD.sub(lambda m: f"{m.group(1)}-{m.group(2) or ''}xxxxx", line))
    return out


def test_plays_name_their_source_page() -> None:
    for path in PLAYS.glob("*.yaml"):
        text = path.read_text()
        if "workloads" in text or "run-application" in text:
            assert "https://kubernetes.io/docs/" in text, path.name


# -- Run a Stateless Application Using a Deployment ------------------------------

STATELESS = "run-stateless-application-deployment.yaml"


def test_stateless_describe_matches_the_task_page() -> None:
    out = masked(steps(STATELESS)["kubectl describe deployment nginx-deployment"])
    assert out[:10] == [
        "Name:                   nginx-deployment",
        "Namespace:              default",
        "CreationTimestamp:      Mon, 05 Jan 2026 09:00:00 +0000",
        "Labels:                 <none>",
        "Annotations:            deployment.kubernetes.io/revision: 1",
        "Selector:               app=nginx",
        "Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 "
        "unavailable",
        "StrategyType:           RollingUpdate",
        "MinReadySeconds:        0",
        "RollingUpdateStrategy:  25% max unavailable, 25% max surge",
    ]
    assert "    Image:         nginx:1.14.2" in out
    assert "    Port:          80/TCP" in out
    assert "  Available      True    MinimumReplicasAvailable" in out
    assert "  Progressing    True    NewReplicaSetAvailable" in out
    assert "OldReplicaSets:  <none>" in out
    assert "NewReplicaSet:   nginx-deployment-HASH (2/2 replicas created)" in out


def test_stateless_update_and_scale_show_the_new_pods() -> None:
    out = steps(STATELESS, nth=3)
    pods = masked(out["kubectl get pods -l app=nginx"])
    assert (
        pods[0] == "NAME                               READY   STATUS    RESTARTS   AGE"
    )
    assert len(pods) == 1 + 4
    assert all(p.split()[1:3] == ["1/1", "Running"] for p in pods[1:])
    assert out["kubectl apply -f manifests/deployment-update.yaml"] == [
        "deployment.apps/nginx-deployment configured"
    ]
    assert out["kubectl delete deployment nginx-deployment"] == [
        'deployment.apps "nginx-deployment" deleted from default namespace'
    ]


# -- Deployments (concept page) -------------------------------------------------

CONCEPT = "deployments-concept.yaml"


def test_creating_a_deployment() -> None:
    out = steps(CONCEPT)
    first_get = transcript(CONCEPT).split("$ kubectl get deployments\n")[1]
    assert first_get.splitlines()[:2] == [
        "NAME               READY   UP-TO-DATE   AVAILABLE   AGE",
        "nginx-deployment   0/3     3            0           0s",
    ]
    status = out["kubectl rollout status deployment/nginx-deployment"]
    assert status[-1] == 'deployment "nginx-deployment" successfully rolled out'
    labels = out["kubectl get pods --show-labels"]
    assert labels[0].split() == ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "LABELS"]
    for line in labels[1:]:
        name, _, _, _, _, shown = line.split()
        assert shown == "app=nginx,pod-template-hash=" + name.split("-")[2]


def test_updating_a_deployment_scales_one_up_one_down() -> None:
    describe = masked(steps(CONCEPT)["kubectl describe deployments"])
    events = [
        line.split("deployment-controller  ")[1]
        for line in describe
        if "ScalingReplicaSet" in line
    ]
    old, new = "nginx-deployment-HASH", "nginx-deployment-HASH"
    assert events == [
        f"Scaled up replica set {old} from 0 to 3",
        f"Scaled up replica set {new} from 0 to 1",
        f"Scaled down replica set {old} from 3 to 2",
        f"Scaled up replica set {new} from 1 to 2",
        f"Scaled down replica set {old} from 2 to 1",
        f"Scaled up replica set {new} from 2 to 3",
        f"Scaled down replica set {old} from 1 to 0",
    ]
    assert "NewReplicaSet:   nginx-deployment-HASH (3/3 replicas created)" in describe


def test_a_typo_in_the_image_stalls_the_rollout() -> None:
    out = steps(CONCEPT)
    status = out["kubectl rollout status deployment/nginx-deployment --timeout=30s"]
    assert status == [
        'Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new '
        "replicas have been updated...",
        "error: timed out waiting for the condition",
    ]
    pods = steps(CONCEPT, nth=1)["kubectl get pods"]
    assert sum("Running" in p for p in pods) == 3
    assert sum("ImagePullBackOff" in p for p in pods) == 1
    describe = transcript(CONCEPT).split("$ kubectl describe deployment\n")[1]
    assert (
        "Replicas:               3 desired | 1 updated | 4 total | 3 available | 1 "
        "unavailable" in describe
    )
    assert "  Progressing    True    ReplicaSetUpdated" in describe


def test_history_and_rollback() -> None:
    out = steps(CONCEPT)
    assert out["kubectl rollout history deployment/nginx-deployment"] == [
        "deployment.apps/nginx-deployment ",
        "REVISION  CHANGE-CAUSE",
        "1         <none>",
        "2         <none>",
        "3         <none>",
    ]
    detail = out["kubectl rollout history deployment/nginx-deployment --revision=2"]
    assert detail[0] == "deployment.apps/nginx-deployment with revision #2"
    assert "    Image:\tnginx:1.16.1" in detail
    assert out["kubectl rollout undo deployment/nginx-deployment"] == [
        "deployment.apps/nginx-deployment rolled back"
    ]
    assert out["kubectl get deployment nginx-deployment"][1].split()[:4] == [
        "nginx-deployment",
        "3/3",
        "3",
        "3",
    ]
    scaled = steps(CONCEPT, nth=1)["kubectl get deployment nginx-deployment"]
    assert scaled[1].split()[:4] == ["nginx-deployment", "10/10", "10", "10"]
    describe = transcript(CONCEPT).split(
        "$ kubectl describe deployment nginx-deployment\n"
    )[1]
    assert "Annotations:            deployment.kubernetes.io/revision: 4" in describe
    assert "    Image:         nginx:1.16.1" in describe


def test_scaling_a_deployment() -> None:
    assert steps(CONCEPT)[
        "kubectl scale deployment/nginx-deployment --replicas=10"
    ] == ["deployment.apps/nginx-deployment scaled"]


# -- Jobs: running an example Job ---------------------------------------------------

JOB = "job-pi.yaml"


def test_the_pi_job_completes_as_the_jobs_page_shows() -> None:
    describe = masked(steps(JOB)["kubectl describe job pi"])
    for expected in (
        "Parallelism:      1",
        "Completions:      1",
        "Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed",
        "    Image:      perl:5.34.0",
        "      -Mbignum=bpi",
    ):
        assert expected in describe
    events = [
        line.split()[:2] + line.split("job-controller  ")[1:]
        for line in describe
        if "job-controller" in line
    ]
    assert events == [
        ["Normal", "SuccessfulCreate", "Created pod: pi-xxxxx"],
        ["Normal", "Completed", "Job completed"],
    ]
    pods = masked(steps(JOB, nth=0)["kubectl get pods --selector=job-name=pi"])
    assert pods[1].split()[:3] == ["pi-xxxxx", "0/1", "Completed"]
    jobs = steps(JOB, nth=1)["kubectl get jobs"]
    assert jobs[1].split()[:3] == ["pi", "Complete", "1/1"]
    assert steps(JOB)["kubectl get jobs"] == [
        "NAME   STATUS    COMPLETIONS   DURATION   AGE",
        "pi     Running   0/1           0s         0s",
    ]


@pytest.mark.parametrize("name", [STATELESS, CONCEPT, JOB])
def test_plays_are_deterministic(name: str) -> None:
    assert play(load_scenario(PLAYS / name)) == transcript(name)
