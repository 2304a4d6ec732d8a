"""The scripted policy behind an OpenAI-compatible HTTP endpoint, driven by AutoGen's own OpenAIChatCompletionClient.

A short simulation where every role talks HTTP to ``ScriptedPolicyServer`` must make exactly the decisions of the
in-process ``ScriptedPolicyClient`` (same requests, responses, usage and deliverables; only wall-clock latency
differs). The ``synthcomp serve-policy`` command answers raw HTTP; malformed requests get a 400 OpenAI-style error.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from autogen_core import FunctionCall
from autogen_core.models import CreateResult, SystemMessage, UserMessage
from autogen_ext.models.openai import OpenAIChatCompletionClient
from generator_cache import generated

from synthcomp_agents import Simulation, SimulationConfig, load_model_config
from synthcomp_agents.models import ResilientChatCompletionClient, ScriptedPolicyServer
from synthcomp_agents.models._serve import ScriptedPolicyService, policy_for_model, role_for_model
from synthcomp_agents.simulation import RunFolder

ROLES = ("worker", "objective_setter", "collaborator", "judge")


@pytest.fixture(scope="module")
def computer_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve") / "c1"
    generated("A procurement manager in Valencia", seed=7).save(folder, materialize=False)
    return folder


@pytest.fixture(scope="module")
def server() -> Any:
    with ScriptedPolicyServer(seed=7) as srv:
        yield srv


def _post(url: str, body: bytes | dict[str, Any], path: str = "/chat/completions") -> tuple[int, dict[str, Any]]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url + path, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _lines(run_dir: Path) -> list[dict[str, Any]]:
    return list(RunFolder(run_dir).iter_trajectory())


def _difference(ours: dict[str, Any], theirs: dict[str, Any], key: str) -> str:
    """Where two trajectory fields first differ (HTTP run vs in-process run), with some context."""
    a, b = json.dumps(ours[key], ensure_ascii=False), json.dumps(theirs[key], ensure_ascii=False)
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"http ...{a[max(0, at - 300) : at + 120]!r} vs in-process ...{b[max(0, at - 300) : at + 120]!r}"


def _write_config(folder: Path, base_url: str, model_info: Mapping[str, Any]) -> Path:
    roles = {
        role: {
            "model": f"synthcomp-scripted-{role}",
            "base_url": base_url,
            "api_key_env": None,
            "model_info": model_info,
        }
        for role in ROLES
    }
    path = folder / "models.yaml"
    path.write_text(yaml.safe_dump({"schema_version": 1, "roles": roles}), encoding="utf-8")
    return path


def test_role_mapping() -> None:
    assert role_for_model("synthcomp-scripted-worker") == "worker"
    assert role_for_model("synthcomp-scripted-objective_setter") == "objective_setter"
    assert role_for_model("objective-setter") == "objective_setter"
    assert role_for_model("synthcomp-scripted-collaborator:dana_lee") == "collaborator:dana_lee"
    assert role_for_model("judge") == "judge"
    assert policy_for_model("synthcomp-scripted-worker") == ("worker", "competent")
    assert policy_for_model("synthcomp-scripted-worker:sloppy") == ("worker", "sloppy")
    for bad in ("gpt-4o", "synthcomp-scripted-", "worker:x", "collaborator:", "judge:lazy"):
        with pytest.raises(ValueError, match="unknown model"):
            role_for_model(bad)


def test_simulation_over_http_matches_in_process_policy(
    computer_dir: Path, server: ScriptedPolicyServer, tmp_path: Path
) -> None:
    config = _write_config(tmp_path, server.base_url, server.model_info())
    models = load_model_config(config)
    for role in (*ROLES, "collaborator:anyone"):
        client = models.client_for(role)
        assert isinstance(client, ResilientChatCompletionClient), role
        assert isinstance(client.inner, OpenAIChatCompletionClient), role
        assert client.model_info["function_calling"] is True

    served_before = server.service.requests
    common: dict[str, Any] = {"computer_dir": computer_dir, "seed": 7, "days": 5, "max_worker_turns": 170}
    http = Simulation(SimulationConfig(run_dir=tmp_path / "http", model_config_path=config, **common)).run_sync()
    local = Simulation(SimulationConfig(run_dir=tmp_path / "local", **common)).run_sync()

    http_lines = _lines(tmp_path / "http")
    local_lines = _lines(tmp_path / "local")
    # every recorded model call of the HTTP run went over the wire
    assert server.service.requests - served_before == len(http_lines)
    worker = [line for line in http_lines if line["role"] == "worker"]
    assert len(worker) == http.summary["worker_turns"] >= 170
    calls = [c for line in worker for c in line["response"]["tool_calls"] or []]
    assert {"read_file", "send_message", "append_journal"} <= {c["function"]["name"] for c in calls}
    assert all(isinstance(c["function"]["arguments"], str) for c in calls)  # JSON strings, as on the wire
    assert all(json.loads(c["function"]["arguments"]) is not None for c in calls)
    assert all(line["usage"]["prompt_tokens"] > 0 and line["usage"]["completion_tokens"] > 0 for line in http_lines)
    assert http.summary["tokens"]["prompt"] == sum(line["usage"]["prompt_tokens"] for line in http_lines)
    assert {"objective_setter", "worker"} <= {line["role"] for line in http_lines}
    assert any(line["role"].startswith("collaborator:") for line in http_lines)

    # the same run: requests exactly as sent, responses (text, tool calls, memo thoughts), usage and simulated times
    assert len(http_lines) == len(local_lines)
    for ours, theirs in zip(http_lines, local_lines, strict=True):
        assert (ours["seq"], ours["role"], ours["sim_time"]) == (theirs["seq"], theirs["role"], theirs["sim_time"])
        for key in ("request", "response", "usage"):
            assert ours[key] == theirs[key], (
                f"line {ours['seq']} ({ours['role']}) {key}: {_difference(ours, theirs, key)}"
            )
    # a label of where the worker model came from ("model" vs the scripted variant); the HTTP calls' fault counts
    different = {"worker_policy", "model_faults"}
    assert {k: v for k, v in http.summary.items() if k not in different} == {
        k: v for k, v in local.summary.items() if k not in different
    }
    assert http.summary["deliverables_submitted"] >= 1 and http.summary["submitted"] == local.summary["submitted"]
    for deliverable in http.summary["submitted"]:
        assert deliverable  # ids like "o1-d1"
    # the end states are the same files with the same bytes
    http_final = {p.relative_to(tmp_path / "http" / "final"): p for p in (tmp_path / "http" / "final").rglob("*")}
    local_final = {p.relative_to(tmp_path / "local" / "final"): p for p in (tmp_path / "local" / "final").rglob("*")}
    assert sorted(http_final) == sorted(local_final)
    assert all(p.read_bytes() == local_final[k].read_bytes() for k, p in http_final.items() if p.is_file())


@pytest.mark.asyncio
async def test_autogen_client_tool_calls_and_streaming(server: ScriptedPolicyServer) -> None:
    client = OpenAIChatCompletionClient(
        model="synthcomp-scripted-objective_setter",
        base_url=server.base_url,
        api_key="x",
        model_info=server.model_info(),
    )
    tools = [{"name": "tree", "description": "Show the tree.", "parameters": {"type": "object", "properties": {}}}]
    system = "You write the objective plan.\n"
    messages = [UserMessage(content=system + "Explore the computer.", source="user")]
    result = await client.create(messages, tools=tools)  # type: ignore[arg-type]
    assert result.finish_reason == "function_calls"
    assert isinstance(result.content, list) and isinstance(result.content[0], FunctionCall)
    assert result.content[0].name == "tree" and json.loads(result.content[0].arguments)["path"] == "~"
    assert result.usage.prompt_tokens > 0
    chunks = [c async for c in client.create_stream(messages, tools=tools)]  # type: ignore[arg-type]
    final = chunks[-1]
    assert isinstance(final, CreateResult) and isinstance(final.content, list)
    assert final.content[0].name == "tree" and final.content[0].arguments == result.content[0].arguments
    await client.close()


@pytest.mark.asyncio
async def test_worker_variants_over_http(server: ScriptedPolicyServer) -> None:
    from synthcomp_agents.models import ScriptedPolicyClient

    system = "You are Ana Ruiz, Controller at Acme. This is your own computer."
    messages = [SystemMessage(content=system), UserMessage(content="Good morning, Ana. Workday 1 of 5.", source="user")]
    tools = [{"name": "tree", "description": "Tree.", "parameters": {"type": "object", "properties": {}}}]
    for variant in ("competent", "lazy", "random"):
        suffix = "" if variant == "competent" else f":{variant}"
        client = OpenAIChatCompletionClient(
            model=f"synthcomp-scripted-worker{suffix}",
            base_url=server.base_url,
            api_key="x",
            model_info=server.model_info(),
        )
        remote = await client.create(messages, tools=tools)  # type: ignore[arg-type]
        await client.close()
        local = await ScriptedPolicyClient(role="worker", variant=variant, seed=7).create(messages, tools=tools)  # type: ignore[arg-type]
        assert remote.content == local.content and remote.thought == local.thought, variant


def test_text_answer_reasoning_is_remembered() -> None:
    service = ScriptedPolicyService(seed=0)
    body = {"model": "worker", "messages": [{"role": "user", "content": "Good morning."}]}
    first = service.complete(body)
    message = first["choices"][0]["message"]
    assert first["choices"][0]["finish_reason"] == "stop" and message["reasoning_content"].count("[memo]") == 1
    assert "tool_calls" not in message
    assert service.complete(body) == first  # deterministic: same id, created, content
    follow = {
        "model": "worker",
        "messages": [*body["messages"], {"role": "assistant", "content": message["content"]}],
    }
    from synthcomp_agents.models._serve import parse_messages

    recalled = parse_messages(follow["messages"], service._recall(service.memory_key(follow, "worker", "competent")))
    assert recalled[-1].thought == message["reasoning_content"]  # type: ignore[union-attr]
    assert parse_messages(follow["messages"])[-1].thought is None  # type: ignore[union-attr]


BAD_REQUESTS: list[tuple[bytes | dict[str, Any], str]] = [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe", "not valid JSON"),
    (b"[1, 2]", "JSON object"),
    ({"messages": [{"role": "user", "content": "hi"}]}, "model"),
    ({"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}, "unknown model"),
    ({"model": "worker"}, "messages"),
    ({"model": "worker", "messages": "hi"}, "messages"),
    ({"model": "worker", "messages": []}, "messages"),
    ({"model": "worker", "messages": [42]}, "messages[0]"),
    ({"model": "worker", "messages": [{"role": "wizard", "content": "hi"}]}, "role"),
    ({"model": "worker", "messages": [{"role": "user", "content": {"a": 1}}]}, "content"),
    ({"model": "worker", "messages": [{"role": "user", "content": [{"type": "audio"}]}]}, "text part"),
    ({"model": "worker", "messages": [{"role": "tool", "content": "x"}]}, "tool_call_id"),
    ({"model": "worker", "messages": [{"role": "assistant", "tool_calls": [{"function": {}}]}]}, "tool_calls"),
    ({"model": "worker", "messages": [{"role": "assistant", "tool_calls": "ls"}]}, "tool_calls"),
    ({"model": "worker", "messages": [{"role": "user", "content": "hi"}], "tools": {"a": 1}}, "tools"),
    ({"model": "worker", "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "x"}]}, "tools[0]"),
    ({"model": "worker", "messages": [{"role": "user", "content": "hi"}], "tool_choice": 3}, "tool_choice"),
    ({"model": "worker", "messages": [{"role": "user", "content": "hi"}], "n": 2}, "n=1"),
]


@pytest.mark.parametrize(("body", "expected"), BAD_REQUESTS)
def test_malformed_requests_get_400(server: ScriptedPolicyServer, body: bytes | dict[str, Any], expected: str) -> None:
    status, payload = _post(server.base_url, body)
    assert status == 400
    error = payload["error"]
    assert expected in error["message"] and error["type"] == "invalid_request_error"
    assert set(error) == {"message", "type", "param", "code"}
    # the server is still up and answers a good request
    ok, reply = _post(server.base_url, {"model": "judge", "messages": [{"role": "user", "content": "Rate 0-5."}]})
    assert ok == 200 and reply["object"] == "chat.completion"


def test_unknown_paths_and_models_endpoint(server: ScriptedPolicyServer) -> None:
    status, payload = _post(server.base_url, {"model": "worker"}, path="/embeddings")
    assert status == 404 and "chat/completions" in payload["error"]["message"]
    with urllib.request.urlopen(server.base_url + "/models", timeout=10) as response:
        listed = json.loads(response.read())
    names = [m["id"] for m in listed["data"]]
    assert names[:4] == [f"synthcomp-scripted-{r}" for r in ROLES]
    assert {"synthcomp-scripted-worker:lazy", "synthcomp-scripted-worker:random"} <= set(names)
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(server.base_url + "/models/gpt-4o", timeout=10)
    assert info.value.code == 404 and "unknown model" in json.loads(info.value.read())["error"]["message"]
    request = urllib.request.Request(server.base_url + "/chat/completions", method="DELETE")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    assert info.value.code == 405 and "POST /v1/chat/completions" in json.loads(info.value.read())["error"]["message"]


def test_cli_serve_policy_answers_raw_http(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    command = shutil.which("synthcomp")  # the installed console script; the module form otherwise
    program = [command] if command else [sys.executable, "-m", "synthcomp_agents.cli"]
    args = [*program, "serve-policy", "--port", "0", "--seed", "3"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/v1)", line)
        assert match, (line, proc.stderr.read() if proc.poll() is not None and proc.stderr else "")
        base = match.group(1)
        # a hand-written HTTP/1.1 request on a plain socket
        host, port = re.match(r"http://([^:/]+):(\d+)", base).groups()  # type: ignore[union-attr]
        with socket.create_connection((host, int(port)), timeout=30) as connection:
            connection.sendall(f"GET /v1/models HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            raw_reply = b""
            while chunk := connection.recv(65536):
                raw_reply += chunk
        head, _, payload = raw_reply.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200") and b"Content-Type: application/json" in head
        assert json.loads(payload)["data"][0]["id"] == "synthcomp-scripted-worker"
        raw = {
            "model": "synthcomp-scripted-collaborator:dana_lee",
            "messages": [
                {
                    "role": "system",
                    "content": "You are Dana Lee, Controller at Acme.\nYour communication style: terse.\n"
                    "- [Q3 budget] Travel is cut by 15% from 1 October.",
                },
                {
                    "role": "user",
                    "name": "mail",
                    "content": "From: Ana Ruiz <ana@acme.example>\nSubject: Question: Q3 budget\n\n"
                    "What is the latest on the Q3 budget?",
                },
            ],
        }
        status, reply = _post(base, raw)
        assert status == 200
        assert reply["object"] == "chat.completion" and reply["model"] == raw["model"]
        assert reply["id"].startswith("chatcmpl-") and isinstance(reply["created"], int)
        choice = reply["choices"][0]
        assert choice["finish_reason"] == "stop"
        assert choice["message"]["content"].startswith("Travel is cut by 15% from 1 October.")
        usage = reply["usage"]
        assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"] > 0
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_a_policy_failure_is_a_500_not_a_dead_server(monkeypatch: pytest.MonkeyPatch) -> None:
    from synthcomp_agents.models import ScriptedPolicyClient

    async def boom(self: ScriptedPolicyClient, *args: Any, **kwargs: Any) -> CreateResult:
        raise RuntimeError("policy exploded")

    with ScriptedPolicyServer(port=0) as srv:
        body = {"model": "judge", "messages": [{"role": "user", "content": "Rate 0-5."}]}
        with monkeypatch.context() as patch:
            patch.setattr(ScriptedPolicyClient, "create", boom)
            status, payload = _post(srv.base_url, body)
        assert status == 500 and payload["error"]["type"] == "server_error"
        assert "RuntimeError: policy exploded" in payload["error"]["message"]
        ok, reply = _post(srv.base_url, body)
        assert ok == 200 and reply["choices"][0]["message"]["content"]


def test_collaborator_replies_arrive_by_the_clock_over_http(
    computer_dir: Path, server: ScriptedPolicyServer, tmp_path: Path
) -> None:
    """Every role through AutoGen's OpenAIChatCompletionClient, the worker being the natural one (free-form questions,
    waiting with ``wait``): a collaborator takes its turn right after the worker's tool call that mailed it, and its
    reply reaches the inbox while the worker only calls tools (no text turn)."""
    from test_world_clock import replies_by_the_clock

    config = _write_config(tmp_path, server.base_url, server.model_info())
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["roles"]["worker"]["model"] = "synthcomp-scripted-worker:natural"
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    worker_client = load_model_config(config).client_for("worker")
    assert isinstance(worker_client, ResilientChatCompletionClient)
    assert isinstance(worker_client.inner, OpenAIChatCompletionClient)
    run_dir = tmp_path / "clock"
    result = Simulation(
        SimulationConfig(computer_dir=computer_dir, run_dir=run_dir, seed=7, days=2, model_config_path=config)
    ).run_sync()
    lines = _lines(run_dir)
    worker = [line for line in lines if line["role"] == "worker"]
    assert len(worker) == result.summary["worker_turns"] > 0
    followed_a_tool_call = [
        later["role"]
        for earlier, later in itertools.pairwise(lines)
        if earlier["role"] == "worker" and earlier["response"]["tool_calls"] and later["role"].startswith("collab")
    ]
    assert followed_a_tool_call
    arrived = replies_by_the_clock(run_dir)
    assert arrived, "no reply reached the inbox while the worker kept calling tools"
    assert all(sent < delivered for sent, delivered in arrived)
    asked = [
        json.loads(call["function"]["arguments"])
        for line in worker
        for call in line["response"]["tool_calls"] or []
        if call["function"]["name"] == "send_message"
    ]
    assert any(mail["subject"].startswith("Quick question") for mail in asked), "not the natural worker's mail"
    assert not any("[o1-" in mail["subject"] for mail in asked)


def _text_turn(service: ScriptedPolicyService, run: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    body = {"model": "worker", "messages": [{"role": "user", "content": "Good morning."}]}
    message = service.complete(body, run=run)["choices"][0]["message"]
    follow = {"model": "worker", "messages": [*body["messages"], {"role": "assistant", "content": message["content"]}]}
    return message, follow


def test_memory_is_per_run_so_concurrent_runs_do_not_mix() -> None:
    from synthcomp_agents.models._serve import parse_messages

    service = ScriptedPolicyService(seed=0)
    message, follow = _text_turn(service, "run-a")
    in_a = parse_messages(
        follow["messages"], service._recall(service.memory_key(follow, "worker", "competent", "run-a"))
    )
    in_b = parse_messages(
        follow["messages"], service._recall(service.memory_key(follow, "worker", "competent", "run-b"))
    )
    assert in_a[-1].thought == message["reasoning_content"]  # type: ignore[union-attr]
    assert in_b[-1].thought is None  # type: ignore[union-attr]  # another run never sees run-a's memo
    # without the header, runs are told apart by their first system message
    one = {"messages": [{"role": "system", "content": "You are Ana."}]}
    two = {"messages": [{"role": "system", "content": "You are Bo."}]}
    assert service.memory_key(one, "worker", "competent") != service.memory_key(two, "worker", "competent")


def test_memory_survives_a_server_restart_with_a_state_dir(tmp_path: Path) -> None:
    from synthcomp_agents.models._serve import parse_messages

    first = ScriptedPolicyService(seed=0, state_dir=tmp_path)
    message, follow = _text_turn(first, "run-a")
    first.close()
    restarted = ScriptedPolicyService(seed=0, state_dir=tmp_path)
    key = restarted.memory_key(follow, "worker", "competent", "run-a")
    recalled = parse_messages(follow["messages"], restarted._recall(key))
    assert recalled[-1].thought == message["reasoning_content"]  # type: ignore[union-attr]
    restarted.close()


def test_the_run_header_reaches_the_service(tmp_path: Path) -> None:
    import urllib.request

    from synthcomp_agents.models import RUN_ID_HEADER

    seen: list[str | None] = []
    with ScriptedPolicyServer(port=0) as server:
        original = server.service.complete

        def spy(body: Any, *, run: str | None = None) -> dict[str, Any]:
            seen.append(run)
            return original(body, run=run)

        server.service.complete = spy  # type: ignore[method-assign]
        body = json.dumps({"model": "judge", "messages": [{"role": "user", "content": "Score: 0-5"}]}).encode()
        request = urllib.request.Request(
            server.base_url + "/chat/completions",
            data=body,
            headers={"Content-Type": "application/json", RUN_ID_HEADER: "sim-123"},
        )
        with urllib.request.urlopen(request) as response:
            assert response.status == 200
    assert seen == ["sim-123"]


def test_role_models_send_the_run_header() -> None:
    from synthcomp_agents.models import RUN_ID_HEADER, RoleModels

    models = RoleModels.from_mapping({"roles": {"judge": {"model": "gpt-4o-mini", "api_key_env": None}}})
    models.headers[RUN_ID_HEADER] = "sim-1"
    client = models.client_for("judge")
    assert client.dump_component().config["default_headers"] == {RUN_ID_HEADER: "sim-1"}
