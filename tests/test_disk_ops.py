"""Behaviour suite of VirtualDisk, run identically on the memory and the folder backend."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from synthcomp_agents.disk import (
    DiskError,
    DiskExistsError,
    DiskNotFoundError,
    DiskPathError,
    DiskQuotaError,
    DiskQuotas,
    DiskTypeError,
    VirtualDisk,
)

T0 = datetime(2026, 3, 2, 8, 30, tzinfo=timezone.utc)


class Clock:
    """Injected simulated clock."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: int = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["memory", "folder"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make(backend: str, tmp_path: Path, clock: Clock) -> Iterator[object]:
    disks: list[VirtualDisk] = []

    def factory(**kwargs: object) -> VirtualDisk:
        root = tmp_path / f"root{len(disks)}" if backend == "folder" else None
        kwargs.setdefault("clock", clock)
        disk = VirtualDisk(root=root, **kwargs)  # type: ignore[arg-type]
        disks.append(disk)
        return disk

    yield factory
    for d in disks:
        d.close()


@pytest.fixture
def disk(make: object) -> VirtualDisk:
    return make(user="ana")  # type: ignore[operator, no-any-return]


def test_write_read_stat_metadata(disk: VirtualDisk, clock: Clock) -> None:
    info = disk.write_text("Documents/Q3/report.md", "# Q3", actor="ana")
    assert info.path == "Documents/Q3/report.md"
    assert info.display_path == "/home/ana/Documents/Q3/report.md"
    assert info.name == "report.md" and not info.is_dir and info.size == 4
    assert info.created == info.modified == T0 and info.author == "ana"
    assert info.sha256 == hashlib.sha256(b"# Q3").hexdigest()
    assert disk.read_text("~/Documents/Q3/report.md") == "# Q3"
    assert disk.read_bytes("/home/ana/Documents/Q3/report.md") == b"# Q3"
    assert disk.is_dir("Documents/Q3") and disk.is_file("Documents/Q3/report.md") and disk.exists("Documents")
    assert not disk.exists("Documents/other.md") and disk.is_dir("") and not disk.is_file("")
    folder = disk.stat("Documents")
    assert folder.is_dir and folder.size == 0 and folder.sha256 is None and folder.author == "ana"
    home = disk.stat("~")
    assert home.path == "" and home.name == "" and home.display_path == "/home/ana"

    clock.advance(60)
    again = disk.write_text("Documents/Q3/report.md", "# Q3 v2")
    assert again.created == T0 and again.modified == T0 + timedelta(minutes=60)
    assert again.author == "user"  # default_actor
    past = datetime(2025, 12, 1, 10, 0)  # naive -> UTC
    third = disk.write_bytes("Documents/x.bin", b"\x00\x01", created=past, modified=past, author="Bob")
    assert third.created == third.modified == past.replace(tzinfo=timezone.utc) and third.author == "Bob"
    disk.set_times("Documents/x.bin", modified=datetime(2026, 1, 1, 12, tzinfo=timezone(timedelta(hours=2))))
    assert disk.stat("Documents/x.bin").modified == datetime(2026, 1, 1, 10, tzinfo=timezone.utc)
    disk.set_author("Documents/x.bin", None)
    assert disk.stat("Documents/x.bin").author is None
    assert disk.usage() == (2, 2, len(b"# Q3 v2") + 2)


def test_read_text_undecodable_and_type_errors(disk: VirtualDisk) -> None:
    disk.write_bytes("a.bin", b"\xff\xfe\x00garbage")
    with pytest.raises(DiskError, match="read_bytes"):
        disk.read_text("a.bin")
    disk.mkdir("Folder")
    with pytest.raises(DiskTypeError, match="is a folder"):
        disk.read_bytes("Folder")
    with pytest.raises(DiskTypeError, match="is a folder"):
        disk.write_text("Folder", "x")
    with pytest.raises(DiskTypeError, match="is a file"):
        disk.write_text("a.bin/child.txt", "x")
    with pytest.raises(DiskTypeError, match="is a file"):
        disk.list("a.bin")
    with pytest.raises(DiskTypeError):
        disk.write_bytes("b.bin", "text")  # type: ignore[arg-type]
    with pytest.raises(DiskTypeError, match="home folder"):
        disk.write_text("~", "x")


