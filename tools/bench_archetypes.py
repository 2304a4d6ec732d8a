"""Benchmark: building archetype specs against writing them (the writers are the baseline in the same run).

A computer builds 30+ archetype files; this measures, for every archetype and over several contexts, the time to build
the spec (``build_artifact``) and the time to write it to bytes (``Artifact.to_bytes``), and prints one JSON object:

    python tools/bench_archetypes.py --rounds 5

Fields: ``build_ms_median``/``build_ms_p95`` per archetype build, ``write_ms_median``, ``build_over_write`` (ratio of
the medians; below 1 means building costs less than writing), ``per_computer_ms`` (30 builds at the median) and the
slowest archetypes.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import date

from synthcomp_agents.computers._locale import locale_for
from synthcomp_agents.computers.archetypes import ARCHETYPES, ArchetypeContext, Counterpart, build_artifact


def _contexts(seed: int) -> list[ArchetypeContext]:
    return [
        ArchetypeContext(
            owner_name="Dale Carter", owner_role="farmer and bass player", organisation="Carter Farm",
            topic="Fall corn harvest", created=date(2025, 10, 14), rng=random.Random(seed), life_stage="self_employed",
            interests=("heavy metal music",), counterparts=(Counterpart("Mia Lopez", "client", "The Vault"),),
            locale=locale_for("US", region="KY"),
        ),
        ArchetypeContext(
            owner_name="Lucía Martín", owner_role="maths teacher", organisation="IES Cervantes", topic="Algebra",
            created=date(2024, 11, 20), rng=random.Random(seed + 1), family="education_teaching",
            vocabulary=("linear equations", "fractions"), locale=locale_for("ES"),
        ),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="contexts per archetype = 2 x rounds")
    args = parser.parse_args()
    for ctx in _contexts(0):  # warm up: YAML tables, writer templates, locale data
        for arch in ARCHETYPES:
            build_artifact(arch, ctx).to_bytes()
    build: list[float] = []
    write: list[float] = []
    per_archetype: dict[str, list[float]] = {}
    for r in range(args.rounds):
        for ctx in _contexts(100 + r):
            for arch in ARCHETYPES:
                t0 = time.perf_counter()
                art = build_artifact(arch, ctx)
                t1 = time.perf_counter()
                art.to_bytes()
                t2 = time.perf_counter()
                build.append((t1 - t0) * 1000)
                write.append((t2 - t1) * 1000)
                per_archetype.setdefault(arch, []).append((t1 - t0) * 1000)
    build_median = statistics.median(build)
    write_median = statistics.median(write)
    slowest = sorted(((statistics.median(v), k) for k, v in per_archetype.items()), reverse=True)[:5]
    print(
        json.dumps(
            {
                "archetypes": len(ARCHETYPES),
                "samples": len(build),
                "build_ms_median": round(build_median, 3),
                "build_ms_p95": round(sorted(build)[int(0.95 * len(build))], 3),
                "write_ms_median": round(write_median, 3),
                "build_over_write": round(build_median / write_median, 3),
                "per_computer_ms": round(30 * build_median, 1),
                "slowest_build_ms": {k: round(v, 3) for v, k in slowest},
            }
        )
    )


if __name__ == "__main__":
    main()
