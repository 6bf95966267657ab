"""The kubelet's CRI client (``k8s.io/cri-client``): every call to containerd
goes through here, so each one is reported as a hop on the diagram.

Like the real client it strips the gRPC code from pull errors whose code is
``Unknown`` ("they add no value"), and keeps it for the others, which is why
a missing tag reads ``rpc error: code = NotFound desc = ...`` while a missing
Docker Hub repository reads ``failed to pull and unpack image ...``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cluster.events import EventStream
from cluster.node.image_service import ImageRecord, PullHandle, PullResult
from cluster.node.runtime import Container, ContainerConfig, ContainerRuntime, Sandbox

Obj = dict[str, Any]


@dataclass(frozen=True)
class Pulled:
    """A finished PullImage: ``error`` is the message the kubelet shows."""

    record: ImageRecord | None
    seconds: float
    error: str | None


class CRIClient:
    def __init__(
        self, runtime: ContainerRuntime, stream: EventStream, caller: str
    ) -> None:
        self.runtime = runtime
        self._stream = stream
        self._caller = caller

    def run_pod_sandbox(
        self, pod: Obj, done: Callable[[Sandbox], None], attempt: int = 0
    ) -> None:
        meta = pod["metadata"]
        self._hop("RunPodSandbox", f"RunPodSandbox for pod/{meta['name']}", pod)
        self.runtime.run_pod_sandbox(
            meta["uid"], meta["name"], meta.get("namespace", "default"), done, attempt
        )

    def stop_pod_sandbox(
        self, pod: Obj, sandbox: Sandbox, done: Callable[[], None]
    ) -> None:
        self._hop("StopPodSandbox", f"StopPodSandbox for pod/{sandbox.name}", pod)
        self.runtime.stop_pod_sandbox(sandbox.id, done)

    def remove_pod_sandbox(self, pod: Obj, sandbox: Sandbox) -> None:
        self._hop("RemovePodSandbox", f"RemovePodSandbox for pod/{sandbox.name}", pod)
        self.runtime.remove_pod_sandbox(sandbox.id)

    def pull_image(
        self, pod: Obj, image: str, done: Callable[[Pulled], None]
    ) -> PullHandle:
        self._hop("PullImage", f"PullImage {image}", pod, image=image)
        return self.runtime.pull_image(
            image, lambda result: self._pulled(pod, result, done)
        )

    def cancel_pull(self, handle: PullHandle) -> None:
        self.runtime.cancel_pull(handle)

    def image_status(self, image: str) -> ImageRecord | None:
        return self.runtime.image_status(image)

    def create_container(
        self,
        pod: Obj,
        sandbox: Sandbox,
        config: ContainerConfig,
        attempt: int,
        done: Callable[[Container], None],
    ) -> None:
        name = config.name
        self._hop("CreateContainer", f"CreateContainer {name}", pod, container=name)
        self.runtime.create_container(sandbox.id, config, attempt, done)

    def start_container(
        self, pod: Obj, created: Container, done: Callable[[Container], None]
    ) -> None:
        self._hop(
            "StartContainer",
            f"StartContainer {created.name}",
            pod,
            container=created.name,
        )
        self.runtime.start_container(created.id, done)

    def stop_container(
        self,
        pod: Obj,
        running: Container,
        timeout: float,
        done: Callable[[Container], None],
    ) -> None:
        self._hop(
            "StopContainer",
            f"StopContainer {running.name} (timeout {timeout:g}s)",
            pod,
            container=running.name,
        )
        self.runtime.stop_container(running.id, timeout, done)

    def _pulled(
        self, pod: Obj, result: PullResult, done: Callable[[Pulled], None]
    ) -> None:
        error = None
        if result.error is not None:
            unknown = result.error.code == "Unknown"
            error = result.error.message if unknown else str(result.error)
        text = f"PullImage {result.image}: " + (
            "failed" if error else f"{result.record.size if result.record else 0} bytes"
        )
        self._stream.message(
            self.runtime.id,
            self._caller,
            "PullImage",
            text,
            **_about(pod),
            image=result.image,
            ok=error is None,
        )
        done(Pulled(result.record, result.seconds, error))

    def _hop(self, verb: str, text: str, pod: Obj, **data: Any) -> None:
        self._stream.message(
            self._caller,
            self.runtime.id,
            verb,
            f"{self._caller}: {text}",
            **_about(pod),
            **data,
        )


def _about(pod: Obj) -> Obj:
    meta = pod["metadata"]
    return {"resource": "Pod", "name": meta["name"], "namespace": meta.get("namespace")}
