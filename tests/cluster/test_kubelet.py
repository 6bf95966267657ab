"""A pod bound to a node goes Pending → ContainerCreating → Running, with the
events, timings, status and pod IP a v1.35 kubelet on containerd produces."""

from __future__ import annotations

import math
import re

import pytest

from cluster.node import runtime as containerd
from cluster.node.gofmt import go_duration, truncate_ms

from .test_kubelet_harness import NodeHarness, pod_manifest

NGINX_LATEST_BYTES = 72223946


def test_pod_goes_through_container_creating_to_running() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginx"))
    node.advance(30)
    assert [s for _, s in node.statuses("web")] == [
        "Pending",
        "ContainerCreating",
        "Running",
    ]


def test_events_in_order_with_the_kubelet_v1_35_wording() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginx"))
    node.advance(30)
    timeline = node.timeline("web")
    assert [(kind, reason) for _, kind, reason, _ in timeline] == [
        ("Normal", "Pulling"),
        ("Normal", "Pulled"),
        ("Normal", "Created"),
        ("Normal", "Started"),
    ]
    messages = [message for *_, message in timeline]
    assert messages[0] == 'Pulling image "nginx"'
    assert re.fullmatch(
        r'Successfully pulled image "nginx" in (\S+) \(\1 including waiting\)\. '
        rf"Image size: {NGINX_LATEST_BYTES} bytes\.",
        messages[1],
    )
    assert messages[2:] == ["Container created", "Container started"]


def test_events_name_the_container_and_the_node() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginx"))
    node.advance(30)
    events = node.api.list("events")
    assert {e["involvedObject"]["fieldPath"] for e in events} == {
        "spec.containers{app}"
    }
    assert {(e["source"]["component"], e["source"]["host"]) for e in events} == {
        ("kubelet", "node-1")
    }


def test_timings_follow_sandbox_pull_and_relist() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginx"))
    node.advance(30)
    pulling, pulled = node.when("web", "Pulling"), node.when("web", "Pulled")
    low, high = containerd.SANDBOX_SECONDS
    assert low <= pulling <= high
    expected = containerd.REGISTRY_ROUND_TRIP + (
        NGINX_LATEST_BYTES / containerd.PULL_BANDWIDTH
    )
    took = pulled - pulling
    assert expected * 0.85 <= took <= expected * 1.15
    message = node.timeline("web")[1][3]
    assert f" in {go_duration(truncate_ms(took))} " in message
    started = node.when("web", "Started")
    running_at = [t for t, s in node.statuses("web") if s == "Running"][0]
    assert running_at == math.floor(started) + 1  # the next PLEG relist


def test_running_status_is_what_kubelet_reports() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginx"))
    node.advance(30)
    pod = node.pod("web")
    assert pod is not None
    status = pod["status"]
    assert status["phase"] == "Running"
    assert (status["hostIP"], status["podIP"]) == ("192.168.49.3", "10.244.1.2")
    assert status["podIPs"] == [{"ip": "10.244.1.2"}]
    assert [(c["type"], c["status"]) for c in status["conditions"]] == [
        ("PodReadyToStartContainers", "True"),
        ("Initialized", "True"),
        ("Ready", "True"),
        ("ContainersReady", "True"),
        ("PodScheduled", "True"),
    ]
    container = status["containerStatuses"][0]
    assert container["image"] == "docker.io/library/nginx:latest"
    assert container["imageID"].startswith("docker.io/library/nginx@sha256:")
    assert re.fullmatch(r"containerd://[0-9a-f]{64}", container["containerID"])
    assert (container["ready"], container["started"], container["restartCount"]) == (
        True,
        True,
        0,
    )
    assert set(container["state"]) == {"running"}


def test_container_creating_status_has_no_pod_ip_yet() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginx"))
    node.advance(0.1)
    pod = node.pod("web")
    assert pod is not None
    status = pod["status"]
    assert status["phase"] == "Pending"
    assert "podIP" not in status
    assert status["containerStatuses"][0]["state"] == {
        "waiting": {"reason": "ContainerCreating"}
    }
    ready = next(c for c in status["conditions"] if c["type"] == "Ready")
    assert (ready["status"], ready["reason"], ready["message"]) == (
        "False",
        "ContainersNotReady",
        "containers with unready status: [app]",
    )


def test_if_not_present_skips_the_pull_on_the_second_pod() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest("first", image="nginx:1.27"))
    node.advance(30)
    node.run_pod(pod_manifest("second", image="nginx:1.27"))
    node.advance(30)
    assert node.reasons("second") == ["Pulled", "Created", "Started"]
    assert node.timeline("second")[0][3] == (
        'Container image "nginx:1.27" already present on machine and can be '
        "accessed by the pod"
    )
    assert node.statuses("second")[-1][1] == "Running"


