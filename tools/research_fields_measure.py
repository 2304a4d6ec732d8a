"""Research and environmental personas: which field-specific terms and units reach their research documents, and how
many docx sentence patterns two different fields' research documents share.

For each persona below a computer is generated (seed 7) with the code of ``--root`` (default: this tree) in a
subprocess; its research documents (the archetypes a researcher writes: lab notebook, peer review, thesis chapter,
grant proposal, literature matrix, talk, and the environmental monitoring chain) are read back as text.

- terms: the field's own words and units (``FIELD_TERMS``) found in those documents, out of the list;
- shared: for each pair of personas of different fields, the share of the smaller one's docx sentence patterns
  (numbers and capitalised words masked, as ``tools/file_fidelity.py``) the other also has (mean, max).

Usage: python tools/research_fields_measure.py [--root DIR] [--out FILE.json]
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

PERSONAS: list[tuple[str, str]] = [
    ("environment", "An environmental scientist monitoring river pollution in Yorkshire"),
    ("environment", "An environmental consultant in Ohio who does site assessments"),
    ("environment", "A water quality scientist in Bristol"),
    ("environment", "A hydrologist in Colorado"),
    ("marine", "A marine biologist in Hawaii"),
    ("chemistry", "A PhD student in organic chemistry in Munich"),
    ("history", "A historian of medieval France"),
    ("computing", "A machine learning researcher in Toronto"),
    ("molecular", "A molecular biologist studying cancer cells in Boston"),
    ("physics", "A physicist working on quantum optics in Delft"),
    ("social", "A sociologist studying housing inequality in Chicago"),
    ("ecology", "An ecologist studying pollinators in Kent"),
    ("molecular", "A postdoc in neuroscience in London"),
    ("social", "A professor of economics in Milan"),
    ("molecular", "A biochemist at a university in Melbourne"),
    ("social", "A psychology researcher in Amsterdam"),
    ("computing", "A computer science PhD student in Edinburgh"),
    ("physics", "An astrophysicist in Cambridge"),
    ("history", "A historian researching the British Empire at Oxford"),
    ("plants", "A botanist studying alpine plants in Switzerland"),
]

FIELD_TERMS: dict[str, list[str]] = {
    "environment": [
        "mg/L",
        "NTU",
        "cfu/100 mL",
        "µS/cm",
        "dissolved oxygen",
        "nitrate",
        "limit of detection",
        "chain of custody",
        "UKAS",
        "EQS",
        "NPDES",
        "Environment Agency",
        "grid ref",
        "exceed",
    ],
    "marine": ["transect", "quadrat", "coral", "salinity", "PSU", "CTD", "depth (m)", "dive", "reef", "bleaching"],
    "chemistry": ["NMR", "mmol", "equiv", "yield", "TLC", "column chromatography", "DCM", "reflux", "HRMS", "Rf"],
    "history": [
        "archive",
        "folio",
        "manuscript",
        "charter",
        "catalogue",
        "shelfmark",
        "fol.",
        "palaeograph",
        "primary source",
        "series",
    ],
    "computing": [
        "GPU",
        "learning rate",
        "batch size",
        "epochs",
        "accuracy",
        "seed",
        "baseline",
        "ablation",
        "dataset",
        "F1",
    ],
    "molecular": [
        "µL",
        "PCR",
        "primer",
        "qPCR",
        "Western blot",
        "antibody",
        "cell line",
        "centrifug",
        "ng/µL",
        "passage",
    ],
    "physics": ["laser", "nm", "detector", "vacuum", "calibration", "photon", "mbar", "uncertainty", "K)", "fit"],
    "social": [
        "response rate",
        "respondents",
        "survey",
        "interview",
        "regression",
        "sample",
        "weighted",
        "coding",
        "consent",
        "Likert",
    ],
    "plants": ["cover", "plot", "species", "alpine", "resurvey", "elevation", "Carex", "graz", "trait", "vegetation"],
    "ecology": [
        "transect",
        "quadrat",
        "plot",
        "species",
        "abundance",
        "pollinator",
        "visits",
        "survey",
        "site",
        "richness",
    ],
}

_RESEARCH_KINDS = {
    "lab_notebook", "peer_review_report", "thesis_chapter", "grant_proposal", "literature_matrix", "research_talk",
    "lab_report", "field_sampling_log", "lab_certificate", "monitoring_report", "site_screening_note",
}  # fmt: skip
_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(r"\d[\d,.:/%-]*")
_NAME = re.compile(r"\b[A-Z][\w'’-]*")


def generate(out: Path) -> None:
    """Worker: generate every persona's computer with the code on ``sys.path``; keep the research documents' text."""
    sys.path.insert(0, os.environ.get("BENCH_ROOT", str(ROOT)))
    from synthcomp_agents.computers import ProceduralComputerGenerator
    from synthcomp_agents.office import extract_text

    gen = ProceduralComputerGenerator()
    for i, (_field, text) in enumerate(PERSONAS):
        c = gen.generate(text, seed=7)
        docs: dict[str, tuple[str, str]] = {}
        for f in c.blueprint.file_list:
            if f.archetype in _RESEARCH_KINDS and f.path.endswith((".docx", ".xlsx", ".pptx", ".md", ".csv")):
                docs[f.path] = (f.archetype, extract_text(f.path, c.disk.read_bytes(f.path)))
        (out / f"{i:02d}.pkl").write_bytes(pickle.dumps(docs))
        c.disk.close()


def _patterns(docs: dict[str, tuple[str, str]]) -> set[str]:
    out: set[str] = set()
    for path, (_kind, text) in docs.items():
        if path.endswith(".docx"):
            for sentence in _SPLIT.split(text):
                if sum(w.isalpha() and w.islower() for w in sentence.split()) >= 5:
                    out.add(" ".join(_NAME.sub("N", _NUMBER.sub("0", sentence)).split()))
    return out


def measure(folder: Path) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    pats: list[set[str]] = []
    for i, (field, text) in enumerate(PERSONAS):
        docs: dict[str, tuple[str, str]] = pickle.loads((folder / f"{i:02d}.pkl").read_bytes())
        body = "\n".join(t for _k, t in docs.values())
        terms = FIELD_TERMS[field]
        found = [t for t in terms if t.casefold() in body.casefold()]
        pats.append(_patterns(docs))
        rows.append({"persona": text, "field": field, "docs": sorted({k for k, _t in docs.values()}),
                     "terms": f"{len(found)}/{len(terms)}", "found": found})  # fmt: skip
    shared = [
        len(pats[a] & pats[b]) / max(1, min(len(pats[a]), len(pats[b])))
        for a, b in itertools.combinations(range(len(PERSONAS)), 2)
        if PERSONAS[a][0] != PERSONAS[b][0] and pats[a] and pats[b]
    ]
    hits = [int(r["terms"].split("/")[0]) for r in rows]
    return {
        "mean_terms_found": round(statistics.mean(hits), 2),
        "shared_patterns_mean": round(statistics.mean(shared), 3) if shared else None,
        "shared_patterns_max": round(max(shared), 3) if shared else None,
        "personas": rows,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=str(ROOT))
    ap.add_argument("--work", default="")
    ap.add_argument("--worker", action="store_true")
    args = ap.parse_args()
    if args.worker:
        generate(Path(args.work))
        return
    import tempfile

    work = Path(args.work or tempfile.mkdtemp(prefix="research_fields_"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "BENCH_ROOT": args.root, "PYTHONPATH": args.root}
    subprocess.run([sys.executable, __file__, "--worker", "--work", str(work)], check=True, env=env)
    print(json.dumps(measure(work), indent=1))


if __name__ == "__main__":
    main()