def test_not_found_message_lists_parent_and_suggests(disk: VirtualDisk) -> None:
    for name in ("plan_v2.docx", "budget.xlsx"):
        disk.write_bytes(f"Documents/{name}", b"x")
    with pytest.raises(DiskNotFoundError) as exc:
        disk.stat("~/Documents/plan.docx")
    message = str(exc.value)
    assert "/home/ana/Documents/plan.docx" in message and "budget.xlsx" in message
    assert "Did you mean '/home/ana/Documents/plan_v2.docx'" in message and "list_directory" in message
    with pytest.raises(DiskNotFoundError, match="nearest existing folder '/home/ana' contains: Documents/"):
        disk.read_bytes("Nope/deeper/x.txt")
    for i in range(30):
        disk.write_bytes(f"Many/f{i:02d}.txt", b"")
    with pytest.raises(DiskNotFoundError, match=r"\(10 more\)"):
        disk.stat("Many/zzz.txt")


def test_list_walk_glob(disk: VirtualDisk) -> None:
    disk.write_bytes("b.txt", b"1")
    disk.write_bytes("a.txt", b"1")
    disk.write_bytes("Zeta/z.docx", b"1")
    disk.write_bytes("Alpha/Deep/er/x.docx", b"1")
    disk.mkdir("Alpha/Empty")
    assert [i.name for i in disk.list()] == ["Alpha", "Zeta", "a.txt", "b.txt"]
    assert [i.path for i in disk.walk()] == [
        "Alpha",
        "Alpha/Deep",
        "Alpha/Deep/er",
        "Alpha/Deep/er/x.docx",
        "Alpha/Empty",
        "Zeta",
        "Zeta/z.docx",
        "a.txt",
        "b.txt",
    ]
    assert [i.path for i in disk.walk("Alpha/Deep")] == ["Alpha/Deep/er", "Alpha/Deep/er/x.docx"]
    assert disk.glob("*.txt") == ["a.txt", "b.txt"]
    assert disk.glob("**/*.docx") == ["Alpha/Deep/er/x.docx", "Zeta/z.docx"]
    assert disk.glob("Alpha/**") == ["Alpha/Deep", "Alpha/Deep/er", "Alpha/Deep/er/x.docx", "Alpha/Empty"]
    assert disk.glob("~/[ab].txt") == ["a.txt", "b.txt"]
    assert disk.glob("[!a].txt") == ["b.txt"]
    assert disk.glob("?eta/*") == ["Zeta/z.docx"]
    assert disk.glob("Alpha/**/x.docx") == ["Alpha/Deep/er/x.docx"]
    assert disk.glob("/home/ana/Zeta/*.docx") == ["Zeta/z.docx"]
    with pytest.raises(DiskPathError):
        disk.glob("../*")
    with pytest.raises(DiskPathError):
        disk.glob("/etc/*")


def test_overwrite_rules(disk: VirtualDisk) -> None:
    disk.write_text("a.txt", "one")
    with pytest.raises(DiskExistsError, match="overwrite=True"):
        disk.write_text("a.txt", "two", overwrite=False)
    assert disk.read_text("a.txt") == "one"
    disk.write_text("b.txt", "bee")
    with pytest.raises(DiskExistsError, match=r"a \(2\)\.txt|b \(2\)\.txt"):
        disk.move("a.txt", "b.txt")
    with pytest.raises(DiskExistsError):
        disk.copy("a.txt", "b.txt")
    disk.copy("a.txt", "b.txt", overwrite=True)
    assert disk.read_text("b.txt") == "one"
    disk.write_text("c.txt", "sea")
    disk.move("c.txt", "b.txt", overwrite=True)
    assert disk.read_text("b.txt") == "sea" and not disk.exists("c.txt")
    disk.mkdir("F/G")
    disk.mkdir("H/G")
    with pytest.raises(DiskExistsError, match="never merged"):
        disk.move("H/G", "F", overwrite=True)
    with pytest.raises(DiskExistsError, match="never merged"):
        disk.move("F", "b.txt", overwrite=True)
    with pytest.raises(DiskExistsError):
        disk.mkdir("a.txt")
    with pytest.raises(DiskExistsError, match="exist_ok"):
        disk.mkdir("F", exist_ok=False)
    assert disk.mkdir("F").is_dir
    assert disk.usage() == (2, 4, 6)


