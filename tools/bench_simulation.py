"""Benchmark a full offline month on one computer and compare against AutoGen's defaults on the same run.

Measures (printed as JSON):

* wall time of the month, worker turns, wall time per worker turn, peak RSS;
* max prompt tokens of a worker call (recorded usage and recount from the run's trajectory);
* checkpoint bytes and seconds per simulated day (our delta checkpoints);
* **unbounded context**: the worker's messages of the whole month replayed into AutoGen's
  ``UnboundedChatCompletionContext``: prompt tokens the last worker call would have sent;
* **naive checkpoint**: one ``SelectorGroupChat`` holding that unbounded worker context and the month's group
  thread, checkpointed with ``team.save_state()`` + JSON + fsync (bytes and seconds at the last day), and a full
  disk archive (what a naive checkpoint must also write for the disk).

Usage::

    python tools/bench_simulation.py [--computer DIR] [--days 20] [--seed 11] [--out DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.messages import TextMessage, ToolCallExecutionEvent, ToolCallRequestEvent
from autogen_agentchat.teams import SelectorGroupChat
from autogen_core import FunctionCall
from autogen_core.model_context import UnboundedChatCompletionContext
from autogen_core.models import (
    AssistantMessage,
    FunctionExecutionResult,
    FunctionExecutionResultMessage,
    LLMMessage,
    SystemMessage,
    UserMessage,
)
from autogen_ext.models.replay import ReplayChatCompletionClient

from synthcomp_agents.models import count_tokens, tools_tokens
from synthcomp_agents.simulation import RunFolder
from synthcomp_agents.simulation._run import Simulation, SimulationConfig

_SUMMARY_PREFIX = "[Summary of earlier work"


def _make_computer(folder: Path, persona: str, seed: int) -> None:
    code = (
        "import sys; from synthcomp_agents.computers import ProceduralComputerGenerator as G; "
        "G().generate(sys.argv[1], seed=int(sys.argv[2])).save(sys.argv[3], materialize=False)"
    )
    subprocess.run([sys.executable, "-c", code, persona, str(seed), str(folder)], check=True)


def _to_llm(message: dict[str, Any]) -> LLMMessage | None:
    role = message.get("role")
    content = message.get("content")
    if role == "system":
        return SystemMessage(content=str(content))
    if role == "user":
        text = content if isinstance(content, str) else json.dumps(content)
        return UserMessage(content=text, source=str(message.get("name") or "user"))
    if role == "assistant":
        calls = message.get("tool_calls")
        if calls:
            return AssistantMessage(
                content=[
                    FunctionCall(id=c["id"], name=c["function"]["name"], arguments=c["function"]["arguments"])
                    for c in calls
                ],
                source="worker",
            )
        return AssistantMessage(content=str(content or ""), source="worker")
    return None


def _replay_worker(run: RunFolder) -> tuple[list[LLMMessage], list[dict[str, Any]], list[dict[str, Any]]]:
    """The worker's whole month as one message list (what an unbounded context keeps), its tools, and calls."""
    messages: list[LLMMessage] = []
    tools: list[dict[str, Any]] = []
    calls: list[dict[str, Any]] = []
    names: dict[str, str] = {}  # tool call id -> tool name
    for record in run.iter_trajectory():
        if record["role"] != "worker":
            continue
        request = record["request"]
        tools = request.get("tools") or tools
        sent = request["messages"]
        last_assistant = max((i for i, m in enumerate(sent) if m.get("role") == "assistant"), default=None)
        start = 0 if not messages else (last_assistant + 1 if last_assistant is not None else len(sent) - 1)
        new = sent[start:]
        results: list[FunctionExecutionResult] = []
        for item in new:
            if item.get("role") == "tool":
                call_id = str(item["tool_call_id"])
                results.append(
                    FunctionExecutionResult(
                        content=str(item.get("content") or ""),
                        call_id=call_id,
                        name=names.get(call_id, "tool"),
                        is_error=False,
                    )
                )
                continue
            if results:
                messages.append(FunctionExecutionResultMessage(content=results))
                results = []
            if item.get("role") == "user" and str(item.get("content") or "").startswith(_SUMMARY_PREFIX):
                continue
            if item.get("role") == "system" and any(isinstance(m, SystemMessage) for m in messages):
                continue
            converted = _to_llm(item)
            if converted is not None:
                messages.append(converted)
        if results:
            messages.append(FunctionExecutionResultMessage(content=results))
        response = record.get("response") or {}
        if response.get("tool_calls"):
            names.update({c["id"]: c["function"]["name"] for c in response["tool_calls"]})
            messages.append(_to_llm({"role": "assistant", "tool_calls": response["tool_calls"]}))  # type: ignore[arg-type]
            calls.append(record)
        elif response.get("content") is not None:
            messages.append(AssistantMessage(content=str(response["content"]), source="worker"))
    return messages, tools, calls


