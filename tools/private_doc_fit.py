"""Private-life projects' own documents against their project: flag a document whose kind is not one its kind of
private project keeps (donations for a reunion lunch, market sales for medical appointments) and one that cites a
date outside its project's timeline (an itinerary that is not the trip's dates, a record dated after its own save).

Usage: PYTHONPATH=. python tools/private_doc_fit.py [--limit N] [--seeds 0 3] [--json]
Personas: the private-life ones (student, retiree, home-maker, job-seeker) of tests/fixtures/personas_varied.yaml
and of the packaged pool (personas/pool.jsonl).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PRIVATE = ("retiree", "student", "homemaker", "job_seeker")
CHAIN = {"email", "plan_note", "tracking_workbook", "calendar_reminder"}
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_DMY = re.compile(r"\b(\d{1,2}) " + _MON + r",? (20\d\d)\b", re.I)
_MDY = re.compile(r"\b" + _MON + r" (\d{1,2}),? (20\d\d)\b", re.I)
_GENERIC = {"plan", "list", "notes", "sheet", "log", "record", "tracker", "overview", "budget", "chapter", "the"}


@dataclass
class Finding:
    """One flagged document."""

    persona: str
    seed: int
    project: str
    kind: str
    path: str
    archetype: str
    problem: str

    def to_json(self) -> dict[str, object]:
        return dict(self.__dict__)


def dates_in(text: str) -> list[date]:
    """Every full date the text states (ISO, "3 April 2025", "April 3, 2025")."""
    found = [(int(y), int(m), int(d)) for y, m, d in _ISO.findall(text)]
    found += [(int(y), _MONTHS.index(mon.casefold()) + 1, int(d)) for d, mon, y in _DMY.findall(text)]
    found += [(int(y), _MONTHS.index(mon.casefold()) + 1, int(d)) for mon, d, y in _MDY.findall(text)]
    out: list[date] = []
    for y, m, d in found:
        with contextlib.suppress(ValueError):
            out.append(date(y, m, d))
    return out


def _keeps() -> dict[str, list[object]]:
    path = ROOT / "synthcomp_agents" / "computers" / "archetypes" / "data" / "private_projects.yaml"
    return {k: list(v.get("documents") or ()) for k, v in yaml.safe_load(path.read_text("utf-8")).items()}


_KEEPS = _keeps()


def kept_documents(kind: str, words: str) -> set[str]:
    """The documents ``private_projects.yaml`` says a project of ``kind`` keeps, given its own words (an entry
    ``{id: [stems]}`` only when they name a stem). Read from the file, not the generator, so old code can be
    measured against it."""
    text, out = words.casefold(), set()
    for entry in _KEEPS[kind]:
        if isinstance(entry, dict):
            out |= {
                str(a) for a, stems in entry.items() if any(re.search(r"(?<!\w)" + re.escape(s), text) for s in stems)
            }
        else:
            out.add(str(entry))
    return out


def private_personas(limit: int) -> list[str]:
    """Private-life personas of the fixture, then the pool's."""
    rows = yaml.safe_load((ROOT / "tests" / "fixtures" / "personas_varied.yaml").read_text(encoding="utf-8"))
    out = [str(r["text"]) for r in rows if r.get("life_stage") in PRIVATE]
    pool = ROOT / "personas" / "pool.jsonl"
    if pool.exists():
        for line in pool.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("life_stage") in PRIVATE and str(row.get("persona", "")) not in out:
                out.append(str(row["persona"]))
    return out[:limit] if limit else out


def check(persona: str, seed: int) -> tuple[int, list[Finding]]:
    """(documents checked, findings) for one computer."""
    from synthcomp_agents.computers import ProceduralComputerGenerator
    from synthcomp_agents.computers.archetypes import ARCHETYPES
    from synthcomp_agents.computers.generation.core_private import private_kind
    from synthcomp_agents.computers.generation.quoting import is_planning
    from synthcomp_agents.office import extract_text

    c = ProceduralComputerGenerator().generate(persona, seed=seed)
    found: list[Finding] = []
    checked = 0
    try:
        for p in c.blueprint.project_index.projects:
            kind = private_kind(p.name, p.description)
            own = {w[:5] for w in re.findall(r"[a-z]{3,}", f"{p.name} {p.description}".casefold())} - _GENERIC
            for f in c.blueprint.file_list:
                if f.project_id != p.project_id or f.archetype in CHAIN or f.archetype not in set(ARCHETYPES.keys()):
                    continue
                checked += 1

                def flag(problem: str, path: str = f.path, arch: str = str(f.archetype)) -> None:
                    found.append(Finding(persona, seed, p.name, kind.id, path, arch, problem))  # noqa: B023

                fits = kept_documents(kind.id, f"{p.name} {p.description}")
                if fits and f.archetype not in fits:
                    flag(f"kind {f.archetype} is not one this {kind.id} project keeps")
                elif not fits and not _KEEPS[kind.id]:
                    label = {w[:5] for w in re.findall(r"[a-z]{3,}", ARCHETYPES[f.archetype].label.casefold())}
                    if not (label - _GENERIC) & own:
                        flag(f"{f.archetype} names nothing of the project")
                if p.kind != "project" or p.end_date is None:
                    continue
                text = extract_text(f.path, c.disk.read_bytes(f.path))
                saved = f.modified.date() if isinstance(f.modified, datetime) else f.modified
                start, end = p.start_date, p.end_date
                for d in sorted(set(dates_in(text))):
                    if f.archetype == "travel_itinerary" and not end - timedelta(days=21) <= d <= end:
                        flag(f"itinerary date {d} is not the trip's (it ends {end})")
                        break
                    if not start - timedelta(days=31) <= d <= end + timedelta(days=7):
                        flag(f"date {d} outside the project ({start} to {end})")
                        break
                    if d > saved + timedelta(days=1) and not is_planning(f.archetype):
                        flag(f"record dated {d}, after its save {saved}")
                        break
    finally:
        c.disk.close()
    return checked, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=10, help="first N private-life personas (0: all)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 3])
    parser.add_argument("--json", action="store_true", help="every finding as JSON")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    total, findings = 0, []
    for persona in private_personas(args.limit):
        for seed in args.seeds:
            n, f = check(persona, seed)
            total += n
            findings += f
    if args.json:
        print(json.dumps([f.to_json() for f in findings], indent=1, ensure_ascii=False))
    by_problem: dict[str, int] = {}
    for f in findings:
        key = "kind" if f.problem.startswith(("kind ", f"{f.archetype} names")) else "date"
        by_problem[key] = by_problem.get(key, 0) + 1
    print(json.dumps({"documents": total, "flagged": len(findings), **by_problem}))
    for f in findings[:40]:
        print(f"  {f.persona[:40]!r} s{f.seed} {f.project!r} [{f.kind}] {f.archetype}: {f.problem}")


if __name__ == "__main__":
    main()
