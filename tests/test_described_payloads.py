"""Issue 16 point 3: seeded-noise files (installers, disk images, audio frames) are stored in archives as
descriptions and rebuilt on load, transparently: same bytes, same sizes, same statistics; photos stay real JPEGs."""

from __future__ import annotations

import hashlib
import io
import json
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest
from autogen_core.tools import ToolResult
from generator_cache import generated
from PIL import Image

from synthcomp_agents.computers import GeneratedComputer, tree_stats
from synthcomp_agents.computers.generation.music import mp3_bytes
from synthcomp_agents.disk import (
    DiskError,
    PayloadDescription,
    VirtualDisk,
    compose_bytes,
    compose_frames,
    describe_bytes,
    description_of,
    noise_bytes,
    noise_file,
    noise_frames,
)
from synthcomp_agents.personas import sample_personas
from synthcomp_agents.tools import disk_workbench

SEEDS = (0, 1, 2)


@pytest.fixture(scope="module")
def computers() -> list[GeneratedComputer]:
    """Read only (the first is the shared short run's computer, the first two those of test_scale_isolation)."""
    personas = sample_personas(len(SEEDS), seed=0)
    return [generated(p, seed=s) for p, s in zip(personas, SEEDS, strict=True)]


def test_noise_bytes_draw_what_randbytes_draws() -> None:
    a, b = random.Random(3), random.Random(3)
    assert noise_bytes(a, 1000) == b.randbytes(1000)
    assert a.random() == b.random()  # same generator advance: computers keep their bytes


@pytest.mark.parametrize("n", [131_072, 131_073, 131_074, 131_075, 1_000_001])
def test_large_noise_draws_what_randbytes_draws(n: int) -> None:
    """Large draws go through numpy's Mersenne Twister: same bytes (whole and partial last words), same advance."""
    a, b = random.Random(n), random.Random(n)
    a.gauss(0, 1), b.gauss(0, 1)  # a pending gauss value is part of the state
    assert noise_bytes(a, n) == b.randbytes(n)
    assert a.getstate() == b.getstate()
    assert a.random() == b.random()


def test_description_rebuilds_the_same_bytes_every_time() -> None:
    rng = random.Random(11)
    noise = noise_bytes(rng, 200_000)
    data = describe_bytes(b"ID3" + b"".join(b"\xff\xfb" + noise[i : i + 413] for i in range(0, 200_000, 413)), noise)
    desc = description_of(data)
    assert desc is not None
    again = PayloadDescription.from_json(json.loads(json.dumps(desc.to_json())))
    assert again.build() == desc.build() == data
    assert len(json.dumps(desc.to_json())) < len(data) // 10


def test_small_or_absent_noise_is_not_described() -> None:
    rng = random.Random(1)
    small = noise_bytes(rng, 100)
    assert description_of(describe_bytes(b"x" + small, small)) is None
    big = noise_bytes(rng, 50_000)
    assert description_of(describe_bytes(b"no noise here" * 100, big)) is None


def test_damaged_description_is_refused(tmp_path: Path) -> None:
    rng = random.Random(5)
    noise = noise_bytes(rng, 60_000)
    disk = VirtualDisk(user="ana")
    disk.write_bytes("Downloads/setup.exe", describe_bytes(b"MZ" + noise, noise))
    path = tmp_path / "d.scdisk"
    disk.to_archive(path)
    with zipfile.ZipFile(path) as z:
        manifest = json.loads(z.read("manifest.json"))
    (sha,) = manifest["described"]
    manifest["described"][sha]["state"] = manifest["described"][sha]["state"][::-1]
    broken = tmp_path / "broken.scdisk"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = json.dumps(manifest).encode() if info.filename == "manifest.json" else src.read(info)
            dst.writestr(info, data)
    with pytest.raises(DiskError):
        VirtualDisk.from_archive(broken)


@pytest.mark.parametrize(
    ("frames", "sync"), [(0, b"\xff\xfb"), (1, b"\xff\xfb"), (2, b""), (9, b"\xff\xfb\x90d"), (700, b"S")]
)
def test_compose_frames_equals_compose_bytes(frames: int, sync: bytes) -> None:
    """The array-built frames give compose_bytes' bytes and description (plan, literals) for any frame count."""
    noise = noise_bytes(random.Random(frames), 413 * frames)
    parts: list[bytes | tuple[int, int]] = [b"ID3head"]
    for i in range(frames):
        parts += [sync, (i * 413, 413)]
    fast, slow = compose_frames(b"ID3head", sync, noise, 413, frames), compose_bytes(parts, noise)
    assert fast == slow and description_of(fast) == description_of(slow)
    assert type(fast) is type(slow)


