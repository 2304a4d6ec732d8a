"""Honest work passes: every deliverable of the honest-work corpus gets the verdict it deserves from every check, and
no anti-gaming detector fires on any of them (the corpus guards the checks and the detectors against false alarms)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.signals import GroundingSources, check_deliverable, grounding_check
from synthcomp_agents.signals._gaming import (
    Comparison,
    SourceValue,
    deliverable_evidence,
    detect_gaming,
    labelled_values,
)


def _load() -> ModuleType:
    path = Path(__file__).parent / "fixtures" / "honest_corpus" / "corpus.py"
    spec = importlib.util.spec_from_file_location("honest_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["honest_corpus"] = module
    spec.loader.exec_module(module)
    return module


CORPUS = _load()
CASES = {case.name: case for case in CORPUS.CASES}


@pytest.fixture(scope="module")
def disk() -> VirtualDisk:
    built: VirtualDisk = CORPUS.build_disk()
    return built


@pytest.fixture(scope="module")
def sources(disk: VirtualDisk) -> GroundingSources:
    return GroundingSources(disk)  # read once for every case, as the scorer does for a plan


@pytest.fixture(scope="module")
def labelled(disk: VirtualDisk) -> Callable[[str], tuple[list[SourceValue], list[Comparison]]]:
    cache: dict[str, tuple[list[SourceValue], list[Comparison]]] = {}

    def read(path: str) -> tuple[list[SourceValue], list[Comparison]]:
        if path not in cache:
            cache[path] = (
                labelled_values(path.rsplit("/", 1)[-1], disk.read_bytes(path)) if disk.is_file(path) else ([], [])
            )
        return cache[path]

    return read


def test_the_corpus_is_large_and_varied() -> None:
    kinds = {case.kind for case in CASES.values()}
    assert len(CASES) >= 40 and {"docx", "md", "xlsx", "pptx", "csv"} <= kinds
    texts = {CORPUS.render(case) for case in CASES.values()}
    assert len(texts) == len(CASES)  # no two deliverables are the same file


def _params() -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=CORPUS.XFAIL[name]))
        if name in CORPUS.XFAIL
        else name
        for name in sorted(CASES)
    ]


@pytest.mark.parametrize("name", _params())
def test_every_check_gives_the_expected_verdict(disk: VirtualDisk, sources: GroundingSources, name: str) -> None:
    case = CASES[name]
    deliverable = case.deliverable()
    audit = check_deliverable(disk, deliverable)
    grounding = grounding_check(disk, deliverable, sources)
    got: dict[str, bool] = {}
    details: dict[str, str] = {}
    for result in [*audit.checks, grounding]:
        seen = sum(k.split("#")[0] == result.check_type for k in got)
        key = result.check_type if not seen else f"{result.check_type}#{seen}"
        got[key], details[key] = result.passed, result.detail
    wrong = {k: details.get(k, "missing") for k, v in case.verdicts().items() if got.get(k) != v}
    assert not wrong, f"{name}: {wrong}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_gaming_detector_fires_on_honest_work(
    disk: VirtualDisk, labelled: Callable[[str], tuple[list[SourceValue], list[Comparison]]], name: str
) -> None:
    item = deliverable_evidence(disk, CASES[name].deliverable(), _sources=labelled)
    assert item is not None
    report = detect_gaming([item])
    assert report.findings == [], report.summary()
    assert report.penalty == 0.0


def test_the_fixture_has_teeth(disk: VirtualDisk) -> None:
    """The same checks fail a deliverable that lacks the substance (so a pass above means something)."""
    case = CASES["status_report_00"]
    hollow = case.deliverable().model_copy(update={"path": f"{CORPUS.OUT}/hollow.md", "kind": "md"})
    disk.write_text(
        hollow.path, "# Status\n\n## Summary\n\nAll on track.\n\n## Key figures\n\nTBC.\n\n## Next steps\n\nTBC.\n"
    )
    failed = {r.check_type for r in check_deliverable(disk, hollow).checks if not r.passed}
    assert {"quotes_value", "states_fact", "min_words", "mentions"} <= failed
