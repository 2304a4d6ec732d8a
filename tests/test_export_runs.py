"""Run exports (episodes, OpenAI JSONL, HF parquet, Harbor tasks) on a fresh short run, each checked by its consumer."""

# ruff: noqa: E501  (the embedded Qwen2.5 chat template keeps its original long lines)

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import datasets
import pytest
from export_run_cache import short_run

from synthcomp_agents.export import ExportError, export_runs
from synthcomp_agents.export._util import message_tokens, reply_priming, tools_tokens
from synthcomp_agents.signals import verify_home
from synthcomp_agents.simulation import RunFolder


@pytest.fixture(scope="module")
def run_dir() -> Path:
    return short_run()


@pytest.fixture(scope="module")
def signals(run_dir: Path) -> dict[str, Any]:
    return dict(json.loads((run_dir / "signals.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def lines(run_dir: Path) -> list[dict[str, Any]]:
    return list(RunFolder(run_dir).iter_trajectory())


# ---------------------------------------------------------------------------------------------------------------------
# episodes
# ---------------------------------------------------------------------------------------------------------------------


def test_episodes_one_line_per_run_with_rewards_and_steps(
    run_dir: Path, signals: dict[str, Any], lines: list[dict[str, Any]], tmp_path: Path
) -> None:
    written = export_runs([run_dir.parent], "episodes", tmp_path / "a")  # a folder holding runs works too
    text = written["episodes"].read_text(encoding="utf-8")
    assert text.count("\n") == 1
    episode = json.loads(text)
    assert re.fullmatch(r"c-[0-9a-f-]+-[0-9a-f]{8}:0", episode["id"])
    assert episode["id"] == f"{episode['task_id']}:{episode['rollout_idx']}"
    outcome = signals["outcome"]
    assert episode["reward"] == outcome["reward"]
    assert episode["is_correct"] == outcome["is_correct"]
    for name, value in outcome["components"].items():
        assert episode[f"reward/{name}"] == value
    roles = [t["role"] for t in episode["trajectories"]]
    assert roles[:2] == ["worker", "objective_setter"]
    assert any(r.startswith("collaborator:") for r in roles)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line["role"]] = counts.get(line["role"], 0) + 1
    assert {t["role"]: len(t["steps"]) for t in episode["trajectories"]} == counts
    worker = episode["trajectories"][0]
    process = signals["process"]["steps"]
    assert len(worker["steps"]) == len(process)
    for step, signal in zip(worker["steps"], process, strict=True):
        assert step["metadata"]["trajectory_line"] == signal["trajectory_line"]
        assert step["metadata"]["signals"] == signal
        assert step["reward"] == signal["reward"]
        assert lines[signal["trajectory_line"]]["request"]["messages"] == step["input"]["messages"]
    for trajectory in episode["trajectories"]:
        assert [s["done"] for s in trajectory["steps"]] == [False] * (len(trajectory["steps"]) - 1) + [True]
        assert trajectory["tools"] is not None
    first = worker["steps"][0]
    assert isinstance(first["action"], list) and first["action"][0]["function"]["name"]
    again = export_runs([run_dir], "episodes", tmp_path / "b")["episodes"]
    assert again.read_bytes() == written["episodes"].read_bytes()


def test_episodes_count_rollouts_and_compute_missing_signals(run_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "runs" / "copy"
    copy.parent.mkdir()
    shutil.copytree(run_dir, copy, ignore=shutil.ignore_patterns("final", "checkpoints", "signals.json"))
    out = export_runs([run_dir, copy], "episodes", tmp_path / "out")["episodes"]
    assert (copy / "signals.json").is_file()  # computed by synthcomp_agents.signals.write_run_signals
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert [i.rsplit(":", 1)[1] for i in ids] == ["0", "1"] and len({i.rsplit(":", 1)[0] for i in ids}) == 1


def test_bad_input_gives_clear_errors(run_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "objectives.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ExportError, match=r"no trajectory\.jsonl"):
        export_runs([broken], "episodes", tmp_path / "out")
    with pytest.raises(ExportError, match="unknown run export format"):
        export_runs([run_dir], "csv", tmp_path / "out")
    with pytest.raises(ExportError, match="does not exist"):
        export_runs([tmp_path / "nope"], "openai", tmp_path / "out")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ExportError, match="holds no run folders"):
        export_runs([empty], "hf", tmp_path / "x")
    with pytest.raises(ExportError, match="too small"):
        export_runs([run_dir], "openai", tmp_path / "out", context_length=2048)


# ---------------------------------------------------------------------------------------------------------------------
# OpenAI fine-tuning JSONL, validated against the documented chat fine-tuning format
# ---------------------------------------------------------------------------------------------------------------------

_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
_MESSAGE_KEYS = {
    "system": {"role", "content", "name"},
    "user": {"role", "content", "name"},
    "assistant": {"role", "content", "name", "tool_calls", "weight"},
    "tool": {"role", "content", "tool_call_id"},
}


def openai_problems(example: Any) -> list[str]:
    """Problems of one chat fine-tuning example, by OpenAI's documented rules (empty list = valid).

    Rules: an object with ``messages`` (non-empty list) and optionally ``tools`` (function tools) and
    ``parallel_tool_calls`` (bool); roles system/user/assistant/tool with only their fields; ``content`` a string
    (may be null only on an assistant message that has ``tool_calls``); ``name`` matching ``^[a-zA-Z0-9_-]{1,64}$``;
    ``tool_calls`` items ``{id, type: "function", function: {name, arguments}}`` whose name is a declared tool and
    whose ``arguments`` is a string holding a JSON object; every tool message answers an earlier, unanswered
    tool_call id; an assistant message with tool_calls is followed by the answers to all of them (unless it is the
    last message, the turn being trained); ``weight`` only on assistant messages, 0 or 1; at least one assistant
    message is trained.
    """
    problems: list[str] = []
    if not isinstance(example, dict):
        return ["example is not an object"]
    extra = set(example) - {"messages", "tools", "parallel_tool_calls"}
    if extra:
        problems.append(f"unknown top-level keys {sorted(extra)}")
    if "parallel_tool_calls" in example and not isinstance(example["parallel_tool_calls"], bool):
        problems.append("parallel_tool_calls must be a boolean")
    declared: set[str] = set()
    for tool in example.get("tools") or []:
        function = tool.get("function") if isinstance(tool, dict) else None
        if not isinstance(tool, dict) or tool.get("type") != "function" or not isinstance(function, dict):
            problems.append(f"bad tool {tool!r:.80}")
            continue
        if not isinstance(function.get("name"), str) or not _NAME.match(function["name"]):
            problems.append(f"bad tool name {function.get('name')!r}")
        if "parameters" in function and not isinstance(function["parameters"], dict):
            problems.append("tool parameters must be a JSON schema object")
        declared.add(function.get("name", ""))
    messages = example.get("messages")
    if not isinstance(messages, list) or not messages:
        return [*problems, "messages must be a non-empty list"]
    open_calls: set[str] = set()
    answered: set[str] = set()
    trained = 0
    expecting: set[str] = set()
    for index, message in enumerate(messages):
        where = f"message {index}"
        if not isinstance(message, dict):
            problems.append(f"{where} is not an object")
            continue
        role = message.get("role")
        if role not in _MESSAGE_KEYS:
            problems.append(f"{where}: bad role {role!r}")
            continue
        extra = set(message) - _MESSAGE_KEYS[role]
        if extra:
            problems.append(f"{where} ({role}): unknown keys {sorted(extra)}")
        if expecting and role != "tool":
            problems.append(f"{where}: tool calls {sorted(expecting)} were not answered before a {role} message")
            expecting = set()
        content = message.get("content")
        has_calls = bool(message.get("tool_calls"))
        if not (isinstance(content, str) or (content is None and role == "assistant" and has_calls)):
            problems.append(f"{where} ({role}): content must be a string")
        if "name" in message and not (isinstance(message["name"], str) and _NAME.match(message["name"])):
            problems.append(f"{where}: bad name {message['name']!r}")
        if "weight" in message and message["weight"] not in (0, 1):
            problems.append(f"{where}: weight must be 0 or 1")
        if role == "assistant":
            if message.get("weight", 1) == 1:
                trained += 1
            for call in message.get("tool_calls") or []:
                function = call.get("function") if isinstance(call, dict) else None
                if not isinstance(call, dict) or call.get("type") != "function" or not isinstance(function, dict):
                    problems.append(f"{where}: bad tool call {call!r:.80}")
                    continue
                if not isinstance(call.get("id"), str) or not call["id"]:
                    problems.append(f"{where}: tool call without id")
                if function.get("name") not in declared:
                    problems.append(f"{where}: tool {function.get('name')!r} is not in tools")
                arguments = function.get("arguments")
                if not isinstance(arguments, str):
                    problems.append(f"{where}: arguments must be a JSON string, got {type(arguments).__name__}")
                else:
                    try:
                        if not isinstance(json.loads(arguments), dict):
                            problems.append(f"{where}: arguments must encode an object")
                    except ValueError:
                        problems.append(f"{where}: arguments are not valid JSON")
                open_calls.add(call.get("id", ""))
                if index < len(messages) - 1:
                    expecting.add(call.get("id", ""))
        if role == "tool":
            call_id = message.get("tool_call_id")
            if call_id not in open_calls or call_id in answered:
                problems.append(f"{where}: tool_call_id {call_id!r} answers no earlier open tool call")
            answered.add(str(call_id))
            expecting.discard(str(call_id))
    if expecting:
        problems.append(f"tool calls {sorted(expecting)} are never answered")
    if trained == 0:
        problems.append("no trained assistant message")
    return problems


def test_openai_validator_catches_documented_mistakes() -> None:
    tools = [{"type": "function", "function": {"name": "tree", "parameters": {"type": "object", "properties": {}}}}]
    call = {"id": "c1", "type": "function", "function": {"name": "tree", "arguments": '{"path": "~"}'}}
    good = {
        "messages": [
            {"role": "system", "content": "s"},
            {"role": "user", "content": "u", "name": "dana_lee"},
            {"role": "assistant", "tool_calls": [call], "weight": 0},
            {"role": "tool", "tool_call_id": "c1", "content": "ok"},
            {"role": "assistant", "content": "done", "weight": 1},
        ],
        "tools": tools,
    }
    assert openai_problems(good) == []
    bad_args = json.loads(json.dumps(good))
    bad_args["messages"][2]["tool_calls"][0]["function"]["arguments"] = {"path": "~"}
    assert any("JSON string" in p for p in openai_problems(bad_args))
    orphan = json.loads(json.dumps(good))
    orphan["messages"][3]["tool_call_id"] = "zz"
    assert any("answers no earlier" in p for p in openai_problems(orphan))
    weighted_user = json.loads(json.dumps(good))
    weighted_user["messages"][1]["weight"] = 1
    assert any("unknown keys" in p for p in openai_problems(weighted_user))
    bad_name = json.loads(json.dumps(good))
    bad_name["messages"][1]["name"] = "Dana Lee"
    assert any("bad name" in p for p in openai_problems(bad_name))


@pytest.mark.parametrize("context_length", [32768, 12000])
def test_openai_windows_are_valid_fit_and_train_every_worker_turn_once(
    run_dir: Path, lines: list[dict[str, Any]], tmp_path: Path, context_length: int
) -> None:
    path = export_runs([run_dir], "openai", tmp_path / "o", context_length=context_length)["openai"]
    examples = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert examples
    trained: list[dict[str, Any]] = []
    for number, example in enumerate(examples):
        assert openai_problems(example) == [], f"window {number}: {openai_problems(example)[:3]}"
        messages = example["messages"]
        assert messages[0]["role"] == "system"
        tokens = sum(message_tokens(m) for m in messages) + tools_tokens(example["tools"]) + reply_priming()
        assert tokens <= context_length
        assert messages[-1]["role"] == "assistant" and messages[-1]["weight"] == 1
        trained.extend(m for m in messages if m.get("weight") == 1)
    worker = [line for line in lines if line["role"] == "worker"]
    assert len(trained) == len(worker)  # every worker response is trained exactly once
    for message, line in zip(trained, worker, strict=True):
        calls = line["response"].get("tool_calls") or []
        assert [c["id"] for c in message.get("tool_calls", [])] == [c["id"] for c in calls]
        if calls:
            assert message["tool_calls"][0]["function"]["arguments"] == calls[0]["function"]["arguments"]
    if context_length < 16000:  # the run's prompts (16k budget) had to be trimmed: a carried summary opens them
        assert any(e["messages"][1].get("name") == "context_summary" for e in examples)
    again = export_runs([run_dir], "openai", tmp_path / "o2", context_length=context_length)["openai"]
    assert again.read_bytes() == path.read_bytes()


# ---------------------------------------------------------------------------------------------------------------------
# Hugging Face parquet: loads with datasets, renders with a real tool-calling chat template
# ---------------------------------------------------------------------------------------------------------------------

# Qwen2.5-Instruct's chat template (tool-calling part), as shipped in its tokenizer_config.json.
QWEN25_TEMPLATE = """{%- if tools %}
    {{- '<|im_start|>system\\n' }}
    {%- if messages[0]['role'] == 'system' %}
        {{- messages[0]['content'] }}
    {%- else %}
        {{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}
    {%- endif %}
    {{- "\\n\\n# Tools\\n\\nYou may call one or more functions to assist with the user query.\\n\\nYou are provided with function signatures within <tools></tools> XML tags:\\n<tools>" }}
    {%- for tool in tools %}
        {{- "\\n" }}
        {{- tool | tojson }}
    {%- endfor %}
    {{- "\\n</tools>\\n\\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\\n<tool_call>\\n{\\"name\\": <function-name>, \\"arguments\\": <args-json-object>}\\n</tool_call><|im_end|>\\n" }}
{%- else %}
    {%- if messages[0]['role'] == 'system' %}
        {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}
    {%- else %}
        {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}
    {%- endif %}
{%- endif %}
{%- for message in messages %}
    {%- if (message.role == "user") or (message.role == "system" and not loop.first) or (message.role == "assistant" and not message.tool_calls) %}
        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}
    {%- elif message.role == "assistant" %}
        {{- '<|im_start|>' + message.role }}
        {%- if message.content %}
            {{- '\\n' + message.content }}
        {%- endif %}
        {%- for tool_call in message.tool_calls %}
            {%- if tool_call.function is defined %}
                {%- set tool_call = tool_call.function %}
            {%- endif %}
            {{- '\\n<tool_call>\\n{"name": "' }}
            {{- tool_call.name }}
            {{- '", "arguments": ' }}
            {{- tool_call.arguments | tojson }}
            {{- '}\\n</tool_call>' }}
        {%- endfor %}
        {{- '<|im_end|>\\n' }}
    {%- elif message.role == "tool" %}
        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}
            {{- '<|im_start|>user' }}
        {%- endif %}
        {{- '\\n<tool_response>\\n' }}
        {{- message.content }}
        {{- '\\n</tool_response>' }}
        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}
            {{- '<|im_end|>\\n' }}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\\n' }}
{%- endif %}
"""


def _render(messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> str:
    """Render like transformers' ``apply_chat_template`` (sandboxed jinja2, its ``tojson``: no HTML escaping)."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    env.filters["tojson"] = lambda x, ensure_ascii=False, indent=None, separators=None, sort_keys=False: json.dumps(
        x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys
    )
    return env.from_string(QWEN25_TEMPLATE).render(messages=messages, tools=tools, add_generation_prompt=False)


def test_hf_parquet_loads_with_datasets_and_renders_with_a_chat_template(run_dir: Path, tmp_path: Path) -> None:
    path = export_runs([run_dir], "hf", tmp_path / "h", context_length=32768)["hf"]
    openai = export_runs([run_dir], "openai", tmp_path / "o", context_length=32768)["openai"]
    reference = [json.loads(line) for line in openai.read_text(encoding="utf-8").splitlines()]
    ds = datasets.load_dataset("parquet", data_files=str(path), split="train")
    assert ds.column_names == ["messages", "tools"]
    assert len(ds) == len(reference)
    checked = 0
    for row, ref in zip(ds, reference, strict=True):
        assert [m["role"] for m in row["messages"]] == [m["role"] for m in ref["messages"]]
        assert row["tools"] == ref["tools"]
        for message, ref_message in zip(row["messages"], ref["messages"], strict=True):
            for call, ref_call in zip(message["tool_calls"] or [], ref_message.get("tool_calls", []), strict=True):
                arguments = call["function"]["arguments"]
                assert isinstance(arguments, dict)  # an object, not a JSON string
                assert arguments == json.loads(ref_call["function"]["arguments"])
                checked += 1
    assert checked > 0
    row = ds[0]
    text = _render(row["messages"], row["tools"])
    assert text.startswith("<|im_start|>system\n")
    body = text.split("<|im_end|>\n", 1)[1]  # after the system block (its instructions show a placeholder call)
    calls = re.findall(r"<tool_call>\n(.*?)\n</tool_call>", body)
    assert calls
    for raw in calls:
        parsed = json.loads(raw)
        assert isinstance(parsed["arguments"], dict), "arguments were encoded twice"
    assert '"arguments": "{' not in text
    again = export_runs([run_dir], "hf", tmp_path / "h2", context_length=32768)["hf"]
    assert again.read_bytes() == path.read_bytes()


# ---------------------------------------------------------------------------------------------------------------------
# Harbor tasks: layout, task.toml, and test.sh giving the same reward as signals.json
# ---------------------------------------------------------------------------------------------------------------------


def _test_sh(task: Path, home: Path, reward: Path) -> subprocess.Popen[str]:
    """Start tests/test.sh locally, its Harbor paths pointed at ``home`` and the task's tests folder."""
    env = dict(os.environ)
    env.update(
        {
            "SYNTHCOMP_HOME_DIR": str(home),
            "SYNTHCOMP_TESTS_DIR": str(task / "tests"),
            "SYNTHCOMP_REWARD_FILE": str(reward),
            "SYNTHCOMP_BIN": f"{sys.executable} -m synthcomp_agents.cli",
        }
    )
    return subprocess.Popen(
        ["bash", str(task / "tests" / "test.sh")], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _reward(process: subprocess.Popen[str], reward: Path) -> float:
    _out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return float(reward.read_text(encoding="utf-8").strip())


def _run_test_sh(task: Path, home: Path, reward: Path) -> float:
    return _reward(_test_sh(task, home, reward), reward)


def _offline_score(run_dir: Path, home: Path, objective_id: str) -> float:
    """The objective's score on ``home`` through the Python API, as a Harbor task scores it: reviewers offline, no
    original computer to measure collateral damage against."""
    outcome = verify_home(home, run_dir / "objectives.json", objective_id=objective_id, reviewers_offline=True)
    return outcome.reward


@pytest.fixture(scope="module")
def harbor_tasks(run_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return export_runs([run_dir], "harbor", tmp_path_factory.mktemp("harbor"))


def test_harbor_tasks_verify_to_the_signals_scores(
    run_dir: Path, signals: dict[str, Any], harbor_tasks: dict[str, Path], tmp_path: Path
) -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    written = harbor_tasks
    plan = json.loads((run_dir / "objectives.json").read_text(encoding="utf-8"))
    assert len(written) == len(plan["objectives"])
    scores = {o["objective_id"]: o["reward"] for o in signals["objectives"]}
    assert len(set(scores.values())) > 1  # the short run left some objectives undone
    for (name, task), objective in zip(written.items(), plan["objectives"], strict=True):
        assert name.endswith(f"-{objective['objective_id']}")
        for rel in ("instruction.md", "task.toml", "environment/Dockerfile", "tests/test.sh", "solution/solve.sh"):
            assert (task / rel).is_file(), rel
        config = tomllib.loads((task / "task.toml").read_text(encoding="utf-8"))
        assert config["verifier"]["timeout_sec"] > 0 and config["agent"]["timeout_sec"] > 0
        assert config["environment"]["build_timeout_sec"] > 0
        assert config["metadata"]["objective_id"] == objective["objective_id"]
        instruction = (task / "instruction.md").read_text(encoding="utf-8")
        assert objective["title"] in instruction and "I'm " in instruction
        for deliverable in objective["deliverables"]:
            assert f"~/{deliverable['path']}" in instruction
            assert not (task / "environment" / "files" / deliverable["path"]).exists()  # the home BEFORE the run
        assert "pip install" in (task / "environment" / "Dockerfile").read_text(encoding="utf-8")
    # test.sh of every task, run locally (in parallel) on the run's end state: the reward is the score of the run's
    # end state with reviewers offline (nobody can answer a review in a container: a mailed file counts there), which
    # is signals.json's score where the run's review loops closed and never below it
    final = run_dir / "final"
    started = {name: _test_sh(task, final, tmp_path / name / "reward.txt") for name, task in written.items()}
    for (name, process), objective in zip(started.items(), plan["objectives"], strict=True):
        oid = objective["objective_id"]
        got = _reward(process, tmp_path / name / "reward.txt")
        assert got == _offline_score(run_dir, final, oid)
        assert got >= scores[oid]
    files = next(iter(written.values())) / "environment" / "files"
    original = run_dir.parent.parent / "computers" / run_dir.name / "home"
    assert sorted(p.name for p in files.iterdir()) == sorted(p.name for p in original.iterdir())


def test_harbor_solution_reaches_the_runs_score_from_the_original_home(
    run_dir: Path, signals: dict[str, Any], harbor_tasks: dict[str, Path], tmp_path: Path
) -> None:
    written = harbor_tasks
    best = max(signals["objectives"], key=lambda o: o["reward"])
    task = next(t for n, t in written.items() if n.endswith(f"-{best['objective_id']}"))
    home = tmp_path / "home"
    shutil.copytree(task / "environment" / "files", home)
    env = dict(os.environ, SYNTHCOMP_HOME_DIR=str(home))
    subprocess.run(["bash", str(task / "solution" / "solve.sh")], env=env, check=True)
    assert best["reward"] > 0
    got = _run_test_sh(task, home, tmp_path / "after.txt")
    assert got == _offline_score(run_dir, home, best["objective_id"])
    assert got >= best["reward"]  # only review loops a container cannot close may differ
