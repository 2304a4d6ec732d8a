"""Episode records (rLLM-style): one JSONL line per run, one trajectory per role, steps with rewards.

Line layout (keys in this order)::

    id              "<task_id>:<rollout_idx>"   task_id = computer id + plan hash; rollout_idx counts the runs of
                                                that task in the export's input order (0, 1, ...)
    task_id, rollout_idx, run
    reward          signals.json outcome.reward (whole run, in [0, 1])
    reward/<name>   signals.json outcome.components (objectives, rubric, grounding, collateral = the penalty)
    is_correct      signals.json outcome.is_correct
    task            computer id, persona, objectives (id, title, score)
    metadata        policy, seed, days, stop reason, model calls, tokens
    trajectories    [{role, name, reward, tools, steps: [...]}]: worker, objective_setter, collaborator:<name>
                    (sorted), then any other role; ``reward`` is the run's reward (the episode is cooperative)

Each step is one model call of that role: ``input.messages`` (exactly as sent), ``output`` (the response),
``action`` (the tool calls in OpenAI form, or the reply text), ``reward`` (worker: the per-step shaped reward of
``signals.json`` ``process.steps``; other roles 0.0), ``done`` (true on the role's last step) and ``metadata``
(seq, turn, sim_time, usage, latency, trajectory line; worker steps also carry their process signals under
``signals``). ``tools`` are stored once per trajectory; a step whose tools differ carries its own
``input.tools``. Lines are written streaming (a month's worker trajectory is hundreds of MB).

Example:
    >>> import json, tempfile, pathlib
    >>> export_episodes([], pathlib.Path(tempfile.mkdtemp()))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    synthcomp_agents.export._computers.ExportError: no run folders given; ...
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from ._computers import ExportError
from ._runs import RunData, load_run
from ._util import atomic_output, dumps

__all__ = ["EPISODES_FILE", "export_episodes", "role_order"]

EPISODES_FILE = "episodes.jsonl"
_COMPONENT_ORDER = ("objectives", "rubric", "grounding", "collateral")


def role_order(roles: Sequence[str]) -> list[str]:
    """Worker, objective setter, collaborators (sorted), then other roles (sorted).

    Example:
        >>> role_order(["collaborator:b", "objective_setter", "worker", "collaborator:a", "judge"])
        ['worker', 'objective_setter', 'collaborator:a', 'collaborator:b', 'judge']
    """

    def key(role: str) -> tuple[int, str]:
        if role == "worker":
            return (0, role)
        if role == "objective_setter":
            return (1, role)
        if role.startswith("collaborator:"):
            return (2, role)
        return (3, role)

    return sorted(roles, key=key)


def _action(response: dict[str, Any]) -> Any:
    calls = response.get("tool_calls")
    if calls:
        return [
            {
                "id": c.get("id"),
                "type": "function",
                "function": {
                    "name": c.get("function", {}).get("name"),
                    "arguments": c.get("function", {}).get("arguments"),
                },
            }
            for c in calls
        ]
    content = response.get("content")
    return content if isinstance(content, str) else ""


def _header(run: RunData, rollout_idx: int) -> dict[str, Any]:
    outcome = run.signals.get("outcome", {})
    components = outcome.get("components", {}) if isinstance(outcome.get("components"), dict) else {}
    header: dict[str, Any] = {
        "id": f"{run.task_id}:{rollout_idx}",
        "task_id": run.task_id,
        "rollout_idx": rollout_idx,
        "run": run.run_dir.name,
        "reward": float(outcome.get("reward", 0.0)),
    }
    extra = sorted(n for n in components if n not in _COMPONENT_ORDER)
    names = [n for n in _COMPONENT_ORDER if n in components] + extra
    for name in names:
        header[f"reward/{name}"] = float(components[name])
    header["is_correct"] = bool(outcome.get("is_correct", False))
    scores = {str(o.get("objective_id")): o.get("score") for o in run.signals.get("objectives", []) or []}
    header["task"] = {
        "computer_id": run.computer_id,
        "persona": run.computer.get("persona"),
        "objectives": [
            {
                "objective_id": o.get("objective_id"),
                "title": o.get("title"),
                "score": scores.get(str(o.get("objective_id"))),
            }
            for o in run.plan.get("objectives", [])
        ],
    }
    summary = run.summary
    header["metadata"] = {
        "schema_version": 1,
        "policy": run.signals.get("policy"),
        "seed": summary.get("seed"),
        "days": summary.get("days"),
        "days_simulated": summary.get("days_simulated"),
        "stop_reason": summary.get("stop_reason"),
        "model_calls": summary.get("model_calls"),
        "tokens": summary.get("tokens"),
        "deliverables_submitted": summary.get("deliverables_submitted"),
        "deliverables_total": summary.get("deliverables_total"),
    }
    return header


def _process_steps(run: RunData) -> tuple[dict[int, dict[str, Any]], list[dict[str, Any]]]:
    steps = (run.signals.get("process") or {}).get("steps") or []
    by_line = {int(s["trajectory_line"]): s for s in steps if isinstance(s, dict) and "trajectory_line" in s}
    return by_line, [s for s in steps if isinstance(s, dict)]


def _write_run(handle: IO[str], run: RunData, rollout_idx: int) -> None:
    header = dumps(_header(run, rollout_idx))
    handle.write(header[:-1] + ',"trajectories":[')
    by_line, ordered = _process_steps(run)
    reward = float(run.signals.get("outcome", {}).get("reward", 0.0))
    roles = role_order(list(run.roles()))
    for r, role in enumerate(roles):
        count = len(run.roles()[role])
        tools: Any = None
        first = True
        for k, (number, line) in enumerate(run.role_lines(role)):
            request = line.get("request") or {}
            if first:
                tools = request.get("tools") or []
                name = role.split(":", 1)[1] if ":" in role else role
                prefix = dumps({"role": role, "name": name, "reward": reward, "tools": tools})
                handle.write(("," if r else "") + prefix[:-1] + ',"steps":[')
            response = line.get("response") or {}
            step_input: dict[str, Any] = {"messages": request.get("messages") or []}
            if (request.get("tools") or []) != tools:
                step_input["tools"] = request.get("tools") or []
            metadata: dict[str, Any] = {
                "seq": line.get("seq"),
                "turn": line.get("turn"),
                "sim_time": line.get("sim_time"),
                "usage": line.get("usage"),
                "latency_s": line.get("latency_s"),
                "trajectory_line": number,
            }
            step_reward = 0.0
            if role == "worker":
                signal = by_line.get(number) or (ordered[k] if k < len(ordered) and not by_line else None)
                if signal is not None:
                    step_reward = float(signal.get("reward", 0.0) or 0.0)
                    metadata["signals"] = signal
            step = {
                "step": k,
                "input": step_input,
                "output": response,
                "action": _action(response),
                "reward": step_reward,
                "done": k == count - 1,
                "metadata": metadata,
            }
            handle.write(("" if first else ",") + dumps(step))
            first = False
        handle.write("]}")
    handle.write("]}\n")


def export_episodes(runs: Sequence[Path], out: Path) -> dict[str, Path]:
    """Write ``out/episodes.jsonl``: one line per run folder in ``runs`` (see the module docstring).

    Raises:
        ExportError: No runs, or a run folder that cannot be read.
    """
    if not runs:
        raise ExportError("no run folders given; pass run folders (made by `synthcomp run` or `synthcomp simulate`)")
    loaded = [load_run(Path(r)) for r in runs]
    out.mkdir(parents=True, exist_ok=True)
    target = out / EPISODES_FILE
    rollouts: dict[str, int] = {}
    with atomic_output(target) as handle:
        for run in loaded:
            index = rollouts.get(run.task_id, 0)
            rollouts[run.task_id] = index + 1
            _write_run(handle, run, index)
    return {"episodes": target}
