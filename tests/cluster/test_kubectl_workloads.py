"""kubectl on workloads: ``create deployment|job``, ``scale``, ``set image``,
the ``get`` columns and the ``describe`` layouts of v1.35."""

from __future__ import annotations

import pytest

from cluster.engine import Cluster
from tests.cluster import workloads as w


@pytest.fixture
def c() -> Cluster:
    return w.cluster()


@pytest.mark.parametrize(
    ("line", "output"),
    [
        (
            "kubectl create deployment web --image=nginx:1.14.2",
            "deployment.apps/web created",
        ),
        ("kubectl create deploy web --image=nginx -o name", "deployment.apps/web"),
        (
            "kubectl create deployment",
            "error: exactly one NAME is required, got 0\n"
            "See 'kubectl create deployment -h' for help and examples",
        ),
        (
            "kubectl create deployment a b --image=nginx",
            "error: exactly one NAME is required, got 2\n"
            "See 'kubectl create deployment -h' for help and examples",
        ),
        ("kubectl create deployment web", 'error: required flag(s) "image" not set'),
        (
            "kubectl create deployment web --image=a --image=b -- sleep 1",
            "error: cannot specify multiple --image options and command",
        ),
        (
            "kubectl create job pi --image=perl:5.34.0 -- perl -e 1",
            "job.batch/pi created",
        ),
        ("kubectl create job pi", "error: either --image or --from must be specified"),
        (
            "kubectl create deployment Web --image=nginx",
            'error: failed to create deployment: Deployment.apps "Web" is invalid: '
            'metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must '
            "consist of lower case alphanumeric characters, '-' or '.', and must start "
            "and end with an alphanumeric character (e.g. 'example.com', regex used "
            "for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ),
    ],
)
def test_create(c: Cluster, line: str, output: str) -> None:
    assert w.run(c, line) == output


def test_create_deployment_builds_the_object_kubectl_builds(c: Cluster) -> None:
    w.run(
        c, "kubectl create deployment web --image=nginx:1.14.2 --replicas=2 --port=80"
    )
    d = c.api.get("deployments", "web", "default")
    assert d["metadata"]["labels"] == {"app": "web"}
    assert d["spec"]["selector"] == {"matchLabels": {"app": "web"}}
    container = d["spec"]["template"]["spec"]["containers"][0]
    assert (container["name"], container["ports"]) == (
        "nginx",
        [{"containerPort": 80, "protocol": "TCP"}],
    )
    assert d["spec"]["replicas"] == 2


def test_create_job_with_a_command(c: Cluster) -> None:
    w.run(c, 'kubectl create job hello --image=busybox:1.28 -- echo "Hello World"')
    spec = c.api.get("jobs", "hello", "default")["spec"]["template"]["spec"]
    assert spec["restartPolicy"] == "Never"
    assert spec["containers"][0]["command"] == ["echo", "Hello World"]
    assert spec["containers"][0]["name"] == "hello"


def test_scale(c: Cluster) -> None:
    w.run(c, "kubectl create deployment web --image=nginx:1.14.2")
    assert w.run(c, "kubectl scale deployment web --replicas=4") == (
        "deployment.apps/web scaled"
    )
    assert c.api.get("deployments", "web", "default")["spec"]["replicas"] == 4
    assert w.run(
        c, "kubectl scale deployment/web --replicas=2 --current-replicas=3"
    ) == ("error: Expected replicas to be 3, was 4")
    assert w.run(c, "kubectl scale deployment/web") == (
        "error: The --replicas=COUNT flag is required, and COUNT must be greater than "
        "or equal to 0"
    )


def test_set_image(c: Cluster) -> None:
    w.run(c, "kubectl create deployment web --image=nginx:1.14.2")
    assert w.run(c, "kubectl set image deployment/web nginx=nginx:1.16.1") == (
        "deployment.apps/web image updated"
    )
    assert w.run(c, "kubectl set image deployment/web nginx=nginx:1.16.1") == ""
    assert w.run(c, "kubectl set image deployment/web foo=nginx") == (
        'error: unable to find container named "foo"'
    )
    assert w.run(c, "kubectl set image deployment/web") == (
        "error: at least one image update is required"
    )


def test_get_columns(c: Cluster) -> None:
    w.run(c, "kubectl create deployment web --image=nginx:1.14.2 --replicas=3")
    assert w.run(c, "kubectl get deployments").splitlines() == [
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE",
        "web    0/3     3            0           0s",
    ]
    c.advance(30)
    rs = c.api.list("replicasets", "default")[0]["metadata"]["name"]
    assert w.run(c, "kubectl get deploy -o wide").splitlines() == [
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES         "
        "SELECTOR",
        "web    3/3     3            3           30s   nginx        nginx:1.14.2   "
        "app=web",
    ]
    assert w.run(c, "kubectl get rs").splitlines() == [
        "NAME             DESIRED   CURRENT   READY   AGE",
        f"{rs}   3         3         3       30s",
    ]


def test_get_jobs_columns(c: Cluster) -> None:
    w.create(c, w.job(backoffLimit=4))
    c.advance(0)
    assert w.run(c, "kubectl get jobs").splitlines() == [
        "NAME   STATUS    COMPLETIONS   DURATION   AGE",
        "pi     Running   0/1           0s         0s",
    ]
    c.advance(90)
    line = w.run(c, "kubectl get jobs").splitlines()[1]
    assert line.split()[:3] == ["pi", "Complete", "1/1"]


def test_get_all_lists_the_workloads(c: Cluster) -> None:
    w.run(c, "kubectl create deployment web --image=nginx:1.14.2")
    c.advance(10)
    output = w.run(c, "kubectl get all")
    for prefix in ("pod/web-", "deployment.apps/web", "replicaset.apps/web-"):
        assert prefix in output


def test_describe_deployment(c: Cluster) -> None:
    w.run(c, "kubectl create deployment web --image=nginx:1.14.2 --replicas=3")
    c.advance(30)
    rs = c.api.list("replicasets", "default")[0]["metadata"]["name"]
    lines = w.run(c, "kubectl describe deployment web").splitlines()
    assert lines[:10] == [
        "Name:                   web",
        "Namespace:              default",
        "CreationTimestamp:      Mon, 05 Jan 2026 09:00:00 +0000",
        "Labels:                 app=web",
        "Annotations:            deployment.kubernetes.io/revision: 1",
        "Selector:               app=web",
        "Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 "
        "unavailable",
        "StrategyType:           RollingUpdate",
        "MinReadySeconds:        0",
        "RollingUpdateStrategy:  25% max unavailable, 25% max surge",
    ]
    assert lines[10:14] == [
        "Pod Template:",
        "  Labels:  app=web",
        "  Containers:",
        "   nginx:",
    ]
    tail = lines[lines.index("Conditions:") :]
    assert tail[:9] == [
        "Conditions:",
        "  Type           Status  Reason",
        "  ----           ------  ------",
        "  Available      True    MinimumReplicasAvailable",
        "  Progressing    True    NewReplicaSetAvailable",
        "OldReplicaSets:  <none>",
        f"NewReplicaSet:   {rs} (3/3 replicas created)",
        "Events:",
        "  Type    Reason             Age   From                   Message",
    ]
    assert tail[10] == (
        f"  Normal  ScalingReplicaSet  30s   deployment-controller  Scaled up replica "
        f"set {rs} from 0 to 3"
    )


def test_describe_replicaset(c: Cluster) -> None:
    w.run(c, "kubectl create deployment web --image=nginx:1.14.2 --replicas=2")
    c.advance(30)
    rs = c.api.list("replicasets", "default")[0]
    pod_hash = rs["metadata"]["labels"]["pod-template-hash"]
    lines = w.run(c, f"kubectl describe rs {rs['metadata']['name']}").splitlines()
    assert lines[2] == f"Selector:       app=web,pod-template-hash={pod_hash}"
    assert "Controlled By:  Deployment/web" in lines
    assert "Replicas:       2 current / 2 desired" in lines
    assert "Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed" in lines
    assert any(line.split()[1:3] == ["SuccessfulCreate", "30s"] for line in lines)


def test_describe_job_after_completion(c: Cluster) -> None:
    w.create(c, w.job(backoffLimit=4))
    c.advance(90)
    lines = w.run(c, "kubectl describe job pi").splitlines()
    uid = c.api.get("jobs", "pi", "default")["metadata"]["uid"]
    assert lines[2] == f"Selector:         batch.kubernetes.io/controller-uid={uid}"
    for expected in (
        "Parallelism:      1",
        "Completions:      1",
        "Completion Mode:  NonIndexed",
        "Suspend:          false",
        "Backoff Limit:    4",
        "Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed",
        "    Command:",
        "      perl",
        "      print bpi(2000)",
    ):
        assert expected in lines
    assert lines[-1].split()[:2] == ["Normal", "Completed"]
    assert lines[-1].endswith("job-controller  Job completed")