def test_move_and_copy(disk: VirtualDisk, clock: Clock) -> None:
    disk.write_text("Drafts/plan.md", "plan", actor="ana")
    disk.write_text("Drafts/sub/notes.txt", "notes")
    disk.mkdir("Archive")
    clock.advance()
    moved = disk.move("Drafts/plan.md", "Archive")  # into an existing folder
    assert moved.path == "Archive/plan.md" and moved.modified == T0 and moved.author == "ana"
    renamed = disk.move("Archive/plan.md", "Archive/2026/plan-final.md")  # parents created
    assert renamed.path == "Archive/2026/plan-final.md"
    assert disk.move("Archive/2026/plan-final.md", "Archive/2026/plan-final.md").path == renamed.path
    copied = disk.copy("Drafts", "Backup/Drafts-copy")
    assert copied.is_dir
    assert disk.read_text("Backup/Drafts-copy/sub/notes.txt") == "notes"
    assert disk.stat("Backup/Drafts-copy/sub/notes.txt").created == clock.now
    assert disk.stat("Backup/Drafts-copy/sub/notes.txt").modified == T0
    into = disk.copy("Drafts", "Backup")  # into existing folder
    assert into.path == "Backup/Drafts"
    with pytest.raises(DiskPathError, match="into itself"):
        disk.move("Backup", "Backup/inner")
    with pytest.raises(DiskPathError, match="into itself"):
        disk.copy("Backup", "Backup/inner/x")
    with pytest.raises(DiskExistsError, match="onto itself"):
        disk.copy("Drafts/sub/notes.txt", "Drafts/sub/notes.txt")
    with pytest.raises(DiskPathError, match="home folder"):
        disk.move("~", "Elsewhere")
    folder_move = disk.move("Backup", "Old/Backup")
    assert folder_move.path == "Old/Backup"
    assert disk.read_text("Old/Backup/Drafts/sub/notes.txt") == "notes"
    assert not disk.exists("Backup")
    files, _folders, size = disk.usage()
    assert (files, size) == (4, 4 + 5 * 3)
    ops = [(e.op, e.path, e.dest) for e in disk.journal() if e.op in ("move", "copy")]
    assert ops == [
        ("move", "Drafts/plan.md", "Archive/plan.md"),
        ("move", "Archive/plan.md", "Archive/2026/plan-final.md"),
        ("copy", "Drafts", "Backup/Drafts-copy"),
        ("copy", "Drafts", "Backup/Drafts"),
        ("move", "Backup", "Old/Backup"),
    ]


def test_journal_entries(disk: VirtualDisk, clock: Clock) -> None:
    disk.write_text("Docs/a.txt", "a", actor="ana")
    clock.advance()
    disk.mkdir("Docs/Sub", actor="bob")
    disk.mkdir("Docs/Sub")  # exists: not journaled
    disk.copy("Docs/a.txt", "Docs/b.txt")
    disk.move("Docs/b.txt", "Docs/Sub")
    entry = disk.delete("Docs/Sub", actor="ana")
    disk.restore(entry.trash_id, actor="ana")
    disk.set_times("Docs/a.txt", modified=T0)  # not journaled
    journal = disk.journal()
    assert [e.seq for e in journal] == list(range(1, 8))
    assert [(e.op, e.actor) for e in journal] == [
        ("mkdir", "ana"),
        ("write", "ana"),
        ("mkdir", "bob"),
        ("copy", "user"),
        ("move", "user"),
        ("delete", "ana"),
        ("restore", "ana"),
    ]
    write = journal[1]
    assert write.path == "Docs/a.txt" and write.size == 1 and write.sha256 == hashlib.sha256(b"a").hexdigest()
    assert write.time == T0 and journal[2].time == T0 + timedelta(minutes=1)
    assert journal[5].size == 1 and journal[6].dest == "Docs/Sub"
    assert disk.journal(since_seq=5) == journal[5:]
    assert all(e.time.tzinfo is timezone.utc for e in journal)


