"""Prompt accounting of a finished run's worker calls (issue 15): what the fixed part of the prompt costs and when the
bounded context first compacts.

Reads ``trajectory.jsonl`` of a run folder and prints: the worker's system prompt and tool-schema tokens at its first
call (offline token counts, ``synthcomp_agents.models.count_tokens`` / ``tools_tokens``) and their share of the
budget, the worker call at which the context first compacted (the first request carrying the rolling summary), the
largest prompt of the run (the usage the model client recorded) and the largest fixed part over the run (the brief
details the deliverables due soon, so the system prompt changes with the day and the submissions).

Usage::

    python -m synthcomp_agents.cli run --n 1 --seed 0 --out /tmp/readme-job     # the README job (20 workdays)
    python tools/bench_prompt.py /tmp/readme-job/runs/*/ [--budget 16000]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from autogen_core.models import SystemMessage

from synthcomp_agents.models import SUMMARY_SOURCE, count_tokens, tools_tokens
from synthcomp_agents.simulation import RunFolder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path, help="run folder (its trajectory, compact or plain)")
    parser.add_argument("--budget", type=int, default=16000, help="the worker's token budget of the run")
    args = parser.parse_args()
    worker = [line for line in RunFolder(args.run).iter_trajectory() if line["role"] == "worker"]
    first = worker[0]["request"]
    system = next(str(m["content"]) for m in first["messages"] if m.get("role") == "system")
    system_tokens = count_tokens([SystemMessage(content=system)])
    schemas = [t.get("function", t) for t in first.get("tools") or []]
    schema_tokens = tools_tokens(schemas)
    fixed = system_tokens + schema_tokens
    compacted = next(
        (n for n, line in enumerate(worker, 1) if SUMMARY_SOURCE in json.dumps(line["request"]["messages"])), None
    )
    largest = max(worker, key=lambda line: line["usage"]["prompt_tokens"])
    # the brief follows the day and the submissions: the fixed part's largest size over the run
    seen: dict[str, int] = {}
    peak, peak_call = 0, 0
    for n, line in enumerate(worker, 1):
        text = next((str(m["content"]) for m in line["request"]["messages"] if m.get("role") == "system"), "")
        if text not in seen:
            seen[text] = count_tokens([SystemMessage(content=text)])
        size = seen[text] + tools_tokens([t.get("function", t) for t in line["request"].get("tools") or []])
        if size > peak:
            peak, peak_call = size, n
    print(
        f"worker calls {len(worker):,}; first call: system prompt {system_tokens:,} tokens ({len(system):,} chars), "
        f"{len(schemas)} tool schemas {schema_tokens:,} tokens, together {fixed:,} = {100 * fixed / args.budget:.0f}% "
        f"of the {args.budget:,} budget; first compaction at worker call {compacted}; largest prompt "
        f"{largest['usage']['prompt_tokens']:,} tokens (call {worker.index(largest) + 1:,}); largest system + "
        f"schemas {peak:,} = {100 * peak / args.budget:.0f}% (call {peak_call:,}; {len(seen)} system prompts)"
    )


if __name__ == "__main__":
    main()
