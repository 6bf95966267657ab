"""The images the simulated registries hold, and docker's reference grammar.

Real images are never run, so the catalogue records what a node can observe of
each: its compressed size (what containerd reports as ``Image size`` and
``crictl images`` shows) and how its main process reacts to the stop signal
when the container runs the image's own entrypoint.

Sizes are linux/amd64 compressed sizes, rounded from the registries' manifests
around the v1.35 release; digests are synthetic (sha256 of the reference) but
have the real shape. Issue 5 adds the rest of the images the Kubernetes docs
use and what their commands do.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

DEFAULT_DOMAIN = "docker.io"
OFFICIAL_PREFIX = "library/"
DEFAULT_TAG = "latest"
# kubeadm v1.35 provisions this pause image; containerd pins it as the sandbox
# image, so it is on every node before the first pod arrives.
PAUSE_IMAGE = "registry.k8s.io/pause:3.10.1"


@dataclass(frozen=True)
class ImageBehaviour:
    """How the image's entrypoint stops: ``handles_stop_signal`` is False when
    PID 1 (a shell, ``sleep``) keeps the default disposition, which a namespace's
    init process ignores, so only SIGKILL at the grace deadline ends it."""

    handles_stop_signal: bool
    stop_seconds: float = 0.2


@dataclass(frozen=True)
class Repository:
    name: str  # normalized: docker.io/library/nginx
    tags: dict[str, int]  # tag -> compressed size in bytes
    behaviour: ImageBehaviour


_STOPS_FAST = ImageBehaviour(handles_stop_signal=True)
_IGNORES_SIGTERM = ImageBehaviour(handles_stop_signal=False)

CATALOGUE: dict[str, Repository] = {
    repo.name: repo
    for repo in (
        # STOPSIGNAL SIGQUIT: nginx finishes open requests and exits 0.
        Repository(
            "docker.io/library/nginx",
            {
                "latest": 72223946,
                "1.29": 72223946,
                "1.27": 68857691,
                "1.25": 70544635,
                "1.14.2": 44710204,
                "alpine": 21321840,
            },
            _STOPS_FAST,
        ),
        # STOPSIGNAL SIGWINCH: apache's graceful stop.
        Repository(
            "docker.io/library/httpd",
            {"latest": 58145021, "2.4": 58145021, "alpine": 22480562},
            ImageBehaviour(handles_stop_signal=True, stop_seconds=0.5),
        ),
        Repository(
            "docker.io/library/redis",
            {"latest": 53487170, "8": 53487170, "7": 45133918, "alpine": 17012234},
            ImageBehaviour(handles_stop_signal=True, stop_seconds=0.3),
        ),
        # sh as PID 1 ignores SIGTERM.
        Repository(
            "docker.io/library/busybox",
            {"latest": 2222260, "1.37": 2222260, "1.36": 2155316, "1.28": 727869},
            _IGNORES_SIGTERM,
        ),
        Repository(
            "registry.k8s.io/busybox",
            {"latest": 1144547, "1.24": 1144547},
            _IGNORES_SIGTERM,
        ),
        Repository(
            "docker.io/library/perl",
            {"latest": 331574123, "5.34.0": 331574123},
            _IGNORES_SIGTERM,
        ),
        # Go's http-echo shuts down its server on SIGTERM.
        Repository(
            "docker.io/hashicorp/http-echo",
            {"latest": 4462310, "1.0": 4462310},
            _STOPS_FAST,
        ),
        Repository(
            "registry.k8s.io/pause",
            {"3.10.1": 320448, "3.10": 320368},
            ImageBehaviour(handles_stop_signal=True, stop_seconds=0.05),
        ),
    )
}


class InvalidReference(ValueError):
    """docker's reference parser refused the name (kubelet: InvalidImageName)."""


@dataclass(frozen=True)
class Reference:
    repository: str  # docker.io/library/nginx
    tag: str | None
    digest: str | None

    def __str__(self) -> str:
        if self.digest:
            return f"{self.repository}@{self.digest}"
        return f"{self.repository}:{self.tag or DEFAULT_TAG}"


_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_DOMAIN = r"(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*(?::[0-9]+)?)"
_NAME = re.compile(rf"^(?:{_DOMAIN}/)?{_COMPONENT}(?:/{_COMPONENT})*$")
_TAG = re.compile(r"^[\w][\w.-]{0,127}$")
_DIGEST = re.compile(
    r"^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:"
    r"[0-9a-fA-F]{32,}$"
)


def parse(image: str) -> Reference:
    """``ParseNormalizedNamed``: ``nginx`` is ``docker.io/library/nginx``."""
    name, _, digest = image.partition("@")
    name, tag = _split_tag(name)
    domain, remainder = _split_domain(name)
    if remainder.lower() != remainder:
        raise InvalidReference(
            f"invalid reference format: repository name ({remainder}) must be lowercase"
        )
    full = f"{domain}/{remainder}"
    bad_tag = tag is not None and not _TAG.match(tag)
    bad_digest = "@" in image and not _DIGEST.match(digest)
    if not _NAME.match(full) or bad_tag or bad_digest:
        raise InvalidReference("invalid reference format")
    return Reference(full, tag, digest or None)


def normalize(image: str) -> str:
    """The name containerd stores: ``nginx`` → ``docker.io/library/nginx:latest``."""
    return str(parse(image))


def has_tag_or_digest(image: str) -> bool:
    ref = parse(image)
    return bool(ref.tag or ref.digest)


def repository(ref: Reference) -> Repository | None:
    return CATALOGUE.get(ref.repository)


def digest_of(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def behaviour_of(image: str) -> ImageBehaviour:
    repo = repository(parse(image))
    return repo.behaviour if repo else _STOPS_FAST


def _split_tag(name: str) -> tuple[str, str | None]:
    head, colon, tail = name.rpartition(":")
    if colon and "/" not in tail:
        return head, tail
    return name, None


def _split_domain(name: str) -> tuple[str, str]:
    first, slash, rest = name.partition("/")
    # A first component is a registry only if it looks like a host.
    looks_like_host = (
        any(c in first for c in ".:") or first == "localhost" or first.lower() != first
    )
    if not slash or not looks_like_host:
        first, rest = DEFAULT_DOMAIN, name
    if first == "index.docker.io":
        first = DEFAULT_DOMAIN
    if first == DEFAULT_DOMAIN and "/" not in rest:
        rest = OFFICIAL_PREFIX + rest
    return first, rest
