"""Benchmark the formula engines (ours, pycel, formulas) on realistic workbooks.

Builds workbooks with openpyxl (no cached values, like our writers), evaluates every formula cell with each engine,
compares against values computed in plain Python and prints JSON: correctness (cells right / total), wall time
(median of N runs, including workbook loading from bytes) and failures.

Engines: ``fast`` is :mod:`synthcomp_agents.office._formula_engine` behind ``evaluate_workbook`` (one lxml pass over
the sheets, each relative formula shape parsed once, pycel only for unsupported cells); ``pycel`` and ``formulas``
are the libraries on their own.

Usage:
    python tools/bench_formula_engines.py [--rows 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import statistics
import tempfile
import time
import warnings
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import openpyxl


def xround(x: float, n: int) -> float:
    """Excel ROUND: half away from zero on the decimal representation (Python's round() is half-to-even on binary)."""
    q = Decimal(1).scaleb(-n)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


REGIONS = ["North", "South", "East", "West", "Central"]
RATES = {"North": 0.05, "South": 0.07, "East": 0.06, "West": 0.08, "Central": 0.04}


def build_workbook(rows: int) -> tuple[bytes, dict[str, Any]]:
    """Return (xlsx bytes, expected values keyed 'Sheet!A1') for a 3-sheet workbook with `rows` data rows."""
    wb = openpyxl.Workbook()
    data = wb.active
    data.title = "Data"
    rates = wb.create_sheet("Rates")
    summary = wb.create_sheet("Summary")
    expected: dict[str, Any] = {}
    data.append(["ID", "Region", "Units", "Price", "Revenue", "Band", "Tax"])
    rates.append(["Region", "Rate"])
    for region, rate in RATES.items():
        rates.append([region, rate])
    for i in range(rows):
        r = i + 2
        region = REGIONS[i % len(REGIONS)]
        units = (i * 37) % 113 + 1
        price = round(3.5 + (i * 13 % 47) * 1.25, 2)
        data.append(
            [
                f"P{i:04d}",
                region,
                units,
                price,
                f"=ROUND(C{r}*D{r},2)",
                f'=IF(E{r}>1000,"High","Low")',
                f"=ROUND(E{r}*VLOOKUP(B{r},Rates!$A$2:$B$6,2,FALSE),2)",
            ]
        )
        revenue = xround(units * price, 2)
        expected[f"Data!E{r}"] = revenue
        expected[f"Data!F{r}"] = "High" if revenue > 1000 else "Low"
        expected[f"Data!G{r}"] = xround(revenue * RATES[region], 2)
    last = rows + 1
    revenues = [expected[f"Data!E{r}"] for r in range(2, last + 1)]
    taxes = [expected[f"Data!G{r}"] for r in range(2, last + 1)]
    summary.append(["Metric", "Value"])
    summary.append(["Total revenue", f"=SUM(Data!E2:E{last})"])
    summary.append(["Average revenue", f"=ROUND(AVERAGE(Data!E2:E{last}),2)"])
    summary.append(["Total tax", f"=SUM(Data!G2:G{last})"])
    summary.append(["Max units", f"=MAX(Data!C2:C{last})"])
    summary.append(["High count", f'=COUNTIF(Data!F2:F{last},"High")'])
    summary.append(["Net", "=B2-B4"])
    expected["Summary!B2"] = sum(revenues)
    expected["Summary!B3"] = xround(sum(revenues) / len(revenues), 2)
    expected["Summary!B4"] = sum(taxes)
    expected["Summary!B5"] = max((i * 37) % 113 + 1 for i in range(rows))
    expected["Summary!B6"] = sum(1 for v in revenues if v > 1000)
    expected["Summary!B7"] = expected["Summary!B2"] - expected["Summary!B4"]
    # one row per region with SUMIF and a share
    for k, region in enumerate(REGIONS):
        r = 9 + k
        summary.cell(row=r, column=1, value=region)
        summary.cell(row=r, column=2, value=f"=SUMIF(Data!B2:B{last},A{r},Data!E2:E{last})")
        summary.cell(row=r, column=3, value=f"=IF(B2=0,0,ROUND(B{r}/B2,4))")
        tot = sum(expected[f"Data!E{i + 2}"] for i in range(rows) if REGIONS[i % len(REGIONS)] == region)
        expected[f"Summary!B{r}"] = tot
        expected[f"Summary!C{r}"] = xround(tot / expected["Summary!B2"], 4)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), expected


