"""The offline scripted policy behind an OpenAI-compatible HTTP endpoint (``synthcomp serve-policy``).

Any OpenAI-compatible client (AutoGen's ``OpenAIChatCompletionClient``, the ``openai`` SDK, curl, a trainer's rollout
worker) can then drive a simulation role without an API key or a GPU, so the real client path (HTTP, tool-call JSON,
usage accounting) is exercised offline. Standard library only (``http.server``).

Endpoints:

* ``POST /v1/chat/completions``: ``messages``, ``tools``, ``tool_choice``, ``response_format``, ``stream`` (the
  whole answer in a few chunks, then the usage, then ``[DONE]``); answers a ``chat.completion`` with ``content`` or
  ``tool_calls`` (``arguments`` a JSON string), ``finish_reason`` ``stop`` / ``tool_calls`` and ``usage``. A worker's
  memo (see ``_scripted_worker``) travels as the assistant ``content`` next to its tool calls, like a model's visible
  reasoning; the thought of a text answer is sent as ``reasoning_content`` (what AutoGen's client reads into
  ``CreateResult.thought``).
* ``GET /v1/models`` (and ``/v1/models/<id>``): the role model names below. ``GET /health``: ``{"status": "ok"}``.

Model name -> role (the ``synthcomp-scripted-`` prefix is optional)::

    synthcomp-scripted-worker                   worker
    synthcomp-scripted-objective_setter         objective_setter   (objective-setter also accepted)
    synthcomp-scripted-collaborator             collaborator       (any collaborator)
    synthcomp-scripted-collaborator:dana_lee    collaborator:dana_lee
    synthcomp-scripted-judge                    judge
    synthcomp-scripted-worker:lazy              worker, graded baseline variant (also :sloppy, :random)

Bad requests get HTTP 400 with an OpenAI-style ``{"error": {"message", "type", "param", "code"}}`` body; unknown
paths 404; a policy failure 500 with the same shape. The server never dies on a request.

Limits (the wire format carries less than AutoGen's in-process messages): a tool result's ``is_error`` flag is not
part of the OpenAI format, so every tool result reaches the policy as a success; the thought of an earlier *text*
answer is not sent back by clients, so the service remembers it (see :class:`ScriptedPolicyService`). Responses are
otherwise those of :class:`ScriptedPolicyClient` with the same seed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, cast

from autogen_core import FunctionCall, Image
from autogen_core.models import (
    AssistantMessage,
    CreateResult,
    FunctionExecutionResult,
    FunctionExecutionResultMessage,
    LLMMessage,
    ModelInfo,
    SystemMessage,
    UserMessage,
)
from autogen_core.tools import ToolSchema
from typing_extensions import Self

from ._config import RUN_ID_HEADER
from ._scripted import SCRIPTED_MODEL_INFO, WORKER_VARIANTS, ScriptedPolicyClient, scripted_role

__all__ = [
    "MODEL_PREFIX",
    "ROLE_MODELS",
    "RequestError",
    "ScriptedPolicyServer",
    "ScriptedPolicyService",
    "policy_for_model",
    "role_for_model",
    "serve_scripted_policy",
]

MODEL_PREFIX = "synthcomp-scripted-"
"""Prefix of the served model names (optional in requests)."""
ROLE_MODELS = tuple(f"{MODEL_PREFIX}{r}" for r in ("worker", "objective_setter", "collaborator", "judge"))
"""One model name per role (``GET /v1/models`` lists these, then the worker's variants)."""
CREATED = 1767225600
"""The ``created`` stamp of every response (2026-01-01T00:00:00Z): responses are deterministic."""
MAX_BODY_BYTES = 64 * 1024 * 1024


class RequestError(ValueError):
    """A malformed chat-completions request (answered with HTTP 400).

    Example:
        >>> RequestError("messages must be a list", param="messages").param
        'messages'
    """

    def __init__(self, message: str, *, param: str | None = None, status: int = 400, code: str | None = None) -> None:
        super().__init__(message)
        self.param = param
        self.status = status
        self.code = code


def policy_for_model(model: str) -> tuple[str, str]:
    """The policy role and worker variant a requested model name selects (see the module docstring).

    Raises:
        RequestError: The name selects no role.

    Example:
        >>> policy_for_model("synthcomp-scripted-worker:lazy"), policy_for_model("collaborator:dana_lee")
        (('worker', 'lazy'), ('collaborator:dana_lee', 'competent'))
    """
    name = model.strip()
    if name.startswith(MODEL_PREFIX):
        name = name[len(MODEL_PREFIX) :]
    base, sep, rest = name.partition(":")
    base = base.replace("-", "_")
    label = f"{base}{sep}{rest}"
    unknown = (
        f"unknown model {model!r}: use one of {', '.join(ROLE_MODELS)}, {MODEL_PREFIX}collaborator:<name> or "
        f"{MODEL_PREFIX}worker:<variant> ({', '.join(WORKER_VARIANTS)})"
    )
    if base == "worker" and sep:
        if rest not in WORKER_VARIANTS:
            raise RequestError(unknown, param="model", code="model_not_found")
        return "worker", rest
    try:
        scripted_role(label)
    except ValueError:
        raise RequestError(unknown, param="model", code="model_not_found") from None
    if sep and (base != "collaborator" or not rest):
        raise RequestError(unknown, param="model", code="model_not_found")
    return label, "competent"


def role_for_model(model: str) -> str:
    """The policy role a requested model name selects (see :func:`policy_for_model`).

    Example:
        >>> role_for_model("synthcomp-scripted-collaborator:dana_lee"), role_for_model("objective-setter")
        ('collaborator:dana_lee', 'objective_setter')
    """
    return policy_for_model(model)[0]


def _error_body(message: str, *, param: str | None, code: str | None, kind: str) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


# -- request parsing ----------------------------------------------------------------------------------------------


def _text_of(content: Any, where: str) -> str:
    """Plain text of an OpenAI message content (a string or a list of text parts)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts: list[str] = []
        for i, part in enumerate(content):
            if not isinstance(part, Mapping) or part.get("type") != "text" or not isinstance(part.get("text"), str):
                raise RequestError(f"{where}[{i}]: expected a text part {{'type': 'text', 'text': ...}}", param=where)
            parts.append(part["text"])
        return "".join(parts)
    raise RequestError(f"{where}: expected a string or a list of text parts, got {type(content).__name__}", param=where)


def _user_content(content: Any, where: str) -> str | list[str | Image]:
    if isinstance(content, list) and any(isinstance(p, Mapping) and p.get("type") == "image_url" for p in content):
        parts: list[str | Image] = []
        for i, part in enumerate(content):
            if isinstance(part, Mapping) and part.get("type") == "image_url":
                url = part.get("image_url", {}).get("url") if isinstance(part.get("image_url"), Mapping) else None
                if not isinstance(url, str) or not url.startswith("data:"):
                    raise RequestError(f"{where}[{i}]: only data: image URLs are accepted offline", param=where)
                try:
                    parts.append(Image.from_uri(url))
                except Exception as exc:
                    raise RequestError(f"{where}[{i}]: not a valid image data URI ({exc})", param=where) from None
            else:
                parts.append(_text_of([part], f"{where}[{i}]"))
        return parts
    return _text_of(content, where)


def _tool_calls(calls: Any, where: str) -> list[FunctionCall]:
    if not isinstance(calls, list) or not calls:
        raise RequestError(f"{where}: expected a non-empty list of tool calls", param=where)
    out: list[FunctionCall] = []
    for i, call in enumerate(calls):
        at = f"{where}[{i}]"
        function = call.get("function") if isinstance(call, Mapping) else None
        if not isinstance(function, Mapping) or not isinstance(function.get("name"), str):
            raise RequestError(
                f"{at}: expected {{'id', 'type': 'function', 'function': {{'name', 'arguments'}}}}", param=at
            )
        arguments = function.get("arguments", "{}")
        if not isinstance(arguments, str):  # some clients send a dict; the wire format says a JSON string
            arguments = json.dumps(arguments, ensure_ascii=False)
        call_id = call.get("id")
        if not isinstance(call_id, str) or not call_id:
            raise RequestError(f"{at}.id: expected the tool call's id", param=at)
        out.append(FunctionCall(id=call_id, name=function["name"], arguments=arguments))
    return out


def parse_messages(raw: Any, recall: Callable[[str], str | None] | None = None) -> list[LLMMessage]:
    """OpenAI chat messages -> AutoGen ``LLMMessage`` objects (consecutive tool messages become one result message).

    ``recall(text)`` may return the thought of an earlier text answer (clients do not send it back).

    Raises:
        RequestError: A message is malformed.

    Example:
        >>> [type(m).__name__ for m in parse_messages([{"role": "system", "content": "Be brief."},
        ...                                             {"role": "user", "name": "ana", "content": "hi"}])]
        ['SystemMessage', 'UserMessage']
    """
    if not isinstance(raw, list) or not raw:
        raise RequestError("messages: expected a non-empty list of chat messages", param="messages")
    out: list[LLMMessage] = []
    call_names: dict[str, str] = {}
    pending: list[FunctionExecutionResult] = []

    def flush() -> None:
        if pending:
            out.append(FunctionExecutionResultMessage(content=list(pending)))
            pending.clear()

    for i, message in enumerate(raw):
        where = f"messages[{i}]"
        if not isinstance(message, Mapping):
            raise RequestError(f"{where}: expected an object with 'role'", param=where)
        role = message.get("role")
        name = message.get("name")
        if role == "tool":
            call_id = message.get("tool_call_id")
            if not isinstance(call_id, str):
                raise RequestError(f"{where}.tool_call_id: a tool message needs the id of its call", param=where)
            text = _text_of(message.get("content"), f"{where}.content")
            pending.append(
                FunctionExecutionResult(content=text, call_id=call_id, name=call_names.get(call_id, ""), is_error=False)
            )
            continue
        flush()
        if role in ("system", "developer"):
            out.append(SystemMessage(content=_text_of(message.get("content"), f"{where}.content")))
        elif role == "user":
            source = name if isinstance(name, str) and name else "user"
            out.append(UserMessage(content=_user_content(message.get("content"), f"{where}.content"), source=source))
        elif role == "assistant":
            source = name if isinstance(name, str) and name else "assistant"
            text = _text_of(message.get("content"), f"{where}.content")
            reasoning = message.get("reasoning_content")
            if message.get("tool_calls"):
                calls = _tool_calls(message["tool_calls"], f"{where}.tool_calls")
                call_names.update((c.id, c.name) for c in calls)
                out.append(AssistantMessage(content=calls, thought=text or None, source=source))
            else:
                thought = reasoning if isinstance(reasoning, str) and reasoning else None
                if thought is None and recall is not None:
                    thought = recall(text)
                out.append(AssistantMessage(content=text, thought=thought, source=source))
        else:
            raise RequestError(
                f"{where}.role: expected system, developer, user, assistant or tool, got {role!r}", param=where
            )
    flush()
    return out


def parse_tools(raw: Any) -> list[ToolSchema]:
    """OpenAI function tools -> AutoGen ``ToolSchema`` dicts.

    Example:
        >>> parse_tools([{"type": "function", "function": {"name": "ls", "parameters": {"type": "object"}}}])
        [{'name': 'ls', 'description': '', 'parameters': {'type': 'object'}}]
    """
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise RequestError("tools: expected a list of {'type': 'function', 'function': {...}}", param="tools")
    out: list[ToolSchema] = []
    for i, tool in enumerate(raw):
        at = f"tools[{i}]"
        function = tool.get("function") if isinstance(tool, Mapping) else None
        if (
            not isinstance(tool, Mapping)
            or tool.get("type", "function") != "function"
            or not isinstance(function, Mapping)
        ):
            raise RequestError(f"{at}: expected {{'type': 'function', 'function': {{'name', ...}}}}", param=at)
        name = function.get("name")
        if not isinstance(name, str) or not name:
            raise RequestError(f"{at}.function.name: expected a tool name", param=at)
        parameters = function.get("parameters", {"type": "object", "properties": {}})
        if not isinstance(parameters, Mapping):
            raise RequestError(f"{at}.function.parameters: expected a JSON schema object", param=at)
        schema = ToolSchema(name=name, description=str(function.get("description") or ""), parameters=dict(parameters))  # type: ignore[typeddict-item]
        if "strict" in function:
            schema["strict"] = bool(function["strict"])
        out.append(schema)
    return out


def _tool_choice(raw: Any) -> Literal["auto", "required", "none"]:
    if raw is None or raw in ("auto", "required", "none"):
        return cast(Literal["auto", "required", "none"], raw or "auto")
    if isinstance(raw, Mapping) and raw.get("type") == "function":
        return "required"  # the scripted policy picks its own tool among those offered
    raise RequestError(
        "tool_choice: expected 'auto', 'required', 'none' or {'type': 'function', ...}", param="tool_choice"
    )


# -- the service ---------------------------------------------------------------------------------------------------


class ScriptedPolicyService:
    """Turns chat-completions request bodies into responses with one :class:`ScriptedPolicyClient` per role.

    Transport-free (the HTTP server wraps it), thread-safe (requests are answered one at a time).

    OpenAI clients send an earlier assistant *text* answer back without its reasoning, but AutoGen's in-process
    messages keep it (``AssistantMessage.thought``), and the scripted worker keeps its memo there. With
    ``remember_reasoning`` the service keeps the thought of its last ``reasoning_cache`` text answers per run and
    role (keyed by the exact text) and puts it back when that text comes back, as a stateful reasoning API does, so
    a run over HTTP makes the same decisions as one in process.

    The memory is per run: a request names its run in the ``X-Synthcomp-Run`` header (:data:`RUN_ID_HEADER`; the
    simulation's clients send it), else the run is told apart by its first system message. Concurrent runs (batch
    workers) therefore never see each other's thoughts. With ``state_dir`` every remembered thought is also
    appended to a file per run and role there, and read back after a restart, so restarting the server between a
    crash and a resume changes nothing.

    Args:
        seed: seed of every role's policy.
        remember_reasoning: restore the thought of earlier text answers (see above).
        reasoning_cache: how many text answers to remember per run and role (least recently used are dropped).
        state_dir: folder keeping the memory across restarts (None: in memory only).

    Example:
        >>> service = ScriptedPolicyService(seed=0)
        >>> body = {"model": "synthcomp-scripted-judge", "messages": [{"role": "user", "content": "Score: 0-5"}]}
        >>> reply = service.complete(body)
        >>> reply["object"], reply["choices"][0]["finish_reason"], reply["usage"]["prompt_tokens"] > 0
        ('chat.completion', 'stop', True)
    """

    def __init__(
        self,
        seed: int = 0,
        *,
        remember_reasoning: bool = True,
        reasoning_cache: int = 4096,
        state_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        self.seed = seed
        self.remember_reasoning = remember_reasoning
        self._reasoning_cache = reasoning_cache
        self._state_dir = Path(state_dir) if state_dir is not None else None
        self._thoughts: dict[str, OrderedDict[str, str]] = {}
        self._clients: dict[tuple[str, str], ScriptedPolicyClient] = {}
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self.requests = 0

    @staticmethod
    def memory_key(body: Mapping[str, Any], role: str, variant: str, run: str | None = None) -> str:
        """Which memory a request uses: its run (the header's value, else its first system message) and role.

        Example:
            >>> ScriptedPolicyService.memory_key({}, "worker", "competent", run="sim-1")
            'run:sim-1|worker:competent'
        """
        if run:
            return f"run:{run}|{role}:{variant}"
        first = ""
        messages = body.get("messages")
        if isinstance(messages, list):
            for message in messages:
                if isinstance(message, Mapping) and message.get("role") in ("system", "developer"):
                    content = message.get("content")
                    first = content if isinstance(content, str) else json.dumps(content, sort_keys=True)
                    break
        digest = hashlib.sha256(first.encode("utf-8")).hexdigest()[:20]
        return f"sys:{digest}|{role}:{variant}"

    def _state_file(self, memory: str) -> Path | None:
        if self._state_dir is None:
            return None
        name = hashlib.sha256(f"{self.seed}|{memory}".encode()).hexdigest()[:32]
        return self._state_dir / f"{name}.jsonl"

    def _memory(self, memory: str) -> OrderedDict[str, str]:
        """The thoughts of one run and role (read from ``state_dir`` the first time); call with the lock held."""
        thoughts = self._thoughts.get(memory)
        if thoughts is None:
            thoughts = OrderedDict()
            path = self._state_file(memory)
            if path is not None and path.is_file():
                for line in path.read_text(encoding="utf-8").splitlines():
                    with contextlib.suppress(ValueError, KeyError, TypeError):
                        item = json.loads(line)
                        thoughts[item["text"]] = item["thought"]
                        thoughts.move_to_end(item["text"])
                while len(thoughts) > self._reasoning_cache:
                    thoughts.popitem(last=False)
            self._thoughts[memory] = thoughts
        return thoughts

    def _remember(self, memory: str, text: str, thought: str) -> None:
        """Keep ``thought`` for ``text`` (and append it to the state file); call with the lock held."""
        thoughts = self._memory(memory)
        thoughts[text] = thought
        thoughts.move_to_end(text)
        while len(thoughts) > self._reasoning_cache:
            thoughts.popitem(last=False)
        path = self._state_file(memory)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps({"text": text, "thought": thought}, ensure_ascii=False) + "\n")

    def close(self) -> None:
        """Release the event loop."""
        with self._lock:
            if not self._loop.is_closed():
                self._loop.close()

    def models(self) -> dict[str, Any]:
        """The ``GET /v1/models`` body."""
        return {
            "object": "list",
            "data": [
                {"id": m, "object": "model", "created": CREATED, "owned_by": "synthcomp"}
                for m in (*ROLE_MODELS, *(f"{MODEL_PREFIX}worker:{v}" for v in WORKER_VARIANTS if v != "competent"))
            ],
        }

    def _client(self, role: str, variant: str) -> ScriptedPolicyClient:
        client = self._clients.get((role, variant))
        if client is None:
            client = ScriptedPolicyClient(role=role, variant=variant, seed=self.seed)
            self._clients[(role, variant)] = client
        return client

    def complete(self, body: Any, *, run: str | None = None) -> dict[str, Any]:
        """Answer one request body (already JSON-decoded) with a ``chat.completion`` object.

        Args:
            body: the request body.
            run: the run the request belongs to (the ``X-Synthcomp-Run`` header), if the client said.

        Raises:
            RequestError: The body is malformed.
        """
        if not isinstance(body, Mapping):
            raise RequestError("the request body must be a JSON object")
        model = body.get("model")
        if not isinstance(model, str) or not model:
            raise RequestError("model: expected a model name such as synthcomp-scripted-worker", param="model")
        role, variant = policy_for_model(model)
        memory = self.memory_key(body, role, variant, run)
        recall = self._recall(memory) if self.remember_reasoning else None
        messages = parse_messages(body.get("messages"), recall)
        tools = parse_tools(body.get("tools"))
        choice = _tool_choice(body.get("tool_choice"))
        n = body.get("n", 1)
        if n not in (None, 1):
            raise RequestError("n: the scripted policy answers one choice (n=1)", param="n")
        response_format = body.get("response_format")
        json_output = isinstance(response_format, Mapping) and response_format.get("type") in (
            "json_object",
            "json_schema",
        )
        with self._lock:
            if self._loop.is_closed():
                raise RequestError("the server is shutting down", status=503)
            client = self._client(role, variant)
            result = self._loop.run_until_complete(
                client.create(messages, tools=tools, tool_choice=choice, json_output=json_output or None)
            )
            self.requests += 1
            if self.remember_reasoning and isinstance(result.content, str) and result.thought:
                self._remember(memory, result.content, result.thought)
        return _completion(body, model, result)

    def _recall(self, memory: str) -> Callable[[str], str | None]:
        def recall(text: str) -> str | None:
            with self._lock:
                return self._memory(memory).get(text)

        return recall


def _completion(body: Mapping[str, Any], model: str, result: CreateResult) -> dict[str, Any]:
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:29]
    message: dict[str, Any] = {"role": "assistant"}
    if isinstance(result.content, str):
        message["content"] = result.content
        if result.thought:
            message["reasoning_content"] = result.thought
        finish = "stop"
    else:
        message["content"] = result.thought or None
        message["tool_calls"] = [
            {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
            for c in result.content
        ]
        finish = "tool_calls"
    usage = result.usage
    return {
        "id": f"chatcmpl-{digest}",
        "object": "chat.completion",
        "created": CREATED,
        "model": model,
        "system_fingerprint": "synthcomp-scripted",
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {
            "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
            "total_tokens": usage.prompt_tokens + usage.completion_tokens,
        },
    }


def _chunks(completion: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A completion as stream chunks: reasoning, content, tool calls (each its own delta), finish, then usage.

    The usage chunk (empty ``choices``) is always sent, as OpenAI does with ``stream_options.include_usage``.
    """
    choice = completion["choices"][0]
    message = choice["message"]
    base = {k: completion[k] for k in ("id", "created", "model", "system_fingerprint")}
    deltas: list[dict[str, Any]] = []
    if message.get("reasoning_content"):
        deltas.append({"reasoning_content": message["reasoning_content"]})
    if message.get("content"):
        deltas.append({"content": message["content"]})
    if message.get("tool_calls"):
        deltas.append({"tool_calls": [{"index": i, **c} for i, c in enumerate(message["tool_calls"])]})
    deltas = deltas or [{"content": ""}]
    deltas[0] = {"role": "assistant", **deltas[0]}
    chunks: list[dict[str, Any]] = [
        {**base, "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": d, "finish_reason": None}]}
        for d in deltas
    ]
    chunks.append(
        {
            **base,
            "object": "chat.completion.chunk",
            "choices": [{"index": 0, "delta": {}, "finish_reason": choice["finish_reason"]}],
        }
    )
    chunks.append({**base, "object": "chat.completion.chunk", "choices": [], "usage": completion["usage"]})
    return chunks


