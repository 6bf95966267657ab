"""``kubectl explain`` (``pkg/cmd/explain/explain.go``, kubectl v1.35, its
default ``plaintext`` OpenAPI v3 output).

``kubectl explain pods``, ``pod.spec.containers``, ``deployments.apps.spec``
and ``--recursive``. A field path that leads nowhere prints the header, then
``error: field "x" does not exist`` naming the path's last element, as the
template does. Descriptions are short summaries, not the OpenAPI text.
"""

from __future__ import annotations

from cluster.api import resources
from cluster.api.resources import ResourceType
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.errors import AggregateError, Error, KubectlError, go_quote
from cluster.kubectl.printers.explain import FieldMissing, NotDocumented, render

_NO_ARGS = (
    'You must specify the type of resource to explain. Use "kubectl '
    'api-resources" for a complete list of supported resources.\n'
)


def run(inv: Invocation) -> list[Error]:
    if not inv.args:
        return [KubectlError(_NO_ARGS)]
    if len(inv.args) > 1:
        return [KubectlError("We accept only this format: explain RESOURCE\n")]
    _check_output(inv.opt("output"))
    rt, path = split_request(inv.args[0])
    _check_api_version(inv.opt("api-version") or "", rt)
    inv.io.out(header(rt))
    try:
        inv.io.out(render(rt.kind, path, bool(inv.opt("recursive"))) + "\n")
    except FieldMissing as missing:
        return [KubectlError(f"error: field {go_quote(str(missing))} does not exist")]
    except NotDocumented as type_:
        return [
            KubectlError(
                f"the fields of {type_} are not documented in this simulated "
                "cluster yet"
            )
        ]
    return []


def _check_output(output: str) -> None:
    if output == "plaintext-openapiv2":
        raise KubectlError(
            'output format "plaintext-openapiv2" is not supported by this '
            "simulated cluster yet"
        )
    if output != "plaintext":
        raise KubectlError(f"unrecognized format: {output}")


def _check_api_version(api_version: str, rt: ResourceType) -> None:
    if api_version and api_version != rt.api_version:
        raise KubectlError(f'couldn\'t find resource for "{_gvr(rt, api_version)}"')


def _gvr(rt: ResourceType, api_version: str) -> str:
    group, _, version = api_version.rpartition("/")
    return f"{group}/{version}, Resource={rt.plural}"


def split_request(text: str) -> tuple[ResourceType, list[str]]:
    """``SplitAndParseResourceRequestWithMatchingPrefix``: the resource (with
    its group, as in ``deployments.apps.spec``) and the field path."""
    head, _, rest = text.partition(".")
    try:
        rt = resources.lookup(head)
    except KeyError:
        # A NoResourceMatchError, which checkErr prints with no prefix.
        shown = go_quote(head.lower())
        raise AggregateError(
            [f"the server doesn't have a resource type {shown}"]
        ) from None
    grouped = f"{rt.plural}.{rt.group}"
    if rt.group and (text == grouped or text.startswith(grouped + ".")):
        rest = text[len(grouped) + 1 :]
    return rt, [part for part in rest.split(".") if part] if rest else []


def header(rt: ResourceType) -> str:
    group = f"GROUP:      {rt.group}\n" if rt.group else ""
    version = rt.api_version.rpartition("/")[2]
    return f"{group}KIND:       {rt.kind}\nVERSION:    {version}\n\n"


COMMAND = Command(
    "explain",
    (
        Flag("recursive", "", "bool", False),
        Flag("api-version"),
        Flag("output", "o", "string", "plaintext"),
    ),
    run,
)
