"""Atomic, incremental checkpoints of a simulation run: cost proportional to what changed since the last one.

Layout of ``<run>/checkpoints/``::

    blobs/<sha256>            content-addressed: file contents of the disk and pieces of JSON state (written once)
    seg-0000/checkpoint.json  one per segment: the JSON state, whose large subtrees and long lists are references
                              into blobs/ (unchanged pieces are shared, never rewritten), + the disk *delta* since the
                              previous checkpoint
    seg-0002.w000150/         a checkpoint inside the segment after seg-0002 (every N worker turns): its state
                              stored whole in its checkpoint.json (not shared through blobs/), its disk delta taken
                              against its parent, the last between-segment checkpoint; at most one exists, removed
                              once the next one (inside the segment, or at its end) is complete
    LATEST                    name of the newest complete checkpoint (written last, atomically)

The disk delta holds the metadata of nodes that changed (path -> size, sha256, times, author), the paths removed,
the trash items added/removed, the journal entries appended, and the blobs of every new file content. Restoring
replays the deltas of the chain ``seg-0000 .. LATEST`` over the computer's own archive and loads the result with
:meth:`VirtualDisk.from_archive`, so the restored disk has the same content, metadata, journal and trash.

Every write goes to a temporary name first and is moved in place with ``os.replace``; ``LATEST`` moves last, so
a crash at any moment leaves the previous checkpoint intact.

The run's end state is stored the same way (:meth:`CheckpointStore.write_end_state`): one delta against the
computer's archive (not chained), in ``<run>/final.delta.zip``: ``delta.json`` (the same delta fields, plus the
manifest header and the sha256 of the archive's manifest it applies to) and ``blobs/<sha256>`` for every content the
computer's archive does not hold. It is self-contained (removing ``checkpoints/`` after a run keeps it readable);
:meth:`CheckpointStore.end_state_disk` loads it back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..disk import VirtualDisk, atomic_path, atomic_write_bytes
from ._folder import RunFolder

__all__ = [
    "CHECKPOINT_SCHEMA_VERSION",
    "END_STATE_SCHEMA_VERSION",
    "CheckpointError",
    "CheckpointInfo",
    "CheckpointStore",
    "canonical_json",
    "is_partial",
]

CHECKPOINT_SCHEMA_VERSION = 1
END_STATE_SCHEMA_VERSION = 1
_END_STATE_KIND = "synthcomp-end-state-delta"
_END_STATE_JSON = "delta.json"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_LATEST = RunFolder.LATEST
_BLOBS = "blobs"
_FILE = "checkpoint.json"
_CHUNK_ITEMS = 64  # lists longer than this are stored as content-addressed chunks of this many items
_CHUNK_KEY = "$chunks"
_REF_KEY = "$blob"
_REF_BYTES = 2048  # JSON subtrees larger than this are stored as content-addressed blobs


class CheckpointError(RuntimeError):
    """A checkpoint is missing, damaged, or does not belong to this run.

    Example:
        >>> isinstance(CheckpointError("blob missing"), RuntimeError)
        True
    """


def canonical_json(value: Any) -> bytes:
    """Deterministic compact JSON (sorted keys, UTF-8)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def is_partial(name: str) -> bool:
    """Whether ``name`` is a checkpoint written inside a segment (``seg-0002.w000150``).

    Example:
        >>> is_partial("seg-0002.w000150"), is_partial("seg-0003")
        (True, False)
    """
    return ".w" in name


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class CheckpointInfo:
    """What writing one checkpoint cost.

    Attributes:
        name: checkpoint folder name, e.g. ``seg-0003``.
        bytes_written: bytes of new blobs + the checkpoint file.
        new_blobs: blobs written (already stored content is never written again).
        seconds: wall time of the write.

    Example:
        >>> CheckpointInfo("seg-0003", 24_000, 7, 0.08).bytes_written
        24000
    """

    name: str
    bytes_written: int
    new_blobs: int
    seconds: float


