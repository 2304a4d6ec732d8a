"""Count the defects of issue 11's brief in a dump.py output (24 personas, build_core only).

Usage: python tools/document_defects.py DUMP.json synthcomp_agents/computers/archetypes/data/quoting.yaml
"""

import json
import re
import sys
from pathlib import Path

import yaml

RATE = re.compile(
    r"%|\brate\b|ratio|margin|share|score|index|\bper\b|average|\bmean\b|incidence|latency|\bscale\b|"
    r"revpar|variance|velocity|yield|size\b|balance|outstanding|backlog|stored|\bopen\b|to date|(?<!spend )\bwith\b|"
    r"head of|deadlines|inventory|subscribers|pension income",
    re.I,
)
FITS = yaml.safe_load(Path(sys.argv[2]).read_text())["fits"]  # the subject table, applied to before and after alike


def fits(kind, metric, money):
    st = FITS.get(kind)
    if st is None:
        return True
    ws = re.findall(r"[a-z0-9]+", metric.lower())
    return any((s == "$money" and money) or any(w.startswith(s) for w in ws) for s in st)


def subject_ok(kind, name):
    st = [s for s in FITS.get(kind, []) if s != "$money"]
    if not st:
        return True
    ws = re.findall(r"[a-z0-9]+", name.lower())
    if any(
        w[:5] == k[:5]
        for k in kind.split("_")
        if k not in ("record", "report", "log", "plan", "list", "sheet", "notes")
        for w in ws
    ):
        return True
    return any(w.startswith(s) for s in st for w in ws)


data = json.loads(Path(sys.argv[1]).read_text())
c = dict(
    projects=0,
    no_doc=0,
    repeated_kind=0,
    quoting=0,
    misfit_quote=0,
    rate_or_stock_measure=0,
    event_count_total_over_200=0,
    inverted=0,
    incident_reports=0,
    night_incident=0,
    subject_kind_unrelated=0,
)
for r in data:
    seen = []
    for p in r["projects"]:
        c["projects"] += 1
        c["no_doc"] += not p["docs"]
        if RATE.search(p["metric"]):
            c["rate_or_stock_measure"] += 1
        if re.search(r"incident|error|fall|ulcer|injur", p["metric"]) and (p["total_actual"] or 0) > 200:
            c["event_count_total_over_200"] += 1
        for d in p["docs"]:
            seen.append(d["kind"])
            if not subject_ok(d["kind"], p["name"] + " " + p["focus"]):
                c["subject_kind_unrelated"] += 1
            if d["quotes"]:
                c["quoting"] += 1
                if not fits(d["kind"], p["metric"], p["money"]):
                    c["misfit_quote"] += 1
            if d["kind"] == "incident_report":
                c["incident_reports"] += 1
                if re.search(r"a handler kicked|press 2 found running|a phishing link clicked", d["text"]):
                    c["inverted"] += 1
                times = re.findall(r"\b([012]\d)[.:](\d\d)\b", d["text"])
                if any(int(h) >= 20 or int(h) < 6 for h, _ in times) and "night" not in d["text"]:
                    c["night_incident"] += 1
    c["repeated_kind"] += len(seen) - len(set(seen))
print(json.dumps(c))
