"""Every model call is a bounded, classified operation (issue 17 point 1).

Unit level: each fault kind is retried (transport, body) or re-asked/answered (the model's own output), Retry-After is
honoured, permanent errors are not retried. Through HTTP: the fault-injecting proxy of ``tools/fault_soak.py`` in
front of the scripted policy endpoint, one fault of every kind, the same answer as without faults; a hung endpoint
fails the call within its timeout. Simulation level: consecutive failures stop the segment with a named cause in
``run.json`` and resuming completes; mixed faults give the fault-free result; a slow model finishes a day under the
no-progress limit; a hung model trips the no-progress limit.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from autogen_core import FunctionCall
from autogen_core.models import CreateResult, RequestUsage, UserMessage

from synthcomp_agents import ProceduralComputerGenerator, Simulation, SimulationConfig
from synthcomp_agents.models import (
    ModelCallError,
    ModelFaults,
    ResilientChatCompletionClient,
    RetrySettings,
    ScriptedPolicyServer,
    load_model_config,
)
from synthcomp_agents.simulation import RunFolder, SimulationError

ROOT = Path(__file__).resolve().parents[1]
TOOLS = [
    {
        "name": "read_file",
        "description": "Read a file.",
        "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
    }
]
USAGE = RequestUsage(prompt_tokens=3, completion_tokens=2)


def _soak() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fault_soak", ROOT / "tools" / "fault_soak.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fault_soak"] = module
    spec.loader.exec_module(module)
    return module


fault_soak = _soak()


# -- unit level -----------------------------------------------------------------------------------------------------


class _Headers(dict[str, str]):
    pass


class _Response:
    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = _Headers(headers)


class FakeStatusError(Exception):
    """Shaped like the OpenAI SDK's APIStatusError (status_code, response.headers)."""

    def __init__(self, status: int, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"Error code: {status}")
        self.status_code = status
        self.response = _Response(headers or {})


class APIConnectionError(Exception):
    """Named like the SDK's connection error (classification goes by class name)."""


class Scripted:
    """A fake inner client: raises or returns the scripted items in order."""

    def __init__(self, items: list[Any]) -> None:
        self.items = list(items)
        self.calls = 0

    async def create(self, *args: Any, **kwargs: Any) -> CreateResult:
        self.calls += 1
        item = self.items.pop(0)
        if isinstance(item, BaseException):
            raise item
        if item == "hang":
            await asyncio.sleep(3600)
        assert isinstance(item, CreateResult)
        return item


def _text(content: str = "Done.") -> CreateResult:
    return CreateResult(finish_reason="stop", content=content, usage=USAGE, cached=False)


def _call(name: str = "read_file", arguments: str = '{"path": "a.md"}') -> CreateResult:
    return CreateResult(
        finish_reason="function_calls",
        content=[FunctionCall(id="c1", name=name, arguments=arguments)],
        usage=USAGE,
        cached=False,
    )


def _client(inner: Scripted, **settings: Any) -> tuple[ResilientChatCompletionClient, list[float], ModelFaults]:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    faults = ModelFaults()
    options: dict[str, Any] = {"jitter": 0.0, "backoff_s": 0.5, **settings}
    client = ResilientChatCompletionClient(
        inner,  # type: ignore[arg-type]
        role="worker",
        settings=RetrySettings(**options),
        faults=faults,
        endpoint="http://model.test/v1",
        sleep=sleep,
    )
    return client, waits, faults


MESSAGES = [UserMessage(content="Hello", source="user")]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (FakeStatusError(429, {"retry-after": "7"}), "rate_limit"),
        (FakeStatusError(500), "server_error"),
        (FakeStatusError(502), "server_error"),
        (FakeStatusError(503), "server_error"),
        (APIConnectionError("Connection error."), "connection"),
        (TimeoutError("read timed out"), "timeout"),
        (json.JSONDecodeError("Expecting value", "<html>", 0), "bad_body"),
        (IndexError("list index out of range"), "empty_choices"),
    ],
)
async def test_transport_and_body_faults_are_retried(error: Exception, kind: str) -> None:
    inner = Scripted([error, _text()])
    client, waits, faults = _client(inner)
    result = await client.create(MESSAGES)
    assert result.content == "Done." and inner.calls == 2
    assert faults.summary()["faults"] == {kind: 1} and faults.retries == 1
    assert waits == ([7.0] if kind == "rate_limit" else [0.5])  # Retry-After honoured over the 0.5 s backoff


