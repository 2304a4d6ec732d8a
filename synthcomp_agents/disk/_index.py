"""The metadata index of a disk: one node per file and folder, children per folder, usage counters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ._models import iso, parse_iso
from ._storage import Signature

__all__ = ["Index", "Node"]


@dataclass(slots=True)
class Node:
    """Metadata of one file or folder (mutable, internal)."""

    is_dir: bool
    size: int
    created: datetime
    modified: datetime
    author: str | None
    sha256: str | None
    signature: Signature | None = None

    def clone(self) -> Node:
        """Return an independent copy."""
        return Node(self.is_dir, self.size, self.created, self.modified, self.author, self.sha256, self.signature)

    def to_json(self, path: str, with_signature: bool) -> dict[str, Any]:
        """Serialize with its path; the host signature only goes into the folder backend's own files."""
        data: dict[str, Any] = {
            "path": path,
            "is_dir": self.is_dir,
            "size": self.size,
            "created": iso(self.created),
            "modified": iso(self.modified),
            "author": self.author,
            "sha256": self.sha256,
        }
        if with_signature and self.signature is not None:
            data["sig"] = list(self.signature)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> tuple[str, Node]:
        """Inverse of :meth:`to_json`."""
        sig = data.get("sig")
        node = cls(
            is_dir=bool(data["is_dir"]),
            size=int(data["size"]),
            created=parse_iso(data["created"]),
            modified=parse_iso(data["modified"]),
            author=None if data.get("author") is None else str(data["author"]),
            sha256=None if data.get("sha256") is None else str(data["sha256"]),
            signature=(int(sig[0]), int(sig[1]), int(sig[2])) if sig else None,
        )
        return str(data["path"]), node


def parent_of(path: str) -> str:
    """Return the canonical parent of a non-home canonical path."""
    return path.rsplit("/", 1)[0] if "/" in path else ""


def name_of(path: str) -> str:
    """Return the last segment of a canonical path ("" for the home)."""
    return path.rsplit("/", 1)[-1]


class Index:
    """Nodes by canonical path, with the children of every folder and live usage counters.

    Every change marks the path dirty so the folder backend can log exactly what changed.
    """

    def __init__(self, home: Node) -> None:
        self.nodes: dict[str, Node] = {"": home}
        self.children: dict[str, set[str]] = {"": set()}
        self.files = 0
        self.dirs = 0
        self.bytes = 0
        self.dirty: set[str] = set()

    def get(self, path: str) -> Node | None:
        """Return the node at ``path`` or None."""
        return self.nodes.get(path)

    def put(self, path: str, node: Node) -> None:
        """Insert or replace the node at ``path``; its parent must exist and be a folder."""
        old = self.nodes.get(path)
        if old is not None:
            self._count(old, -1)
        else:
            self.children[parent_of(path)].add(name_of(path))
        if node.is_dir:
            self.children.setdefault(path, set())
        self.nodes[path] = node
        self._count(node, +1)
        self.dirty.add(path)

    def touch(self, path: str) -> None:
        """Mark a node changed in place."""
        self.dirty.add(path)

    def drop(self, path: str) -> list[tuple[str, Node]]:
        """Remove ``path`` and everything below it; return the removed (path, node) pairs, top first."""
        removed = [(p, self.nodes[p]) for p in self.subtree(path)]
        for p, node in reversed(removed):
            del self.nodes[p]
            self._count(node, -1)
            if node.is_dir:
                self.children.pop(p, None)
            self.dirty.add(p)
        self.children[parent_of(path)].discard(name_of(path))
        return removed

    def subtree(self, path: str) -> list[str]:
        """Return ``path`` and every path below it, pre-order, children sorted by name."""
        out: list[str] = []
        stack = [path]
        while stack:
            current = stack.pop()
            out.append(current)
            names = self.children.get(current)
            if names:
                prefix = current + "/" if current else ""
                stack.extend(prefix + n for n in sorted(names, reverse=True))
        return out

    def sorted_children(self, path: str) -> list[str]:
        """Children of a folder: folders first, then files, each sorted by name."""
        prefix = path + "/" if path else ""
        kids = [prefix + n for n in self.children.get(path, ())]
        return sorted(kids, key=lambda p: (not self.nodes[p].is_dir, name_of(p)))

    def walk(self, path: str) -> Iterator[str]:
        """Every path below ``path`` (not itself), pre-order; folders before files at each level."""
        for child in self.sorted_children(path):
            yield child
            if self.nodes[child].is_dir:
                yield from self.walk(child)

    def totals(self, path: str) -> tuple[int, int]:
        """(files, bytes) at or below ``path``."""
        files = size = 0
        for p in self.subtree(path):
            node = self.nodes[p]
            if not node.is_dir:
                files += 1
                size += node.size
        return files, size

    def _count(self, node: Node, sign: int) -> None:
        if node.is_dir:
            self.dirs += sign
        else:
            self.files += sign
            self.bytes += sign * node.size
