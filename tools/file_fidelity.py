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

- persona fit: working personas with a private-life kind as a project document, retirees/homemakers/students with a
  job-search project, US personas with hectares, profile in another country than the fixture's ``country_code``;
- life-stage contradictions: a retiree with a current job, a student supervising someone, a career that starts
  before the persona is 16 or after a ``born_before`` persona turned 60 (a WWII veteran with a 2015 career).

Usage: python tools/file_fidelity.py [--every 4] [--seed 7] [--baseline REV] [--workers 2]

Generation runs in subprocesses on the code of the tree it measures (this tree, or ``git archive REV``), split over
``--workers`` processes per side; a worker keeps nothing but the blueprint and the bytes of the text kinds (docx,
xlsx, pptx, pdf, md, txt, csv, eml, ics) in one pickle per computer, so nothing is saved or archived. The measures
are always this tree's (:func:`synthcomp_agents.computers._fidelity.core_fit` and ``persona_fidelity``), so both
sides are read the same way. Prints JSON: a summary per side and the personas that fail.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
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


_TEXT_EXTS = (".docx", ".xlsx", ".pptx", ".pdf", ".md", ".txt", ".csv", ".eml", ".ics")


def generate(out: Path, every: int, seed: int, part: int = 0, parts: int = 1) -> None:
    """Worker: generate the sample's computers (every ``parts``-th from ``part``) with the code on ``sys.path`` and
    keep their blueprint and text files in ``out/NNN.pkl``."""
    sys.path.insert(0, os.environ.get("BENCH_ROOT", str(ROOT)))
    from synthcomp_agents.computers import ProceduralComputerGenerator

    out.mkdir(parents=True, exist_ok=True)
    gen = ProceduralComputerGenerator()
    for i, row in enumerate(_rows(every)):
        if i % parts != part:
            continue
        c = gen.generate(str(row["text"]), seed=seed)
        files = {
            f.path: c.disk.read_bytes(f.path)
            for f in c.blueprint.file_list
            if f.path.lower().endswith(_TEXT_EXTS) and f.target_size <= 4 * 2**20
        }
        tmp = out / f"{i:03d}.part"
        tmp.write_bytes(pickle.dumps({"blueprint": c.blueprint.to_json(indent=None), "files": files}))
        tmp.rename(out / f"{i:03d}.pkl")  # a reader never sees half a pickle
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


def measure(folder: Path, every: int, only: set[int] | None = None) -> dict[str, Any]:
    """Measure the kept computers with this tree's code (``only``: those indices)."""
    sys.path.insert(0, str(ROOT))
    from synthcomp_agents.computers import ComputerBlueprint
    from synthcomp_agents.computers._fidelity import core_fit, persona_fidelity
    from synthcomp_agents.computers._generator import resolve_persona

    per: list[dict[str, Any]] = []
    patterns: list[set[str]] = []
    for i, row in enumerate(_rows(every)):
        if only is not None and i not in only:
            continue
        kept = pickle.loads((folder / f"{i:03d}.pkl").read_bytes())
        bp = ComputerBlueprint.from_json(kept["blueprint"])
        read = kept["files"].__getitem__
        persona = resolve_persona(str(row["text"]))
        fid = persona_fidelity(bp, read, persona=persona)
        fit = core_fit(bp, read, persona=persona)
        patterns.append(_patterns(bp, read))
        per.append(
            {
                "text": row["text"],
                "profile_share": fid.profile_share,
                "files_share": fid.files_share,
                **fit.to_json(),
                **_picks(row, persona, bp, kept["files"]),
            }
        )
    shared = [len(a & b) / max(1, min(len(a), len(b))) for a, b in itertools.pairwise(patterns) if a and b]
    non_office = [r for r in per if r["non_office"]]
    shares = [r["files_share"] for r in per if r["files_share"] is not None]
    projects = sum(r["projects"] for r in per)
    no_office_projects = sum(r["projects"] for r in non_office)
    kinds = sorted({k for r in per for k in r["document_kinds"]})
    profile = [r["profile_share"] for r in per if r["profile_share"] is not None]
    return {
        "summary": {
            "personas": len(per),
            "key_words_in_profile_mean": round(statistics.mean(profile), 3) if profile else None,
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
            **{key: sum(bool(r[key]) for r in per) for key in _PICKS},
        },
        **{key: [{"text": r["text"], "got": r[key]} for r in per if r[key]][:8] for key in _PICKS},
        "misfits": [{"text": r["text"], "slots": r["misfit_slots"][:3]} for r in non_office if r["misfit_slots"]][:12],
        "template_only": [
            {"text": r["text"], "projects": r["template_only"]} for r in non_office if r["template_only"]
        ][:8],
        "lowest_key_words": sorted(
            ({"text": r["text"], "files_share": r["files_share"]} for r in per), key=lambda r: r["files_share"] or 0
        )[:6],
    }


_PICKS = (
    "working_private_kinds",
    "non_working_job_search",
    "us_hectares",
    "other_country",
    "retiree_current_job",
    "student_supervising",
    "career_out_of_era",
)
_SUPERVISE = re.compile(r"\b(?:supervis\w*|line manag\w*|direct reports?|my team of)\b", re.I)


