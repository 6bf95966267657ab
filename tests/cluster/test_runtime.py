"""containerd on a node: the image catalogue and reference grammar, pulls that
take time and fail like containerd's, containers that stop like their images."""

from __future__ import annotations

import pytest

from cluster.clock import Clock
from cluster.node import images
from cluster.node.runtime import (
    PULL_BANDWIDTH,
    REGISTRY_ROUND_TRIP,
    SIGKILL_EXIT,
    Container,
    ContainerConfig,
    ContainerRuntime,
    PullResult,
    Sandbox,
)


@pytest.mark.parametrize(
    ("image", "normalized"),
    [
        ("nginx", "docker.io/library/nginx:latest"),
        ("nginx:1.27", "docker.io/library/nginx:1.27"),
        ("library/nginx", "docker.io/library/nginx:latest"),
        ("docker.io/nginx", "docker.io/library/nginx:latest"),
        ("index.docker.io/library/redis:7", "docker.io/library/redis:7"),
        ("hashicorp/http-echo", "docker.io/hashicorp/http-echo:latest"),
        ("registry.k8s.io/pause:3.10.1", "registry.k8s.io/pause:3.10.1"),
        ("localhost:5000/app", "localhost:5000/app:latest"),
        ("nginx@sha256:" + "a" * 64, "docker.io/library/nginx@sha256:" + "a" * 64),
    ],
    ids=[
        "short",
        "tag",
        "library",
        "docker-io",
        "index",
        "user-repo",
        "registry",
        "registry-port",
        "digest",
    ],
)
def test_normalize_like_docker_reference(image: str, normalized: str) -> None:
    assert images.normalize(image) == normalized


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (
            "Nginx",
            "invalid reference format: repository name (library/Nginx) "
            "must be lowercase",
        ),
        ("nginx:", "invalid reference format"),
        ("nginx@", "invalid reference format"),
        ("-nginx", "invalid reference format"),
    ],
    ids=["uppercase", "empty-tag", "empty-digest", "leading-dash"],
)
def test_invalid_references(image: str, message: str) -> None:
    with pytest.raises(
        images.InvalidReference, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        images.parse(image)


def test_catalogue_sizes_are_believable() -> None:
    nginx = images.CATALOGUE["docker.io/library/nginx"]
    assert 60_000_000 < nginx.tags["latest"] < 80_000_000
    assert images.CATALOGUE["registry.k8s.io/pause"].tags["3.10.1"] < 1_000_000


def test_the_pause_image_is_preloaded_and_pinned() -> None:
    runtime = ContainerRuntime(Clock(), "node-1")
    record = runtime.image_status(images.PAUSE_IMAGE)
    assert record is not None and record.pinned
    assert record.repo_tags == ["registry.k8s.io/pause:3.10.1"]


def pull(runtime: ContainerRuntime, image: str) -> PullResult:
    results: list[PullResult] = []
    runtime.pull_image(image, results.append)
    runtime.clock.run_until(runtime.clock.now + 600)
    return results[0]


def test_a_pull_takes_round_trip_plus_size_over_bandwidth() -> None:
    runtime = ContainerRuntime(Clock(seed=4), "node-1")
    result = pull(runtime, "nginx")
    expected = REGISTRY_ROUND_TRIP + 72223946 / PULL_BANDWIDTH
    assert expected * 0.85 <= result.seconds <= expected * 1.15
    assert result.record is not None and result.record.size == 72223946
    assert runtime.image_status("docker.io/library/nginx:latest") is result.record


def test_tags_of_the_same_content_share_one_image() -> None:
    runtime = ContainerRuntime(Clock(), "node-1")
    pull(runtime, "nginx:latest")
    pull(runtime, "nginx:1.29")
    record = runtime.image_status("nginx:1.29")
    assert record is not None
    assert record.repo_tags == [
        "docker.io/library/nginx:latest",
        "docker.io/library/nginx:1.29",
    ]


@pytest.mark.parametrize(
    ("image", "code", "tail"),
    [
        (
            "nginxx",
            "Unknown",
            "pull access denied, repository does not exist or may require "
            "authorization: server message: insufficient_scope: authorization failed",
        ),
        ("nginx:1.99", "NotFound", "docker.io/library/nginx:1.99: not found"),
        ("registry.k8s.io/nope:1.0", "NotFound", "registry.k8s.io/nope:1.0: not found"),
    ],
    ids=["docker-hub-repository", "tag", "other-registry"],
)
def test_failed_pulls_say_what_containerd_says(
    image: str, code: str, tail: str
) -> None:
    runtime = ContainerRuntime(Clock(), "node-1")
    result = pull(runtime, image)
    ref = images.normalize(image)
    assert result.error is not None and result.error.code == code
    assert result.error.message == (
        f'failed to pull and unpack image "{ref}": failed to resolve reference '
        f'"{ref}": {tail}'
    )
    assert result.seconds < REGISTRY_ROUND_TRIP * 1.2
    assert runtime.image_status(image) is None


AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.40"


def running(
    runtime: ContainerRuntime, image: str, command: tuple[str, ...] = ()
) -> Container:
    runtime.update_runtime_config("10.244.1.0/24")
    pull(runtime, image)
    sandboxes: list[Sandbox] = []
    runtime.run_pod_sandbox("uid-1", "web", "default", sandboxes.append)
    runtime.clock.run_until(runtime.clock.now + 5)
    created: list[Container] = []
    config = ContainerConfig("app", image, command=command)
    runtime.create_container(sandboxes[0].id, config, 0, created.append)
    runtime.clock.run_until(runtime.clock.now + 5)
    runtime.start_container(created[0].id, lambda c: None)
    runtime.clock.run_until(runtime.clock.now + 5)
    return created[0]


@pytest.mark.parametrize(
    ("image", "command", "after", "code", "reason"),
    [
        ("nginx", (), 0.1, 0, "Completed"),
        ("redis", (), 0.3, 0, "Completed"),
        ("httpd", (), 0.5, 0, "Completed"),
        ("busybox", ("sleep", "3600"), 30, SIGKILL_EXIT, "Error"),
        ("busybox", ("sh", "-c", "sleep 3600"), 30, SIGKILL_EXIT, "Error"),
        ("busybox", ("sh", "-c", "trap 'exit 0' TERM; sleep 1h"), 0.05, 0, "Completed"),
        (AGNHOST, ("/agnhost", "liveness"), 0.05, 2, "Error"),
    ],
    ids=[
        "nginx-sigquit",
        "redis-sigterm",
        "httpd-sigwinch",
        "sleep-ignores",
        "shell-ignores",
        "shell-traps",
        "go-exits-2",
    ],
)
def test_containers_stop_like_their_programs(
    image: str, command: tuple[str, ...], after: float, code: int, reason: str
) -> None:
    runtime = ContainerRuntime(Clock(), "node-1")
    container = running(runtime, image, command)
    assert container.state == "CONTAINER_RUNNING"
    asked = runtime.clock.now
    stopped: list[Container] = []
    runtime.stop_container(container.id, 30, stopped.append)
    runtime.clock.run_until(asked + 60)
    assert stopped and (stopped[0].exit_code, stopped[0].reason) == (code, reason)
    assert stopped[0].finished_at == pytest.approx(asked + after)


def test_sandboxes_get_host_local_addresses_and_give_them_back() -> None:
    runtime = ContainerRuntime(Clock(), "node-1")
    runtime.update_runtime_config("10.244.2.0/24")
    sandboxes: list[Sandbox] = []
    for uid in ("a", "b"):
        runtime.run_pod_sandbox(uid, uid, "default", sandboxes.append)
    runtime.clock.run_until(5)
    assert [s.ip for s in sandboxes] == ["10.244.2.2", "10.244.2.3"]
    runtime.stop_pod_sandbox(sandboxes[0].id, lambda: None)
    runtime.clock.run_until(10)
    assert runtime.ipam is not None
    assert sorted(runtime.ipam.allocated) == ["10.244.2.3"]


def test_runtime_reports_container_changes_by_pod() -> None:
    runtime = ContainerRuntime(Clock(), "node-1")
    changed: list[str] = []
    runtime.subscribe(changed.append)
    running(runtime, "nginx")
    assert changed == ["uid-1", "uid-1", "uid-1"]  # sandbox, created, started