def test_trash_and_restore(disk: VirtualDisk, clock: Clock) -> None:
    disk.write_text("Docs/a.txt", "alpha", author="ana")
    disk.write_text("Docs/Sub/b.txt", "beta")
    clock.advance()
    file_entry = disk.delete("Docs/a.txt", actor="ana")
    assert (file_entry.trash_id, file_entry.original_path, file_entry.is_dir, file_entry.size) == (
        "t0001",
        "Docs/a.txt",
        False,
        5,
    )
    assert file_entry.deleted_at == clock.now and file_entry.actor == "ana"
    folder_entry = disk.delete("Docs/Sub")
    assert folder_entry.trash_id == "t0002" and folder_entry.is_dir and folder_entry.size == 4
    assert disk.usage() == (0, 1, 0) and disk.trash_bytes == 9
    assert [e.trash_id for e in disk.trash()] == ["t0001", "t0002"]
    restored = disk.restore("Docs/a.txt")  # by original path
    assert restored.path == "Docs/a.txt" and restored.author == "ana" and restored.created == T0
    assert disk.read_text("Docs/a.txt") == "alpha"
    # name clash on restore
    disk.write_text("Docs/Sub/b.txt", "new beta")
    with pytest.raises(DiskExistsError, match=r"dest='/home/ana/Docs/Sub \(2\)'"):
        disk.restore("t0002")
    into = disk.restore("t0002", dest="Restored/Here")
    assert into.path == "Restored/Here" and disk.read_text("Restored/Here/b.txt") == "beta"
    assert disk.trash() == []
    # restore into an existing folder, parents recreated, newest of same path wins
    disk.write_text("x.txt", "v1")
    disk.delete("x.txt")
    disk.write_text("x.txt", "v2")
    disk.delete("x.txt")
    assert disk.restore("x.txt").path == "x.txt" and disk.read_text("x.txt") == "v2"
    disk.delete("Restored")
    assert disk.restore("Restored").path == "Restored"
    assert disk.read_text("Restored/Here/b.txt") == "beta"
    disk.delete("x.txt")
    assert disk.restore("t0003", dest="Docs").path == "Docs/x.txt"
    assert disk.read_text("Docs/x.txt") == "v1"
    with pytest.raises(DiskNotFoundError, match=r"The trash holds: t0006 \(/home/ana/x.txt\)"):
        disk.restore("t0003")
    disk.delete("Docs")
    with pytest.raises(DiskNotFoundError, match=r"t0007 \(/home/ana/Docs\)"):
        disk.restore("nothing.txt")
    with pytest.raises(DiskPathError, match="home folder"):
        disk.delete("~")
    assert disk.empty_trash() == 2 and disk.trash() == [] and disk.trash_bytes == 0
    with pytest.raises(DiskNotFoundError, match="trash is empty"):
        disk.restore("t0007")
    assert disk.delete("Restored").trash_id == "t0008"


