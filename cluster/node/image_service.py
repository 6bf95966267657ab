"""containerd's image service: the images a node holds and the pulls that
fetch more, as the CRI ImageService exposes them.

A pull lasts a registry round trip (token and manifest) plus the image's
compressed size over the node's bandwidth, with a small seeded jitter. A pull
of an image already present only resolves the manifest. A reference the
registries do not know fails with containerd's own words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cluster.clock import Clock, Timer
from cluster.node import images

# Resolving a reference costs a token fetch and a manifest request.
REGISTRY_ROUND_TRIP = 0.9
# Download plus unpack into the snapshotter, bytes per second.
PULL_BANDWIDTH = 25_000_000
PULL_JITTER = 0.15
# Where containerd fetches blobs for a registry name.
REGISTRY_HOSTS = {"docker.io": "registry-1.docker.io"}


class CRIError(Exception):
    """A gRPC status from the CRI: ``rpc error: code = NotFound desc = ...``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"rpc error: code = {code} desc = {message}")
        self.code = code
        self.message = message


@dataclass
class ImageRecord:
    id: str
    repo_tags: list[str]
    repo_digests: list[str]
    size: int
    pinned: bool = False


@dataclass(frozen=True)
class PullResult:
    image: str
    record: ImageRecord | None
    seconds: float
    error: CRIError | None = None


@dataclass
class PullHandle:
    """An image pull in flight, so the kubelet can cancel it."""

    image: str
    ref: images.Reference
    started_at: float
    done: Callable[[PullResult], None]
    timer: Timer | None = None


class ImageService:
    def __init__(self, clock: Clock, node_name: str) -> None:
        self.clock = clock
        self.node_name = node_name
        self.images: dict[str, ImageRecord] = {}
        self._store(images.parse(images.PAUSE_IMAGE), pinned=True)

    def image_status(self, image: str) -> ImageRecord | None:
        name = images.normalize(image)
        for record in self.images.values():
            if name in record.repo_tags or name in record.repo_digests:
                return record
        return None

    def pull_image(self, image: str, done: Callable[[PullResult], None]) -> PullHandle:
        ref = images.parse(image)
        size, error = self._resolve(ref)
        seconds = self._pull_seconds(
            size if error is None and self.image_status(image) is None else 0
        )
        handle = PullHandle(image, ref, self.clock.now, done)
        handle.timer = self.clock.call_later(
            seconds, self._pulled, handle, size, seconds, error
        )
        return handle

    def cancel_pull(self, handle: PullHandle) -> None:
        """The caller's context was cancelled: the pull stops, nothing is stored."""
        if handle.timer is None or handle.timer.cancelled:
            return
        handle.timer.cancel()
        blob = images.digest_of(f"layer/{handle.ref}")
        host, _, path = handle.ref.repository.partition("/")
        host = REGISTRY_HOSTS.get(host, host)
        error = CRIError(
            "Canceled",
            (
                f'failed to pull and unpack image "{handle.ref}": failed to copy: '
                "httpReadSeeker: failed open: failed to do request: Get "
                f'"https://{host}/v2/{path}/blobs/{blob}": context canceled'
            ),
        )
        handle.done(
            PullResult(handle.image, None, self.clock.now - handle.started_at, error)
        )

    # -- internals -----------------------------------------------------------------

    def _resolve(self, ref: images.Reference) -> tuple[int, CRIError | None]:
        repo = images.repository(ref)
        if repo is None:
            return 0, _unknown_repository(ref)
        size = _size_of(repo, ref)
        return (size, None) if size else (0, _not_found(ref))

    def _pull_seconds(self, size: int) -> float:
        jitter = 1 + self.clock.rng(f"pull/{self.node_name}").uniform(
            -PULL_JITTER, PULL_JITTER
        )
        return round((REGISTRY_ROUND_TRIP + size / PULL_BANDWIDTH) * jitter, 3)

    def _pulled(
        self, handle: PullHandle, size: int, seconds: float, error: CRIError | None
    ) -> None:
        handle.timer = None
        record = None if error else self._store(handle.ref, size=size)
        handle.done(PullResult(handle.image, record, seconds, error))

    def _store(
        self, ref: images.Reference, size: int = 0, pinned: bool = False
    ) -> ImageRecord:
        repo = images.repository(ref)
        size = size or (_size_of(repo, ref) if repo else 0)
        content = f"{ref.repository}#{size}"
        image_id = images.digest_of(f"config/{content}")
        record = self.images.setdefault(
            image_id,
            ImageRecord(
                image_id,
                [],
                [f"{ref.repository}@{images.digest_of(content)}"],
                size,
                pinned,
            ),
        )
        if not ref.digest and str(ref) not in record.repo_tags:
            record.repo_tags.append(str(ref))
        return record


def _size_of(repo: images.Repository, ref: images.Reference) -> int:
    if ref.digest:
        return next(
            (
                size
                for size in repo.tags.values()
                if images.digest_of(f"{repo.name}#{size}") == ref.digest
            ),
            0,
        )
    return repo.tags.get(ref.tag or images.DEFAULT_TAG, 0)


def _unknown_repository(ref: images.Reference) -> CRIError:
    # Docker Hub answers 401 for a repository that does not exist, so
    # containerd cannot tell it from a private one; other registries say 404.
    if not ref.repository.startswith(images.DEFAULT_DOMAIN + "/"):
        return _not_found(ref)
    return CRIError(
        "Unknown",
        (
            f'failed to pull and unpack image "{ref}": failed to resolve reference '
            f'"{ref}": pull access denied, repository does not exist or may require '
            "authorization: server message: insufficient_scope: authorization failed"
        ),
    )


def _not_found(ref: images.Reference) -> CRIError:
    return CRIError(
        "NotFound",
        (
            f'failed to pull and unpack image "{ref}": failed to resolve reference '
            f'"{ref}": {ref}: not found'
        ),
    )
