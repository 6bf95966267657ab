"""``kubectl patch TYPE NAME -p PATCH`` (``pkg/cmd/patch/patch.go``).

The patch is read as YAML or JSON and sent as JSON; the API server applies it
(its PATCH handler: decoding errors are BadRequest, a JSON patch that does not
apply is Invalid, unknown fields are dropped with a warning) and stores the
result through the usual update path, so admission and validation apply. The
line reads ``patched``, or ``patched (no change)`` when the server's object is
the one kubectl fetched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cluster.api.errors import StatusError
from cluster.api.schema import prune, unknown_fields
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import ACTOR, Command, Invocation
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    FILENAME_FLAGS,
    PRINT_FLAGS,
    dry_run_strategy,
    go_list,
    object_line,
    refuse_unsupported,
)
from cluster.kubectl.commands.printflags import check_output
from cluster.kubectl.errors import Error, KubectlError, go_quote
from cluster.kubectl.patches import (
    PATCH_TYPES,
    PatchError,
    go_json_type,
    json_patch,
    json_patch_decode_error,
    merge_patch,
    strategic_merge,
)
from cluster.kubectl.printers.objects import print_object
from cluster.kubectl.selection import Found, fetch, select
from cluster.kubectl.yamlin import ParseError, yaml_to_json

Obj = dict[str, Any]
_UNSUPPORTED = ("filename", "kustomize", "local", "subresource")
_NOT_A_MAP = "json: cannot unmarshal {} into Go value of type map[string]interface {{}}"
_REJECTED = "the server rejected our request due to an error in our request"


def run(inv: Invocation) -> list[Error]:
    refuse_unsupported(inv, _UNSUPPORTED)
    strategy = dry_run_strategy(inv)
    patch_type = _validate(inv)
    patch = _read_patch(inv)
    found, errors = fetch(
        inv.ctx.api, select(inv.args, allow_list=False), inv.namespace, False
    )
    for f in found:
        try:
            _patch_one(inv, f, patch_type, patch, strategy)
        except (KubectlError, StatusError) as exc:
            errors.append(exc)
    if not found and not errors:
        return [KubectlError("no objects passed to patch")]
    return errors


def _validate(inv: Invocation) -> str:
    """``PatchOptions.Validate``; the patch type, lower-cased."""
    if inv.opt("patch") and inv.opt("patch-file"):
        raise KubectlError("cannot specify --patch and --patch-file together")
    if not inv.opt("patch") and not inv.opt("patch-file"):
        raise KubectlError(
            "must specify --patch or --patch-file containing the contents of the patch"
        )
    patch_type = str(inv.opt("type") or "strategic")
    if patch_type.lower() not in PATCH_TYPES:
        raise KubectlError(
            f"--type must be one of {go_list(PATCH_TYPES)}, not {go_quote(patch_type)}"
        )
    return patch_type.lower()


def _read_patch(inv: Invocation) -> Any:
    """The patch as the JSON value kubectl sends (``yaml.ToJSON``)."""
    text = inv.opt("patch")
    if inv.opt("patch-file"):
        text = _read_file(inv, inv.opt("patch-file"))
    try:
        return yaml_to_json(text)
    except ParseError as exc:
        raise KubectlError(
            f"unable to parse {go_quote(inv.opt('patch') or '')}: {exc}"
        ) from None


def _read_file(inv: Invocation, name: str) -> str:
    base = inv.ctx.base_dir
    path = Path(name) if base is None else base / name
    if not path.is_file():
        raise KubectlError(
            f"unable to read patch file: open {name}: no such file or directory"
        )
    return path.read_text()


def _patch_one(
    inv: Invocation, f: Found, patch_type: str, patch: Any, strategy: str
) -> None:
    if strategy == "client":
        result = _local(f.obj, patch_type, patch)
    else:
        result = _server_patch(inv, f.obj, patch_type, patch, strategy == "server")
    # patch.go completes its PrintFlags with the dry-run template before it
    # sets the operation, so no "(dry run)" follows it.
    operation = "patched" if result != f.obj else "patched (no change)"
    output = check_output(inv.opt("output") or "", ("", "name", "json", "yaml"))
    if output in ("", "name"):
        name = result["metadata"]["name"]
        inv.io.out(object_line(f.rt, name, operation, output == "name"))
    else:
        print_object(inv.io, result, output)


def _server_patch(
    inv: Invocation, current: Obj, patch_type: str, patch: Any, dry_run: bool
) -> Obj:
    """What kube-apiserver's PATCH handler does, then the update it stores."""
    patched = _server_apply(current, patch_type, patch)
    _check_name(current, patched)
    for path in unknown_fields(patched):
        inv.io.err(f'Warning: unknown field "{path}"\n')
    patched = prune(patched)
    return inv.ctx.api.update(patched, actor=ACTOR, dry_run=dry_run)


