"""Objects named by ``-f``: files, directories and stdin, as kubectl visits them.

Each document is checked the way kubectl checks it before anything reaches the
server (``apiVersion not set``, unknown kinds), given the request namespace if
it has none, and handed back with its source (``STDIN`` or the path) for
error messages. A document that cannot be parsed ends its stream; a document
of an unknown kind is reported and the rest still go through.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cluster.api import resources
from cluster.api.resources import ResourceType
from cluster.kubectl.errors import Error, KubectlError, go_quote
from cluster.kubectl.yamlin import Document, documents

Obj = dict[str, Any]
STDIN = "STDIN"
EXTENSIONS = (".json", ".yaml", ".yml")
_STOP_VALIDATE = (
    "if you choose to ignore these errors, turn validation off with --validate=false"
)


@dataclass
class Item:
    """One object to send (cli-runtime's resource.Info)."""

    rt: ResourceType
    obj: Obj
    source: str

    @property
    def name(self) -> str:
        return str(self.obj.get("metadata", {}).get("name") or "")

    @property
    def namespace(self) -> str | None:
        return (
            self.obj.get("metadata", {}).get("namespace")
            if self.rt.namespaced
            else None
        )


@dataclass
class Loaded:
    """Objects and errors, in the order kubectl meets them."""

    entries: list[Item | Error] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return [e for e in self.entries if isinstance(e, Item)]

    @property
    def errors(self) -> list[Error]:
        return [e for e in self.entries if not isinstance(e, Item)]


def read_sources(
    filenames: Sequence[str],
    stdin: str | None,
    base_dir: Path | None,
    recursive: bool = False,
) -> list[tuple[str, str]]:
    """(source, text) for each file; raise KubectlError as the builder does."""
    sources: list[tuple[str, str]] = []
    for name in filenames:
        if name == "-":
            sources.append((STDIN, stdin or ""))
        elif name.startswith(("http://", "https://")):
            raise KubectlError(
                f"reading {go_quote(name)}: URLs cannot be read "
                "in this simulated cluster"
            )
        else:
            sources += _read_path(name, base_dir, recursive)
    return sources


def _read_path(
    name: str, base_dir: Path | None, recursive: bool
) -> list[tuple[str, str]]:
    path = Path(name) if base_dir is None else base_dir / name
    if not path.exists():
        raise KubectlError(f"the path {go_quote(name)} does not exist")
    if path.is_file():
        return [(name, path.read_text())]
    pattern = "**/*" if recursive else "*"
    files = sorted(
        p for p in path.glob(pattern) if p.is_file() and p.suffix in EXTENSIONS
    )
    return [(str(Path(name) / p.relative_to(path)), p.read_text()) for p in files]


def load(
    sources: Sequence[tuple[str, str]],
    *,
    namespace: str,
    enforce_namespace: bool,
    validate: bool = True,
) -> Loaded:
    """Every object in the sources, and the errors kubectl would report."""
    loaded = Loaded()
    for source, text in sources:
        docs, parse_error = documents(text)
        for doc in _flatten(docs):
            if _load_one(loaded, doc, source, namespace, enforce_namespace, validate):
                break
        else:
            if parse_error is not None:
                loaded.entries.append(
                    KubectlError(f"error parsing {source}: {parse_error}")
                )
    return loaded


def _flatten(docs: list[Document]) -> list[Document]:
    """Empty documents are skipped; a ``kind: List`` stands for its items."""
    flat: list[Document] = []
    for doc in docs:
        value = doc.value
        if value is None:
            continue
        if (
            isinstance(value, dict)
            and value.get("kind") == "List"
            and isinstance(value.get("items"), list)
        ):
            flat += [Document(item, doc.raw) for item in value["items"]]
        else:
            flat.append(doc)
    return flat


def _load_one(
    loaded: Loaded,
    doc: Document,
    source: str,
    namespace: str,
    enforce: bool,
    validate: bool,
) -> bool:
    """Add the document's item or error; True if the stream must stop here."""
    if validate:
        problem = validation_problem(doc.value)
        if problem:
            loaded.entries.append(
                KubectlError(
                    f"error validating {go_quote(source)}: error validating data: "
                    f"{problem}; {_STOP_VALIDATE}"
                )
            )
            return True
    try:
        item = _item(doc, source)
        _default_namespace(item, namespace, enforce)
    except KubectlError as exc:
        loaded.entries.append(exc)
        return False
    loaded.entries.append(item)
    return False


def validation_problem(value: Any) -> str | None:
    """kubectl's client-side check that a document names its apiVersion and kind."""
    if not isinstance(value, dict):
        return "invalid object to validate"
    problems = []
    version = value.get("apiVersion")
    if version is None:
        problems.append("apiVersion not set")
    elif not isinstance(version, str):
        problems.append("apiVersion isn't string type")
    elif version.count("/") > 1:
        problems.append(f"unexpected GroupVersion string: {version}")
    kind = value.get("kind")
    if kind is None:
        problems.append("kind not set")
    elif not isinstance(kind, str):
        problems.append("kind isn't string type")
    if not problems:
        return None
    return problems[0] if len(problems) == 1 else f"[{', '.join(problems)}]"


def _item(doc: Document, source: str) -> Item:
    value = doc.value
    if not isinstance(value, dict):
        raise KubectlError(
            f"unable to decode {go_quote(source)}: json: cannot "
            f"unmarshal {_json_type(value)} into Go value of type "
            "map[string]interface {}"
        )
    if not value.get("kind"):
        raise KubectlError(
            f"unable to decode {go_quote(source)}: Object 'Kind' is "
            f"missing in '{doc.raw}'"
        )
    obj = copy.deepcopy(value)
    version = str(obj.get("apiVersion") or "")
    try:
        rt = resources.for_kind(obj["kind"], version)
    except KeyError:
        meta: Obj = obj["metadata"] if isinstance(obj.get("metadata"), dict) else {}
        name = go_quote(str(meta.get("name") or ""))
        raise KubectlError(
            f"resource mapping not found for name: {name}"
            f" namespace: {go_quote(str(meta.get('namespace') or ''))} from "
            f"{go_quote(source)}: no matches for kind {go_quote(obj['kind'])} in "
            f"version {go_quote(version)}\nensure CRDs are installed first"
        ) from None
    return Item(rt, obj, source)


def _default_namespace(item: Item, namespace: str, enforce: bool) -> None:
    if not item.rt.namespaced:
        return
    meta = item.obj.setdefault("metadata", {})
    current = meta.get("namespace") or ""
    if not current:
        meta["namespace"] = namespace
    elif enforce and current != namespace:
        raise KubectlError(
            f"the namespace from the provided object {go_quote(current)} does not "
            f"match the namespace {go_quote(namespace)}. You must pass "
            f"'--namespace={current}' to perform this operation."
        )


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "array"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return "string"