@pytest.mark.asyncio
async def test_backoff_grows_and_the_budget_ends_in_a_named_error() -> None:
    inner = Scripted([FakeStatusError(503)] * 4)
    client, waits, faults = _client(inner, attempts=4)
    with pytest.raises(ModelCallError) as caught:
        await client.create(MESSAGES)
    assert waits == [0.5, 1.0, 2.0]
    err = caught.value
    assert (err.role, err.kind, err.attempts, err.transient) == ("worker", "server_error", 4, True)
    assert "http://model.test/v1" in str(err) and faults.last_failure is err and faults.failed_calls == 1


@pytest.mark.asyncio
async def test_permanent_errors_are_not_retried() -> None:
    inner = Scripted([FakeStatusError(401), _text()])
    client, waits, _ = _client(inner)
    with pytest.raises(ModelCallError, match="client_error") as caught:
        await client.create(MESSAGES)
    assert inner.calls == 1 and waits == [] and caught.value.transient is False


@pytest.mark.asyncio
async def test_a_retry_after_longer_than_allowed_fails_now() -> None:
    inner = Scripted([FakeStatusError(429, {"retry-after": "3600"}), _text()])
    client, _, _ = _client(inner, max_retry_after_s=60)
    with pytest.raises(ModelCallError, match="Retry-After 3600 s is too long"):
        await client.create(MESSAGES)


@pytest.mark.asyncio
async def test_a_hung_attempt_is_cancelled_at_its_timeout_and_retried() -> None:
    inner = Scripted(["hang", _text()])
    client, _, faults = _client(inner, timeout_s=0.2)
    started = time.perf_counter()
    assert (await client.create(MESSAGES)).content == "Done."
    assert time.perf_counter() - started < 2.0 and faults.summary()["faults"] == {"timeout": 1}


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("bad", "kind"),
    [
        (_call(arguments='{"path": "a.m'), "bad_tool_arguments"),
        (_call(arguments="[1, 2]"), "bad_tool_arguments"),
        (_call(name="open_macro"), "unknown_tool"),
        (_call(arguments="{}"), "missing_argument"),
    ],
)
async def test_own_output_faults_are_re_asked_then_answered_back(bad: CreateResult, kind: str) -> None:
    inner = Scripted([bad, _call()])
    client, _, faults = _client(inner)
    result = await client.create(MESSAGES, tools=TOOLS)  # type: ignore[arg-type]
    assert result.content == _call().content and faults.repairs == 1 and faults.faults == {kind: 1}

    inner = Scripted([bad])
    client, _, faults = _client(inner, repairs=0)  # no re-ask: the agent's tool step answers the model
    assert (await client.create(MESSAGES, tools=TOOLS)).content == bad.content  # type: ignore[arg-type]
    assert faults.answered == 1 and faults.repairs == 0


