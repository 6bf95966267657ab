"""``kubectl run`` (``pkg/cmd/run/run.go``): create a Pod, and with
``--expose`` a ClusterIP Service for it.

The checks run in kubectl's order, so the same mistake gets the same error.
Attaching (``-i``, ``--attach``, and ``--rm``, which needs it) is what this
console cannot do: it says so before anything is sent, leaving the cluster as
it was.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from cluster.api import resources
from cluster.api.errors import StatusError
from cluster.api.resources import ResourceType
from cluster.api.schema import prune
from cluster.kubectl.cli import Flag, usage_error
from cluster.kubectl.command import ACTOR, Command, Invocation
from cluster.kubectl.commands import run_objects
from cluster.kubectl.commands.apply import LAST_APPLIED
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    PRINT_FLAGS,
    REPLACE_DELETE_FLAGS,
    dry_run_operation,
    dry_run_strategy,
    print_typed,
)
from cluster.kubectl.commands.printflags import check_output
from cluster.kubectl.commands.run_objects import PodParams
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.patches import (
    PATCH_TYPES,
    BadJSONPatch,
    PatchError,
    go_json_syntax_error,
    go_json_type,
    json_patch,
    merge_patch,
    strategic_merge,
)
from cluster.kubectl.printers import typed

Obj = dict[str, Any]
_RESTART_POLICIES = ("Always", "OnFailure", "Never")
_PULL_POLICIES = ("Always", "IfNotPresent", "Never", "")
_CANNOT_ATTACH = (
    "attaching to a container (-i/--stdin, -t/--tty, --attach, --rm) needs an "
    "interactive terminal, which this simulated console does not have; nothing "
    'was created. Run it without those flags and read its output with "kubectl '
    'logs {name}"'
)


def run(inv: Invocation) -> list[Error]:
    if not inv.changed("image"):
        return [KubectlError('required flag(s) "image" not set')]
    strategy = dry_run_strategy(inv)
    check_output(inv.opt("output") or "", ("", "name", "json", "yaml"))
    attach = bool(inv.opt("attach") if inv.changed("attach") else inv.opt("stdin"))
    _validate(inv, attach, strategy)
    params = _params(inv)
    pod = _override(inv, run_objects.pod(params))
    if attach:
        return [KubectlError(_CANNOT_ATTACH.format(name=params.name))]
    created = _send(inv, pod, strategy)
    errors: list[Error] = []
    if inv.opt("expose"):
        try:
            service = _send(inv, run_objects.service(params), strategy)
        except (KubectlError, StatusError) as exc:
            errors.append(exc)
        else:
            _print(inv, resources.SERVICE, service, strategy)
            if inv.opt("output") == "yaml":
                inv.io.out("---\n")  # run separates its objects itself
    _print(inv, resources.POD, created, strategy)
    return errors


def _validate(inv: Invocation, attach: bool, strategy: str) -> None:
    """``RunOptions.Run``'s checks, before anything is generated."""
    if not inv.args or inv.parsed.dash_at == 0:
        raise usage_error(inv.path, "NAME is required for run")
    if inv.opt("pod-running-timeout") <= 0:
        raise usage_error(inv.path, "--pod-running-timeout must be higher than zero")
    image = inv.opt("image")
    if not image:
        raise KubectlError("--image is required")
    if not run_objects.valid_image(image):
        raise KubectlError(f'Invalid image name "{image}": invalid reference format')
    if inv.opt("tty") and not inv.opt("stdin"):
        raise usage_error(
            inv.path, "-i/--stdin is required for containers with -t/--tty=true"
        )
    if inv.opt("expose") and not inv.opt("port"):
        raise usage_error(inv.path, "--port must be set when exposing a service")
    restart = inv.opt("restart")
    if restart and restart not in _RESTART_POLICIES:
        raise usage_error(inv.path, f"invalid restart policy: {restart}")
    if not attach and inv.opt("rm"):
        raise usage_error(inv.path, "--rm should only be used for attached containers")
    if attach and strategy != "none":
        raise usage_error(
            inv.path,
            "--dry-run=[server|client] can't be used with attached containers "
            "options (--attach, --stdin, or --tty)",
        )
    if inv.opt("image-pull-policy") not in _PULL_POLICIES:
        raise usage_error(
            inv.path, f"invalid image pull policy: {inv.opt('image-pull-policy')}"
        )


def _params(inv: Invocation) -> PodParams:
    return PodParams(
        name=inv.args[0],
        image=inv.opt("image"),
        args=inv.args[1:],
        env=inv.opt("env"),
        annotations=inv.opt("annotations"),
        labels=inv.opt("labels"),
        port=inv.opt("port"),
        restart=inv.opt("restart"),
        pull_policy=inv.opt("image-pull-policy"),
        command=bool(inv.opt("command")),
        stdin=bool(inv.opt("stdin")),
        tty=bool(inv.opt("tty")),
        leave_stdin_open=bool(inv.opt("leave-stdin-open")),
        privileged=bool(inv.opt("privileged")),
    )


