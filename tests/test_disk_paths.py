"""Path resolution, rejection classes and sandbox properties (Hypothesis) of VirtualDisk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthcomp_agents.disk import DiskError, DiskPathError, DiskQuotas, VirtualDisk


@pytest.mark.parametrize(
    ("flavor", "given_path", "canonical"),
    [
        ("linux", "/home/ana/Documents/x.txt", "Documents/x.txt"),
        ("linux", "/home/ana", ""),
        ("linux", "/home/ana/", ""),
        ("linux", "~", ""),
        ("linux", "~/Documents/x.txt", "Documents/x.txt"),
        ("linux", "~\\Documents\\x.txt", "Documents/x.txt"),
        ("linux", "Documents/x.txt", "Documents/x.txt"),
        ("linux", "./Documents/./x.txt", "Documents/x.txt"),
        ("linux", "Documents//x.txt/", "Documents/x.txt"),
        ("linux", "Documents\\x.txt", "Documents/x.txt"),
        ("linux", "  Documents/x.txt ", "Documents/x.txt"),
        ("linux", "", ""),
        ("linux", ".", ""),
        ("linux", "./~$report.docx", "~$report.docx"),
        ("linux", "Documents/~draft/~", "Documents/~draft/~"),
        ("linux", "~$report.docx", "~$report.docx"),
        ("macos", "/Users/ana/Documents/x.txt", "Documents/x.txt"),
        ("macos", "/users/ANA/Documents/x.txt", "Documents/x.txt"),
        ("windows", "C:\\Users\\ana\\Documents\\x.txt", "Documents/x.txt"),
        ("windows", "c:/users/Ana/Documents/x.txt", "Documents/x.txt"),
        ("windows", "C:\\Users\\ana", ""),
        ("windows", "~\\Documents\\x.txt", "Documents/x.txt"),
        ("linux", "Café/naïve.txt", "Café/naïve.txt"),
        ("linux", "Cafe\u0301/x", "Café/x"),  # NFD -> NFC
        ("linux", "résumé 2026 (final).docx", "résumé 2026 (final).docx"),
        ("linux", ".hidden/.config", ".hidden/.config"),
    ],
)
def test_accepted_forms(flavor: str, given_path: str, canonical: str) -> None:
    disk = VirtualDisk(user="ana", os=flavor)  # type: ignore[arg-type]
    assert disk.resolve(given_path) == canonical


@pytest.mark.parametrize(
    ("flavor", "bad", "fragment"),
    [
        ("linux", "../etc/passwd", "'..'"),
        ("linux", "Documents/../../x", "'..'"),
        ("linux", "/home/ana/../bob/x", "'..'"),
        ("linux", "/etc/passwd", "outside the home folder /home/ana"),
        ("linux", "/home", "outside the home folder"),
        ("linux", "/home/bob/x.txt", "another user's home"),
        ("linux", "~bob/x.txt", "another user's home"),
        ("linux", "./~bob/x.txt", "reads as a home folder"),
        ("linux", "~/~/x", "reads as a home folder"),
        ("linux", "/Users/ana/x", "outside the home folder"),
        ("linux", "C:\\Users\\ana\\x", "outside the home folder"),
        ("linux", "//server/share/x", "outside the home folder"),
        ("macos", "/Users/bob/x", "another user's home"),
        ("macos", "/home/ana/x", "outside the home folder"),
        ("windows", "C:\\Users\\bob\\x", "another user's home"),
        ("windows", "D:\\Users\\ana\\x", "outside the home folder"),
        ("windows", "/Users/ana/x", "outside the home folder"),
        ("windows", "\\\\server\\share\\x", "outside the home folder"),
        ("linux", "a\x00b", "NUL"),
        ("linux", "a\nb", "control character U+000A"),
        ("linux", "a\x1bb", "control character"),
        ("linux", "a\x7fb", "control character"),
        ("linux", "a\u2028b", "control character"),
        ("linux", "evil\u202etxt.exe", "invisible formatting character U+202E"),
        ("linux", "zero\u200bwidth", "U+200B"),
        ("linux", "\ufeffbom.txt", "U+FEFF"),
        ("linux", "a\u2215b", "lookalike slash U+2215"),
        ("linux", "a\u2044b", "lookalike slash"),
        ("linux", "a\uff0fb", "lookalike slash"),
        ("linux", "a\u29f8b", "lookalike slash"),
        ("linux", "a\uff3cb", "lookalike slash"),
        ("linux", "CON", "reserved device name"),
        ("linux", "Documents/con.txt", "reserved device name"),
        ("linux", "lpt9.tar.gz", "reserved device name"),
        ("linux", "Com1", "reserved device name"),
        ("macos", "nul", "reserved device name"),
        ("linux", "aux .txt", "reserved device name"),
        ("linux", "a<b", "not allowed"),
        ("linux", "a>b", "not allowed"),
        ("linux", "a:b", "not allowed"),
        ("linux", 'a"b', "not allowed"),
        ("linux", "a|b", "not allowed"),
        ("linux", "a?b", "not allowed"),
        ("linux", "a*b", "not allowed"),
        ("linux", "name.", "ends with a dot or a space"),
        ("linux", "Docs /x", "ends with a dot or a space"),
        ("linux", "...", "ends with a dot"),
        ("linux", ".synthcomp/state.json", "reserved for the disk's own metadata"),
        ("linux", "Documents/.SynthComp", "reserved"),
        ("linux", "x" * 256, "limit is 255"),
        ("linux", "é" * 200, "bytes long in UTF-8"),
        ("linux", "/".join(["abcdefghij"] * 40), "limit is 400"),
        ("linux", "a\ud800b", "surrogate"),
    ],
)
def test_rejections(flavor: str, bad: str, fragment: str) -> None:
    disk = VirtualDisk(user="ana", os=flavor)  # type: ignore[arg-type]
    with pytest.raises(DiskPathError) as exc:
        disk.resolve(bad)
    message = str(exc.value)
    assert fragment in message
    assert "\x00" not in message and "\n" not in message
    with pytest.raises(DiskPathError):
        disk.write_bytes(bad, b"x")


def test_rejection_messages_say_what_to_do() -> None:
    disk = VirtualDisk(user="ana", os="windows")
    with pytest.raises(DiskPathError, match=r"use a path like ~/Documents/file.txt, Documents/file.txt or C:\\"):
        disk.resolve("/etc/passwd")
    with pytest.raises(DiskPathError, match="another user's home folder; this computer's home is /home/ana"):
        VirtualDisk(user="ana").resolve("~bob")
    with pytest.raises(DiskPathError):
        disk.resolve(123)  # type: ignore[arg-type]


def test_invalid_user_and_os() -> None:
    for user in ("", "a/b", "..", "CON", "Users", "x" * 80, "a b"):
        with pytest.raises(DiskPathError):
            VirtualDisk(user=user)
    with pytest.raises(DiskPathError, match="linux, macos, windows"):
        VirtualDisk(os="beos")  # type: ignore[arg-type]


def test_quotas_limits_apply_to_names() -> None:
    disk = VirtualDisk(quotas=DiskQuotas(max_name_chars=5, max_path_chars=9))
    assert disk.resolve("abcde/abc") == "abcde/abc"
    with pytest.raises(DiskPathError):
        disk.resolve("abcdef")
    with pytest.raises(DiskPathError):
        disk.resolve("abcde/abcd")


# -- property tests: arbitrary text never escapes the home ------------------------------------------

_ALPHABET = st.one_of(
    st.sampled_from([*"/\\.~:*?<>|\"' \x00\n\t$-_aA9", "..", "~/", "C:", "/home/", "/Users/", "\u202e", "\u2215"]),
    st.characters(codec="utf-8"),
)
_PATHS = st.lists(_ALPHABET, max_size=24).map("".join) | st.text(max_size=40)
_FLAVORS = st.sampled_from(["linux", "macos", "windows"])


def _inside(canonical: str) -> bool:
    parts = canonical.split("/") if canonical else []
    return all(p not in ("", ".", "..") and "\\" not in p and "\x00" not in p for p in parts)


@settings(max_examples=300, deadline=None)
@given(path=_PATHS, flavor=_FLAVORS)
def test_resolve_never_escapes(path: str, flavor: str) -> None:
    disk = VirtualDisk(user="ana", os=flavor)  # type: ignore[arg-type]
    try:
        canonical = disk.resolve(path)
    except DiskPathError:
        return
    assert _inside(canonical)
    assert disk.resolve(canonical) == canonical  # canonical form is a fixed point
    assert disk.resolve(disk.display(canonical)) == canonical  # display form round-trips


@settings(max_examples=150, deadline=None)
@given(path=_PATHS)
def test_memory_write_read_never_escapes(path: str) -> None:
    disk = VirtualDisk(user="ana")
    try:
        info = disk.write_bytes(path, b"data")
    except DiskPathError:
        return
    except DiskError as exc:  # e.g. writing to the home itself
        assert "home folder" in str(exc)
        return
    assert _inside(info.path) and info.path
    assert disk.read_bytes(path) == b"data"
    assert [i.path for i in disk.walk() if not i.is_dir] == [info.path]


def _host_tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=_PATHS)
def test_folder_write_never_escapes(tmp_path: Path, path: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "keep.txt").write_text("keep")
    before = _host_tree(tmp_path)
    root = tmp_path / "root"
    disk = VirtualDisk(user="ana", root=root)
    try:
        try:
            info = disk.write_bytes(path, b"data")
        except DiskPathError:
            info = None
        except DiskError as exc:
            assert "home folder" in str(exc)
            info = None
        after = {p for p in _host_tree(tmp_path) if not p.startswith("root")}
        assert after == {p for p in before if not p.startswith("root")}
        assert (outside / "keep.txt").read_text() == "keep"
        if info is not None:
            host = (root / info.path).resolve()
            assert host.is_relative_to(root.resolve()) and host.read_bytes() == b"data"
            assert disk.read_bytes(path) == b"data"
    finally:
        disk.close()
        import shutil

        shutil.rmtree(root)


def test_no_os_separator_surprises(tmp_path: Path) -> None:
    disk = VirtualDisk(root=tmp_path / "r")
    disk.write_text("a\\b\\c.txt", "x")  # backslash is a separator on every flavor
    assert (tmp_path / "r" / "a" / "b" / "c.txt").read_text() == "x"
    assert os.listdir(tmp_path / "r") == sorted(os.listdir(tmp_path / "r"))
    disk.close()
