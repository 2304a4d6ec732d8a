"""Count trade-fit defects (issue 11) over 13 personas at seed 7: other trades' jobs and plant in a roofer's files,
office stock on a farm, an item twice in a price list, shift staffing blamed on a farm, office kinds for a teacher.

Usage: ``PYTHONPATH=$PWD python tools/measure_trade_fit.py``
"""

from __future__ import annotations

import re

from synthcomp_agents.computers import ProceduralComputerGenerator
from synthcomp_agents.office import extract_text

PERSONAS = [
    "A roofer in Leeds", "A roofer in Ohio who runs a two-man crew", "A self-employed roofer in Dublin",
    "A cattle farmer in Kentucky", "A beef cattle farmer in Wales", "A dairy farmer in Normandy",
    "A sheep farmer in New Zealand", "A farmer in Kentucky who grows corn and soybeans",
    "A secondary school English teacher in Manchester", "A primary school teacher in Lyon",
    "A maths teacher in Texas", "An electrician in Bristol", "A plumber in Chicago",
]  # fmt: skip
PLANT = re.compile(r"Passenger lift|AHU-01|Server room CRAC|Grain dryer|Fire alarm panel|Conveyor line")
OTHER_JOBS = re.compile(r"Kitchen rewiring|bathroom refit|Loft conversion", re.I)
OFFICE_STOCK = re.compile(r"Copy paper|Flour, 16|Printer toner|Paper cups|Coffee beans")
OFFICE_KINDS = re.compile(r"Interview scoresheet|Status report|Standard operating procedure|Supplier comparison", re.I)
_LABELS = ("each", "Unit", "Price", "Service or product")


def main() -> None:
    """Print each count (files with the defect) over all personas."""
    counts = dict.fromkeys(("roofer_plant", "roofer_other_jobs", "farm_office_stock", "price_dupes",
                            "farm_shift_staffing", "teacher_office_kinds"), 0)  # fmt: skip
    gen = ProceduralComputerGenerator()
    for persona in PERSONAS:
        c = gen.generate(persona, seed=7)
        roofer, farmer, teacher = ("roofer" in persona, "farmer" in persona, "teacher" in persona)
        for f in c.blueprint.file_list:
            if f.kind not in ("docx", "xlsx", "pdf", "csv", "md", "txt"):
                continue
            path, body = f.path, extract_text(f.path, c.disk.read_bytes(f.path))
            counts["roofer_plant"] += roofer and "Maintenance log" in path and bool(PLANT.search(body))
            counts["roofer_other_jobs"] += roofer and bool(OTHER_JOBS.search(path))
            counts["farm_office_stock"] += farmer and "Stock count" in path and bool(OFFICE_STOCK.search(body))
            counts["farm_shift_staffing"] += farmer and "Incident report" in path and "planned level" in body
            counts["teacher_office_kinds"] += teacher and "Downloads" not in path and bool(OFFICE_KINDS.search(path))
            if "price list" in path:
                items = body.split("Prices\n", 1)[-1].split("All prices")[0].split("Prices include")[0]
                names = [x for x in items.split("\n") if x and not re.search(r"\d", x) and x not in _LABELS]
                counts["price_dupes"] += len(names) != len(set(names))
    print(counts)


if __name__ == "__main__":
    main()
