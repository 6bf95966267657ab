"""A container's filesystem: its writable layer plus mounted volumes.

A new container starts from its image's files on a fresh writable layer,
which is why ``/tmp/healthy`` is gone after a restart, while an ``emptyDir``
volume (a :class:`Store` the pod keeps) survives restarts and is shared by
the containers that mount it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field


class FsError(Exception):
    """An errno: ``str`` is its text, e.g. ``No such file or directory``."""


ENOENT = "No such file or directory"
EISDIR = "Is a directory"
ENOTDIR = "Not a directory"
EEXIST = "File exists"


@dataclass
class Store:
    """Files and directories, by path relative to where the store is mounted."""

    files: dict[str, str] = field(default_factory=dict)
    dirs: set[str] = field(default_factory=lambda: {"/"})


class FileSystem:
    def __init__(self, base: Store, mounts: dict[str, Store] | None = None) -> None:
        self.base = base
        self.mounts = dict(mounts or {})

    def read(self, path: str) -> str:
        store, rel = self._resolve(path)
        if rel in store.files:
            return store.files[rel]
        raise FsError(EISDIR if rel in store.dirs else ENOENT)

    def write(self, path: str, text: str, append: bool = False) -> None:
        store, rel = self._resolve(path)
        if rel in store.dirs:
            raise FsError(EISDIR)
        if posixpath.dirname(rel) not in store.dirs:
            raise FsError(ENOENT)
        old = store.files.get(rel, "") if append else ""
        store.files[rel] = old + text

    def exists(self, path: str) -> bool:
        store, rel = self._resolve(path)
        return rel in store.files or rel in store.dirs

    def is_dir(self, path: str) -> bool:
        store, rel = self._resolve(path)
        return rel in store.dirs

    def remove(self, path: str, recursive: bool = False) -> None:
        store, rel = self._resolve(path)
        if rel in store.files:
            del store.files[rel]
        elif rel in store.dirs and rel != "/":
            if not recursive:
                raise FsError(EISDIR)
            _remove_tree(store, rel)
        else:
            raise FsError(ENOENT)

    def mkdir(self, path: str, parents: bool = False) -> None:
        store, rel = self._resolve(path)
        if rel in store.dirs or rel in store.files:
            if not parents:
                raise FsError(EEXIST)
            return
        parent = posixpath.dirname(rel)
        if parent not in store.dirs:
            if not parents:
                raise FsError(ENOENT)
            self.mkdir(posixpath.join(self._mount_of(path), parent.lstrip("/")), True)
        store.dirs.add(rel)

    def listdir(self, path: str) -> list[str]:
        store, rel = self._resolve(path)
        if rel not in store.dirs:
            raise FsError(ENOTDIR if rel in store.files else ENOENT)
        names = {
            p[len(rel) :].lstrip("/").split("/")[0]
            for p in [*store.files, *store.dirs]
            if p != rel and p.startswith(rel.rstrip("/") + "/")
        }
        return sorted(names)

    def _resolve(self, path: str) -> tuple[Store, str]:
        path = posixpath.normpath("/" + path.lstrip("/"))
        mount = self._mount_of(path)
        if mount == "/":
            return self.base, path
        rel = "/" + path[len(mount) :].lstrip("/")
        return self.mounts[mount], posixpath.normpath(rel)

    def _mount_of(self, path: str) -> str:
        path = posixpath.normpath("/" + path.lstrip("/"))
        best = "/"
        for mount in self.mounts:
            if (path == mount or path.startswith(mount + "/")) and len(mount) > len(
                best
            ):
                best = mount
        return best


def _remove_tree(store: Store, rel: str) -> None:
    prefix = rel.rstrip("/") + "/"
    for path in [p for p in store.files if p.startswith(prefix)]:
        del store.files[path]
    store.dirs -= {d for d in store.dirs if d == rel or d.startswith(prefix)}


def store_with(files: dict[str, str], dirs: tuple[str, ...] = ()) -> Store:
    """A store holding ``files`` and ``dirs`` with every parent directory."""
    store = Store(dict(files))
    for path in [*files, *dirs]:
        parent = path if path in dirs else posixpath.dirname(path)
        while parent not in store.dirs:
            store.dirs.add(parent)
            parent = posixpath.dirname(parent)
    return store
