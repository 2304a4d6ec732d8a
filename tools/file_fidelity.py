"""File-level fidelity over the hand-read persona fixture, optionally against a baseline revision in the same run.

For each persona of ``tests/fixtures/personas_varied.yaml`` (all 234, or every k-th with ``--every k``) a computer is
generated and measured on its files:

- key words: which of the persona's key words reach any file (names or text), as ``tools/persona_files.py``;
- domain documents: projects with at least one document of their own kind (``Project.documents``; 0 before them);
- office template: for non-office personas (teachers, nurses, farmers, musicians, students, retirees...), projects
  whose files are only the generic variance pack (brief, workbook, report, deck, notes, register, README);
- slots that don't fit: office departments ("Sales", "Procurement", "Logistics"...) named as rows, meetings or teams
  in the project cores of a non-office persona (a "Sales" team in a hospital);
- diversity: share of docx/pptx sentence patterns (numbers and capitalised words masked, as
  ``tests/test_computer_diversity.py``) two computers of neighbouring personas have in common (median, max).

Usage: python tools/file_fidelity.py [--every 4] [--seed 7] [--baseline REV]

Generation runs in a subprocess on the code of the tree it measures (this tree, or ``git archive REV``); the measures
are always this tree's (:func:`synthcomp_agents.computers._fidelity.core_fit` and ``persona_fidelity``), so both
sides are read the same way. Prints JSON: a summary per side and the personas that fail.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "personas_varied.yaml"


def _rows(every: int) -> list[dict[str, Any]]:
    import yaml

    rows: list[dict[str, Any]] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    return rows[:: max(1, every)]


def generate(out: Path, every: int, seed: int) -> None:
    """Worker: generate the sample's computers with the code on ``sys.path`` and save them under ``out``."""
    sys.path.insert(0, os.environ.get("BENCH_ROOT", str(ROOT)))
    from synthcomp_agents.computers import ProceduralComputerGenerator

    gen = ProceduralComputerGenerator()
    for i, row in enumerate(_rows(every)):
        c = gen.generate(str(row["text"]), seed=seed)
        c.save(out / f"{i:03d}", materialize=False)
        c.disk.close()


_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(r"\d[\d,.:/%-]*")
_NAME = re.compile(r"\b[A-Z][\w'’-]*")


def _patterns(bp: Any, read: Any) -> set[str]:
    from synthcomp_agents.office import extract_text

    out: set[str] = set()
    for f in bp.file_list:
        if f.path.endswith((".docx", ".pptx")):
            for sentence in _SPLIT.split(extract_text(f.path, read(f.path))):
                if sum(w.isalpha() and w.islower() for w in sentence.split()) >= 5:
                    out.add(" ".join(_NAME.sub("N", _NUMBER.sub("0", sentence)).split()))
    return out


def measure(folder: Path, every: int) -> dict[str, Any]:
    """Measure the saved computers with this tree's code."""
    sys.path.insert(0, str(ROOT))
    from synthcomp_agents.computers import ComputerBlueprint
    from synthcomp_agents.computers._fidelity import core_fit, persona_fidelity
    from synthcomp_agents.computers._generator import resolve_persona
    from synthcomp_agents.disk import VirtualDisk

    per: list[dict[str, Any]] = []
    patterns: list[set[str]] = []
    for i, row in enumerate(_rows(every)):
        sub = folder / f"{i:03d}"
        bp = ComputerBlueprint.from_json((sub / "computer.json").read_text(encoding="utf-8"))
        disk = VirtualDisk.from_archive(sub / "computer.scdisk")
        persona = resolve_persona(str(row["text"]))
        fid = persona_fidelity(bp, disk.read_bytes, persona=persona)
        fit = core_fit(bp, disk.read_bytes, persona=persona)
        patterns.append(_patterns(bp, disk.read_bytes))
        disk.close()
        per.append({"text": row["text"], "files_share": fid.files_share, **fit.to_json()})
    shared = [len(a & b) / max(1, min(len(a), len(b))) for a, b in itertools.pairwise(patterns) if a and b]
    non_office = [r for r in per if r["non_office"]]
    shares = [r["files_share"] for r in per if r["files_share"] is not None]
    projects = sum(r["projects"] for r in per)
    no_office_projects = sum(r["projects"] for r in non_office)
    kinds = sorted({k for r in per for k in r["document_kinds"]})
    return {
        "summary": {
            "personas": len(per),
            "key_words_in_files_mean": round(statistics.mean(shares), 3) if shares else None,
            "key_words_in_files_at_least_0.8": round(sum(s >= 0.8 for s in shares) / len(shares), 3) if shares else 0,
            "projects": projects,
            "projects_with_domain_documents": round(sum(r["with_documents"] for r in per) / max(projects, 1), 3),
            "domain_document_kinds": len(kinds),
            "non_office_personas": len(non_office),
            "non_office_projects_template_only": round(
                sum(len(r["template_only"]) for r in non_office) / max(no_office_projects, 1), 3
            ),
            "non_office_computers_with_misfit_slots": sum(1 for r in non_office if r["misfit_slots"]),
            "shared_sentence_patterns_median": round(statistics.median(shared), 3) if shared else None,
            "shared_sentence_patterns_max": round(max(shared), 3) if shared else None,
        },
        "misfits": [{"text": r["text"], "slots": r["misfit_slots"][:3]} for r in non_office if r["misfit_slots"]][:12],
        "template_only": [
            {"text": r["text"], "projects": r["template_only"]} for r in non_office if r["template_only"]
        ][:8],
        "lowest_key_words": sorted(
            ({"text": r["text"], "files_share": r["files_share"]} for r in per), key=lambda r: r["files_share"] or 0
        )[:6],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="every k-th persona of the fixture (1: all 234)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline", default="", help="git revision generated and measured in the same run")
    parser.add_argument("--generate", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(Path(args.generate), args.every, args.seed)
        return

    def run(root: Path, out: Path) -> subprocess.Popen[bytes]:
        env = {**os.environ, "BENCH_ROOT": str(root), "PYTHONPATH": str(root)}
        cmd = [sys.executable, __file__, "--generate", str(out), "--every", str(args.every), "--seed", str(args.seed)]
        return subprocess.Popen(cmd, env=env, cwd=root)

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        jobs = [("current", run(ROOT, base / "current"))]
        if args.baseline:
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", args.baseline], capture_output=True, check=True
            )
            (base / "src").mkdir()
            subprocess.run(["tar", "-x", "-C", str(base / "src")], input=archive.stdout, check=True)
            jobs.append(("baseline", run(base / "src", base / "baseline")))
        for name, job in jobs:
            if job.wait() != 0:
                raise SystemExit(f"{name}: generation failed")
        out = {name: measure(base / name, args.every) for name, _ in jobs}
    if args.baseline:
        out["baseline"]["rev"] = args.baseline
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