@dataclass
class _DiskBase:
    manifest: dict[str, Any]
    entry_by_sha: dict[str, str]
    manifest_sha256: str = ""


@dataclass
class _DiskTracker:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    trash: dict[str, dict[str, Any]] = field(default_factory=dict)
    next_trash: int = 1
    journal_seq: int = 0


class CheckpointStore:
    """Writes and reads the checkpoints of one run folder (see the module docstring for the layout).

    The store tracks the disk's metadata of the last checkpoint in memory, so each :meth:`write` stores only the
    difference. Call :meth:`bind_disk` once with the disk as loaded from ``base_archive`` (a fresh run), or use
    :meth:`restore_disk` (resume), before the first :meth:`write`.

    Args:
        folder: the ``checkpoints`` folder (created when missing).
        base_archive: the computer's disk archive (``computer.scdisk``) every disk delta applies to.

    Example:
        >>> import tempfile, os
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> tmp = tempfile.mkdtemp()
        >>> disk = VirtualDisk(user="ana")
        >>> _ = disk.write_text("notes.md", "# Notes")
        >>> disk.to_archive(os.path.join(tmp, "computer.scdisk"))
        >>> store = CheckpointStore(os.path.join(tmp, "checkpoints"), os.path.join(tmp, "computer.scdisk"))
        >>> store.bind_disk(disk)
        >>> _ = disk.write_text("notes.md", "# Notes\\n- call Dana")
        >>> info = store.write("seg-0000", {"day": 1}, disk)
        >>> store.latest(), store.load("seg-0000")["state"]
        ('seg-0000', {'day': 1})
        >>> restored = store.restore_disk("seg-0000")
        >>> restored.read_text("notes.md")
        '# Notes\\n- call Dana'
    """

    def __init__(
        self, folder: str | os.PathLike[str], base_archive: str | os.PathLike[str], *, create: bool = True
    ) -> None:
        self._folder = Path(folder)
        self._blobs = self._folder / _BLOBS
        if create:
            self._blobs.mkdir(parents=True, exist_ok=True)
        self._base_path = Path(base_archive)
        self._base: _DiskBase | None = None
        self._tracker: _DiskTracker | None = None
        self._known: set[str] = (
            {p.name for p in self._blobs.iterdir() if len(p.name) == 64} if self._blobs.is_dir() else set()
        )
        self._interim: set[str] = set()  # file contents first stored by checkpoints inside the running segment

    @property
    def folder(self) -> Path:
        """The checkpoints folder."""
        return self._folder

    # -- blobs ------------------------------------------------------------------------------------------

    def _put_blob(self, data: bytes, sha: str | None = None) -> tuple[str, int]:
        """Store ``data`` under its sha256; return (sha, bytes written: 0 when already stored)."""
        digest = sha or _sha(data)
        if digest in self._known:
            return digest, 0
        target = self._blobs / digest
        if not target.exists():
            atomic_write_bytes(target, data)
            written = len(data)
        else:
            written = 0
        self._known.add(digest)
        return digest, written

    def _get_blob(self, sha: str) -> bytes:
        try:
            data = (self._blobs / sha).read_bytes()
        except FileNotFoundError:
            raise CheckpointError(f"checkpoint blob {sha} is missing from {self._blobs}") from None
        if _sha(data) != sha:
            raise CheckpointError(f"checkpoint blob {sha} is damaged (its content does not match its name)")
        return data

    # -- JSON packing: long lists become content-addressed chunks --------------------------------------

    def _pack(self, value: Any, stats: list[int]) -> Any:
        packed = self._pack_inner(value, stats)
        if isinstance(packed, (dict, list)):
            data = canonical_json(packed)
            if len(data) > _REF_BYTES:  # big subtrees are stored once by content: unchanged ones cost nothing
                sha, written = self._put_blob(data)
                stats[0] += written
                stats[1] += 1 if written else 0
                return {_REF_KEY: sha}
        return packed

    def _pack_inner(self, value: Any, stats: list[int]) -> Any:
        if isinstance(value, Mapping):
            return {str(k): self._pack(v, stats) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            items = [self._pack(v, stats) for v in value]
            if len(items) <= _CHUNK_ITEMS:
                return items
            refs: list[str] = []
            for start in range(0, len(items), _CHUNK_ITEMS):
                sha, written = self._put_blob(canonical_json(items[start : start + _CHUNK_ITEMS]))
                stats[0] += written
                stats[1] += 1 if written else 0
                refs.append(sha)
            return {_CHUNK_KEY: refs}
        return value

    def _unpack(self, value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {_CHUNK_KEY}:
                out: list[Any] = []
                for sha in value[_CHUNK_KEY]:
                    out.extend(json.loads(self._get_blob(sha)))
                return [self._unpack(v) for v in out]
            if set(value) == {_REF_KEY}:
                return self._unpack(json.loads(self._get_blob(value[_REF_KEY])))
            return {k: self._unpack(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._unpack(v) for v in value]
        return value

    # -- disk deltas ------------------------------------------------------------------------------------

    def _load_base(self) -> _DiskBase:
        if self._base is None:
            try:
                with zipfile.ZipFile(self._base_path) as archive:
                    raw = archive.read("manifest.json")
                manifest = json.loads(raw)
            except (OSError, KeyError, zipfile.BadZipFile, ValueError) as exc:
                raise CheckpointError(f"cannot read the computer archive {self._base_path}: {exc}") from None
            entries: dict[str, str] = {}
            for node in manifest.get("nodes", []):
                if not node["is_dir"] and node.get("sha256"):
                    entries.setdefault(node["sha256"], "home/" + node["path"])
            for item in manifest.get("trash", []):
                for node in item["nodes"]:
                    if not node["is_dir"] and node.get("sha256"):
                        rel = node["path"]
                        entries.setdefault(
                            node["sha256"], f"trash/{item['trash_id']}/item" + (f"/{rel}" if rel else "")
                        )
            self._base = _DiskBase(manifest, entries, _sha(raw))
        return self._base

    @staticmethod
    def _disk_state(disk: VirtualDisk) -> dict[str, Any]:
        return disk.metadata_state()

    def bind_disk(self, disk: VirtualDisk) -> None:
        """Start tracking ``disk`` (freshly loaded from the base archive): the next delta is relative to it."""
        state = self._disk_state(disk)
        self._tracker = _DiskTracker(
            nodes={n["path"]: n for n in state["nodes"]},
            trash={t["trash_id"]: t for t in state["trash"]},
            next_trash=int(state["next_trash"]),
            journal_seq=len(disk.journal()),
        )

    def _disk_delta(self, disk: VirtualDisk, stats: list[int], *, advance: bool = True) -> dict[str, Any]:
        if self._tracker is None:
            raise CheckpointError("call bind_disk(disk) or restore_disk(...) before writing a checkpoint")
        tracker = self._tracker
        base = self._load_base()
        state = self._disk_state(disk)
        nodes = {n["path"]: n for n in state["nodes"]}
        changed = [n for p, n in nodes.items() if tracker.nodes.get(p) != n]
        removed = sorted(p for p in tracker.nodes if p not in nodes)
        trash = {t["trash_id"]: t for t in state["trash"]}
        trash_set = [t for i, t in trash.items() if tracker.trash.get(i) != t]
        trash_del = sorted(i for i in tracker.trash if i not in trash)

        def need(sha: str | None) -> bool:
            return bool(sha) and sha not in self._known and sha not in base.entry_by_sha

        for node in changed:
            if not node["is_dir"] and need(node.get("sha256")):
                self._store_content(disk.read_bytes(node["path"]), node["sha256"], stats, interim=not advance)
        for item in trash_set:
            for node in item["nodes"]:
                if not node["is_dir"] and need(node.get("sha256")):
                    data = disk.read_trashed(item["trash_id"], node["path"])
                    self._store_content(data, node["sha256"], stats, interim=not advance)
        journal = [e.to_json() for e in disk.journal(tracker.journal_seq)]
        delta = {
            "set": changed,
            "del": removed,
            "trash_set": trash_set,
            "trash_del": trash_del,
            "next_trash": int(state["next_trash"]),
            "journal": journal,
        }
        if not advance:  # a checkpoint inside a segment: the next delta is again against the last full checkpoint
            return delta
        tracker.nodes, tracker.trash = nodes, trash
        tracker.next_trash = int(state["next_trash"])
        tracker.journal_seq += len(journal)
        return delta

    def _store_content(self, data: bytes, sha: str, stats: list[int], *, interim: bool = False) -> None:
        if _sha(data) != sha:
            raise CheckpointError(f"disk content changed while checkpointing (sha mismatch for blob {sha})")
        _, written = self._put_blob(data, sha)
        stats[0] += written
        stats[1] += 1 if written else 0
        if written and interim:
            self._interim.add(sha)

    def _drop_interim(self, delta: Mapping[str, Any]) -> None:
        """Remove the file contents only checkpoints inside the segment needed (versions overwritten before its end).

        Called once the segment's own checkpoint (``delta``) is complete and those checkpoints are gone.
        """
        kept = {n.get("sha256") for n in delta["set"]}
        kept.update(n.get("sha256") for item in delta["trash_set"] for n in item["nodes"])
        for sha in self._interim - kept:
            with contextlib.suppress(OSError):
                (self._blobs / sha).unlink()
            self._known.discard(sha)
        self._interim.clear()

    def restore_disk(self, name: str, *, disk_id: str | None = None) -> VirtualDisk:
        """Rebuild the disk as of checkpoint ``name``: the base archive + every delta of the chain up to it.

        The returned disk is in memory and tracked: the next :meth:`write` stores the delta relative to it.
        """
        chain = self._chain(name)
        # a checkpoint inside a segment is the last of its chain; the next delta is taken against its parent
        partial_at = next((i for i, c in enumerate(chain) if c.get("partial")), None)
        disk, tracker = self._rebuild(
            [c["disk"] for c in chain], disk_id=disk_id, tmp_dir=self._folder, track_before=partial_at
        )
        self._tracker = tracker
        return disk

    def _rebuild(
        self,
        deltas: Iterable[Mapping[str, Any]],
        *,
        header: Mapping[str, Any] | None = None,
        disk_id: str | None = None,
        tmp_dir: Path | None = None,
        extra: zipfile.ZipFile | None = None,
        track_before: int | None = None,
    ) -> tuple[VirtualDisk, _DiskTracker]:
        """The base archive with ``deltas`` applied in order (and the manifest's top-level ``header`` fields).

        The tracker returned is the state after every delta, or before delta ``track_before`` when given.
        """
        base = self._load_base()
        manifest = base.manifest
        nodes = {n["path"]: n for n in manifest["nodes"]}
        trash = {t["trash_id"]: t for t in manifest["trash"]}
        journal = list(manifest.get("journal", []))
        next_trash = int(manifest["next_trash"])
        tracked: _DiskTracker | None = None
        for index, delta in enumerate(deltas):
            if index == track_before:  # the state later deltas are taken against (see restore_disk)
                tracked = _DiskTracker(
                    nodes=dict(nodes), trash=dict(trash), next_trash=next_trash, journal_seq=len(journal)
                )
            for path in delta["del"]:
                nodes.pop(path, None)
            for node in delta["set"]:
                nodes[node["path"]] = node
            for trash_id in delta["trash_del"]:
                trash.pop(trash_id, None)
            for item in delta["trash_set"]:
                trash[item["trash_id"]] = item
            next_trash = int(delta["next_trash"])
            journal.extend(delta["journal"])
        entries: dict[str, bytes | None] = {}
        with zipfile.ZipFile(self._base_path) as archive:
            extra_names = set(extra.namelist()) if extra is not None else set()

            def content(sha: str) -> bytes:
                if extra is not None and f"{_BLOBS}/{sha}" in extra_names:
                    data = extra.read(f"{_BLOBS}/{sha}")
                    if _sha(data) != sha:
                        raise CheckpointError(f"end-state blob {sha} is damaged (its content does not match its name)")
                    return data
                if sha in self._known or (self._blobs / sha).exists():
                    return self._get_blob(sha)
                entry = base.entry_by_sha.get(sha)
                if entry is None:
                    raise CheckpointError(f"no content for sha256 {sha} in the checkpoint blobs or the base archive")
                return archive.read(entry)

            for path, node in nodes.items():
                if path:
                    entries["home/" + path] = None if node["is_dir"] else content(node["sha256"])
            for trash_id, item in trash.items():
                for node in item["nodes"]:
                    rel = node["path"]
                    key = f"trash/{trash_id}/item" + (f"/{rel}" if rel else "")
                    entries[key] = None if node["is_dir"] else content(node["sha256"])
        rebuilt = dict(manifest)
        rebuilt.update(header or {})
        rebuilt.update(
            nodes=[nodes[p] for p in sorted(nodes)],
            trash=[trash[t] for t in sorted(trash)],
            next_trash=next_trash,
            journal=journal,
        )
        fd, tmp = tempfile.mkstemp(prefix=".restore-", suffix=".scdisk", dir=tmp_dir)
        os.close(fd)
        try:
            _write_stored_archive(tmp, rebuilt, entries)
            disk = VirtualDisk.from_archive(tmp, disk_id=disk_id)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return disk, tracked or _DiskTracker(nodes=nodes, trash=trash, next_trash=next_trash, journal_seq=len(journal))

    # -- the end state ----------------------------------------------------------------------------------

    def write_end_state(self, path: str | os.PathLike[str], disk: VirtualDisk) -> int:
        """Write the end state of ``disk`` to ``path`` as one delta against the base archive; return its bytes.

        ``path`` is a zip (deterministic: sorted members, fixed times): ``delta.json`` holds what differs from the
        computer's archive (nodes set and removed, trash, the journal entries appended, the manifest's header) and
        the sha256 of the archive's manifest it applies to; ``blobs/<sha256>`` holds every content it needs that the
        archive does not hold. Self-contained beside the computer's archive; written atomically.
        """
        base = self._load_base()
        manifest = base.manifest
        state = self._disk_state(disk)
        base_nodes = {n["path"]: n for n in manifest["nodes"]}
        nodes = {n["path"]: n for n in state["nodes"]}
        base_trash = {t["trash_id"]: t for t in manifest["trash"]}
        trash = {t["trash_id"]: t for t in state["trash"]}
        blobs: dict[str, bytes] = {}

        def keep(sha: str | None, read: Any) -> None:
            if sha and sha not in base.entry_by_sha and sha not in blobs:
                data = read()
                if _sha(data) != sha:
                    raise CheckpointError(f"disk content changed while writing the end state (sha {sha})")
                blobs[sha] = data

        changed = [n for p, n in nodes.items() if base_nodes.get(p) != n]
        for node in changed:
            if not node["is_dir"]:
                keep(node.get("sha256"), lambda node=node: disk.read_bytes(node["path"]))
        trash_set = [t for i, t in trash.items() if base_trash.get(i) != t]
        for item in trash_set:
            for node in item["nodes"]:
                if not node["is_dir"]:
                    keep(node.get("sha256"), lambda i=item, n=node: disk.read_trashed(i["trash_id"], n["path"]))
        skip = {"nodes", "trash", "next_trash"}
        record = {
            "kind": _END_STATE_KIND,
            "schema_version": END_STATE_SCHEMA_VERSION,
            "base_manifest_sha256": base.manifest_sha256,
            "header": {k: v for k, v in state.items() if k not in skip and manifest.get(k) != v},
            "set": changed,
            "del": sorted(p for p in base_nodes if p not in nodes),
            "trash_set": trash_set,
            "trash_del": sorted(i for i in base_trash if i not in trash),
            "next_trash": int(state["next_trash"]),
            "journal": [e.to_json() for e in disk.journal(len(manifest.get("journal", [])))],
        }
        members = {_END_STATE_JSON: canonical_json(record)}
        members.update({f"{_BLOBS}/{sha}": data for sha, data in blobs.items()})
        target = Path(path)
        with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w") as archive:
            for name in sorted(members):
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.create_system = 3
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, members[name], compresslevel=6)
        return target.stat().st_size

    def end_state_disk(
        self, path: str | os.PathLike[str], *, disk_id: str | None = None, tmp_dir: str | os.PathLike[str] | None = None
    ) -> VirtualDisk:
        """Load the end state written by :meth:`write_end_state` (an in-memory disk).

        Raises:
            CheckpointError: The file is damaged or not an end state, a blob is missing, or the base archive is not
                the one it was written against (the computer was regenerated or replaced).
        """
        where = os.fspath(path)
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise CheckpointError(f"end state {where} cannot be opened ({exc})") from None
        with archive:
            try:
                record = json.loads(archive.read(_END_STATE_JSON))
            except (KeyError, ValueError, zipfile.BadZipFile) as exc:
                raise CheckpointError(f"end state {where} is damaged ({exc})") from None
            if not isinstance(record, dict) or record.get("kind") != _END_STATE_KIND:
                raise CheckpointError(f"{where} is not an end-state delta")
            if record.get("schema_version") != END_STATE_SCHEMA_VERSION:
                raise CheckpointError(f"end state {where} has schema_version {record.get('schema_version')!r}")
            base = self._load_base()
            if record.get("base_manifest_sha256") != base.manifest_sha256:
                raise CheckpointError(
                    f"end state {where} was written against another computer archive than {self._base_path} "
                    "(its manifest differs): pass the computer folder the run started from"
                )
            disk, _ = self._rebuild(
                [record],
                header=record.get("header") or {},
                disk_id=disk_id,
                tmp_dir=Path(tmp_dir) if tmp_dir else None,
                extra=archive,
            )
        return disk

    # -- checkpoints ------------------------------------------------------------------------------------

    def write(
        self, name: str, state: Mapping[str, Any], disk: VirtualDisk, *, parent: str | None = None
    ) -> CheckpointInfo:
        """Write checkpoint ``name`` (state + disk delta) atomically and point ``LATEST`` at it.

        A checkpoint inside a segment (:func:`is_partial` name) stores its state whole and its disk delta against
        ``parent`` (which must be the last checkpoint between segments) without moving the delta's base; once
        ``LATEST`` names the new checkpoint, the older ones inside a segment are removed.

        Args:
            name: folder name; sorts in run order (e.g. ``seg-0003``, ``seg-0003.w000125``).
            state: JSON-ready state of everything but the disk (long lists are stored as shared chunks).
            disk: the run's disk (its delta since the previous checkpoint is stored).
            parent: the previous checkpoint's name (None for the first).
        """
        start = time.perf_counter()
        stats = [0, 0]
        partial = is_partial(name)
        if partial and (parent is None or is_partial(parent)):
            raise CheckpointError(f"checkpoint {name} inside a segment needs the last full checkpoint as its parent")
        delta = self._disk_delta(disk, stats, advance=not partial)
        record: dict[str, Any] = {
            "schema_version": CHECKPOINT_SCHEMA_VERSION,
            "name": name,
            "parent": parent,
            "state": dict(state) if partial else self._pack(state, stats),
            "disk": delta,
        }
        if partial:  # read back by a resume only, never compared: no key sorting of its megabytes
            record["partial"] = True
            data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        else:
            data = canonical_json(record)
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=self._folder))
        try:
            atomic_write_bytes(tmp / _FILE, data)
            target = self._folder / name
            if target.exists():  # a leftover of a crash after this folder moved in but before LATEST did
                shutil.rmtree(target)
            os.replace(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        atomic_write_bytes(self._folder / _LATEST, (name + "\n").encode())
        self._remove_partials(keep=name)
        if not partial:
            self._drop_interim(delta)
        stats[0] += len(data)
        return CheckpointInfo(name, stats[0], stats[1], time.perf_counter() - start)

    def _remove_partials(self, keep: str | None) -> None:
        """Remove the checkpoints written inside a segment, except ``keep`` (superseded by a newer checkpoint)."""
        for path in self._folder.iterdir():
            if path.is_dir() and not path.name.startswith(".") and is_partial(path.name) and path.name != keep:
                shutil.rmtree(path, ignore_errors=True)

    def latest(self) -> str | None:
        """Name of the newest complete checkpoint, or None when there is none."""
        try:
            name = (self._folder / _LATEST).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        if not (self._folder / name / _FILE).is_file():
            raise CheckpointError(f"{self._folder / _LATEST} names {name!r}, which has no {_FILE}")
        return name

    def _read(self, name: str) -> dict[str, Any]:
        path = self._folder / name / _FILE
        try:
            record: dict[str, Any] = json.loads(path.read_bytes())
        except FileNotFoundError:
            raise CheckpointError(f"checkpoint {name!r} not found in {self._folder}") from None
        except ValueError as exc:
            raise CheckpointError(f"checkpoint {path} is damaged ({exc})") from None
        if record.get("schema_version") != CHECKPOINT_SCHEMA_VERSION:
            raise CheckpointError(f"checkpoint {path} has schema_version {record.get('schema_version')!r}")
        return record

    def _chain(self, name: str) -> list[dict[str, Any]]:
        chain: list[dict[str, Any]] = []
        current: str | None = name
        seen: set[str] = set()
        while current is not None:
            if current in seen:
                raise CheckpointError(f"checkpoint chain loops at {current!r}")
            seen.add(current)
            record = self._read(current)
            chain.append(record)
            current = record.get("parent")
        chain.reverse()
        return chain

    def load(self, name: str) -> dict[str, Any]:
        """Return checkpoint ``name`` with its state unpacked: ``{"name", "parent", "state", "disk"}``."""
        record = self._read(name)
        record["state"] = self._unpack(record["state"])
        return record

    def names(self) -> list[str]:
        """Names of the checkpoint folders present, sorted."""
        return sorted(p.name for p in self._folder.iterdir() if p.is_dir() and (p / _FILE).is_file())

    def prune_after(self, name: str | None, keep: Iterable[str] = ()) -> None:
        """Remove checkpoint folders sorting after ``name`` (leftovers of a crashed segment) and temporaries.

        Temporaries are what a killed writer leaves: ``.seg-*`` folders, ``.restore-*.scdisk`` and the ``.*.tmp``
        files of atomic writes, in ``checkpoints/`` and ``blobs/``; so are checkpoints inside a segment other than
        ``name`` (a writer killed before it removed the one its new checkpoint superseded).
        """
        keep_set = set(keep)
        for blob in self._blobs.iterdir():
            if blob.name.startswith(".") and blob.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    blob.unlink()
        for path in self._folder.iterdir():
            if path.name.startswith(".") and (
                path.is_dir() or path.name.endswith(".scdisk") or path.name.endswith(".tmp")
            ):
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        path.unlink()
            elif (
                path.is_dir()
                and path.name != _BLOBS
                and path.name not in keep_set
                and (name is None or path.name > name or (is_partial(path.name) and path.name != name))
            ):
                shutil.rmtree(path, ignore_errors=True)


def _write_stored_archive(path: str, manifest: dict[str, Any], entries: Mapping[str, bytes | None]) -> None:
    """A disk archive as ``VirtualDisk.from_archive`` reads it, uncompressed (a transient file: speed over size)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        for name in sorted(entries):
            data = entries[name]
            archive.writestr(name if data is not None else name + "/", b"" if data is None else data)
