"""An image that cannot be pulled: ErrImagePull, then ImagePullBackOff, with the
real messages and the real back-off (10 s doubling to 300 s, FIDELITY C.2)."""

from __future__ import annotations

import pytest

from cluster.node.backoff import Backoff
from cluster.node.pleg import RELIST_PERIOD
from cluster.node.pod_workers import BACKOFF_PERIOD, JITTER_FACTOR

from .test_kubelet_harness import NodeHarness, pod_manifest

MISSING_REPO = (
    'failed to pull and unpack image "docker.io/library/nginxx:latest": failed to '
    'resolve reference "docker.io/library/nginxx:latest": pull access denied, '
    "repository does not exist or may require authorization: server message: "
    "insufficient_scope: authorization failed"
)


def test_a_missing_repository_fails_with_containerds_words() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginxx"))
    node.advance(5)
    assert [
        (kind, reason, message) for _, kind, reason, message in node.timeline("web")[:5]
    ] == [
        ("Normal", "Pulling", 'Pulling image "nginxx"'),
        ("Warning", "Failed", f'Failed to pull image "nginxx": {MISSING_REPO}'),
        ("Warning", "Failed", "Error: ErrImagePull"),
        ("Normal", "BackOff", 'Back-off pulling image "nginxx"'),
        ("Warning", "Failed", "Error: ImagePullBackOff"),
    ]


def test_a_missing_tag_keeps_the_grpc_not_found_code() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginx:1.99"))
    node.advance(5)
    assert node.timeline("web")[1][3] == (
        'Failed to pull image "nginx:1.99": rpc error: code = NotFound desc = '
        'failed to pull and unpack image "docker.io/library/nginx:1.99": failed to '
        'resolve reference "docker.io/library/nginx:1.99": '
        "docker.io/library/nginx:1.99: not found"
    )


def test_status_alternates_err_image_pull_and_image_pull_back_off() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginxx"))
    node.advance(60)
    assert [s for _, s in node.statuses("web")][:5] == [
        "Pending",
        "ContainerCreating",
        "ErrImagePull",
        "ImagePullBackOff",
        "ErrImagePull",
    ]


def test_waiting_message_carries_the_last_pull_error() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginxx"))
    node.advance(20)
    pod = node.pod("web")
    assert pod is not None
    waiting = pod["status"]["containerStatuses"][0]["state"]["waiting"]
    assert waiting == {
        "reason": "ImagePullBackOff",
        "message": f'Back-off pulling image "nginxx": ErrImagePull: {MISSING_REPO}',
    }
    assert pod["status"]["phase"] == "Pending"
    assert pod["status"]["podIP"] == "10.244.1.2"


def test_pull_attempts_back_off_10s_doubling_to_300s() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginxx"))
    node.advance(1500)
    pulls = [e["time"] for e in node.messages("kubelet/node-1", "PullImage")]
    gaps = [b - a for a, b in zip(pulls, pulls[1:], strict=False)]
    # Each retry waits out the back-off, then for the next pod worker sync
    # (10-15 s after the last failed one) and the pod cache (one relist).
    slack = BACKOFF_PERIOD * (1 + JITTER_FACTOR) + RELIST_PERIOD + 1
    for gap, backoff in zip(gaps, [10, 20, 40, 80, 160, 300, 300], strict=False):
        assert backoff <= gap <= backoff + slack
    assert len(gaps) >= 7


@pytest.mark.parametrize(
    ("failures", "expected"),
    [(1, 10), (2, 20), (3, 40), (5, 160), (6, 300), (9, 300)],
    ids=["first", "second", "third", "fifth", "capped", "stays-capped"],
)
def test_backoff_doubles_to_the_cap(failures: int, expected: float) -> None:
    backoff = Backoff(10, 300)
    for i in range(failures):
        backoff.next("k", float(i))
    assert backoff.get("k") == expected


def test_backoff_window_is_measured_from_the_last_failure() -> None:
    backoff = Backoff(10, 300)
    backoff.next("k", 100.0)
    assert backoff.is_in_backoff_since_update("k", 109.9)
    assert not backoff.is_in_backoff_since_update("k", 110.0)


def test_backoff_forgets_after_twice_the_maximum() -> None:
    backoff = Backoff(10, 300)
    for t in (0.0, 1.0, 2.0):
        backoff.next("k", t)
    backoff.next("k", 2.0 + 601)
    assert backoff.get("k") == 10