def test_quotas(make: object) -> None:
    quotas = DiskQuotas(max_file_bytes=10, max_total_bytes=25, max_files=3)
    disk: VirtualDisk = make(quotas=quotas)  # type: ignore[operator]
    with pytest.raises(DiskQuotaError, match="per-file limit of 10"):
        disk.write_bytes("big.bin", b"x" * 11)
    disk.write_bytes("a.bin", b"x" * 10)
    disk.write_bytes("b.bin", b"x" * 10)
    with pytest.raises(DiskQuotaError, match="limit is 25"):
        disk.write_bytes("c.bin", b"x" * 6)
    disk.write_bytes("c.bin", b"x" * 5)
    with pytest.raises(DiskQuotaError, match="limit is 3"):
        disk.write_bytes("d.bin", b"")
    disk.write_bytes("c.bin", b"x")  # overwrite never counts as a new file
    with pytest.raises(DiskQuotaError):
        disk.copy("a.bin", "e.bin")
    disk.delete("a.bin")  # trash still holds the bytes
    with pytest.raises(DiskQuotaError, match="trash"):
        disk.write_bytes("d.bin", b"x" * 10)
    disk.empty_trash()
    disk.write_bytes("d.bin", b"x" * 10)
    assert disk.usage() == (3, 0, 21)
    names = DiskQuotas(max_name_chars=8, max_path_chars=12)
    small: VirtualDisk = make(quotas=names)  # type: ignore[operator]
    with pytest.raises(DiskPathError, match="limit is 8"):
        small.write_bytes("123456789", b"")
    with pytest.raises(DiskPathError, match="limit is 12"):
        small.write_bytes("1234567/1234567", b"")
    small.write_bytes("abc/defg/x", b"")
    with pytest.raises(DiskPathError, match="'/home/user/abcdefgh/defg/x' of 15 characters; the limit is 12"):
        small.move("abc", "abcdefgh")  # the new name is fine, the path of its descendant is not


def test_clock_swap_and_invalid_clock(make: object) -> None:
    disk: VirtualDisk = make()  # type: ignore[operator]
    disk.clock = lambda: datetime(2026, 5, 1, 12, 0)
    assert disk.write_text("a.txt", "x").modified == datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)
    disk.clock = lambda: "noon"  # type: ignore[assignment, return-value]
    with pytest.raises(DiskError, match="not a datetime"):
        disk.write_text("b.txt", "x")


def test_default_clock_is_fixed(backend: str, tmp_path: Path) -> None:
    disk = VirtualDisk(root=tmp_path / "r" if backend == "folder" else None)
    assert disk.write_text("a.txt", "x").modified == datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    disk.close()


def test_display_paths_per_os(make: object) -> None:
    cases = {
        "linux": ("/home/ana", "/home/ana/Documents/Q3/x.docx"),
        "macos": ("/Users/ana", "/Users/ana/Documents/Q3/x.docx"),
        "windows": ("C:\\Users\\ana", "C:\\Users\\ana\\Documents\\Q3\\x.docx"),
    }
    for flavor, (home, shown) in cases.items():
        disk: VirtualDisk = make(user="ana", os=flavor)  # type: ignore[operator]
        assert disk.home == home and disk.display("Documents/Q3/x.docx") == shown
        info = disk.write_bytes(shown, b"1")
        assert info.path == "Documents/Q3/x.docx" and info.display_path == shown
        assert disk.stat("").display_path == home
        with pytest.raises(DiskNotFoundError, match=shown.replace("\\", "\\\\").replace("x.docx", "y.docx")):
            disk.stat("Documents/Q3/y.docx")


def test_determinism_same_ops_same_metadata(make: object, clock: Clock) -> None:
    def run() -> tuple[object, ...]:
        c = Clock()
        d: VirtualDisk = make(user="ana", clock=c)  # type: ignore[operator]
        d.write_text("A/a.txt", "a")
        c.advance()
        d.copy("A", "B")
        t = d.delete("A")
        d.restore(t.trash_id, dest="C")
        d.delete("B/a.txt")
        return (d.journal(), d.trash(), [d.stat(i.path) for i in d.walk()], d.snapshot())

    assert run() == run()


def test_actor_validation(disk: VirtualDisk) -> None:
    with pytest.raises(DiskError, match="actor"):
        disk.write_text("a.txt", "x", actor="")