# -- HTTP ----------------------------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "synthcomp-serve-policy"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: one line per request would drown a long simulation's output."""

    def _send(self, status: int, payload: Mapping[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, *, param: str | None = None, code: str | None = None) -> None:
        kind = "invalid_request_error" if status < 500 else "server_error"
        self._send(status, _error_body(message, param=param, code=code, kind=kind))

    def _path(self) -> str:
        return self.path.split("?", 1)[0].rstrip("/")

    def do_GET(self) -> None:
        """``/v1/models``, ``/v1/models/<id>``, ``/health``."""
        path = self._path()
        service = self.server.service
        if path in ("/v1/models", "/models"):
            self._send(200, service.models())
        elif path.startswith(("/v1/models/", "/models/")):
            model = path.rsplit("/models/", 1)[1]
            try:
                role_for_model(model)
            except RequestError as exc:
                self._error(404, str(exc), param="model", code="model_not_found")
                return
            self._send(200, {"id": model, "object": "model", "created": CREATED, "owned_by": "synthcomp"})
        elif path in ("/health", "/v1/health", ""):
            self._send(200, {"status": "ok", "requests": service.requests})
        else:
            self._error(404, f"unknown path {self.path!r}; try POST /v1/chat/completions or GET /v1/models")

    def do_POST(self) -> None:
        """``/v1/chat/completions``."""
        path = self._path()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY_BYTES:
            self.close_connection = True
            self._error(400, f"Content-Length must be between 0 and {MAX_BODY_BYTES}")
            return
        raw = self.rfile.read(length) if length else b""
        if path not in ("/v1/chat/completions", "/chat/completions"):
            self._error(404, f"unknown path {self.path!r}; the endpoint is POST /v1/chat/completions")
            return
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            self._error(400, f"the request body is not valid JSON ({exc})")
            return
        if self.server.delay_s > 0:  # an artificially slow model (slow-model tests)
            time.sleep(self.server.delay_s)
        try:
            completion = self.server.service.complete(body, run=self.headers.get(RUN_ID_HEADER) or None)
        except RequestError as exc:
            self._error(exc.status, str(exc), param=exc.param, code=exc.code)
            return
        except Exception as exc:  # a policy bug must not take the server down
            self._error(500, f"the scripted policy failed: {type(exc).__name__}: {exc}")
            return
        if isinstance(body, Mapping) and body.get("stream"):
            self._stream(_chunks(completion))
        else:
            self._send(200, completion)

    def _not_allowed(self) -> None:
        self._error(405, f"{self.command} is not supported; use POST /v1/chat/completions or GET /v1/models")

    do_PUT = do_PATCH = do_DELETE = _not_allowed

    def _stream(self, chunks: Sequence[Mapping[str, Any]]) -> None:
        lines = [f"data: {json.dumps(c, ensure_ascii=False)}\n\n" for c in chunks] + ["data: [DONE]\n\n"]
        data = "".join(lines).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], service: ScriptedPolicyService, delay_s: float = 0.0) -> None:
        self.service = service
        self.delay_s = delay_s
        super().__init__(address, _Handler)


