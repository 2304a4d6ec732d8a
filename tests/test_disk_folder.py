"""Folder backend specifics: persistence across reopen, external changes, symlink sandbox, atomic writes."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from synthcomp_agents.disk import (
    DiskError,
    DiskExistsError,
    DiskNotFoundError,
    DiskPathError,
    VirtualDisk,
    get_disk,
)

T0 = datetime(2026, 3, 2, 8, 30, tzinfo=timezone.utc)


def _state(disk: VirtualDisk) -> tuple[object, ...]:
    return (
        disk.journal(),
        disk.trash(),
        [disk.stat(i.path) for i in disk.walk()],
        disk.stat(""),
        disk.usage(),
        disk.trash_bytes,
    )


def _populate(disk: VirtualDisk) -> None:
    disk.write_text("Docs/a.txt", "alpha", actor="ana", author="Ana Ruiz")
    disk.write_text("Docs/Sub/b.txt", "beta")
    disk.set_times("Docs/a.txt", created=T0 - timedelta(days=30), modified=T0 - timedelta(days=2))
    disk.copy("Docs", "Copy")
    disk.delete("Copy/Sub")
    disk.delete("Docs/a.txt")
    disk.restore("t0002", dest="Back/a.txt")
    disk.set_author("Back", "someone")


def test_reopen_recovers_state_after_close(tmp_path: Path) -> None:
    root = tmp_path / "home"
    disk = VirtualDisk(user="ana", os="macos", root=root, clock=lambda: T0, default_actor="ana")
    _populate(disk)
    expected = _state(disk)
    disk.close()
    assert (root / ".synthcomp" / "state.json").is_file()
    reopened = VirtualDisk.open(root, clock=lambda: T0)
    assert (reopened.user, reopened.os, reopened.default_actor) == ("ana", "macos", "ana")
    assert _state(reopened) == expected
    assert reopened.restore("t0001").path == "Copy/Sub"
    assert reopened.read_text("Copy/Sub/b.txt") == "beta"
    reopened.close()


def test_reopen_without_close_replays_the_log(tmp_path: Path) -> None:
    root = tmp_path / "home"
    disk = VirtualDisk(user="ana", root=root, clock=lambda: T0)
    _populate(disk)
    expected = _state(disk)
    # simulate a crash: no close()/flush(); the redo log and journal were appended per operation
    disk._storage.close()  # release fds only
    disk._closed = True
    from synthcomp_agents.disk import _registry

    _registry.unregister(disk, disk._root)
    assert (root / ".synthcomp" / "wal.jsonl").stat().st_size > 0
    reopened = VirtualDisk(user="ana", root=root, clock=lambda: T0)
    assert _state(reopened) == expected
    assert (root / ".synthcomp" / "wal.jsonl").stat().st_size == 0  # compacted at open
    reopened.close()


def test_torn_log_lines_are_tolerated(tmp_path: Path) -> None:
    root = tmp_path / "home"
    disk = VirtualDisk(root=root, clock=lambda: T0)
    disk.write_text("a.txt", "a")
    disk.close()
    with open(root / ".synthcomp" / "journal.jsonl", "ab") as handle:
        handle.write(b'{"seq": 2, "ti')
    with open(root / ".synthcomp" / "wal.jsonl", "ab") as handle:
        handle.write(b'{"set": [')
    reopened = VirtualDisk(root=root, clock=lambda: T0)
    assert [e.seq for e in reopened.journal()] == [1]
    reopened.write_text("b.txt", "b")
    reopened.close()
    again = VirtualDisk(root=root, clock=lambda: T0)
    assert [e.seq for e in again.journal()] == [1, 2]
    again.close()


def test_reopen_with_other_user_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "home"
    VirtualDisk(user="ana", root=root).close()
    with pytest.raises(DiskError, match=r"user='ana'.*VirtualDisk.open"):
        VirtualDisk(user="bob", root=root)
    VirtualDisk(user="ana", root=root).close()  # the failed attempt released the folder


def test_one_live_disk_per_folder_and_get_disk(tmp_path: Path) -> None:
    root = tmp_path / "home"
    disk = VirtualDisk(root=root)
    assert disk.uri == root.resolve().as_uri()
    with pytest.raises(DiskExistsError, match="already open"):
        VirtualDisk(root=root)
    assert get_disk(disk.uri) is disk and get_disk(disk.disk_id) is disk
    disk.write_text("a.txt", "x")
    disk.close()
    with pytest.raises(DiskError, match="closed"):
        disk.read_text("a.txt")
    reopened = get_disk(root.resolve().as_uri())
    assert reopened is not disk and reopened.read_text("a.txt") == "x"
    reopened.close()
    with pytest.raises(DiskNotFoundError, match="file:///abs/folder"):
        get_disk("nope")
    with pytest.raises(DiskNotFoundError):
        get_disk((tmp_path / "missing").as_uri())


def test_external_files_are_indexed_on_open(tmp_path: Path) -> None:
    root = tmp_path / "home"
    disk = VirtualDisk(root=root, clock=lambda: T0)
    disk.write_text("keep.txt", "keep")
    disk.write_text("change.txt", "v1")
    disk.write_text("gone/x.txt", "x")
    disk.close()
    (root / "Inbox").mkdir()
    (root / "Inbox" / "dropped.csv").write_text("a,b\n1,2\n")
    (root / "change.txt").write_text("v2 changed")
    (root / "gone" / "x.txt").unlink()
    (root / "gone").rmdir()
    (root / "bad name.").write_text("invalid names are not indexed")
    (root / "CON").write_text("reserved")
    later = T0 + timedelta(hours=1)
    reopened = VirtualDisk(root=root, clock=lambda: later)
    assert reopened.read_text("Inbox/dropped.csv") == "a,b\n1,2\n"
    assert reopened.stat("Inbox/dropped.csv").modified == later
    assert reopened.stat("Inbox/dropped.csv").author is None
    assert reopened.read_text("change.txt") == "v2 changed" and reopened.stat("change.txt").size == 10
    assert not reopened.exists("gone")
    assert [i.name for i in reopened.list()] == ["Inbox", "change.txt", "keep.txt"]
    external = [(e.op, e.path) for e in reopened.journal() if e.actor == "external"]
    assert sorted(external) == [
        ("delete", "gone"),
        ("mkdir", "Inbox"),
        ("write", "Inbox/dropped.csv"),
        ("write", "change.txt"),
    ]
    assert reopened.usage() == (3, 1, 4 + 10 + 8)
    # changes while open are picked up by rescan()
    (root / "Inbox" / "late.txt").write_text("late")
    diff = reopened.rescan()
    assert diff.added == ("Inbox/late.txt",) and reopened.rescan().is_empty
    reopened.close()


def test_symlinks_are_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("secret")
    root = tmp_path / "home"
    disk = VirtualDisk(root=root)
    disk.write_text("Docs/real.txt", "real")
    os.symlink(secret, root / "link.txt")
    os.symlink(outside, root / "linkdir")
    os.symlink(secret, root / "Docs" / "inner-link.txt")
    assert disk.rescan().is_empty  # links are not indexed
    for path in ("link.txt", "linkdir/secret.txt", "Docs/inner-link.txt"):
        with pytest.raises((DiskNotFoundError, DiskPathError)):
            disk.read_bytes(path)
        with pytest.raises(DiskPathError, match="symbolic link"):
            disk.write_text(path, "pwned")
    with pytest.raises(DiskPathError, match="symbolic link"):
        disk.write_text("linkdir/new.txt", "pwned")
    with pytest.raises(DiskPathError, match="symbolic link"):
        disk.mkdir("linkdir/sub")
    # a link swapped in for a known file after indexing
    (root / "Docs" / "real.txt").unlink()
    os.symlink(secret, root / "Docs" / "real.txt")
    with pytest.raises(DiskPathError, match="symbolic link"):
        disk.read_bytes("Docs/real.txt")
    with pytest.raises(DiskPathError, match="symbolic link"):
        disk.write_text("Docs/real.txt", "pwned")
    assert secret.read_text() == "secret" and sorted(os.listdir(outside)) == ["secret.txt"]
    # deleting a folder that contains a link removes the link, never the target
    disk.delete("Docs")
    disk.empty_trash()
    assert secret.read_text() == "secret"
    disk.close()


def test_root_symlink_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    os.symlink(real, tmp_path / "alias")
    with pytest.raises(DiskPathError, match="symbolic link"):
        VirtualDisk(root=tmp_path / "alias")
    (tmp_path / "file").write_text("x")
    with pytest.raises(DiskError, match="not a folder"):
        VirtualDisk(root=tmp_path / "file")


def test_metadata_folder_layout_and_no_temp_leftovers(tmp_path: Path) -> None:
    root = tmp_path / "home"
    disk = VirtualDisk(root=root)
    for i in range(20):
        disk.write_text(f"f{i}.txt", str(i))
    disk.delete("f0.txt")
    disk.flush()
    names = sorted(os.listdir(root))
    assert ".synthcomp" in names and not any(n.startswith(".sc-tmp") for n in names)
    assert sorted(os.listdir(root / ".synthcomp")) == ["journal.jsonl", "state.json", "trash", "wal.jsonl"]
    assert (root / ".synthcomp" / "trash" / "t0001" / "item").read_text() == "0"
    lines = (root / ".synthcomp" / "journal.jsonl").read_text().splitlines()
    assert [json.loads(line)["seq"] for line in lines] == list(range(1, 22))
    (root / ".sc-tmp-1-1.").write_text("leftover of a crash")
    disk.close()
    VirtualDisk(root=root).close()
    assert not (root / ".sc-tmp-1-1.").exists()


def test_host_mtimes_follow_simulated_time(tmp_path: Path) -> None:
    root = tmp_path / "home"
    disk = VirtualDisk(root=root, clock=lambda: T0)
    disk.write_text("a.txt", "x")
    assert (root / "a.txt").stat().st_mtime == T0.timestamp()
    disk.close()