def _check_name(current: Obj, patched: Obj) -> None:
    """``checkName``: the patched object must still be the one on the URL; its
    kind is the URL's too, whatever the patch said."""
    patched["apiVersion"], patched["kind"] = current["apiVersion"], current["kind"]
    meta = patched.get("metadata")
    if not isinstance(meta, dict):
        meta = patched["metadata"] = {}
    url = current["metadata"]
    if meta.get("name") != url["name"]:
        raise StatusError(
            400,
            "BadRequest",
            f"the name of the object ({meta.get('name') or ''}) does not match "
            f"the name on the URL ({url['name']})",
        )
    namespace = meta.get("namespace")
    if url.get("namespace") and namespace and namespace != url["namespace"]:
        raise StatusError(
            400,
            "BadRequest",
            f"the namespace of the object ({namespace}) does not match the "
            f"namespace on the request ({url['namespace']})",
        )
    meta.setdefault("namespace", url.get("namespace"))
    if meta["namespace"] is None:
        meta.pop("namespace")


def _server_apply(current: Obj, patch_type: str, patch: Any) -> Obj:
    if patch_type == "json":
        problem = json_patch_decode_error(patch)
        if problem:
            raise StatusError(400, "BadRequest", f"error decoding patch: {problem}")
        try:
            patched = json_patch(current, patch or [])
        except PatchError:
            raise StatusError(422, "Invalid", _REJECTED, {}) from None
    elif patch is not None and not isinstance(patch, dict):
        message = _NOT_A_MAP.format(go_json_type(patch))
        if patch_type == "merge":
            message = f"error decoding patch: {message}"
        raise StatusError(400, "BadRequest", message)
    elif patch_type == "merge":
        if patch is None:
            raise StatusError(400, "BadRequest", "Invalid JSON Patch")
        patched = merge_patch(current, patch)
    else:
        try:
            patched = strategic_merge(current, patch or {})
        except PatchError as exc:
            # Not a status error: the server answers 500 with reason Unknown.
            raise StatusError(500, "", str(exc)) from None
    if not isinstance(patched, dict):
        raise StatusError(422, "Invalid", _REJECTED, {})
    return patched


def _local(current: Obj, patch_type: str, patch: Any) -> Obj:
    """``--dry-run=client``: kubectl applies the patch itself, with the
    libraries' own errors."""
    try:
        if patch_type == "json":
            if not isinstance(patch, list):
                raise PatchError(
                    f"json: cannot unmarshal {go_json_type(patch)} into Go value "
                    "of type jsonpatch.Patch"
                )
            result = json_patch(current, patch)
        elif patch_type == "merge":
            result = merge_patch(current, patch)
        else:
            if not isinstance(patch, dict):
                raise PatchError("invalid JSON document")
            result = strategic_merge(current, patch)
    except PatchError as exc:
        raise KubectlError(_missing_field(str(exc))) from None
    if not isinstance(result, dict):
        raise KubectlError(_NOT_A_MAP.format(go_json_type(result)))
    return result


def _missing_field(message: str) -> str:
    """kubectl's rewording of json-patch's "doc is missing key" errors."""
    if "doc is missing key" not in message:
        return message
    key = message[message.index("key:") + 5 :]
    return f"Object to be patched is missing field ({key})"


COMMAND = Command(
    "patch",
    (
        *PRINT_FLAGS,
        Flag("patch", "p", "string", ""),
        Flag("patch-file", "", "string", ""),
        Flag("type", "", "string", "strategic"),
        DRY_RUN_FLAG,
        *FILENAME_FLAGS,
        Flag("local", "", "bool", False),
        Flag("field-manager", "", "string", "kubectl-patch"),
        Flag("subresource", "", "string", ""),
    ),
    run,
)