async def _naive_checkpoint(
    worker_messages: list[LLMMessage], events: Path, calls: list[dict[str, Any]], folder: Path
) -> dict[str, Any]:
    """One team for the month: unbounded worker context + the month's group thread; team.save_state() to a file."""
    context = UnboundedChatCompletionContext(initial_messages=worker_messages)
    worker = AssistantAgent("worker", ReplayChatCompletionClient(["ok"]), model_context=context)
    other = AssistantAgent("collaborator", ReplayChatCompletionClient(["ok"]))
    team = SelectorGroupChat(
        [worker, other], model_client=ReplayChatCompletionClient(["worker"]), selector_func=lambda m: "worker"
    )
    thread: list[dict[str, Any]] = []
    for record in calls:
        thread.append(
            ToolCallRequestEvent(
                source="worker",
                content=[
                    FunctionCall(id=c["id"], name=c["function"]["name"], arguments=c["function"]["arguments"])
                    for c in record["response"]["tool_calls"]
                ],
            ).dump()
        )
    with open(events, encoding="utf-8") as handle:
        for line in handle:
            event = json.loads(line)
            if event["kind"] == "tool":
                thread.append(
                    ToolCallExecutionEvent(
                        source="worker",
                        content=[
                            FunctionExecutionResult(
                                content=str(event["result"]),
                                call_id=str(event["call_id"]),
                                name=str(event["name"]),
                                is_error=bool(event["is_error"]),
                            )
                        ],
                    ).dump()
                )
            elif event["kind"] == "message":
                thread.append(TextMessage(source=str(event["source"]), content=str(event["content"])).dump())
    skeleton = await team.save_state()
    skeleton["agent_states"]["SelectorGroupChatManager"]["message_thread"] = thread
    await team.load_state(skeleton)
    start = time.perf_counter()
    state = await team.save_state()
    data = json.dumps(state).encode("utf-8")
    target = folder / "naive_team_state.json"
    with open(target, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    seconds = time.perf_counter() - start
    return {"bytes": len(data), "seconds": round(seconds, 4), "thread_messages": len(thread)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--computer", type=Path, help="Computer folder (default: generate one).")
    parser.add_argument("--persona", default="A procurement manager in Valencia")
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, help="Work folder (default: a temporary one).")
    parser.add_argument("--reuse", action="store_true", help="Analyse the finished run in --out (no new month).")
    args = parser.parse_args(argv)

    work = args.out or Path(tempfile.mkdtemp(prefix="bench-sim-"))
    work.mkdir(parents=True, exist_ok=True)
    computer = args.computer
    if computer is None:
        computer = work / "computer"
        if not (computer / "computer.json").exists():
            _make_computer(computer, args.persona, 7)
    run_dir = work / "run"
    config = SimulationConfig(computer_dir=computer, run_dir=run_dir, days=args.days, seed=args.seed)
    start = time.perf_counter()
    if args.reuse:
        result = Simulation(config).resume_sync()  # a finished run: re-finalizes only
    else:
        if run_dir.exists():
            import shutil

            shutil.rmtree(run_dir)
        result = Simulation(config).run_sync()
    wall = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    summary = result.summary
    days = [c for c in result.checkpoint_costs if c["label"].startswith("day")]
    worker_messages, tools, calls = _replay_worker(RunFolder(run_dir))
    unbounded = UnboundedChatCompletionContext(initial_messages=worker_messages)
    unbounded_tokens = count_tokens(asyncio.run(unbounded.get_messages())) + tools_tokens(
        [t["function"] for t in tools]
    )
    naive = asyncio.run(_naive_checkpoint(worker_messages, run_dir / "events.jsonl", calls, work))
    archive_start = time.perf_counter()
    disk = RunFolder(run_dir).final_disk()
    full_archive = work / "naive_disk.scdisk"
    disk.to_archive(full_archive)
    archive_seconds = time.perf_counter() - archive_start
    disk.close()

    turns = summary["worker_turns"]
    report = {
        "computer": str(computer),
        "days": summary["days_simulated"],
        "wall_s": round(wall, 2),
        "worker_turns": turns,
        "model_calls": sum(summary["model_calls"].values()),
        "wall_ms_per_worker_turn": round(1000 * wall / max(1, turns), 2),
        "checkpoint_share_of_wall": round(sum(c["seconds"] for c in result.checkpoint_costs) / wall, 4),
        "peak_rss_mb": round(peak_mb, 1),
        "trajectory_mb": round(RunFolder(run_dir).trajectory_path.stat().st_size / 2**20, 1),  # as stored (zstd)
        "trajectory_plain_mb": round(sum(map(len, RunFolder(run_dir).iter_trajectory_lines())) / 2**20, 1),
        "max_worker_prompt_tokens": summary["tokens"]["max_worker_prompt"],
        "token_budget": summary["token_budget"],
        "deliverables": f"{summary['deliverables_submitted']}/{summary['deliverables_total']}",
        "checkpoint_per_day": {
            "bytes_mean": round(sum(c["bytes"] for c in days) / max(1, len(days))),
            "bytes_max": max((c["bytes"] for c in days), default=0),
            "bytes_last_day": days[-1]["bytes"] if days else 0,
            "seconds_mean": round(sum(c["seconds"] for c in days) / max(1, len(days)), 4),
            "seconds_last_day": days[-1]["seconds"] if days else 0,
            "total_checkpoint_folder_bytes": sum(
                p.stat().st_size for p in (run_dir / "checkpoints").rglob("*") if p.is_file()
            ),
        },
        "autogen_unbounded_context": {
            "worker_messages": len(worker_messages),
            "prompt_tokens_at_last_turn": unbounded_tokens,
            "ratio_to_budget": round(unbounded_tokens / summary["token_budget"], 1),
        },
        "naive_team_save_state_last_day": {
            **naive,
            "plus_full_disk_archive_bytes": full_archive.stat().st_size,
            "plus_full_disk_archive_seconds": round(archive_seconds, 3),
        },
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
