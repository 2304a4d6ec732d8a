"""Persona fidelity over the hand-read fixture: generate each persona's computer and report, as JSON, which of its
key words reach the profile and the files, how many document archetypes it holds, and any contradiction.

Usage: python tools/persona_files.py [--limit N] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N personas (0: all)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from synthcomp_agents.computers import ProceduralComputerGenerator
    from synthcomp_agents.computers._fidelity import persona_fidelity

    rows = yaml.safe_load((ROOT / "tests" / "fixtures" / "personas_varied.yaml").read_text(encoding="utf-8"))
    rows = rows[: args.limit] if args.limit else rows
    gen = ProceduralComputerGenerator()
    out = []
    for row in rows:
        c = gen.generate(str(row["text"]), seed=args.seed)
        fid = persona_fidelity(c.blueprint, c.disk.read_bytes, persona=c.persona)
        profile = c.blueprint.user_profile
        problems = []
        if c.persona.life_stage == "retiree" and any(e.end_year is None for e in profile.career_history):
            problems.append("retiree with a current job")
        if c.persona.life_stage == "student" and profile.career_history:
            problems.append("student with a career")
        if c.persona.birth_year and any(e.start_year < c.persona.birth_year + 16 for e in profile.career_history):
            problems.append("career before 16")
        out.append({"text": row["text"], **fid.to_json(), "contradictions": problems})
        c.disk.close()
    files = [r["files_share"] for r in out if r["files_share"] is not None]
    prof = [r["profile_share"] for r in out if r["profile_share"] is not None]
    summary = {
        "personas": len(out),
        "files_share_mean": round(statistics.mean(files), 3),
        "files_share_at_least_0.8": round(sum(s >= 0.8 for s in files) / len(files), 3),
        "profile_share_mean": round(statistics.mean(prof), 3),
        "document_archetypes_min": min(r["document_archetypes"] for r in out),
        "document_archetypes_median": statistics.median(r["document_archetypes"] for r in out),
        "with_contradictions": sum(1 for r in out if r["contradictions"]),
        "lowest": sorted(
            ({"text": r["text"], "files_share": r["files_share"]} for r in out), key=lambda r: r["files_share"] or 0
        )[:8],
    }
    print(json.dumps({"summary": summary, "personas": out}, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