@pytest.mark.parametrize(
    ("n", "head", "tail"), [(0, b"MZ", b""), (5_000, b"MZ", b""), (300_001, b"", b"koly" * 128), (140_000, b"H", b"T")]
)
def test_noise_file_equals_describing_the_joined_file(n: int, head: bytes, tail: bytes) -> None:
    """Noise drawn straight into a file: the bytes, description and generator advance of describing it afterwards."""
    a, b = random.Random(n), random.Random(n)
    noise = noise_bytes(a, n)
    slow, fast = describe_bytes(head + noise + tail, noise), noise_file(b, n, head=head, tail=tail)
    assert fast == slow and description_of(fast) == description_of(slow) and type(fast) is type(slow)
    assert a.getstate() == b.getstate()
    desc = description_of(fast)
    assert desc is None or desc.build() == fast


@pytest.mark.parametrize(("frames", "sync"), [(0, b"\xff\xfb"), (3, b""), (700, b"\xff\xfb\x90d")])
def test_noise_frames_equal_composing_drawn_noise(frames: int, sync: bytes) -> None:
    a, b = random.Random(frames), random.Random(frames)
    slow = compose_frames(b"ID3head", sync, noise_bytes(a, 413 * frames), 413, frames)
    fast = noise_frames(b, b"ID3head", sync, 413, frames)
    assert fast == slow and description_of(fast) == description_of(slow) and type(fast) is type(slow)
    assert a.getstate() == b.getstate()


def test_mp3_tracks_are_described_and_decode_the_same() -> None:
    data = mp3_bytes(random.Random(2), title="A", artist="B", album="C", track=1, year=2020, frames=300)
    desc = description_of(data)
    assert desc is not None and desc.build() == data and data.count(b"\xff\xfb\x90\x64") >= 300


def _stats(home: Any) -> dict[str, Any]:
    stats = dict(tree_stats(home).to_json())
    stats.pop("root", None)  # where it was measured
    return stats


def test_archive_holds_descriptions_and_loads_full_bytes(computers: list[GeneratedComputer], tmp_path: Path) -> None:
    for i, computer in enumerate(computers):
        disk = computer.disk
        archive = tmp_path / f"c{i}.scdisk"
        disk.to_archive(archive)
        with zipfile.ZipFile(archive) as z:
            raw_manifest = z.read("manifest.json")
            manifest = json.loads(raw_manifest)
            stored = sum(info.file_size for info in z.infolist())
            sizes = {info.filename: info.file_size for info in z.infolist()}
        described = manifest.get("described", {})
        assert described, "installers and tracks are described"
        files, _, total = disk.usage()
        noise_files = [n for n in manifest["nodes"] if not n["is_dir"] and n["sha256"] in described]
        assert sum(f"home/{n['path']}" in sizes for n in manifest["nodes"]) > 100  # members are named so
        assert noise_files and all(sizes.get(f"home/{n['path']}", 0) == 0 for n in noise_files)
        # the noise is not stored: the archive holds the other files and the manifest (with the recipes), no more
        assert stored <= total - sum(n["size"] for n in noise_files) + len(raw_manifest)
        assert stored < total * 0.75
        loaded = VirtualDisk.from_archive(archive)
        assert loaded.snapshot() == disk.snapshot() and loaded.usage() == disk.usage()
        again = tmp_path / f"c{i}-again.scdisk"
        loaded.to_archive(again)
        assert again.read_bytes() == archive.read_bytes()  # same bytes every time
        # materialized homes: the same files, sizes and statistics as the generated computer
        before = disk.materialize(tmp_path / f"before{i}")
        after = loaded.materialize(tmp_path / f"after{i}")
        by_path = {p.relative_to(before): hashlib.sha256(p.read_bytes()).hexdigest() for p in before.rglob("*")
                   if p.is_file()}  # fmt: skip
        assert by_path == {
            p.relative_to(after): hashlib.sha256(p.read_bytes()).hexdigest() for p in after.rglob("*") if p.is_file()
        }
        assert _stats(before) == _stats(after) == _stats(loaded) == _stats(disk)
        assert files == len(by_path)
        loaded.close()


