"""describe.go's PrefixWriter over a tabwriter, and the helpers all describers share."""

from __future__ import annotations

from typing import Any

from cluster.api.quantity import Quantity, QuantityError, parse_quantity
from cluster.kubectl.tabwriter import DESCRIBE, TabWriter

Obj = dict[str, Any]
# Annotations longer than this are wrapped onto their own lines (describe.go).
MAX_ANNOTATION_LEN = 140
# describe never shows the annotation kubectl apply keeps for itself.
SKIP_ANNOTATIONS = frozenset({"kubectl.kubernetes.io/last-applied-configuration"})


class PrefixWriter:
    """``Write(level, text)`` indents by two spaces per level; tabs align."""

    def __init__(self) -> None:
        self._tw = TabWriter(*DESCRIBE)

    def write(self, level: int, text: str) -> None:
        self._tw.write("  " * level + text)

    def line(self, text: str = "") -> None:
        """``WriteLine``: the text and a newline, with no indentation."""
        self._tw.write(text + "\n")

    def flush(self) -> None:
        self._tw.flush()

    def getvalue(self) -> str:
        return self._tw.getvalue()


def quantity(value: Any) -> str:
    """A resource quantity as ``Quantity.String()`` prints it (canonical)."""
    try:
        parsed = parse_quantity(value)
    except QuantityError:
        return str(value)
    return format_quantity(parsed)


def format_quantity(q: Quantity) -> str:
    # A zero Quantity prints "0" whatever its format.
    return "0" if q.value == 0 else str(q)


def labels_multiline(
    w: PrefixWriter,
    title: str,
    labels: dict[str, str] | None,
    initial_indent: str = "",
    inner_indent: str = "\t",
) -> None:
    """``printLabelsMultilineWithIndent``: one sorted ``key=value`` per line."""
    items = [f"{key}={value}" for key, value in sorted((labels or {}).items())]
    _multiline(w, title, items, initial_indent, inner_indent)


def _multiline(
    w: PrefixWriter,
    title: str,
    items: list[str],
    initial_indent: str = "",
    inner_indent: str = "\t",
) -> None:
    """The first item beside the title, each other one aligned under it, or
    ``<none>``: the layout of describe.go's ``print*MultilineWithIndent``."""
    w.write(0, f"{initial_indent}{title}:{inner_indent}")
    if not items:
        w.line("<none>")
        return
    for i, item in enumerate(items):
        if i:
            w.write(0, initial_indent + inner_indent)
        w.write(0, item + "\n")


def annotations_multiline(
    w: PrefixWriter, title: str, annotations: dict[str, str] | None
) -> None:
    """``printAnnotationsMultiline``: long or multi-line values go below the key."""
    w.write(0, f"{title}:\t")
    keys = sorted(k for k in (annotations or {}) if k not in SKIP_ANNOTATIONS)
    if not keys:
        w.line("<none>")
        return
    for i, key in enumerate(keys):
        if i:
            w.write(0, "\t")
        value = (annotations or {})[key].removesuffix("\n")
        if len(value) + len(key) + 2 > MAX_ANNOTATION_LEN or "\n" in value:
            w.write(0, f"{key}:\n")
            for part in value.split("\n"):
                w.write(0, f"\t  {_shorten(part, MAX_ANNOTATION_LEN - 2)}\n")
        else:
            w.write(0, f"{key}: {value}\n")


def _shorten(text: str, limit: int) -> str:
    return text[:limit] + "..." if len(text) > limit else text


def taint_string(taint: Obj) -> str:
    """``Taint.ToString``: ``key=value:Effect``, ``key:Effect`` or ``key``."""
    text = taint.get("key", "")
    if taint.get("value"):
        text += f"={taint['value']}"
    if taint.get("effect"):
        text += f":{taint['effect']}"
    return text


def taints_multiline(w: PrefixWriter, title: str, taints: list[Obj] | None) -> None:
    """``printTaintsMultilineWithIndent``: sorted by effect, then key."""
    ordered = sorted(
        taints or [], key=lambda t: f"{t.get('effect', '')},{t.get('key', '')}"
    )
    _multiline(w, title, [taint_string(t) for t in ordered])


def tolerations_multiline(
    w: PrefixWriter, title: str, tolerations: list[Obj] | None
) -> None:
    """``printTolerationsMultilineWithIndent``: sorted by key."""
    ordered = sorted(tolerations or [], key=lambda t: t.get("key", ""))
    _multiline(w, title, [_toleration(t) for t in ordered])


def _toleration(t: Obj) -> str:
    text = taint_string(t)  # the same key=value:effect start
    if t.get("operator") == "Exists" and not t.get("value"):
        text += " op=Exists" if (t.get("key") or t.get("effect")) else "op=Exists"
    if t.get("tolerationSeconds") is not None:
        text += f" for {t['tolerationSeconds']}s"
    return text


def resource_lines(w: PrefixWriter, level: int, resources: Obj | None) -> None:
    """``describeResources``: Limits then Requests, names sorted."""
    for title, key in (("Limits", "limits"), ("Requests", "requests")):
        values = (resources or {}).get(key) or {}
        if values:
            w.write(level, f"{title}:\n")
        for name in sorted(values):
            w.write(level + 1, f"{name}:\t{quantity(values[name])}\n")
