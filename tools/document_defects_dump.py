"""Dump, per persona, each project's measure, documents and their text (build_core only).

Usage: PYTHONPATH=$PWD python tools/document_defects_dump.py OUT.json SEED
"""

import io
import json
import sys
from pathlib import Path

import openpyxl

from synthcomp_agents.computers._generator import resolve_persona
from synthcomp_agents.computers.generation import plan_context
from synthcomp_agents.computers.generation.core_project import build_core
from synthcomp_agents.office import extract_text

PERSONAS = [
    "A Kentucky beef cattle farmer",
    "A hospital pharmacist in Manchester",
    "A clinical trial manager at a CRO in Barcelona",
    "A secondary school history teacher in Madrid",
    "A hobbyist musician who plays guitar in a covers band at weekends",
    "A retired postman in Ohio who keeps the garden club's accounts",
    "A farmer in Kentucky who grows corn and soybeans",
    "A nurse on a cardiology ward in Leeds",
    "A heavy metal musician who loves boxing",
    "A postdoctoral researcher in marine biology in Bergen",
    "A procurement manager at a car parts maker in Stuttgart",
    "A chef who runs a small restaurant in Lyon",
    "A beekeeper in Vermont",
    "A plumber",
    "A Texan rancher",
    "A primary school teacher in Auckland, New Zealand",
    "A pastor",
    "A truck driver",
    "A software engineer in Berlin",
    "A dairy farmer in Wisconsin",
    "A retired nurse who volunteers at her church in Alabama",
    "A high school student",
    "A graphic designer in Taipei",
    "An electrician in Dublin",
]
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7
out = []
for persona in PERSONAS:
    ctx = plan_context(resolve_persona(persona), seed=seed)
    build_core(ctx)
    led = ctx.ledger
    rec = {"persona": persona, "family": ctx.persona.family, "projects": []}
    for plan in ctx.plans:
        if not plan.is_project:
            continue
        d = plan.domain
        docs = []
        for path in plan.documents:
            f = led.files[path]
            try:
                text = extract_text(path, f.data) if not path.endswith(".xlsx") else ""
                if path.endswith(".xlsx"):
                    wb = openpyxl.load_workbook(io.BytesIO(f.data))
                    text = "\n".join(
                        " | ".join(str(c) for c in r if c is not None)
                        for ws in wb
                        for r in ws.iter_rows(values_only=True)
                    )
            except Exception as e:
                text = f"ERR {e}"
            fx = led.facts.get(path, {})
            docs.append(
                {
                    "path": path,
                    "kind": f.archetype,
                    "quotes": bool(fx.get("quoted_figures")),
                    "created": f.created.isoformat(),
                    "text": text,
                }
            )
        books = [p for p, f in led.files.items() if f.project_id == plan.pid and f.archetype == "tracking_workbook"]
        rec["projects"].append(
            {
                "name": plan.name,
                "focus": plan.focus,
                "metric": d.metric,
                "money": d.money,
                "entity": d.entity_noun,
                "entities": d.entities,
                "kind_label": d.kind_label,
                "total_actual": led.facts[sorted(books)[-1]]["total_actual"] if books else None,
                "docs": docs,
            }
        )
    out.append(rec)
Path(sys.argv[1]).write_text(json.dumps(out, indent=1))
