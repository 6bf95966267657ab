"""ImageLocality with v1.35's threshold (1000 MiB per container, init
containers included). The cases are TestImageLocalityPriority's; the expected
scores are those of the current formula, not the v1.17 ones the old test
file listed (10, 15, 100, 65)."""

from __future__ import annotations

from typing import Any

import pytest

from cluster.scheduler.plugins.imagelocality import (
    MB,
    calculate_priority,
    normalized_image_name,
)

from .builders import container, make_node, make_pod
from .plugin_harness import score_all

Obj = dict[str, Any]


def image(size_mb: int, *names: str) -> Obj:
    return {"names": list(names), "sizeBytes": size_mb * MB}


NODE_40_300_2000 = [
    image(40, "gcr.io/40:latest", "gcr.io/40:v1"),
    image(300, "gcr.io/300:latest", "gcr.io/300:v1"),
    image(2000, "gcr.io/2000:latest"),
]
NODE_250_10 = [
    image(250, "gcr.io/250:latest"),
    image(10, "gcr.io/10:latest", "gcr.io/10:v1"),
]


def pod_of(*images: str, init: tuple[str, ...] = ()) -> Obj:
    return make_pod(
        containers=[container(f"c{i}", image=im) for i, im in enumerate(images)],
        init_containers=[container(f"i{i}", image=im) for i, im in enumerate(init)]
        or None,
    )


@pytest.mark.parametrize(
    ("pod", "third_node", "expected"),
    [
        # 250/2 = 125 MiB -> 100 * (125 - 23) / (2000 - 23) = 5
        (pod_of("gcr.io/40", "gcr.io/250"), False, {"m1": 0, "m2": 5}),
        # (40 + 300)/2 = 170 MiB -> 7
        (pod_of("gcr.io/40", "gcr.io/300"), False, {"m1": 7, "m2": 0}),
        # 2000/2 = 1000 MiB, under the 2000 MiB ceiling of two containers -> 49
        (pod_of("gcr.io/10", "gcr.io/2000"), False, {"m1": 49, "m2": 0}),
        # 2000/3 of the nodes hold it -> 32
        (pod_of("gcr.io/10", "gcr.io/2000"), True, {"m1": 32, "m2": 0, "m3": 0}),
        # An init container's image counts: (300 + 2000)/2 = 1150 MiB -> 57.
        (pod_of("gcr.io/2000", init=("gcr.io/300",)), False, {"m1": 57, "m2": 0}),
    ],
    ids=[
        "larger-image-node",
        "both-images-one-node",
        "limit",
        "three-nodes",
        "init-containers-count",
    ],
)
def test_score(pod: Obj, third_node: bool, expected: dict[str, int]) -> None:
    nodes = [
        make_node("m1", images=NODE_40_300_2000),
        make_node("m2", images=NODE_250_10),
    ]
    if third_node:
        nodes.append(make_node("m3"))
    assert score_all("ImageLocality", pod, nodes) == expected


@pytest.mark.parametrize(
    ("name", "normalized"),
    [
        ("nginx", "nginx:latest"),
        ("nginx:1.27", "nginx:1.27"),
        ("localhost:5000/app", "localhost:5000/app:latest"),
        ("nginx@sha256:" + "a" * 64, "nginx@sha256:" + "a" * 64),
    ],
)
def test_untagged_names_get_latest(name: str, normalized: str) -> None:
    assert normalized_image_name(name) == normalized


def test_short_names_do_not_match_what_containerd_reports() -> None:
    nodes = [
        make_node("m1", images=[image(500, "docker.io/library/nginx:latest")]),
        make_node("m2"),
    ]
    assert score_all("ImageLocality", pod_of("nginx"), nodes) == {"m1": 0, "m2": 0}
    full = pod_of("docker.io/library/nginx:latest")
    assert score_all("ImageLocality", full, nodes) == {"m1": 23, "m2": 0}


def test_the_score_is_clamped() -> None:
    assert calculate_priority(0, 1) == 0
    assert calculate_priority(5000 * MB, 1) == 100
