"""Thread safety and latency of VirtualDisk on both backends."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from synthcomp_agents.disk import DiskNotFoundError, VirtualDisk


@pytest.fixture(params=["memory", "folder"])
def disk(request: pytest.FixtureRequest, tmp_path: Path) -> VirtualDisk:
    return VirtualDisk(root=tmp_path / "root" if request.param == "folder" else None)


def test_concurrent_writes_reads_are_consistent(disk: VirtualDisk, tmp_path: Path) -> None:
    threads, per_thread = 8, 200
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads)

    def worker(n: int) -> None:
        try:
            barrier.wait()
            for i in range(per_thread):
                path = f"T{n}/f{i % 50:02d}.txt"
                payload = f"{n}:{i}".encode()
                disk.write_bytes(path, payload, actor=f"agent{n}")
                assert disk.read_bytes(path) == payload  # only this thread writes under T{n}
                neighbour = f"T{(n + 1) % threads}/f00.txt"
                if disk.exists(neighbour):
                    disk.stat(neighbour)
                if i % 40 == 39:
                    disk.delete(f"T{n}/f{i % 50:02d}.txt", actor=f"agent{n}")
                disk.list("")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert not errors, errors
    files = [i for i in disk.walk() if not i.is_dir]
    assert disk.usage() == (len(files), threads, sum(i.size for i in files))
    journal = disk.journal()
    assert [e.seq for e in journal] == list(range(1, len(journal) + 1))
    writes = sum(1 for e in journal if e.op == "write")
    deletes = sum(1 for e in journal if e.op == "delete")
    assert writes == threads * per_thread and deletes == threads * (per_thread // 40)
    assert [t.trash_id for t in disk.trash()] == [f"t{i:04d}" for i in range(1, deletes + 1)]
    if disk.root is not None:
        expected = (disk.journal(), disk.usage(), [disk.stat(i.path) for i in disk.walk()])
        root = disk.root
        disk.close()
        reopened = VirtualDisk(root=root)
        assert (reopened.journal(), reopened.usage(), [reopened.stat(i.path) for i in reopened.walk()]) == expected
        reopened.close()


def test_overwrites_on_a_1000_file_disk(disk: VirtualDisk) -> None:
    """Overwriting on a populated disk keeps content, sizes and created times right (speed: tools/bench_tools.py)."""
    for i in range(1000):
        disk.write_bytes(f"Folder{i % 20:02d}/file{i:04d}.txt", b"x" * 2000)
    created = {i: disk.stat(f"Folder{i % 20:02d}/file{i:04d}.txt").created for i in range(300)}
    for i in range(300):
        disk.write_bytes(f"Folder{i % 20:02d}/file{i:04d}.txt", b"y" * (1000 + i))
    for i in range(300):
        info = disk.stat(f"Folder{i % 20:02d}/file{i:04d}.txt")
        assert info.size == 1000 + i and info.created == created[i]
        assert disk.read_bytes(info.path) == b"y" * (1000 + i)
    assert disk.usage()[0] == 1000
    with pytest.raises(DiskNotFoundError):
        disk.stat("Folder00/missing.txt")
    disk.close()