def test_folder_disk_keeps_descriptions_across_reopen(computers: list[GeneratedComputer], tmp_path: Path) -> None:
    archive = tmp_path / "c.scdisk"
    computers[0].disk.to_archive(archive)
    folder = VirtualDisk.from_archive(archive, root=tmp_path / "home")
    folder.close()
    reopened = VirtualDisk.open(tmp_path / "home")
    reopened.to_archive(tmp_path / "again.scdisk")
    reopened.close()
    assert (tmp_path / "again.scdisk").read_bytes() == archive.read_bytes()


@pytest.mark.asyncio
async def test_described_member_reads_in_full_through_the_tools(
    computers: list[GeneratedComputer], tmp_path: Path
) -> None:
    disk = computers[0].disk
    archive = tmp_path / "c.scdisk"
    disk.to_archive(archive)
    with zipfile.ZipFile(archive) as z:
        shas = set(json.loads(z.read("manifest.json"))["described"])
        names = set(z.namelist())
    loaded = VirtualDisk.from_archive(archive)
    snap = loaded.snapshot()
    path = next(p for p, sha in snap.items() if sha in shas)
    assert "home/" + path in names  # an empty entry: the recipe is in the manifest
    size = loaded.stat(path).size
    assert len(loaded.read_bytes(path)) == size == disk.stat(path).size
    wb = disk_workbench(loaded, actor="worker")
    result = await wb.call_tool("file_info", {"path": path})
    assert isinstance(result, ToolResult) and not result.is_error
    text = result.to_text()
    assert f"{size:,}" in text or str(size) in text or f"{size / 1e6:.1f}" in text, text
    loaded.close()


def test_photos_are_jpegs_with_exif(computers: list[GeneratedComputer]) -> None:
    disk = computers[0].disk
    photos = [p for p in disk.snapshot() if p.startswith("Pictures/") and p.lower().endswith(".jpg")]
    assert len(photos) >= 10
    for path in photos[:10]:
        img = Image.open(io.BytesIO(disk.read_bytes(path)))
        img.load()
        assert img.format == "JPEG" and img.getexif().get(306)  # DateTime
        assert description_of(disk.read_bytes(path)) is None  # photos are stored, not described


def test_checkpoint_restore_rebuilds_described_files(tmp_path: Path) -> None:
    """A resumed run restores its disk from the computer archive plus deltas: described files come back whole, and
    the end-state archive is the same as the uninterrupted run's."""
    from synthcomp_agents.simulation import CheckpointStore

    rng = random.Random(9)
    noise = noise_bytes(rng, 300_000)
    disk = VirtualDisk(user="ana")
    disk.write_bytes("Downloads/setup.exe", describe_bytes(b"MZ" + noise, noise))
    disk.write_text("notes.md", "# Notes")
    base = tmp_path / "computer.scdisk"
    disk.to_archive(base)
    live = VirtualDisk.from_archive(base)
    store = CheckpointStore(tmp_path / "checkpoints", base)
    store.bind_disk(live)
    live.copy("Downloads/setup.exe", "Desktop/setup copy.exe")
    live.write_text("notes.md", "# Notes\n- install")
    store.write("seg-0000", {"day": 1}, live)
    restored = store.restore_disk("seg-0000")
    assert restored.read_bytes("Desktop/setup copy.exe") == restored.read_bytes("Downloads/setup.exe") == b"MZ" + noise
    live.to_archive(tmp_path / "a.scdisk")
    restored.to_archive(tmp_path / "b.scdisk")
    assert (tmp_path / "a.scdisk").read_bytes() == (tmp_path / "b.scdisk").read_bytes()
    assert (tmp_path / "a.scdisk").stat().st_size < 100_000


def test_described_content_for_direct_archive_readers(tmp_path: Path) -> None:
    from synthcomp_agents.disk import described_content

    noise = noise_bytes(random.Random(4), 80_000)
    disk = VirtualDisk(user="ana")
    disk.write_bytes("Music/a.mp3", describe_bytes(b"ID3" + noise, noise))
    disk.to_archive(tmp_path / "d.scdisk")
    sha = disk.snapshot()["Music/a.mp3"]
    with zipfile.ZipFile(tmp_path / "d.scdisk") as z:
        manifest = json.loads(z.read("manifest.json"))
        assert z.read("home/Music/a.mp3") == b""
    assert described_content(manifest, sha) == b"ID3" + noise