def _close(a: Any, b: Any) -> bool:
    if isinstance(b, str) or isinstance(a, str):
        return str(a) == str(b)
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-6)
    except (TypeError, ValueError):
        return False


def run_pycel(data: bytes, keys: list[str]) -> dict[str, Any]:
    """Evaluate with pycel from an already-parsed openpyxl workbook."""
    from pycel import ExcelCompiler

    wb = openpyxl.load_workbook(io.BytesIO(data))
    comp = ExcelCompiler(excel=wb)
    return {k: comp.evaluate(k) for k in keys}


def run_fast(data: bytes, keys: list[str]) -> dict[str, Any]:
    """Evaluate with our engine (as the xlsx reader does: parse once, then evaluate every formula cell)."""
    from synthcomp_agents.office import evaluate_workbook

    values = evaluate_workbook(data)
    return {k: values[k.split("!")[0]].get(k.split("!")[1]) for k in keys}


def run_formulas(data: bytes, keys: list[str]) -> dict[str, Any]:
    """Evaluate with `formulas` (needs a file path)."""
    import formulas

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "book.xlsx")
        with open(path, "wb") as fh:
            fh.write(data)
        model = formulas.ExcelModel().loads(path).finish()
        sol = model.calculate()
    out: dict[str, Any] = {}
    index = {}
    for ref, val in sol.items():
        # refs look like "'[book.xlsx]DATA'!E2"
        ref_s = str(ref)
        if "]" not in ref_s:
            continue
        sheet, cell = ref_s.split("]", 1)[1].rsplit("!", 1)
        index[f"{sheet.strip(chr(39)).upper()}!{cell.upper()}"] = val
    for k in keys:
        sheet, cell = k.split("!")
        v = index.get(f"{sheet.upper()}!{cell.upper()}")
        with contextlib.suppress(AttributeError):
            v = v.value[0, 0]  # Ranges
        out[k] = v
    return out


def bench(engine: str, rows: int, repeat: int) -> dict[str, Any]:
    """Time and check one engine on one workbook size."""
    data, expected = build_workbook(rows)
    keys = sorted(expected)
    fn = {"fast": run_fast, "pycel": run_pycel, "formulas": run_formulas}[engine]
    times: list[float] = []
    got: dict[str, Any] = {}
    error = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                got = fn(data, keys)
        except Exception as exc:  # benchmark: record any failure
            error = f"{type(exc).__name__}: {exc}"
            break
        times.append(time.perf_counter() - t0)
    wrong = [k for k in keys if not _close(got.get(k), expected[k])] if not error else keys
    return {
        "engine": engine,
        "rows_per_sheet": rows,
        "formula_cells": len(keys),
        "correct": len(keys) - len(wrong),
        "wrong_examples": {k: [repr(got.get(k)), expected[k]] for k in wrong[:5]},
        "error": error,
        "median_s": round(statistics.median(times), 4) if times else None,
        "runs": len(times),
    }


def main() -> None:
    """Run the engines on several sizes and print JSON (with the speed-up of ours over pycel per size)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, nargs="*", default=[200, 1000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--engines", nargs="*", default=["fast", "pycel", "formulas"])
    args = ap.parse_args()
    results = [bench(engine, rows, args.repeat) for rows in args.rows for engine in args.engines]
    speedups = {}
    for rows in args.rows:
        times = {r["engine"]: r["median_s"] for r in results if r["rows_per_sheet"] == rows}
        if times.get("fast") and times.get("pycel"):
            speedups[str(rows)] = round(times["pycel"] / times["fast"], 1)
    print(json.dumps({"results": results, "fast_vs_pycel_speedup": speedups}, indent=2))


if __name__ == "__main__":
    main()