def _picks(row: dict[str, Any], p: Any, bp: Any, files: dict[str, bytes]) -> dict[str, Any]:
    """Persona-fit picks and life-stage contradictions of one computer (each a short reason, or "" when fine)."""
    from synthcomp_agents.computers.archetypes import ARCHETYPES, WORKING_STAGES, interest_in
    from synthcomp_agents.office import extract_text
    from synthcomp_agents.personas import country_name

    out = dict.fromkeys(_PICKS, "")
    prof = bp.user_profile
    stage = {"small_business_owner": "business_owner"}.get(p.life_stage, p.life_stage)
    if stage in WORKING_STAGES:
        kinds = {f.archetype for f in bp.file_list if f.project_id and f.archetype in set(ARCHETYPES)}
        own = " ".join([p.role or "", p.occupation or "", *p.interests, *p.key_nouns, p.text])
        bad = sorted(
            a
            for a in kinds
            if ARCHETYPES[a].personal
            and p.family not in ARCHETYPES[a].families
            and not any(interest_in(w, own) for w in ARCHETYPES[a].interests)
        )
        out["working_private_kinds"] = ", ".join(bad)
    names = " ".join(x.name for x in bp.project_index.projects)
    if (
        p.life_stage in ("retiree", "homemaker", "student")
        and re.search(r"\bjobs?\b(?! from)", names, re.I)
        and "part-time" not in names.casefold()
    ):
        out["non_working_job_search"] = names
    code = row.get("country_code") or p.country_code
    want = country_name(code) if code else ""
    if want and not prof.location.endswith(want):
        out["other_country"] = f"{prof.location} (want {want})"
    if code == "US":
        for path, data in files.items():
            if path.endswith((".xlsx", ".docx", ".csv", ".pdf")) and any(
                f.path == path and f.project_id for f in bp.file_list
            ):
                try:
                    text = extract_text(path, data)
                except Exception:
                    continue
                if re.search(r"hectare|\(ha\)|t/ha|per ha\b", text, re.I):
                    out["us_hectares"] = path
                    break
    current = [c for c in prof.career_history if c.end_year is None]
    if (row.get("life_stage") or p.life_stage) == "retiree" and current:
        out["retiree_current_job"] = f"{current[0].role} at {current[0].employer} since {current[0].start_year}"
    if (row.get("life_stage") or p.life_stage) == "student":
        own_text = " ".join([prof.role, *prof.skills, prof.working_style, names])
        hit = _SUPERVISE.search(own_text)
        if hit:
            out["student_supervising"] = hit.group(0)
    born = p.birth_year or (p.birth_year_range[1] if p.birth_year_range else None)
    before = row.get("born_before")
    for c in prof.career_history:
        if born and c.start_year < born + 16:
            out["career_out_of_era"] = f"{c.role} from {c.start_year} (born {born})"
        elif before and c.start_year > before + 60:
            out["career_out_of_era"] = f"{c.role} from {c.start_year} (born before {before})"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="every k-th persona of the fixture (1: all 234)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--baseline", default="", help="git revision generated and measured in the same run")
    parser.add_argument("--keep", default="", help="folder for the pickles; a side already there is not regenerated")
    parser.add_argument("--measure-only", action="store_true", help="measure the pickles both sides have in --keep")
    parser.add_argument("--workers", type=int, default=1, help="generation processes per side")
    parser.add_argument("--generate", default="", help=argparse.SUPPRESS)
    parser.add_argument("--part", default="0/1", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        part, parts = (int(x) for x in args.part.split("/"))
        generate(Path(args.generate), args.every, args.seed, part, parts)
        return

    def run(root: Path, out: Path) -> list[subprocess.Popen[bytes]]:
        env = {**os.environ, "BENCH_ROOT": str(root), "PYTHONPATH": str(root)}
        cmd = [sys.executable, __file__, "--generate", str(out), "--every", str(args.every), "--seed", str(args.seed)]
        n = max(1, args.workers)
        return [subprocess.Popen([*cmd, "--part", f"{k}/{n}"], env=env, cwd=root) for k in range(n)]

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.keep or tmp)
        want = len(_rows(args.every))

        def ready(name: str) -> bool:
            return (base / name).is_dir() and len(list((base / name).glob("*.pkl"))) == want

        if args.measure_only:
            sides = ["current", "baseline"] if args.baseline else ["current"]
            have = [{int(f.stem) for f in (base / name).glob("*.pkl")} for name in sides]
            both = set.intersection(*have)
            out = {name: measure(base / name, args.every, both) for name in sides}
            print(json.dumps(out, indent=1, ensure_ascii=False))
            return
        jobs = [] if ready("current") else [("current", run(ROOT, base / "current"))]
        if args.baseline and not ready("baseline"):
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", args.baseline], capture_output=True, check=True
            )
            (base / "src").mkdir(parents=True, exist_ok=True)
            subprocess.run(["tar", "-x", "-C", str(base / "src")], input=archive.stdout, check=True)
            jobs.append(("baseline", run(base / "src", base / "baseline")))
        for name, procs in jobs:
            if any(job.wait() != 0 for job in procs):
                raise SystemExit(f"{name}: generation failed")
        sides = ["current", "baseline"] if args.baseline else ["current"]
        out = {name: measure(base / name, args.every) for name in sides}
    if args.baseline:
        out["baseline"]["rev"] = args.baseline
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
