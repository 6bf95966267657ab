"""What ``kubectl label``, ``annotate`` and ``taint`` share: splitting the
arguments into resources and changes, finding the objects, writing them back.
"""

from __future__ import annotations

import re
from typing import Any

from cluster.kubectl.cli import Flag
from cluster.kubectl.command import ACTOR, Invocation
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    FILENAME_FLAGS,
    OUTPUT_FLAG,
    SELECTOR_FLAG,
)
from cluster.kubectl.commands.resolve import from_files
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.selection import Found, fetch, select

Obj = dict[str, Any]
_LABEL_VALUE = r"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?"
_NAME_PART = r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_SUBDOMAIN = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
# Flags of label and annotate the simulation does not model yet.
UNSUPPORTED = ("local", "list", "resource-version", "kustomize")


def pair_flags(command: str) -> tuple[Flag, ...]:
    """The flags ``kubectl label`` and ``kubectl annotate`` both declare."""
    return (
        SELECTOR_FLAG,
        OUTPUT_FLAG,
        DRY_RUN_FLAG,
        *FILENAME_FLAGS,
        Flag("overwrite", "", "bool", False),
        Flag("all", "", "bool", False),
        Flag("all-namespaces", "A", "bool", False),
        Flag("list", "", "bool", False),
        Flag("local", "", "bool", False),
        Flag("field-selector"),
        Flag("resource-version"),
        Flag("field-manager", "", "string", f"kubectl-{command}"),
    )


def split_pairs(args: list[str], pair_type: str) -> tuple[list[str], list[str]]:
    """``GetResourcesAndPairs``: resources first, then ``k=v`` / ``k-`` changes."""
    resources: list[str] = []
    pairs: list[str] = []
    for arg in args:
        is_pair = ("=" in arg and arg[0] != "=") or (arg.endswith("-") and arg != "-")
        if is_pair:
            pairs.append(arg)
        elif pairs:
            raise KubectlError(
                f"all resources must be specified before {pair_type} changes: {arg}"
            )
        else:
            resources.append(arg)
    return resources, pairs


def require_changes(
    inv: Invocation, new: dict[str, str], remove: list[str], noun: str
) -> None:
    """The checks label and annotate make before finding any object."""
    if inv.opt("all") and inv.opt("selector"):
        raise KubectlError("cannot set --all and --selector at the same time")
    if not new and not remove:
        raise KubectlError(f"at least one {noun} update is required")


def label_value_errors(value: str) -> list[str]:
    """``IsValidLabelValue``."""
    errors = ["must be no more than 63 characters"] if len(value) > 63 else []
    if not re.fullmatch(_LABEL_VALUE, value):
        errors.append(
            "a valid label must be an empty string or consist of alphanumeric "
            "characters, '-', '_' or '.', and must start and end with an "
            "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', "
            f"regex used for validation is '{_LABEL_VALUE}')"
        )
    return errors


def qualified_name_errors(name: str) -> list[str]:
    """``IsQualifiedName``: an optional DNS subdomain prefix and a name part."""
    prefix, _, part = name.rpartition("/")
    errors = []
    if "/" in name and not re.fullmatch(_SUBDOMAIN, prefix):
        errors.append("prefix part must be a valid DNS subdomain")
    if not part or len(part) > 63 or not re.fullmatch(_NAME_PART, part):
        errors.append(
            "name part must consist of alphanumeric characters, '-', '_' or '.', "
            "and must start and end with an alphanumeric character (e.g. "
            "'MyName',  or 'my.name',  or '123-abc', regex used for validation "
            f"is '{_NAME_PART}')"
        )
    return errors


def targets(inv: Invocation, resources: list[str]) -> tuple[list[Found], list[Error]]:
    """The objects named by arguments, ``-f``, ``-l`` or ``--all``."""
    if inv.opt("filename"):
        # The -R flag is accepted but not honoured here (as before).
        return from_files(inv, recursive=False)
    if not resources:
        raise KubectlError(
            "one or more resources must be specified as <resource> <name> "
            "or <resource>/<name>"
        )
    bulk = bool(inv.opt("all") or inv.opt("selector"))
    all_ns = bool(inv.opt("all-namespaces"))
    selection = select(resources, all_namespaces=all_ns, allow_list=bulk)
    return fetch(
        inv.ctx.api, selection, inv.namespace, all_ns, inv.opt("selector") or None
    )


def write(inv: Invocation, found: Found, obj: Obj, strategy: str = "none") -> Obj:
    """Send the changed object (kubectl patches; a full update here); with
    ``--dry-run=client`` keep it, with ``server`` have it checked only."""
    if strategy == "client":
        return obj
    return inv.ctx.api.update(obj, actor=ACTOR, dry_run=strategy == "server")
