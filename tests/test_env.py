"""SyntheticComputerEnv: scripted episodes through reset/step reach a positive reward; bad policies score lower."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from export_run_cache import short_run

from synthcomp_agents.env import (
    EnvTask,
    SyntheticComputerEnv,
    action_from_result,
    assistant_from_action,
    parse_action,
    rollout,
    to_llm_messages,
)
from synthcomp_agents.models import ScriptedPolicyClient


@pytest.fixture(scope="module")
def task() -> EnvTask:
    run = short_run()
    plan = json.loads((run / "objectives.json").read_text(encoding="utf-8"))
    return EnvTask.from_run(run, plan["objectives"][0]["objective_id"], max_steps=400)


@pytest.fixture(scope="module")
def quick_task() -> EnvTask:
    """The run's objective whose slowest person answers soonest: the scripted worker, which waits with the ``wait``
    tool instead of polling, finishes it within 400 steps even when that person takes a day or two."""
    run = short_run()
    plan = json.loads((run / "objectives.json").read_text(encoding="utf-8"))
    people = json.loads((run / "computer.json").read_text(encoding="utf-8"))["collaboration_context"]["collaborators"]
    hours = {c["identifier"]: c["responsiveness"] for c in people}

    def slowest(objective: dict[str, Any]) -> float:
        asked = [
            hours[who]
            for d in objective["deliverables"]
            for who in [a["collaborator"] for a in d["collaborator_inputs"]]
            + [c["collaborator"] for c in d["acceptance_checks"] if c.get("collaborator")]
        ]
        return max(asked, default=0.0)

    quick = min(plan["objectives"], key=slowest)  # the first of the quickest: a worker that waits gets there
    return EnvTask.from_run(run, quick["objective_id"], max_steps=400)


def _play(env: SyntheticComputerEnv, task: EnvTask, variant: str, max_steps: int) -> tuple[float, dict[str, Any], int]:
    """Drive the sync API with the scripted worker: its responses become actions, observations its next input."""
    client = ScriptedPolicyClient(role="worker", variant=variant, seed=task.seed)
    messages, info = env.reset(EnvTask(**{**task.__dict__, "max_steps": max_steps}))
    history = list(messages)
    tools = [t["function"] for t in info["tools"]]
    out: dict[str, Any] = {"done": False, "reward": 0.0, "metadata": {}}
    steps = 0
    while not out["done"]:
        recent = [history[0], *_tail(history[1:], 60)]  # a simple bounded context for the policy
        result = asyncio.run(client.create(to_llm_messages(recent), tools=tools))
        action = action_from_result(result)
        out = env.step(action)
        steps += 1
        mine = action if isinstance(action, dict) else assistant_from_action(parse_action(action))
        history.extend([mine, *out["observations"]])
    return float(out["reward"]), out["metadata"], steps


def _tail(messages: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    start = max(0, len(messages) - n)
    while start > 0 and messages[start]["role"] == "tool":  # never cut a tool call from its results
        start -= 1
    return messages[start:]


def test_scripted_worker_completes_the_objective_with_a_positive_reward(quick_task: EnvTask) -> None:
    task = quick_task
    with SyntheticComputerEnv() as env:
        reward, metadata, steps = _play(env, task, "competent", 400)
        submitted = metadata["submitted"]
        deliverables = env.world.plan.objectives[0].deliverables if env.world.plan else []
    assert metadata["done_reason"] == "all deliverables submitted"
    assert sorted(submitted) == sorted(d.deliverable_id for d in deliverables)
    assert reward > 0.5 and reward == metadata["outcome"]["reward"]
    assert metadata["outcome"]["objective"]["objective_id"] == task.objective_id
    assert 10 < steps < 400


def test_bad_policies_score_lower_and_episodes_are_deterministic(task: EnvTask) -> None:
    with SyntheticComputerEnv() as env:
        good = rollout(env, task, ScriptedPolicyClient(role="worker", seed=task.seed))
        again = rollout(env, task, ScriptedPolicyClient(role="worker", seed=task.seed))
        bad, metadata, steps = _play(env, task, "random", 80)
    assert good.reward > 0.5
    assert (good.reward, good.steps) == (again.reward, again.steps)
    assert json.dumps(good.messages) == json.dumps(again.messages)
    assert bad < good.reward
    assert steps == 80 and metadata["done_reason"] == "step budget (80) spent"


def test_reset_returns_the_worker_view_and_step_returns_observations(task: EnvTask) -> None:
    with SyntheticComputerEnv() as env:
        messages, info = env.reset(task)
        assert [m["role"] for m in messages] == ["system", "user"]
        assert f"### Objective {task.objective_id}:" in messages[0]["content"]
        assert messages[0]["content"].count("### Objective ") == 1  # only the task's objective
        assert "Good morning" in messages[1]["content"]
        names = {t["function"]["name"] for t in info["tools"]}
        assert {"read_file", "send_message", "submit_deliverable", "end_day"} <= names
        assert info["deliverables"] and all(d["path"] for d in info["deliverables"])
        out = env.step({"id": "c1", "function": {"name": "list_directory", "arguments": '{"path": "~/Documents"}'}})
        assert out["observations"][0]["role"] == "tool" and out["observations"][0]["tool_call_id"] == "c1"
        assert "[clock]" in out["observations"][0]["content"]
        assert out["reward"] == 0.0 and not out["done"]
        batch = env.step(
            [
                {"function": {"name": "no_such_tool", "arguments": "{}"}},
                {"function": {"name": "read_file", "arguments": "{not json"}},
                {"name": "tree", "arguments": {"path": "~", "depth": 1}},
            ]
        )
        contents = [o["content"] for o in batch["observations"] if o["role"] == "tool"]
        assert "Unknown tool" in contents[0] and "Invalid JSON" in contents[1] and "/" in contents[2]
        assert batch["metadata"]["tool_errors"] == 2
        text = env.step("Let me think about the plan first.")
        assert text["observations"] == [] or all(o["role"] == "user" for o in text["observations"])
        with pytest.raises(ValueError, match="unsupported action"):
            env.step(42)
        day = env.step({"function": {"name": "end_day", "arguments": '{"summary": "Stopping early."}'}})
        assert any(o["role"] == "user" and "Good morning" in o["content"] for o in day["observations"])
        assert day["metadata"]["day"] == 2


def test_step_without_episode_and_after_the_end_raise(task: EnvTask) -> None:
    env = SyntheticComputerEnv()
    with pytest.raises(RuntimeError, match="reset"):
        env.step("hello")
    env.reset(EnvTask(**{**task.__dict__, "max_steps": 1}))
    out = env.step("hello")
    assert out["done"] and out["metadata"]["done_reason"] == "step budget (1) spent"
    assert out["reward"] == 0.0
    with pytest.raises(RuntimeError, match="episode is over"):
        env.step("hello")
    with pytest.raises(ValueError, match="no objective"):
        env.reset(EnvTask(**{**task.__dict__, "objective_id": "o99"}))
    env.close()


@pytest.mark.asyncio
async def test_async_api_inside_a_running_loop(task: EnvTask) -> None:
    env = SyntheticComputerEnv()
    try:
        messages, info = await env.areset(task)
        client = ScriptedPolicyClient(role="worker", seed=task.seed)
        history = list(messages)
        for _ in range(5):  # the scripted worker through the async API (a full episode: see rollout above)
            result = await client.create(to_llm_messages(history), tools=[t["function"] for t in info["tools"]])
            action = action_from_result(result)
            out = await env.astep(action)
            history.extend([action if isinstance(action, dict) else {"role": "assistant", "content": action}])
            history.extend(out["observations"])
        assert out["observations"] and not out["done"]
        messages, _ = env.reset(task)  # the sync wrapper also works from inside a running loop (helper thread)
        assert messages[0]["role"] == "system"
    finally:
        env.close()


def test_task_from_run_finds_the_computer(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"objectives\.json"):
        EnvTask.from_run(tmp_path, "o1")


def test_the_system_prompt_briefs_the_day_and_follows_it(task: EnvTask) -> None:
    """Like the simulation's worker, an env user sees the brief of the day (issue 15), renewed on a new workday."""
    import dataclasses

    from synthcomp_agents.agents import plan_worker_view
    from synthcomp_agents.objectives import ObjectivePlan

    raw = json.loads(Path(str(task.objectives)).read_text(encoding="utf-8"))
    objective = next(o for o in raw["objectives"] if o["objective_id"] == task.objective_id)
    objective["deliverables"][-1]["due_day"] = raw["workdays"]  # a later deliverable: one line until it comes near
    later = dataclasses.replace(task, objectives=raw)
    plan = ObjectivePlan.model_validate(raw)
    focused = plan.model_copy(
        update={"objectives": [o for o in plan.objectives if o.objective_id == task.objective_id]}
    )
    assert plan_worker_view(focused, 1) != plan_worker_view(focused, 2)  # day 2 brings the later one in full
    with SyntheticComputerEnv() as env:
        messages, _ = env.reset(later)
        system = messages[0]["content"]
        assert plan_worker_view(focused, 1) in system and plan_worker_view(focused) not in system
        quiet = env.step({"function": {"name": "check_inbox", "arguments": "{}"}})
        assert "system_prompt" not in quiet["metadata"]  # only when the brief changes
        day = env.step({"function": {"name": "end_day", "arguments": '{"summary": "Stopping early."}'}})
        assert day["metadata"]["day"] == 2
        assert plan_worker_view(focused, 2) in day["metadata"]["system_prompt"]
