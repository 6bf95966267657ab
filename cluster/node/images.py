"""Docker's image reference grammar, and lookups in the registries'
catalogue (``catalogue.py``)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from cluster.node.catalogue import CATALOGUE, Repository

__all__ = ["CATALOGUE", "Repository", "InvalidReference", "Reference", "parse"]

DEFAULT_DOMAIN = "docker.io"
OFFICIAL_PREFIX = "library/"
DEFAULT_TAG = "latest"
# kubeadm v1.35 provisions this pause image; containerd pins it as the sandbox
# image, so it is on every node before the first pod arrives.
PAUSE_IMAGE = "registry.k8s.io/pause:3.10.1"


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


def contents_of(image: str) -> Repository | None:
    """What the image holds (entrypoint, programs, files), for its tag."""
    ref = parse(image)
    repo = repository(ref)
    return repo.for_tag(ref.tag or DEFAULT_TAG) if repo else None


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
