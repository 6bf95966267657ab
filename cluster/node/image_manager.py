"""The kubelet's image manager (``pkg/kubelet/images/image_manager.go``).

``ensure_image_exists`` applies the container's imagePullPolicy, the per-pod
image pull back-off and the serial image puller (``serializeImagePulls`` is
true by default, so a node pulls one image at a time and later pulls report
time spent waiting), and posts the events kubelet v1.35 posts.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cluster.clock import Clock
from cluster.node import images
from cluster.node.backoff import Backoff
from cluster.node.cri import CRIClient, Pulled
from cluster.node.gofmt import go_duration, truncate_ms
from cluster.node.image_service import PullHandle
from cluster.recorder import EventRecorder

Obj = dict[str, Any]
# pkg/kubelet/kubelet.go: imageBackOffPeriod, MaxImageBackOff.
IMAGE_BACKOFF_INITIAL = 10.0
IMAGE_BACKOFF_MAX = 300.0
# What the gRPC client says when the kubelet cancels a call not yet sent.
CANCELED = "rpc error: code = Canceled desc = context canceled"


@dataclass(frozen=True)
class ImageResult:
    """``reason`` is the container's waiting reason when the image is not ready."""

    reason: str = ""
    message: str = ""

    @property
    def ok(self) -> bool:
        return not self.reason


Done = Callable[[ImageResult], None]


@dataclass
class _PullRequest:
    pod: Obj
    image: str
    where: str  # the event's fieldPath
    key: str  # the back-off key, <podUID>_<image>
    requested_at: float
    done: Done


class ImageManager:
    def __init__(self, cri: CRIClient, recorder: EventRecorder, clock: Clock) -> None:
        self._cri = cri
        self._recorder = recorder
        self._clock = clock
        self.backoff = Backoff(IMAGE_BACKOFF_INITIAL, IMAGE_BACKOFF_MAX)
        self._prev_errors: dict[str, str] = {}
        self._queue: deque[_PullRequest] = deque()
        self._pulling = False
        self._active: tuple[_PullRequest, PullHandle] | None = None

    def ensure_image_exists(
        self, pod: Obj, container: Obj, done: Done, field_path: str | None = None
    ) -> None:
        image = container["image"]
        where = field_path or f"spec.containers{{{container['name']}}}"
        try:
            images.parse(image)
        except images.InvalidReference as err:
            done(self._invalid(pod, image, where, str(err)))
            return
        policy = container.get("imagePullPolicy", "IfNotPresent")
        present = policy != "Always" and self._cri.image_status(image) is not None
        if present:
            self._event(
                pod,
                where,
                "Pulled",
                f'Container image "{image}" already '
                "present on machine and can be accessed by the pod",
            )
            done(ImageResult())
        elif policy == "Never":
            done(self._never_pull(pod, image, where))
        else:
            self._pull(pod, image, where, done)

    # -- outcomes ----------------------------------------------------------------

    def _invalid(self, pod: Obj, image: str, where: str, err: str) -> ImageResult:
        msg = (
            f'Failed to apply default image tag "{image}": couldn\'t parse '
            f'image name "{image}": {err}'
        )
        self._event(pod, where, "InspectFailed", msg, warning=True)
        return ImageResult("InvalidImageName", msg)

    def _never_pull(self, pod: Obj, image: str, where: str) -> ImageResult:
        msg = f'Container image "{image}" is not present with pull policy of Never'
        self._event(pod, where, "ErrImageNeverPull", msg, warning=True)
        return ImageResult("ErrImageNeverPull", msg)

    def _pull(self, pod: Obj, image: str, where: str, done: Done) -> None:
        key = f"{_uid(pod)}_{image}"
        if self.backoff.is_in_backoff_since_update(key, self._clock.now):
            done(self._backing_off(pod, image, where, key))
            return
        self._prev_errors.pop(key, None)
        self._event(pod, where, "Pulling", f'Pulling image "{image}"')
        self._enqueue(_PullRequest(pod, image, where, key, self._clock.now, done))

    def _backing_off(self, pod: Obj, image: str, where: str, key: str) -> ImageResult:
        msg = f'Back-off pulling image "{image}"'
        self._event(pod, where, "BackOff", msg)
        # The status message also carries the error of the last attempt.
        previous = self._prev_errors.get(key)
        return ImageResult(
            "ImagePullBackOff", f"{msg}: {previous}" if previous else msg
        )

    def _pulled(self, request: _PullRequest, pulled: Pulled) -> None:
        if pulled.error is not None:
            request.done(self._pull_failed(request, pulled.error))
            return
        waited = self._clock.now - request.requested_at
        size = pulled.record.size if pulled.record else 0
        self._event(
            request.pod,
            request.where,
            "Pulled",
            f'Successfully pulled image "{request.image}" in '
            f"{go_duration(truncate_ms(pulled.seconds))} "
            f"({go_duration(truncate_ms(waited))} including waiting). "
            f"Image size: {size} bytes.",
        )
        self.backoff.gc(self._clock.now)
        request.done(ImageResult())

    def _pull_failed(self, request: _PullRequest, error: str) -> ImageResult:
        message = f'Failed to pull image "{request.image}": {error}'
        self._event(request.pod, request.where, "Failed", message, warning=True)
        self.backoff.next(request.key, self._clock.now)
        self._prev_errors[request.key] = f"ErrImagePull: {error}"
        return ImageResult("ErrImagePull", error)

    # -- the serial image puller -------------------------------------------------

    def _enqueue(self, request: _PullRequest) -> None:
        self._queue.append(request)
        if not self._pulling:
            self._next_pull()

    def cancel(self, pod_uid: str) -> None:
        """The pod's sync was cancelled (it is being deleted): end its pull."""
        for request in [r for r in self._queue if _uid(r.pod) == pod_uid]:
            self._queue.remove(request)
            self._pulled(request, Pulled(None, 0.0, CANCELED))
        if self._active and _uid(self._active[0].pod) == pod_uid:
            self._cri.cancel_pull(self._active[1])

    def _next_pull(self) -> None:
        if not self._queue:
            self._pulling = False
            return
        self._pulling = True
        request = self._queue.popleft()
        handle = self._cri.pull_image(
            request.pod, request.image, lambda pulled: self._finish(request, pulled)
        )
        self._active = (request, handle)

    def _finish(self, request: _PullRequest, pulled: Pulled) -> None:
        self._active = None
        self._pulled(request, pulled)
        self._next_pull()

    def _event(
        self, pod: Obj, where: str, reason: str, message: str, warning: bool = False
    ) -> None:
        record = self._recorder.warning if warning else self._recorder.normal
        record(pod, reason, message, field_path=where)


def _uid(pod: Obj) -> str:
    return str(pod["metadata"]["uid"])
