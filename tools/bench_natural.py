"""Compare worker policies on the same runs: collaborator facts needed vs stated, turns spent waiting or polling,
reward (issue 15: the natural scripted worker).

For each run folder of each output: the ``states_fact`` checks in ``signals.json`` (a fact a colleague holds and the
deliverable must state: needed vs obtained), the worker turns in ``trajectory.jsonl`` whose call is ``wait`` or an
idle filler while waiting (waiting), or ``check_inbox`` when the last clock line (or the morning kickoff) announced
no unread mail (polling: looking for mail nobody said is there; opening the inbox the clock says holds mail is
reading it), and the reward. All ``check_inbox`` turns are counted too.

Usage::

    synthcomp run --n 5 --seed 0 --days 5 --worker-policy natural --out /tmp/nat
    synthcomp run --n 5 --seed 0 --days 5 --worker-policy competent --out /tmp/comp
    python tools/bench_natural.py /tmp/nat /tmp/comp
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from synthcomp_agents.simulation import RunFolder

WAIT_THOUGHTS = (
    "Waiting for answers",
    "Tidying up while I wait",
    "Reviewing my journal while I wait",
    "Nothing to move forward",
)


_UNREAD = re.compile(r"(\d+) unread")


def _announced(record: dict[str, object]) -> int:
    """Unread mail the worker was last told of: the count in the latest message of the request that states one."""
    for message in reversed(record["request"]["messages"]):  # type: ignore[index]
        found = _UNREAD.findall(json.dumps(message.get("content"), ensure_ascii=False))
        if found:
            return int(found[-1])
    return 0


def measure(run: Path) -> tuple[float, int, int, int, int, int, int]:
    """(reward, facts needed, facts stated, worker turns, waiting turns, polling turns, check_inbox turns) of one
    run folder."""
    signals = json.loads((run / "signals.json").read_text(encoding="utf-8"))
    need = got = 0
    for objective in signals["objectives"]:
        for deliverable in objective["deliverables"]:
            for check in deliverable["checks"]:
                if check["check_type"] == "states_fact":
                    need += 1
                    got += bool(check["passed"])
    turns = waiting = polling = inbox = 0
    note = ""
    for record in RunFolder(run).iter_trajectory():
        if record["role"] != "worker":
            continue
        turns += 1
        calls = [c["function"]["name"] for c in (record["response"].get("tool_calls") or [])]
        thought = record["response"].get("thought") or ""
        if thought.startswith("[memo"):  # a note repeating the previous one is left out of the thought
            thought = note
        note = thought.split("\n", 1)[0]
        if "wait" in calls or thought.startswith(WAIT_THOUGHTS):
            waiting += 1
        elif "check_inbox" in calls:
            inbox += 1
            polling += not _announced(record)
    return float(signals["outcome"]["reward"]), need, got, turns, waiting, polling, inbox


def main(outputs: list[str]) -> None:
    for root in outputs:
        runs = sorted(p for p in Path(root, "runs").iterdir() if p.is_dir())
        totals = [0.0, 0, 0, 0, 0, 0, 0]
        for run in runs:
            row = measure(run)
            totals = [a + b for a, b in zip(totals, row, strict=True)]
            reward, need, got, turns, waiting, polling, inbox = row
            print(
                f"{root} {run.name}: reward {reward:.3f}, facts {got}/{need}, turns {turns}, "
                f"waiting {waiting / turns:.1%}, polling {polling / turns:.1%}, check_inbox {inbox / turns:.1%}"
            )
        reward, need, got, turns, waiting, polling, inbox = totals
        print(
            f"{root}: {len(runs)} runs, mean reward {reward / len(runs):.3f}, facts {int(got)}/{int(need)}, "
            f"turns {int(turns)}, waiting {waiting / turns:.1%}, polling {polling / turns:.1%}, "
            f"check_inbox {inbox / turns:.1%}, waiting+polling {(waiting + polling) / turns:.1%}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