def test_model_config_retry_settings_and_bounded_openai_client(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    roles = {"worker": {"model": "m", "api_key_env": None, "retry": {"timeout_s": 12, "attempts": 3}}}
    path.write_text(json.dumps({"roles": roles}))
    models = load_model_config(path)
    settings = models.retry_settings("worker")
    assert settings is not None and (settings.timeout_s, settings.attempts) == (12, 3)
    config = models.spec_for("worker")["config"]  # type: ignore[index]
    assert (config["timeout"], config["max_retries"]) == (12, 0)  # the HTTP request is bounded too
    path.write_text(json.dumps({"roles": {"worker": {"model": "m", "retry": {"attempts": 0}}}}))
    with pytest.raises(ValueError, match=r"roles.worker.retry: attempts"):
        load_model_config(path)


def test_every_shipped_model_config_has_a_per_call_timeout() -> None:
    import yaml

    for path in sorted((ROOT / "examples" / "models").glob("*.yaml")):
        for role, spec in yaml.safe_load(path.read_text(encoding="utf-8"))["roles"].items():
            specs = spec.values() if role == "collaborators" else [spec]
            for one in specs:
                config = one.get("config", one)
                assert "timeout" in config or "timeout_s" in (one.get("retry") or {}), (path.name, role)


# -- through HTTP: the fault proxy in front of the scripted endpoint --------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[ScriptedPolicyServer]:
    with ScriptedPolicyServer(seed=3) as srv:
        yield srv


def _config(folder: Path, base_url: str, **retry: Any) -> Path:
    data = fault_soak.model_config(base_url, timeout_s=retry.pop("timeout_s", 5.0), attempts=retry.pop("attempts", 8))
    for spec in data["roles"].values():
        spec["retry"].update(retry)
    path = folder / "models.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _worker_tools() -> list[Any]:
    from synthcomp_agents.testing import demo_world
    from synthcomp_agents.world import SimulationWorkbench

    return SimulationWorkbench(demo_world(world_id="faults-tools"), actor="Ana", agent="worker").schemas()


WORKER_TOOLS = _worker_tools()


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", fault_soak.FAULTS)
async def test_each_fault_kind_over_http_gives_the_fault_free_answer(
    server: ScriptedPolicyServer, tmp_path: Path, kind: str
) -> None:
    from autogen_core.models import SystemMessage

    messages = [
        SystemMessage(content="You are Ana Ruiz, a buyer at Acme. Work through your files."),
        UserMessage(content="Good morning. Start the day: read your notes first.", source="user"),
    ]
    clean_models = load_model_config(_config(tmp_path, server.base_url))
    clean = await clean_models.client_for("worker").create(messages, tools=WORKER_TOOLS)  # type: ignore[arg-type]
    await clean_models.close()
    with fault_soak.FaultProxy(server.base_url, 1.0, faults=(kind,), hang_s=3.0, budget=1) as proxy:
        models = load_model_config(_config(tmp_path, proxy.base_url, timeout_s=1.0, backoff_s=0.05))
        started = time.perf_counter()
        result = await models.client_for("worker").create(messages, tools=WORKER_TOOLS)  # type: ignore[arg-type]
        wall = time.perf_counter() - started
        await models.close()
    assert sum(proxy.injected.values()) == 1
    assert result.content == clean.content, kind
    summary = models.faults.summary()
    assert summary["retries"] + summary["repairs"] == 1 and summary["failed_calls"] == 0, summary
    if kind == "hang":
        assert summary["faults"] == {"timeout": 1} and wall < 3.0  # cancelled at 1 s, not after the 3 s hang
    if kind == "429":
        assert wall >= 1.0  # Retry-After: 1


class _Silent:
    """A TCP endpoint that accepts connections and never answers (a hung model server)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.base_url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/v1"
        self.conns: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


def _closed_by_peer(conn: socket.socket) -> bool:
    """Read what the client sent; True when it then closed the connection (EOF), False if it kept it open."""
    conn.settimeout(1.0)
    try:
        while conn.recv(65536):
            pass
    except TimeoutError:
        return False
    except OSError:
        return True
    return True


@pytest.mark.asyncio
async def test_a_hung_endpoint_fails_the_call_within_its_timeout(tmp_path: Path) -> None:
    silent = _Silent()
    try:
        models = load_model_config(_config(tmp_path, silent.base_url, timeout_s=0.5, attempts=2, backoff_s=0.1))
        started = time.perf_counter()
        with pytest.raises(ModelCallError) as caught:
            await models.client_for("worker").create(MESSAGES)
        wall = time.perf_counter() - started
        closed = [_closed_by_peer(conn) for conn in list(silent.conns)]
        await models.close()
    finally:
        silent.close()
    assert closed == [True, True]  # each timed-out attempt's HTTP request was cancelled: its connection closed
    assert caught.value.kind == "timeout" and caught.value.attempts == 2
    assert silent.base_url in str(caught.value)
    assert wall < 3.0  # 2 attempts x 0.5 s + backoff, not the SDK's 10 minutes


# -- simulations ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def computer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("faults") / "c1"
    ProceduralComputerGenerator().generate("A procurement manager in Valencia", seed=3).save(folder, materialize=False)
    return folder


COMMON: dict[str, Any] = {"seed": 3, "days": 1, "max_worker_turns": 30}


def _events(run: Path, kind: str) -> list[dict[str, Any]]:
    lines = list(RunFolder(run).iter_event_lines())
    return [e for e in map(json.loads, lines) if e.get("kind", e.get("type")) == kind]


@pytest.fixture(scope="module")
def clean_run(computer: Path, server: ScriptedPolicyServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("clean")
    config = _config(folder, server.base_url)
    result = Simulation(
        SimulationConfig(computer_dir=computer, run_dir=folder / "run", model_config_path=config, **COMMON)
    ).run_sync()
    return result.summary


def test_mixed_faults_give_the_fault_free_result(
    computer: Path, server: ScriptedPolicyServer, clean_run: dict[str, Any], tmp_path: Path
) -> None:
    # a hang (3 s) outlasts the timeout (1.5 s); a slow but genuine answer on a busy machine does not (with 0.5 s an
    # answer late by a garbage collection was retried and counted as one fault more than the proxy injected)
    with fault_soak.FaultProxy(server.base_url, 0.15, seed=5, hang_s=3.0) as proxy:
        config = _config(tmp_path, proxy.base_url, timeout_s=1.5, backoff_s=0.05)
        run = tmp_path / "run"
        summary = (
            Simulation(SimulationConfig(computer_dir=computer, run_dir=run, model_config_path=config, **COMMON))
            .run_sync()
            .summary
        )
    assert sum(proxy.injected.values()) >= 3, proxy.injected
    for key in ("submitted", "worker_turns", "days_simulated", "deliverables_submitted"):
        assert summary[key] == clean_run[key], key
    faults = summary["model_faults"]
    assert faults["retries"] + faults["repairs"] == sum(proxy.injected.values()) and faults["failed_calls"] == 0
    logged = _events(run, "model_fault")
    assert len(logged) == sum(proxy.injected.values())
    assert all({"role", "fault", "action", "attempt"} <= set(e) for e in logged)


def test_consecutive_failures_stop_the_segment_with_a_named_cause_and_resume_completes(
    computer: Path, server: ScriptedPolicyServer, clean_run: dict[str, Any], tmp_path: Path
) -> None:
    run = tmp_path / "run"
    with fault_soak.FaultProxy(server.base_url, 1.0, faults=("503",)) as proxy:
        config = _config(tmp_path, proxy.base_url, attempts=3, backoff_s=0.01)
        simulation = Simulation(
            SimulationConfig(computer_dir=computer, run_dir=run, model_config_path=config, **COMMON)
        )
        with pytest.raises(SimulationError) as caught:
            simulation.run_sync()
    assert caught.value.transient is True
    assert "failed after 3 attempts: server_error" in str(caught.value) and "resume" in str(caught.value)
    stopped = json.loads((run / "run.json").read_text(encoding="utf-8"))
    assert stopped["status"] == "failed" and stopped["resumable"] is True
    failure = stopped["failure"]
    assert (failure["cause"], failure["fault"], failure["attempts"]) == ("model_call_failed", "server_error", 3)
    assert failure["role"] == "objective_setter" and proxy.base_url in failure["endpoint"]
    assert stopped["model_faults"]["faults"] == {"server_error": 3} and stopped["model_faults"]["retries"] == 2
    logged = [json.loads(line) for line in (run / "model_faults.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(f["fault"], f["role"], f["checkpoint"]) for f in logged] == [
        ("server_error", "objective_setter", "seg-0000")
    ] * 3

    healthy = _config(tmp_path, server.base_url)
    resumed = Simulation(
        SimulationConfig(computer_dir=computer, run_dir=run, model_config_path=healthy, **COMMON)
    ).resume_sync()
    summary = resumed.summary
    assert summary["submitted"] == clean_run["submitted"] and summary["worker_turns"] == clean_run["worker_turns"]
    assert summary["model_faults"]["faults"] == {"server_error": 3}  # the stopped attempt's faults are kept
    assert summary["model_faults"]["failed_calls"] == 1
    assert "status" not in summary
    # events.jsonl was cut back to the checkpoint; the faults log still holds the stopped attempt's faults
    assert (run / "model_faults.jsonl").read_text(encoding="utf-8").splitlines()[:3] == [
        json.dumps(f, sort_keys=True) for f in logged
    ]


def test_a_slow_model_finishes_a_day_under_the_no_progress_limit(computer: Path, tmp_path: Path) -> None:
    with ScriptedPolicyServer(seed=3, delay_s=0.15) as slow:
        config = _config(tmp_path, slow.base_url)
        options = {**COMMON, "max_worker_turns": 12}
        started = time.perf_counter()
        summary = (
            Simulation(
                SimulationConfig(
                    computer_dir=computer,
                    run_dir=tmp_path / "run",
                    model_config_path=config,
                    no_progress_timeout_s=1.0,
                    **options,
                )
            )
            .run_sync()
            .summary
        )
        wall = time.perf_counter() - started
    assert summary["days_simulated"] == 1 and summary["worker_turns"] >= 12
    assert wall > 2.0  # the day took longer than the limit: only the absence of progress stops a segment


def test_a_hung_model_trips_the_no_progress_limit(computer: Path, tmp_path: Path) -> None:
    silent = _Silent()
    try:
        config = _config(tmp_path, silent.base_url, timeout_s=60.0)
        run = tmp_path / "run"
        simulation = Simulation(
            SimulationConfig(
                computer_dir=computer, run_dir=run, model_config_path=config, no_progress_timeout_s=1.0, **COMMON
            )
        )
        started = time.perf_counter()
        with pytest.raises(SimulationError, match="made no progress for 1 s"):
            simulation.run_sync()
        assert time.perf_counter() - started < 10.0
    finally:
        silent.close()
    failure = json.loads((run / "run.json").read_text(encoding="utf-8"))["failure"]
    assert failure["cause"] == "no_progress" and failure["transient"] is True


def test_the_batch_runner_retries_a_transient_stop_and_fails_a_permanent_one() -> None:
    from synthcomp_agents.scale import classify_error

    stopped = SimulationError("segment day01 stopped: ...", cause={"cause": "no_progress"}, transient=True)
    assert classify_error(RuntimeError("stage simulation")) == "permanent"
    wrapped = RuntimeError("stage simulation")
    wrapped.__cause__ = stopped
    assert classify_error(wrapped) == "transient"
    assert classify_error(SimulationError("401", cause={"cause": "model_call_failed"}, transient=False)) == "permanent"


# ---------------------------------------------------------------------------------------------------------------------
# the LLM computer generator's client is bounded like every configured role, and its failures name role and URL
# ---------------------------------------------------------------------------------------------------------------------


def test_the_llm_generator_client_is_wrapped_and_a_failure_names_its_role_and_url(tmp_path: Path) -> None:
    from synthcomp_agents.cli import load_model_client

    path = tmp_path / "generator.json"
    component = {
        "provider": "autogen_ext.models.openai.OpenAIChatCompletionClient",
        "config": {"model": "gpt-4o-mini", "base_url": "http://127.0.0.1:9/v1", "api_key": "x", "timeout": 3},
        "retry": {"attempts": 2, "backoff_s": 0.01},
    }
    path.write_text(json.dumps({"computer_generator": component}))
    client = load_model_client(path)
    assert isinstance(client, ResilientChatCompletionClient)
    assert type(client.inner).__name__ == "OpenAIChatCompletionClient"
    assert (client.settings.attempts, client.settings.timeout_s) == (2, 3.0)
    assert client.inner.dump_component().config.get("max_retries") == 0  # the wrapper's retries are counted once
    started = time.monotonic()
    with pytest.raises(ModelCallError) as caught:
        asyncio.run(client.create([UserMessage(content="hi", source="user")]))
    assert time.monotonic() - started < 10
    assert str(caught.value).startswith(
        "model call of role computer_generator at http://127.0.0.1:9/v1 failed after 2 attempts: connection"
    )
    path.write_text(json.dumps({**component, "retry": {"attempts": 0}}))
    with pytest.raises(ValueError, match="bad retry settings"):
        load_model_client(path)


def test_a_failed_call_names_its_role_and_url_not_the_configured_list() -> None:
    from synthcomp_agents.models import RoleModels

    models = RoleModels.from_mapping(
        {
            "roles": {
                role: {"model": "m", "base_url": f"http://127.0.0.1:{port}/v1", "api_key_env": None}
                for role, port in (("worker", 9), ("judge", 10))
            }
        }
    )
    assert models.endpoint_note() == (
        " (configured endpoints: judge -> http://127.0.0.1:10/v1, worker -> http://127.0.0.1:9/v1)"
    )
    models.faults.last_failure = ModelCallError("worker", "connection", 8, "http://127.0.0.1:9/v1", "refused")
    assert models.endpoint_note() == ""  # the failure's own message names role worker and its URL
