"""The objects ``kubectl run`` builds: the ``run-pod/v1`` Pod generator and,
for ``--expose``, the ``service/v2`` Service generator
(``pkg/generate/versioned/run.go``, ``service.go``), as the typed objects
encode: ``resources: {}`` and ``status: {}`` are there, and an empty
creationTimestamp is not (omitted since v1.35)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cluster.kubectl.errors import KubectlError

Obj = dict[str, Any]

# distribution/reference's ReferenceRegexp: [domain[:port]/]path[:tag][@digest].
_ALNUM = r"[a-z0-9]+"
_SEPARATOR = r"(?:[._]|__|[-]+)"
_PATH_COMPONENT = rf"{_ALNUM}(?:{_SEPARATOR}{_ALNUM})*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_HOST = rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[(?:[a-fA-F0-9:]+)\])"
_DOMAIN = rf"{_HOST}(?::[0-9]+)?"
_NAME = rf"(?:{_DOMAIN}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*"
_TAG = r"[\w][\w.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}"
_REFERENCE = re.compile(rf"({_NAME})(?::({_TAG}))?(?:@({_DIGEST}))?", re.ASCII)
_ENV_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*")


@dataclass(frozen=True)
class PodParams:
    """What the generator reads from the flags, as their string values."""

    name: str
    image: str
    args: list[str]
    env: list[str]
    annotations: list[str]
    labels: str = ""
    port: str = ""
    restart: str = "Always"
    pull_policy: str = ""
    command: bool = False
    stdin: bool = False
    tty: bool = False
    leave_stdin_open: bool = False
    privileged: bool = False


def valid_image(image: str) -> bool:
    return _REFERENCE.fullmatch(image) is not None


def pod(p: PodParams) -> Obj:
    """``BasicPod.Generate``; KubectlError with the generator's messages."""
    env = parse_envs(p.env)
    annotations = parse_pairs(p.annotations, "annotations")
    labels = parse_labels(p.labels) if p.labels else {"run": p.name}
    container: Obj = {"name": p.name, "image": p.image, "resources": {}}
    for key, on in (
        ("stdin", p.stdin),
        ("stdinOnce", p.stdin and not p.leave_stdin_open),
        ("tty", p.tty),
    ):
        if on:
            container[key] = True
    if p.privileged:
        container["securityContext"] = {"privileged": True}
    if p.args:
        container["command" if p.command else "args"] = list(p.args)
    if env:
        container["env"] = env
    if p.pull_policy:
        container["imagePullPolicy"] = p.pull_policy
    if p.port:
        container["ports"] = [{"containerPort": atoi(p.port)}]
    meta: Obj = {"name": p.name, "labels": labels}
    if annotations:
        meta["annotations"] = annotations
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta,
        "spec": {
            "containers": [container],
            "dnsPolicy": "ClusterFirst",
            "restartPolicy": p.restart or "Always",
        },
        "status": {},
    }


def service(p: PodParams) -> Obj:
    """``generateService`` with the run parameters: selected by the pod's
    labels, labelled only with ``--labels``, one TCP port to the same port."""
    selector = parse_labels(p.labels or f"run={p.name}")
    port = atoi(p.port)
    meta: Obj = {"name": p.name}
    if p.labels:
        meta["labels"] = parse_labels(p.labels)
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta,
        "spec": {
            "ports": [{"port": port, "protocol": "TCP", "targetPort": port}],
            "selector": selector,
        },
        "status": {"loadBalancer": {}},
    }


def atoi(text: str) -> int:
    """``strconv.Atoi`` and its error."""
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        raise KubectlError(f'strconv.Atoi: parsing "{text}": invalid syntax')
    value = int(text)
    if not -(2**63) <= value < 2**63:
        raise KubectlError(f'strconv.Atoi: parsing "{text}": value out of range')
    return value


def parse_labels(text: str) -> dict[str, str]:
    """``generate.ParseLabels``."""
    labels: dict[str, str] = {}
    for spec in text.split(","):
        parts = spec.split("=")
        if len(parts) != 2:
            raise KubectlError(f"unexpected label spec: {spec}")
        if not parts[0]:
            raise KubectlError("unexpected empty label key")
        labels[parts[0]] = parts[1]
    return labels


def parse_pairs(pairs: list[str], pair_type: str) -> dict[str, str]:
    """``cmdutil.ParsePairs`` without removals: ``key=value`` each."""
    found: dict[str, str] = {}
    invalid: list[str] = []
    for pair in pairs:
        if "=" in pair and not pair.startswith("="):
            key, _, value = pair.partition("=")
            found[key] = value
        else:
            invalid.append(pair)
    if invalid:
        raise KubectlError(f"invalid {pair_type} format: {', '.join(invalid)}")
    return found


def parse_envs(envs: list[str]) -> list[Obj]:
    """``parseEnvs``: ``NAME=value``, the name a valid variable name."""
    parsed: list[Obj] = []
    for env in envs:
        name, sep, value = env.partition("=")
        if not sep or not name or not _env_name_ok(name):
            raise KubectlError(f"invalid env: {env}")
        # EnvVar.Value is omitempty: an empty value is not sent.
        parsed.append({"name": name, "value": value} if value else {"name": name})
    return parsed


def _env_name_ok(name: str) -> bool:
    """``validation.IsEnvVarName``: the pattern, and no ``.``/``..`` prefix."""
    return bool(_ENV_NAME.fullmatch(name)) and not (
        name in (".", "..") or name.startswith("..")
    )
