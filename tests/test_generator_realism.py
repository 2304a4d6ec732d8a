"""Realism of generated computers on genuine structure: the bands of REALISM.md over 20 computers of 20 families,
no generic folder chains, no mass copies, Downloads of outside material, habits that drive the tree; and the
office artifacts of two computers open in LibreOffice (batched soffice conversions)."""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest
from generator_cache import twenty_computers
from lo_helpers import SKIP_REASON, convert_to_pdf, find_soffice

from synthcomp_agents.computers import GeneratedComputer, check_bands, tree_stats

# Bands our homes of ~400 files honestly miss, with the limits they must stay within (see `synthcomp computer
# stats`): real collections reach 6-12 files per folder and 3.8-5 subfolders per parent, and a 5-13 KB median
# size, through very large folders of photos, downloads, code and tiny files that a few-hundred-file home lacks.
SMALL_TREE_LIMITS = {"files_per_folder": (3.0, 12.0), "branching_factor": (2.7, 5.0), "size_median_kb": (4.0, 25.0)}
_GENERIC = re.compile(r"^(old|review|final|signed|scanned|drafts|misc|sorted|new folder|untitled folder)$", re.I)


@pytest.fixture(scope="module")
def computers() -> tuple[GeneratedComputer, ...]:
    return twenty_computers()


def _user_files(c: GeneratedComputer) -> list[str]:
    return [
        f.path
        for f in c.blueprint.file_list
        if not f.path.startswith((".", "AppData/", "Library/")) and "/." not in f.path
    ]


def test_bands_hold_over_twenty_computers(computers: tuple[GeneratedComputer, ...]) -> None:
    values: dict[str, list[float]] = {}
    bands: dict[str, tuple[float, float]] = {}
    for c in computers:
        stats = tree_stats(c.disk)
        assert not stats.unreadable, stats.unreadable
        for r in check_bands(stats):
            if r.gating:
                values.setdefault(r.metric, []).append(r.value)
                bands[r.metric] = (r.low, r.high)
    assert len(values) >= 17  # every tree-measured gating anchor had a value
    failures = []
    for metric, vals in values.items():
        low, high = bands[metric]
        median = statistics.median(vals)
        if metric in SMALL_TREE_LIMITS:
            lo, hi = SMALL_TREE_LIMITS[metric]
            if not lo <= min(vals) <= max(vals) <= hi:
                failures.append(f"{metric}: {min(vals):.2f}-{max(vals):.2f} outside the small-tree limits [{lo}, {hi}]")
            continue
        inside = sum(low <= v <= high for v in vals) / len(vals)
        if not low <= median <= high or inside < 0.5:
            failures.append(f"{metric}: median {median:.3f}, {inside:.0%} of computers in [{low}, {high}]")
    assert not failures, "\n".join(failures)


def test_no_generic_chains_or_mass_copies(computers: tuple[GeneratedComputer, ...]) -> None:
    for c in computers:
        files = _user_files(c)
        for path in files:
            parts = path.split("/")[:-1]
            generic = [p for p in parts if _GENERIC.match(p)]
            assert len(generic) <= 1, path  # at most one "Old" or "New folder", never a chain
            assert len(parts) <= 8, path
            assert not re.search(r"\(\d+\) \(\d+\)|Copy of .*Copy of", path), path
        digests = Counter(hashlib.sha1(c.disk.read_bytes(p)).digest() for p in files)
        distinct = len(digests) / len(files)
        assert distinct >= 0.85, (c.persona.family, distinct)
        digests.pop(hashlib.sha1(b"").digest(), None)  # empty files are alike by nature
        assert max(digests.values()) <= 3, c.persona.family  # a file saved at most a couple of times


def test_downloads_hold_outside_material(computers: tuple[GeneratedComputer, ...]) -> None:
    for c in computers:
        own = {hashlib.sha1(c.disk.read_bytes(f.path)).digest() for f in c.blueprint.core_files()}
        downloads = [f.path for f in c.blueprint.file_list if f.path.startswith("Downloads/")]
        outside = [p for p in downloads if hashlib.sha1(c.disk.read_bytes(p)).digest() not in own]
        assert len(downloads) >= 8
        assert len(outside) / len(downloads) >= 0.6, c.persona.family
        if c.blueprint.user_profile.document_habits.tidiness == "tidy":
            assert not any(re.search(r" \(\d\)\.\w+$", p) for p in downloads), "tidy users rename downloads"


def test_folder_layout_follows_os_and_habits(computers: tuple[GeneratedComputer, ...]) -> None:
    for c in computers:
        policy = c.blueprint.filesystem_policy
        top = {fi.name for fi in c.disk.list("") if fi.is_dir}
        assert set(policy.home_layout) <= top
        for project in c.blueprint.project_index.projects:
            assert c.disk.is_dir(project.folder)
        assert c.disk.home.endswith(c.blueprint.user_profile.username)
        tidiness = c.blueprint.user_profile.document_habits.tidiness
        desktop = [fi for fi in c.disk.list("Desktop") if not fi.is_dir]
        limit = {"tidy": 8, "average": 20, "messy": 60}[tidiness]
        if c.blueprint.user_profile.os != "macos":  # macOS puts screenshots on the Desktop
            assert len(desktop) <= limit, (tidiness, len(desktop))
        # the policy's own folders exist: each convention's fixed prefix is a folder on the disk
        for convention in policy.folder_conventions:
            prefix = convention.split("<")[0].rstrip("/")
            assert c.disk.is_dir(prefix), (convention, prefix)
        if tidiness == "tidy":
            for project in c.blueprint.project_index.projects:
                if project.kind == "project":
                    assert c.disk.is_dir(f"{project.folder}/01 Admin"), project.folder


@pytest.mark.libreoffice
def test_office_artifacts_open_in_libreoffice(computers: tuple[GeneratedComputer, ...], tmp_path: Path) -> None:
    if find_soffice() is None:
        pytest.skip(SKIP_REASON)
    files: dict[str, bytes] = {}  # both computers' files in one soffice call (each start costs seconds)
    for index, c in enumerate(computers[:2]):
        seen: set[str] = set()
        count = 0
        for fi in c.disk.walk():
            ext = fi.name.rsplit(".", 1)[-1].lower()
            if fi.is_dir or ext not in ("docx", "xlsx", "pptx") or fi.sha256 in seen:
                continue
            seen.add(fi.sha256 or "")
            files[f"c{index}-{count:04d}.{ext}"] = c.disk.read_bytes(fi.path)
            count += 1
        assert count >= 40, c.computer_id
    result = convert_to_pdf(files, tmp_path, timeout=1200)
    assert not result.failures(), result.failures()[:10]
