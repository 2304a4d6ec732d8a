"""Realism of generated computers: every gating band of REALISM.md holds for 20 computers of 20 families, and the
office artifacts of two computers open in LibreOffice (batched soffice conversions)."""

from __future__ import annotations

from pathlib import Path

import pytest
from generator_cache import twenty_computers
from lo_helpers import SKIP_REASON, convert_to_pdf, find_soffice

from synthcomp_agents.computers import GeneratedComputer, check_bands, tree_stats


@pytest.fixture(scope="module")
def computers() -> tuple[GeneratedComputer, ...]:
    return twenty_computers()


def test_every_band_holds_for_every_computer(computers: tuple[GeneratedComputer, ...]) -> None:
    failures = []
    measured = 0
    for c in computers:
        stats = tree_stats(c.disk)
        assert not stats.unreadable, stats.unreadable
        results = [r for r in check_bands(stats) if r.gating]
        measured = max(measured, len(results))
        failures += [
            f"{c.persona.family}: {r.metric} = {r.value:.3f} not in [{r.low}, {r.high}]" for r in results if not r.ok
        ]
    assert measured >= 17  # every tree-measured gating anchor had a value
    assert not failures, "\n".join(failures)


def test_folder_layout_follows_os_and_habits(computers: tuple[GeneratedComputer, ...]) -> None:
    for c in computers:
        policy = c.blueprint.filesystem_policy
        top = {fi.name for fi in c.disk.list("") if fi.is_dir}
        assert set(policy.home_layout) <= top
        for project in c.blueprint.project_index.projects:
            assert c.disk.is_dir(project.folder)
        assert c.disk.home.endswith(c.blueprint.user_profile.username)


@pytest.mark.libreoffice
def test_office_artifacts_open_in_libreoffice(computers: tuple[GeneratedComputer, ...], tmp_path: Path) -> None:
    if find_soffice() is None:
        pytest.skip(SKIP_REASON)
    for index, c in enumerate(computers[:2]):
        files: dict[str, bytes] = {}
        seen: set[str] = set()
        for fi in c.disk.walk():
            ext = fi.name.rsplit(".", 1)[-1].lower()
            if fi.is_dir or ext not in ("docx", "xlsx", "pptx") or fi.sha256 in seen:
                continue
            seen.add(fi.sha256 or "")
            files[f"{len(files):04d}.{ext}"] = c.disk.read_bytes(fi.path)
        assert len(files) >= 40
        result = convert_to_pdf(files, tmp_path / f"c{index}", timeout=600)
        assert not result.failures(), result.failures()[:10]
        assert len(result.outputs) == len(files)
