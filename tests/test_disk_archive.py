"""Archive round trip, materialize, diff and the registry, on both backends."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from synthcomp_agents.disk import (
    DiskError,
    DiskExistsError,
    DiskNotFoundError,
    DiskQuotas,
    VirtualDisk,
    get_disk,
)

T0 = datetime(2026, 3, 2, 8, 30, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=7)
        return self.now


@pytest.fixture(params=["memory", "folder"])
def roots(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    counter = iter(range(1000))

    def next_root() -> Path | None:
        return tmp_path / f"root{next(counter)}" if request.param == "folder" else None

    yield next_root


def _build(root: Path | None) -> VirtualDisk:
    disk = VirtualDisk(user="ana", os="windows", root=root, clock=Clock(), quotas=DiskQuotas(max_files=500))
    disk.write_text("Documents/Q3/report.md", "# Report\n", actor="ana", author="Ana")
    disk.write_bytes("Documents/Q3/data.bin", bytes(range(256)) * 10)
    disk.write_text("Pictures/caf\u00e9.txt", "unicode name")
    disk.mkdir("Empty/Nested")
    disk.copy("Documents", "Backup")
    disk.delete("Backup/Q3/report.md")
    disk.delete("Pictures")
    disk.set_times("Documents", created=T0 - timedelta(days=400))
    return disk


def _state(disk: VirtualDisk) -> tuple[object, ...]:
    files = {i.path: disk.read_bytes(i.path) for i in disk.walk() if not i.is_dir}
    return (
        disk.user,
        disk.os,
        disk.quotas,
        disk.default_actor,
        disk.journal(),
        disk.trash(),
        [disk.stat(i.path) for i in disk.walk()],
        disk.stat(""),
        files,
        disk.trash_bytes,
    )


def test_archive_round_trip_lossless(roots: object, tmp_path: Path) -> None:
    disk = _build(roots())  # type: ignore[operator]
    archive = tmp_path / "a.scdisk"
    disk.to_archive(archive)
    loaded = VirtualDisk.from_archive(archive, root=roots(), clock=Clock())  # type: ignore[operator]
    assert _state(loaded) == _state(disk)
    # the trash content survived too
    assert loaded.restore("t0002").path == "Pictures"
    assert loaded.read_text("Pictures/caf\u00e9.txt") == "unicode name"
    assert loaded.restore("Backup/Q3/report.md").path == "Backup/Q3/report.md"
    # and the loaded disk keeps counting from where it was
    assert loaded.journal()[-1].seq == len(disk.journal()) + 2
    names = zipfile.ZipFile(archive).namelist()
    assert names == sorted(names) and "manifest.json" in names and "home/Empty/Nested/" in names
    disk.close()
    loaded.close()


def test_archive_byte_identical_for_same_ops_and_clock(roots: object, tmp_path: Path) -> None:
    first, second = _build(roots()), _build(roots())  # type: ignore[operator]
    assert first.disk_id != second.disk_id
    first.to_archive(tmp_path / "1.scdisk")
    second.to_archive(tmp_path / "2.scdisk")
    assert (tmp_path / "1.scdisk").read_bytes() == (tmp_path / "2.scdisk").read_bytes()
    first.to_archive(tmp_path / "3.scdisk")
    assert (tmp_path / "3.scdisk").read_bytes() == (tmp_path / "1.scdisk").read_bytes()
    # an archive loaded and archived again is byte-identical as well
    loaded = VirtualDisk.from_archive(tmp_path / "1.scdisk")
    loaded.to_archive(tmp_path / "4.scdisk")
    assert (tmp_path / "4.scdisk").read_bytes() == (tmp_path / "1.scdisk").read_bytes()
    for d in (first, second, loaded):
        d.close()


def test_archive_damage_is_reported(tmp_path: Path) -> None:
    disk = _build(None)
    good = tmp_path / "good.scdisk"
    disk.to_archive(good)
    with pytest.raises(DiskNotFoundError):
        VirtualDisk.from_archive(tmp_path / "missing.scdisk")
    (tmp_path / "junk.scdisk").write_bytes(b"not a zip")
    with pytest.raises(DiskError, match="not a disk archive"):
        VirtualDisk.from_archive(tmp_path / "junk.scdisk")
    tampered = tmp_path / "tampered.scdisk"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"evil" if item.filename == "home/Documents/Q3/report.md" else data)
    with pytest.raises(DiskError, match="checksum"):
        VirtualDisk.from_archive(tampered)
    escaping = tmp_path / "escaping.scdisk"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(escaping, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "manifest.json":
                data = data.replace(b'"Backup/Q3/data.bin"', b'"../../etc/x"')
            dst.writestr(item, data)
    with pytest.raises(DiskError, match="invalid path"):
        VirtualDisk.from_archive(escaping, root=tmp_path / "esc")
    assert not (tmp_path / "etc").exists()
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    with pytest.raises(DiskExistsError, match="not empty"):
        VirtualDisk.from_archive(good, root=tmp_path / "busy")


def test_get_disk_loads_archives_and_finds_memory_disks(tmp_path: Path) -> None:
    disk = VirtualDisk(disk_id="archive-test-disk")
    disk.write_text("a.txt", "x")
    assert get_disk("memory://archive-test-disk") is disk and disk.uri == "memory://archive-test-disk"
    with pytest.raises(DiskExistsError, match="already open"):
        VirtualDisk(disk_id="archive-test-disk")
    disk.to_archive(tmp_path / "x.scdisk")
    loaded = get_disk("archive://" + str(tmp_path / "x.scdisk"))
    assert loaded.read_text("a.txt") == "x" and loaded is not disk
    disk.close()
    with pytest.raises(DiskNotFoundError):
        get_disk("memory://archive-test-disk")


def test_materialize_real_files_and_mtimes(roots: object, tmp_path: Path) -> None:
    disk = _build(roots())  # type: ignore[operator]
    out = disk.materialize(tmp_path / "out" / "home")
    assert out == (tmp_path / "out" / "home").resolve()
    host = sorted(str(p.relative_to(out)).replace(os.sep, "/") for p in out.rglob("*"))
    assert host == [i.path for i in sorted(disk.walk(), key=lambda i: i.path)]
    for info in disk.walk():
        target = out / info.path
        assert target.is_dir() == info.is_dir
        assert target.stat().st_mtime == info.modified.timestamp()
        if not info.is_dir:
            assert target.read_bytes() == disk.read_bytes(info.path)
    assert out.stat().st_mtime == disk.stat("").modified.timestamp()
    assert not (out / ".synthcomp").exists()
    with pytest.raises(DiskExistsError, match="empty folder"):
        disk.materialize(out)
    disk.close()


def test_diff_against_snapshot_and_disk(roots: object) -> None:
    disk = VirtualDisk(root=roots())  # type: ignore[operator]
    disk.write_text("keep.txt", "k")
    disk.write_text("change.txt", "1")
    disk.write_text("remove.txt", "r")
    before = disk.snapshot()
    disk.write_text("change.txt", "2")
    disk.delete("remove.txt")
    disk.write_text("new/added.txt", "a")
    disk.move("keep.txt", "kept.txt")
    diff = disk.diff(before)
    assert diff.added == ("kept.txt", "new/added.txt")
    assert diff.removed == ("keep.txt", "remove.txt")
    assert diff.modified == ("change.txt",)
    assert not diff.is_empty and disk.diff(disk).is_empty and disk.diff(disk.snapshot()).is_empty
    other = VirtualDisk()
    other.write_text("kept.txt", "k")
    assert disk.diff(other).added == ("change.txt", "new/added.txt")
    disk.close()


def test_memory_and_folder_archives_are_identical(tmp_path: Path) -> None:
    memory, folder = _build(None), _build(tmp_path / "folder")
    memory.to_archive(tmp_path / "m.scdisk")
    folder.to_archive(tmp_path / "f.scdisk")
    assert (tmp_path / "m.scdisk").read_bytes() == (tmp_path / "f.scdisk").read_bytes()
    folder.close()


def test_compressed_formats_are_stored_and_text_is_deflated(tmp_path: Path) -> None:
    """Zip containers of deflated XML (docx, xlsx) and lossy media are stored as they are; text and pptx deflate."""
    from synthcomp_agents.disk._archive import write_archive

    text = b"quarterly figures, quarterly figures\n" * 200
    entries: dict[str, bytes | None] = {
        f"home/a{suffix}": text for suffix in (".docx", ".XLSX", ".jpg", ".md", ".pptx")
    }
    write_archive(tmp_path / "d.scdisk", {"schema_version": 1}, entries)
    with zipfile.ZipFile(tmp_path / "d.scdisk") as archive:
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
        assert archive.read("home/a.docx") == text
    assert kinds["home/a.docx"] == kinds["home/a.XLSX"] == kinds["home/a.jpg"] == zipfile.ZIP_STORED
    assert kinds["home/a.md"] == kinds["home/a.pptx"] == kinds["manifest.json"] == zipfile.ZIP_DEFLATED


def _zipfile_archive(path: Path, manifest: dict[str, object], entries: dict[str, bytes | None]) -> bytes:
    """The archive as ``zipfile`` writes it (how write_archive wrote every archive before it built them itself)."""
    import json

    from synthcomp_agents.disk._archive import _DIR_ATTR, _FILE_ATTR, _FIXED_TIME, _compress_type

    blob = json.dumps(manifest, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    named: dict[str, bytes | None] = {"manifest.json": blob}
    named.update({n if d is not None else n + "/": d for n, d in entries.items()})
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(named):
            data = named[name]
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.create_system = 3
            info.external_attr = _DIR_ATTR if data is None else _FILE_ATTR
            info.compress_type = _compress_type(name, data)
            archive.writestr(info, b"" if data is None else data, compresslevel=1)
    return path.read_bytes()


def test_archive_bytes_equal_what_zipfile_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """write_archive builds the zip itself in one pass; its bytes are zipfile's (headers, flags, deflate level),
    for ASCII and UTF-8 names, folders, empty, stored and deflated members; past the zip64 threshold it hands the
    writing to zipfile, with the same result."""
    import random

    from synthcomp_agents.disk import _archive
    from synthcomp_agents.disk._archive import write_archive

    rng = random.Random(16)
    entries: dict[str, bytes | None] = {
        "home/Documents": None,
        "home/Documents/Résumé 2025.docx": rng.randbytes(3000),
        "home/Documents/notes.md": b"# Notes\n" + b"- item\n" * 400,
        "home/Pictures/IMG_0001.JPG": rng.randbytes(20_000),
        "home/Music/写真.png": bytes(range(256)) * 40,
        "home/empty.txt": b"",
        "trash/t-0001/item": b"gone " * 100,
    }
    manifest = {"schema_version": 1, "user": "ana", "note": "naïve"}
    expected = _zipfile_archive(tmp_path / "zipfile.scdisk", manifest, entries)
    write_archive(tmp_path / "direct.scdisk", manifest, entries)
    assert (tmp_path / "direct.scdisk").read_bytes() == expected
    monkeypatch.setattr(_archive, "_SMALL", 10_000)  # as if the archive were near 2 GiB: zipfile writes it
    write_archive(tmp_path / "fallback.scdisk", manifest, entries)
    assert (tmp_path / "fallback.scdisk").read_bytes() == expected
    with zipfile.ZipFile(tmp_path / "direct.scdisk") as z:
        assert z.testzip() is None
        assert z.read("home/Music/写真.png") == entries["home/Music/写真.png"]
        assert z.getinfo("home/Documents/").is_dir()
