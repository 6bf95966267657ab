"""``kubectl rollout status|history|undo|pause|resume|restart``, worded as
kubectl v1.35 words them."""

from __future__ import annotations

import pytest

from cluster.engine import Cluster
from cluster.kubectl.commands.rollout_status import deployment_status
from cluster.kubectl.errors import KubectlError
from tests.cluster import workloads as w


def _status(generation: int = 1, **status: int) -> dict:
    return {
        "metadata": {"name": "web", "generation": generation},
        "spec": {"replicas": 3},
        "status": {"observedGeneration": 1, **status},
    }


@pytest.mark.parametrize(
    ("d", "message", "done"),
    [
        (
            _status(generation=2),
            "Waiting for deployment spec update to be observed...",
            False,
        ),
        (
            _status(updatedReplicas=1, replicas=4),
            'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas '
            "have been updated...",
            False,
        ),
        (
            _status(updatedReplicas=3, replicas=4),
            'Waiting for deployment "web" rollout to finish: 1 old replicas are '
            "pending termination...",
            False,
        ),
        (
            _status(updatedReplicas=3, replicas=3, availableReplicas=2),
            'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas '
            "are available...",
            False,
        ),
        (
            _status(updatedReplicas=3, replicas=3, availableReplicas=3),
            'deployment "web" successfully rolled out',
            True,
        ),
    ],
    ids=["unobserved", "updating", "old-pending", "unavailable", "done"],
)
def test_deployment_status_viewer(d: dict, message: str, done: bool) -> None:
    assert deployment_status(d, 0) == (message + "\n", done)


def test_a_deadline_exceeded_rollout_is_an_error() -> None:
    d = _status()
    d["status"]["conditions"] = [
        {"type": "Progressing", "reason": "ProgressDeadlineExceeded"}
    ]
    with pytest.raises(KubectlError) as caught:
        deployment_status(d, 0)
    assert caught.value.message == 'deployment "web" exceeded its progress deadline'


def _deployed() -> Cluster:
    c = w.cluster()
    w.run(c, "kubectl create deployment web --image=nginx:1.14.2 --replicas=3")
    return c


def test_status_waits_in_simulated_time_until_rolled_out() -> None:
    c = _deployed()
    lines = w.run(c, "kubectl rollout status deployment/web").splitlines()
    assert lines[0] == (
        'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas '
        "are available..."
    )
    assert lines[-1] == 'deployment "web" successfully rolled out'
    assert c.now > 0


def test_status_of_a_stalled_rollout_times_out() -> None:
    c = _deployed()
    c.advance(30)
    w.run(c, "kubectl set image deployment/web nginx=nginx:1.161")
    output = w.run(c, "kubectl rollout status deployment/web --timeout=20s")
    assert output.splitlines()[-1] == "error: timed out waiting for the condition"
    assert "1 out of 3 new replicas have been updated" in output


def test_history_lists_revisions_and_shows_one() -> None:
    c = _deployed()
    c.advance(30)
    w.run(c, "kubectl set image deployment/web nginx=nginx:1.16.1")
    w.run(c, "kubectl rollout status deployment/web")
    assert w.run(c, "kubectl rollout history deployment/web") == (
        "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n"
        "2         <none>"
    )
    detail = w.run(c, "kubectl rollout history deployment/web --revision=2")
    assert detail.splitlines()[:4] == [
        "deployment.apps/web with revision #2",
        "Pod Template:",
        "  Labels:\tapp=web",
        detail.splitlines()[3],
    ]
    assert "    Image:\tnginx:1.16.1" in detail.splitlines()
    assert w.run(c, "kubectl rollout history deployment/web --revision=7") == (
        "error: unable to find the specified revision"
    )


def test_undo_restores_the_previous_template() -> None:
    c = _deployed()
    c.advance(30)
    w.run(c, "kubectl set image deployment/web nginx=nginx:1.161")
    c.advance(30)
    assert w.run(c, "kubectl rollout undo deployment/web") == (
        "deployment.apps/web rolled back"
    )
    d = c.api.get("deployments", "web", "default")
    assert d["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.14.2"
    assert "pod-template-hash" not in d["spec"]["template"]["metadata"]["labels"]
    c.advance(30)
    assert (
        c.api.get("deployments", "web", "default")["metadata"]["annotations"][
            "deployment.kubernetes.io/revision"
        ]
        == "3"
    )
    assert w.run(c, "kubectl rollout undo deployment/web --to-revision=3") == (
        "deployment.apps/web skipped rollback (current template already matches "
        "revision 3)"
    )


@pytest.mark.parametrize(
    ("commands", "last"),
    [
        (["pause"], "deployment.apps/web paused"),
        (["pause", "pause"], 'error: deployments.apps "web" is already paused'),
        (["resume"], 'error: deployments.apps "web" is not paused'),
        (["pause", "resume"], "deployment.apps/web resumed"),
        (
            ["pause", "restart"],
            'error: deployments.apps "web" can\'t restart paused '
            "deployment (run rollout resume first)",
        ),
        (["restart"], "deployment.apps/web restarted"),
        (
            ["restart", "restart"],
            "error: failed to create patch for web: if restart "
            "has already been triggered within the past second, please wait before "
            "attempting to trigger another",
        ),
        (["pause", "undo"], 'error: no rollout history found for deployment "web"'),
    ],
)
def test_pause_resume_restart(commands: list[str], last: str) -> None:
    c = _deployed()
    c.advance(30)
    outputs = [w.run(c, f"kubectl rollout {cmd} deployment/web") for cmd in commands]
    assert outputs[-1] == last


def test_a_paused_deployment_does_not_roll_out_until_resumed() -> None:
    c = _deployed()
    c.advance(30)
    w.run(c, "kubectl rollout pause deployment/web")
    w.run(c, "kubectl set image deployment/web nginx=nginx:1.16.1")
    c.advance(30)
    assert len(c.api.list("replicasets", "default")) == 1
    d = c.api.get("deployments", "web", "default")
    progressing = [x for x in d["status"]["conditions"] if x["type"] == "Progressing"]
    assert (progressing[0]["status"], progressing[0]["reason"]) == (
        "Unknown",
        "DeploymentPaused",
    )
    w.run(c, "kubectl rollout resume deployment/web")
    assert w.run(c, "kubectl rollout status deployment/web").endswith(
        'deployment "web" successfully rolled out'
    )


def test_restart_rolls_the_pods() -> None:
    c = _deployed()
    c.advance(30)
    before = {p["metadata"]["name"] for p in w.pods(c, app="web")}
    w.run(c, "kubectl rollout restart deployment/web")
    w.run(c, "kubectl rollout status deployment/web")
    c.advance(40)
    after = {p["metadata"]["name"] for p in w.pods(c, app="web")}
    assert before.isdisjoint(after) and len(after) == 3
    d = c.api.get("deployments", "web", "default")
    annotations = d["spec"]["template"]["metadata"]["annotations"]
    assert annotations["kubectl.kubernetes.io/restartedAt"] == "2026-01-05T09:00:30Z"


@pytest.mark.parametrize(
    ("line", "output"),
    [
        ("kubectl rollout status", "error: required resource not specified"),
        (
            "kubectl rollout status job/x",
            'Error from server (NotFound): jobs.batch "x" not found',
        ),
        (
            "kubectl rollout status deployment/nope",
            'Error from server (NotFound): deployments.apps "nope" not found',
        ),
    ],
)
def test_rollout_errors(line: str, output: str) -> None:
    assert w.run(w.cluster(nodes=[]), line) == output
