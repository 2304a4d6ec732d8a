"""Time the office writers on realistic specs: min and median of N runs (min is robust to a busy machine).

Usage: python tools/bench_office_writers.py [--runs 30]
Targets (brief): 5-page docx <= 25 ms, 200-row xlsx <= 25 ms, 10-slide pptx <= 25 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from office_samples import clinical_budget, procurement_review, quarterly_deck, review_calendar  # noqa: E402

from synthcomp_agents.office import (  # noqa: E402
    ImageSpec,
    write_docx,
    write_ics,
    write_image,
    write_markdown,
    write_pdf,
    write_pptx,
    write_xlsx,
)


def bench(name: str, fn: Callable[[], bytes], runs: int, target_ms: float | None = None) -> None:
    first_start = time.perf_counter()
    size = len(fn())
    first = (time.perf_counter() - first_start) * 1000
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    verdict = "" if target_ms is None else ("  OK" if min(times) <= target_ms else "  OVER TARGET")
    print(
        f"{name:<32} first {first:7.1f} ms  min {min(times):6.1f} ms  median {statistics.median(times):6.1f} ms"
        f"  {size:>8,} bytes{verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    doc = procurement_review(2)  # 5 pages when LibreOffice lays it out
    doc7 = procurement_review(3)
    book = clinical_budget(200)
    deck = quarterly_deck(10)
    bench("docx (5 pages)", lambda: write_docx(doc), runs, 25)
    bench("docx (7 pages)", lambda: write_docx(doc7), runs)
    bench("xlsx (200 rows x 8, 3 sheets)", lambda: write_xlsx(book), runs, 25)
    bench("pptx (10 slides, notes, chart)", lambda: write_pptx(deck), runs, 25)
    bench("pdf (same document)", lambda: write_pdf(doc), runs)
    bench("md (same document)", lambda: write_markdown(doc), runs)
    bench("ics (2 events)", lambda: write_ics(review_calendar()), runs)
    for subject in ("photo", "chart", "diagram", "screenshot", "scan", "logo"):
        spec = ImageSpec(subject=subject, title="Q3 spend", labels=["Freight", "IT", "Print"], values=[399, 560, 30])
        bench(f"png {subject} 800x600", lambda spec=spec: write_image(spec), max(3, runs // 5))
    jpg = ImageSpec(subject="photo", format="jpg")
    bench("jpg photo 800x600", lambda: write_image(jpg), max(3, runs // 5))


if __name__ == "__main__":
    main()