class ScriptedPolicyServer:
    """An OpenAI-compatible endpoint serving :class:`ScriptedPolicyClient`, in a background thread.

    Binds on construction (``port=0`` picks a free port); :meth:`start` serves, :meth:`stop` shuts down. As a
    context manager it does both.

    Args:
        host: interface to bind.
        port: TCP port (0: a free one).
        seed: seed of the scripted policies.
        state_dir: where the per-run memory survives restarts (see :class:`ScriptedPolicyService`).
        delay_s: seconds each chat completion waits before answering (a slow model, for tests).

    Example:
        >>> import json, urllib.request
        >>> with ScriptedPolicyServer(port=0) as server:
        ...     with urllib.request.urlopen(server.base_url + "/models") as response:
        ...         names = [m["id"] for m in json.load(response)["data"]]
        >>> names[0]
        'synthcomp-scripted-worker'
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        seed: int = 0,
        *,
        state_dir: str | os.PathLike[str] | None = None,
        delay_s: float = 0.0,
    ) -> None:
        self.service = ScriptedPolicyService(seed=seed, state_dir=state_dir)
        self._httpd = _HTTPServer((host, port), self.service, delay_s)
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        """The bound host."""
        return str(self._httpd.server_address[0])

    @property
    def port(self) -> int:
        """The bound port."""
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://host:port/v1`` (what ``base_url`` of an OpenAI client takes)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/v1"

    def model_info(self) -> ModelInfo:
        """The ``model_info`` a client config needs for the served models (a copy of ``SCRIPTED_MODEL_INFO``)."""
        return cast(ModelInfo, dict(SCRIPTED_MODEL_INFO))

    def start(self) -> Self:
        """Serve in a daemon thread."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, name=f"serve-policy-{self.port}", daemon=True
            )
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until :meth:`stop` (or KeyboardInterrupt)."""
        try:
            self._httpd.serve_forever()
        finally:
            self._httpd.server_close()
            self.service.close()

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=10)
            self._thread = None
        self._httpd.server_close()
        self.service.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def serve_scripted_policy(
    host: str = "127.0.0.1",
    port: int = 8765,
    seed: int = 0,
    announce: Callable[[str], None] | None = None,
    *,
    state_dir: str | os.PathLike[str] | None = None,
    delay_s: float = 0.0,
) -> None:
    """Serve the scripted policy at ``http://host:port/v1`` until interrupted (blocking; ``port=0``: a free port).

    Args:
        host: interface to listen on.
        port: TCP port.
        seed: seed of the scripted policies.
        announce: called once with the base URL when the server listens (e.g. print it).
        state_dir: where the per-run memory survives restarts (None: in memory only).
        delay_s: seconds each chat completion waits before answering (an artificially slow model).

    Example:
        >>> serve_scripted_policy(port=0, announce=print)  # doctest: +SKIP
        http://127.0.0.1:40123/v1
    """
    server = ScriptedPolicyServer(host, port, seed, state_dir=state_dir, delay_s=delay_s)
    if announce is not None:
        announce(server.base_url)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
