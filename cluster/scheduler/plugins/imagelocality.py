"""ImageLocality: favour nodes that already hold the pod's images
(``imagelocality/image_locality.go`` as of v1.35).

Each init and regular container whose image the node reports in
``status.images`` adds the image's size scaled by the share of nodes holding
it (so an image on every node counts little: no "node heating"). The sum is
clamped to [23 MiB, 1000 MiB x containers] and mapped linearly to 0..100.

Names are compared as written, with ``:latest`` added to untagged ones: a pod
asking for ``nginx`` does not match ``docker.io/library/nginx:latest``, which
is how containerd reports it. Real clusters behave the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cluster.scheduler.framework.cycle_state import CycleState
from cluster.scheduler.framework.interface import Handle
from cluster.scheduler.framework.status import MAX_NODE_SCORE
from cluster.scheduler.framework.types import ImageState, NodeInfo, PodInfo
from cluster.scheduler.plugins import names

NAME = names.IMAGE_LOCALITY
MB = 1024 * 1024
MIN_THRESHOLD = 23 * MB
MAX_CONTAINER_THRESHOLD = 1000 * MB


class ImageLocality:
    name = NAME

    def __init__(self, handle: Handle) -> None:
        self._handle = handle

    def score(self, state: CycleState, pod: PodInfo, node: NodeInfo) -> int:
        return self.score_nodes(state, pod, [node])[0]

    def score_nodes(
        self, state: CycleState, pod: PodInfo, nodes: list[NodeInfo]
    ) -> list[int]:
        images = pod_images(pod.spec)
        total = len(self._handle.node_infos())
        none_held = calculate_priority(0, len(images))
        if len(images) == 1:
            return _one_image(images[0], nodes, total, none_held)
        # An image's scaled score is the same on every node holding it (size
        # and spread are cluster-wide): worked out once per image.
        scaled: dict[str, int] = {}
        scores = []
        for node in nodes:
            states = node.image_states
            held = [i for i in images if i in states] if states else None
            if not held:
                scores.append(none_held)
                continue
            for image in held:
                if image not in scaled:
                    scaled[image] = scaled_image_score(states[image], total)
            scores.append(calculate_priority(sum(scaled[i] for i in held), len(images)))
        return scores


def _one_image(
    image: str, nodes: list[NodeInfo], total: int, none_held: int
) -> list[int]:
    """The common case, one container: a node holds the image or not."""
    held = next((n.image_states[image] for n in nodes if image in n.image_states), None)
    if held is None:
        return [none_held] * len(nodes)
    score = calculate_priority(scaled_image_score(held, total), 1)
    return [score if image in n.image_states else none_held for n in nodes]


def pod_images(spec: dict[str, Any]) -> list[str]:
    containers = [*(spec.get("initContainers") or ()), *(spec.get("containers") or ())]
    return [normalized_image_name(str(c.get("image") or "")) for c in containers]


def sum_image_scores(
    states: Mapping[str, ImageState], images: list[str], total_nodes: int
) -> int:
    if not states:
        return 0
    return sum(
        scaled_image_score(states[i], total_nodes) for i in images if i in states
    )


def scaled_image_score(state: ImageState, total_nodes: int) -> int:
    spread = state.num_nodes / total_nodes
    return int(state.size * spread)


def calculate_priority(sum_scores: int, num_containers: int) -> int:
    max_threshold = MAX_CONTAINER_THRESHOLD * num_containers
    if sum_scores < MIN_THRESHOLD:
        sum_scores = MIN_THRESHOLD
    elif sum_scores > max_threshold:
        sum_scores = max_threshold
    return _div(
        MAX_NODE_SCORE * (sum_scores - MIN_THRESHOLD), max_threshold - MIN_THRESHOLD
    )


def _div(a: int, b: int) -> int:
    """Go's int64 division truncates toward zero."""
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b > 0) else -quotient


def normalized_image_name(name: str) -> str:
    if name.rfind(":") <= name.rfind("/"):
        return name + ":latest"
    return name


def new(args: Mapping[str, Any] | None, handle: Handle) -> ImageLocality:
    return ImageLocality(handle)