def test_always_pulls_again_but_only_resolves_the_manifest() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest("first", image="nginx"))
    node.advance(30)
    node.run_pod(pod_manifest("second", image="nginx"))
    node.advance(30)
    assert node.reasons("second") == ["Pulling", "Pulled", "Created", "Started"]
    took = node.when("second", "Pulled") - node.when("second", "Pulling")
    assert took <= containerd.REGISTRY_ROUND_TRIP * 1.15


def test_never_pull_without_the_image_waits_with_err_image_never_pull() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginx:1.27", imagePullPolicy="Never"))
    node.advance(5)
    assert node.timeline("web")[:2] == [
        (
            pytest.approx(node.when("web", "ErrImageNeverPull")),
            "Warning",
            "ErrImageNeverPull",
            'Container image "nginx:1.27" is not present with pull policy of Never',
        ),
        (
            pytest.approx(node.when("web", "Failed")),
            "Warning",
            "Failed",
            "Error: ErrImageNeverPull",
        ),
    ]
    assert node.statuses("web")[-1][1] == "ErrImageNeverPull"


def test_serialized_pulls_report_the_time_spent_waiting() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest("big", image="perl:5.34.0"))
    node.run_pod(pod_manifest("small", image="busybox:1.36"))
    node.advance(60)
    message = node.timeline("small")[1][3]
    pulled, waited = re.search(
        r" in (\S+) \((\S+) including waiting\)", message
    ).groups()  # type: ignore[union-attr]
    assert pulled.endswith("s") and waited.endswith("s")
    assert node.when("small", "Pulled") > node.when("big", "Pulled")
    assert _seconds(waited) > _seconds(pulled) + 10


def test_pod_ips_come_from_the_pod_cidr_like_host_local() -> None:
    node = NodeHarness()
    for name in ("a", "b", "c"):
        node.run_pod(pod_manifest(name, image="nginx"))
    node.advance(30)
    ips = {
        name: node.pod(name)["status"]["podIP"]  # type: ignore[index]
        for name in ("a", "b", "c")
    }
    assert sorted(ips.values()) == ["10.244.1.2", "10.244.1.3", "10.244.1.4"]
    node.api.delete("pods", "a", "default", actor="kubectl")
    node.advance(5)
    node.run_pod(pod_manifest("d", image="nginx"))
    node.advance(30)
    # host-local continues after the last address it handed out.
    assert node.pod("d")["status"]["podIP"] == "10.244.1.5"  # type: ignore[index]
    assert ips["a"] not in node.kubelets["node-1"].runtime.ipam.allocated  # type: ignore[union-attr]


def test_same_seed_same_transcript_other_seed_other_timings() -> None:
    def transcript(seed: int) -> list[tuple[float, str, str]]:
        node = NodeHarness(seed)
        node.run_pod(pod_manifest("web", image="nginx"))
        node.run_pod(pod_manifest("bad", image="nginxx"))
        node.advance(120)
        return [
            (e["time"], e["type"], str(e.get("text") or e.get("name")))
            for e in node.events
        ]

    assert transcript(7) == transcript(7)
    assert transcript(7) != transcript(8)


def _seconds(go: str) -> float:
    if go.endswith("ms"):
        return float(go[:-2]) / 1000
    minutes, _, rest = go.rpartition("m")
    return (float(minutes) * 60 if minutes else 0) + float(rest.rstrip("s"))


def test_an_invalid_image_name_waits_with_invalid_image_name() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="Nginx"))
    node.advance(5)
    assert node.timeline("web")[:2] == [
        (
            pytest.approx(node.when("web", "InspectFailed")),
            "Warning",
            "InspectFailed",
            'Failed to apply default image tag "Nginx": couldn\'t parse image name '
            '"Nginx": invalid reference format: repository name (library/Nginx) '
            "must be lowercase",
        ),
        (
            pytest.approx(node.when("web", "Failed")),
            "Warning",
            "Failed",
            "Error: InvalidImageName",
        ),
    ]
    assert node.statuses("web")[-1][1] == "InvalidImageName"


def test_a_node_out_of_pod_addresses_cannot_create_sandboxes() -> None:
    node = NodeHarness()
    runtime = node.kubelets["node-1"].runtime
    runtime.update_runtime_config("10.244.1.0/30")  # room for one pod only
    node.run_pod(pod_manifest("first", image="nginx"))
    node.run_pod(pod_manifest("second", image="nginx"))
    node.advance(30)
    assert node.statuses("first")[-1][1] == "Running"
    assert node.statuses("second")[-1][1] == "ContainerCreating"
    reason, message = node.timeline("second")[0][2:]
    assert reason == "FailedCreatePodSandBox"
    assert re.fullmatch(
        r"Failed to create pod sandbox: rpc error: code = Unknown desc = failed to "
        r'setup network for sandbox "[0-9a-f]{64}": plugin type="host-local" '
        r"failed \(add\): failed to allocate for range 0: no IP addresses "
        r"available in range set: 10\.244\.1\.1-10\.244\.1\.2",
        message,
    )