def _override(inv: Invocation, obj: Obj) -> Obj:
    """``--overrides``: a JSON patch of ``--override-type`` (merge by default)
    on the generated object, decoded back into a Pod (unknown fields dropped)."""
    text = inv.opt("overrides")
    if not text:
        return obj
    kind = inv.opt("override-type") or "merge"
    if kind not in PATCH_TYPES:
        raise KubectlError(f"invalid override type: {kind}")
    try:
        patched = _apply_override(kind, obj, text)
    except PatchError as exc:
        raise KubectlError(str(exc)) from None
    if not isinstance(patched, dict):
        raise KubectlError(
            "couldn't get version/kind; json parse error: json: cannot unmarshal "
            f"{go_json_type(patched)} into Go value of type struct {{ APIVersion "
            'string "json:\\"apiVersion,omitempty\\""; Kind string '
            '"json:\\"kind,omitempty\\"" }'
        )
    # The object goes to the pods endpoint whatever the patch made of its kind.
    patched["apiVersion"], patched["kind"] = obj["apiVersion"], obj["kind"]
    return _typed_round_trip(prune(patched))


def _typed_round_trip(obj: Obj) -> Obj:
    """What decoding into a Pod and encoding again gives back: the struct
    fields (a container's ``resources``, ``status``) are there, if empty."""
    spec = obj.get("spec")
    for key in ("initContainers", "containers"):
        for container in (spec or {}).get(key) or []:
            if isinstance(container, dict):
                container.setdefault("resources", {})
    obj.setdefault("status", {})
    return obj


def _apply_override(kind: str, obj: Obj, text: str) -> Any:
    try:
        patch = json.loads(text)
    except ValueError as exc:
        if kind == "merge":
            raise BadJSONPatch() from None
        if kind == "strategic":
            raise PatchError("invalid JSON document") from None
        raise PatchError(go_json_syntax_error(exc, text)) from None
    if kind == "merge":
        return merge_patch(obj, patch)
    if kind == "strategic":
        if not isinstance(patch, dict):
            raise PatchError("invalid JSON document")
        return strategic_merge(obj, patch)
    if not isinstance(patch, list):
        raise PatchError(
            f"json: cannot unmarshal {go_json_type(patch)} into Go value of type "
            "jsonpatch.Patch"
        )
    return json_patch(obj, patch)


def _send(inv: Invocation, obj: Obj, strategy: str) -> Obj:
    """Create the object, or with ``--dry-run=client`` only show it."""
    if strategy == "client":
        if inv.namespace_enforced:
            obj["metadata"]["namespace"] = inv.namespace
        return obj
    if inv.opt("save-config"):
        obj = _with_last_applied(obj)
    return inv.ctx.api.create(
        obj, actor=ACTOR, namespace=inv.namespace, dry_run=strategy == "server"
    )


def _with_last_applied(obj: Obj) -> Obj:
    """``CreateOrUpdateAnnotation`` of a typed object: the annotation holds it
    as the JSON encoder writes it, fields in struct order, a newline after."""
    clean = copy.deepcopy(obj)
    meta = clean["metadata"]
    annotations = dict(meta.pop("annotations", None) or {})
    annotations.pop(LAST_APPLIED, None)
    if annotations:
        meta["annotations"] = annotations
    annotated = copy.deepcopy(obj)
    annotated["metadata"]["annotations"] = {
        **annotations,
        LAST_APPLIED: typed.marshal(clean) + "\n",
    }
    return annotated


def _print(inv: Invocation, rt: ResourceType, obj: Obj, strategy: str) -> None:
    # run holds its objects typed: JSON keeps the Go field order.
    print_typed(inv, rt, obj, dry_run_operation("created", strategy))


COMMAND = Command(
    "run",
    (
        # PrintFlags, RecordFlags and the DeleteFlags run declares (unused).
        *PRINT_FLAGS,
        *REPLACE_DELETE_FLAGS,
        # The run flags.
        DRY_RUN_FLAG,
        Flag("annotations", "", "array"),
        Flag("image"),
        Flag("image-pull-policy", "", "string", ""),
        Flag("rm", "", "bool", False),
        Flag("env", "", "array"),
        Flag("port", "", "string", ""),
        Flag("labels", "l", "string", ""),
        Flag("stdin", "i", "bool", False),
        Flag("tty", "t", "bool", False),
        Flag("attach", "", "bool", False),
        Flag("leave-stdin-open", "", "bool", False),
        Flag("restart", "", "string", "Always"),
        Flag("command", "", "bool", False),
        Flag("expose", "", "bool", False),
        Flag("quiet", "q", "bool", False),
        Flag("privileged", "", "bool", False),
        Flag("field-manager", "", "string", "kubectl-run"),
        Flag("overrides", "", "string", ""),
        Flag("override-type", "", "string", "merge"),
        Flag("save-config", "", "bool", False),
        Flag("pod-running-timeout", "", "duration", 60.0),
    ),
    run,
)
