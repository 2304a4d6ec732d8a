# ruff: noqa: E402
"""Usage: python tools/persona_fit_pairs.py ROOT BASE_DIR CURRENT_DIR

Measure the first K computers saved by two tools/file_fidelity.py generation runs (same fixture order, seed 7)
with one tree's code: file_fidelity's summary plus persona-fit picks (private-life kinds in working projects, job
search outside job seekers, hectares in US files, place that contradicts the persona's country)."""

import json
import re
import sys
from pathlib import Path

root = Path(sys.argv[1])
sys.path.insert(0, str(root))
import importlib.util

spec = importlib.util.spec_from_file_location("ff", root / "tools" / "file_fidelity.py")
ff = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ff)
from synthcomp_agents.computers import ComputerBlueprint
from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.computers.archetypes import ARCHETYPES, WORKING_STAGES, interest_in

IDS = set(ARCHETYPES)
from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.office import extract_text
from synthcomp_agents.personas import country_name

base, after = Path(sys.argv[2]), Path(sys.argv[3])


def done(folder):
    return {int(p.name) for p in folder.iterdir() if (p / "computer.scdisk").exists()}


k = min(max(done(base)), max(done(after)))  # the last one may be partial
rows = ff._rows(1)[:k]
ff._rows = lambda every: rows


def picks(folder):
    private = jobs = us = us_ha = place_bad = working = 0
    for i, row in enumerate(rows):
        sub = folder / f"{i:03d}"
        bp = ComputerBlueprint.from_json((sub / "computer.json").read_text(encoding="utf-8"))
        p = resolve_persona(str(row["text"]))
        stage = {"small_business_owner": "business_owner"}.get(p.life_stage, p.life_stage)
        if stage in WORKING_STAGES:
            working += 1
            kinds = {f.archetype for f in bp.file_list if f.project_id and f.archetype in IDS}
            own = " ".join([p.role or "", p.occupation or "", *p.interests, *p.key_nouns, p.text])
            bad = [
                a
                for a in kinds
                if ARCHETYPES[a].personal
                and p.family not in ARCHETYPES[a].families
                and not any(interest_in(w, own) for w in ARCHETYPES[a].interests)
            ]
            private += bool(bad)
        if p.life_stage != "job_seeker" and p.life_stage in ("retiree", "homemaker", "student"):
            names = " ".join(x.name for x in bp.project_index.projects).casefold()
            jobs += bool(re.search(r"\bjobs?\b(?! from)", names) and "part-time" not in names)
        if p.country_code:
            want = country_name(p.country_code) or p.country or ""
            loc = bp.user_profile.location
            place_bad += bool(want and not loc.endswith(want) and p.country not in loc)
        if p.country_code == "US":
            us += 1
            disk = VirtualDisk.from_archive(sub / "computer.scdisk")
            hit = False
            for f in bp.file_list:
                if f.path.endswith((".xlsx", ".docx", ".csv", ".pdf")) and f.project_id:
                    try:
                        t = extract_text(f.path, disk.read_bytes(f.path))
                    except Exception:
                        continue
                    if re.search(r"hectare|\(ha\)|t/ha|per ha\b", t, re.I):
                        hit = True
                        break
            disk.close()
            us_ha += hit
    return {
        "working_personas": working,
        "working_with_private_kinds_in_projects": private,
        "non_working_with_job_search_project": jobs,
        "place_contradicting_country": place_bad,
        "us_personas": us,
        "us_with_hectares_in_project_files": us_ha,
    }


out = {"personas_paired": k}
for name, folder in (("baseline", base), ("current", after)):
    out[name] = {**ff.measure(folder, 1)["summary"], **picks(folder)}
print(json.dumps(out, indent=1))
