"""Fault soak: simulations through a fault-injecting OpenAI-compatible proxy in front of `synthcomp serve-policy`.

The proxy (:class:`FaultProxy`, 127.0.0.1) forwards ``POST /v1/chat/completions`` to the scripted policy endpoint and
injects, into a share ``rate`` of the requests, one fault drawn from :data:`FAULTS`:

* transport: ``429`` (with ``Retry-After: 1``), ``500``, ``502``, ``503``, ``hang`` (no answer until the client
  gives up), ``close`` (headers and half the body, then the connection is closed);
* body: ``bad_json`` (a 200 whose body is not JSON), ``empty_choices`` (a 200 with ``"choices": []``);
* the model's own output: ``bad_args`` (tool-call arguments that are not JSON), ``unknown_tool`` (a tool that was not
  offered), ``missing_arg`` (a required argument dropped). When the answer has no tool call these become ``bad_json``.

The soak runs a fault-free two-day simulation, then ``--sims`` simulations per fault rate with different fault seeds
(same simulation seed), each through ``python -m synthcomp_agents.cli simulate`` with every role at the proxy, and
resumes a run that stops (counted). It compares each run's ``signals.json`` reward, submitted deliverables and worker
turns with the fault-free run and prints one JSON line per fault rate (then a Markdown table)::

    python tools/fault_soak.py --rates 0.1 0.2 --sims 5 --days 2

Batches (``synthcomp batch`` with default retry settings, every role through the proxy) with ``--batch N``: a
fault-free batch, then one per rate, compared job by job; ``--outage S``: a 2-job batch (both jobs at once) whose
endpoint refuses connections for S seconds once ``--outage-after`` requests were served (the listening socket is
closed, then reopened on the same port), compared with the fault-free batch's same jobs::

    python tools/fault_soak.py --rates 0.1 0.2 --sims 0 --batch 4 --outage 60 --skip-clean-sim
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FAULTS = (
    "429",
    "500",
    "502",
    "503",
    "hang",
    "close",
    "bad_json",
    "empty_choices",
    "bad_args",
    "unknown_tool",
    "missing_arg",
)
"""Every fault kind the proxy injects."""
_TOOL_FAULTS = ("bad_args", "unknown_tool", "missing_arg")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    proxy: FaultProxy


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def _reply(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        status, body = self.server.proxy.forward("GET", self.path, b"")
        self._reply(status, body)

    def do_POST(self) -> None:
        proxy = self.server.proxy
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        kind = proxy.draw()
        if kind in ("429", "500", "502", "503"):
            error = {"error": {"message": f"injected {kind}", "type": "injected", "param": None, "code": kind}}
            headers = {"Retry-After": "1"} if kind == "429" else {}
            self._reply(int(kind), json.dumps(error).encode(), headers)
            return
        if kind == "hang":
            time.sleep(proxy.hang_s)
            self.close_connection = True
            return
        status, body = proxy.forward("POST", self.path, raw)
        if kind is None or status != 200:
            self._reply(status, body)
            return
        if kind == "close":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        self._reply(200, proxy.corrupt(kind, raw, body))


class FaultProxy:
    """An OpenAI-compatible proxy on 127.0.0.1 that injects faults into a share of chat completions.

    Args:
        upstream: the real endpoint's base URL (``http://127.0.0.1:PORT/v1``).
        rate: share of chat completions given a fault (0..1).
        seed: seed of the fault draws.
        faults: the kinds to draw from (default all).
        hang_s: how long a ``hang`` keeps the connection silent.
        budget: inject at most this many faults (None: no limit); with ``rate=1`` the first ``budget`` requests
            fault and the rest pass (a fault a retry then clears).
    """

    def __init__(
        self,
        upstream: str,
        rate: float,
        *,
        seed: int = 0,
        faults: tuple[str, ...] = FAULTS,
        hang_s: float = 30.0,
        budget: int | None = None,
    ) -> None:
        unknown = set(faults) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown fault kinds {sorted(unknown)}")
        self.upstream = upstream.rstrip("/")
        self.rate = rate
        self.faults = faults
        self.hang_s = hang_s
        self.budget = budget
        self.drawn = 0
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.injected: dict[str, int] = {}
        self.requests = 0
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.proxy = self
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def draw(self) -> str | None:
        """The fault of the next request (None: none)."""
        with self._lock:
            self.requests += 1
            if self.rate <= 0 or self._rng.random() >= self.rate:
                return None
            if self.budget is not None and self.drawn >= self.budget:
                return None
            self.drawn += 1
            kind = self._rng.choice(self.faults)
            if kind not in _TOOL_FAULTS:
                self.injected[kind] = self.injected.get(kind, 0) + 1
            return kind

    def _count(self, kind: str) -> None:
        with self._lock:
            self.injected[kind] = self.injected.get(kind, 0) + 1

    def forward(self, method: str, path: str, body: bytes) -> tuple[int, bytes]:
        """Send the request upstream; (status, body)."""
        suffix = path[len("/v1") :] if path.startswith("/v1") else path
        request = urllib.request.Request(
            self.upstream + suffix,
            data=body if method == "POST" else None,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=600) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def corrupt(self, kind: str, request: bytes, body: bytes) -> bytes:
        """The upstream answer with fault ``kind`` applied."""
        if kind in _TOOL_FAULTS:
            data = json.loads(body)
            calls = ((data.get("choices") or [{}])[0].get("message") or {}).get("tool_calls") or []
            if not calls:
                kind = "bad_json"
            else:
                function = calls[0]["function"]
                if kind == "bad_args":
                    function["arguments"] = function["arguments"][: max(1, len(function["arguments"]) // 2)]
                elif kind == "unknown_tool":
                    function["name"] = "open_spreadsheet_macro"
                else:
                    required = _required(request, function["name"])
                    if not required:
                        function["arguments"] = function["arguments"][: max(1, len(function["arguments"]) // 2)]
                        kind = "bad_args"
                    else:
                        arguments = json.loads(function["arguments"])
                        arguments.pop(required[0], None)
                        function["arguments"] = json.dumps(arguments)
                if kind != "bad_json":
                    self._count(kind)
                    return json.dumps(data).encode()
            self._count(kind)
        if kind == "bad_json":
            return body[: len(body) // 2] + b"<html>502 Bad Gateway</html>"
        if kind == "empty_choices":
            data = json.loads(body)
            data["choices"] = []
            return json.dumps(data).encode()
        return body

    def start(self) -> FaultProxy:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True, name="fault-proxy")
        self._thread.start()
        return self

    def outage(self, seconds: float) -> None:
        """Refuse connections for ``seconds`` (the listening socket is closed), then serve again on the same port."""
        port = self._httpd.server_address[1]
        self._httpd.shutdown()
        self._httpd.server_close()
        time.sleep(seconds)
        httpd = _Server(("127.0.0.1", port), _Handler)
        httpd.proxy = self
        self._httpd = httpd
        self.start()

    def stop(self) -> None:
        """Stop serving."""
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _required(request: bytes, name: str) -> list[str]:
    try:
        tools = json.loads(request).get("tools") or []
    except ValueError:
        return []
    for tool in tools:
        function = tool.get("function") or {}
        if function.get("name") == name:
            return list((function.get("parameters") or {}).get("required") or [])
    return []


def model_config(base_url: str, *, timeout_s: float = 5.0, attempts: int = 8) -> dict[str, Any]:
    """A model config with every role at ``base_url`` (the scripted models) and a short per-call timeout."""
    info = {
        "vision": False,
        "function_calling": True,
        "json_output": True,
        "family": "unknown",
        "structured_output": True,
        "multiple_system_messages": True,
    }
    retry = {
        "timeout_s": timeout_s,
        "attempts": attempts,
        "backoff_s": 0.2,
        "max_backoff_s": 2.0,
        "max_retry_after_s": 5.0,
    }
    roles = {
        role: {
            "model": f"synthcomp-scripted-{role}",
            "base_url": base_url,
            "api_key_env": None,
            "model_info": info,
            "timeout": timeout_s,
            "retry": retry,
        }
        for role in ("worker", "objective_setter", "collaborator", "judge")
    }
    return {"schema_version": 1, "roles": roles}


def _simulate(computer: Path, run: Path, config: Path, *, days: int, seed: int, resume: bool) -> tuple[int, str]:
    command = [
        sys.executable,
        "-m",
        "synthcomp_agents.cli",
        "simulate",
        str(computer),
        "--out",
        str(run),
        "--model-config",
        str(config),
        "--days",
        str(days),
        "--seed",
        str(seed),
        "--json",
    ]
    if resume:
        command.append("--resume")
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy(), check=False)
    return done.returncode, (done.stdout + done.stderr)[-2000:]


def _outcome(run: Path) -> dict[str, Any]:
    summary = json.loads((run / "run.json").read_text(encoding="utf-8"))
    signals = json.loads((run / "signals.json").read_text(encoding="utf-8"))
    return {
        "reward": signals["outcome"]["reward"],
        "submitted": summary["submitted"],
        "worker_turns": summary["worker_turns"],
        "faults": summary.get("model_faults") or {},
    }


def soak_one(
    upstream: str, computer: Path, run: Path, *, rate: float, fault_seed: int, days: int, seed: int, max_resumes: int
) -> dict[str, Any]:
    """One simulation through a fresh proxy at ``rate``: outcome, resumes needed, wall time, faults injected."""
    with FaultProxy(upstream, rate, seed=fault_seed, hang_s=30.0) as proxy:
        config = run.parent / f"{run.name}-models.json"
        config.write_text(json.dumps(model_config(proxy.base_url)), encoding="utf-8")
        started = time.perf_counter()
        code, tail = _simulate(computer, run, config, days=days, seed=seed, resume=False)
        resumes = 0
        while code != 0 and resumes < max_resumes:
            resumes += 1
            code, tail = _simulate(computer, run, config, days=days, seed=seed, resume=True)
        wall = time.perf_counter() - started
        result: dict[str, Any] = {
            "rate": rate,
            "fault_seed": fault_seed,
            "exit": code,
            "resumes": resumes,
            "wall_s": round(wall, 1),
            "injected": dict(sorted(proxy.injected.items())),
            "requests": proxy.requests,
        }
    if code == 0:
        result.update(_outcome(run))
    else:
        result["error"] = tail.strip().splitlines()[-1] if tail.strip() else ""
        with_failure = run / "run.json"
        if with_failure.is_file():
            result["failure"] = json.loads(with_failure.read_text(encoding="utf-8")).get("failure")
    return result


def _batch(
    out: Path, config: Path, *, n: int, days: int, seed: int, concurrency: int = 1
) -> tuple[int, dict[str, Any] | None]:
    command = [
        sys.executable,
        "-m",
        "synthcomp_agents.cli",
        "batch",
        "--n",
        str(n),
        "--out",
        str(out),
        "--model-config",
        str(config),
        "--days",
        str(days),
        "--seed",
        str(seed),
        "--workers",
        "1",
        "--concurrency",
        str(concurrency),
        "--json",
    ]  # default retry settings: --retry-for 30m, --outage-wait 1h
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy(), check=False)
    summary = out / "summary.json"
    return done.returncode, json.loads(summary.read_text(encoding="utf-8")) if summary.is_file() else None


def soak_batch(
    upstream: str, out: Path, *, rate: float, n: int, days: int, seed: int, max_reruns: int
) -> dict[str, Any]:
    """A batch of ``n`` jobs through a proxy at ``rate``; the batch command is re-run while jobs failed."""
    with FaultProxy(upstream, rate, seed=4242, hang_s=30.0) as proxy:
        config = out.parent / f"{out.name}-models.json"
        config.write_text(json.dumps(model_config(proxy.base_url)), encoding="utf-8")
        started = time.perf_counter()
        code, summary = _batch(out, config, n=n, days=days, seed=seed)
        reruns = 0
        while code != 0 and reruns < max_reruns:
            reruns += 1
            code, summary = _batch(out, config, n=n, days=days, seed=seed)
        wall = time.perf_counter() - started
        injected = dict(sorted(proxy.injected.items()))
    jobs = (summary or {}).get("jobs", [])
    return {
        "rate": rate,
        "exit": code,
        "reruns": reruns,
        "wall_s": round(wall, 1),
        "injected": injected,
        "done": sum(1 for j in jobs if j["state"] == "done"),
        "attempts": sum(int(j["attempts"]) for j in jobs),
        "retries": int(((summary or {}).get("model_faults") or {}).get("retries", 0)),
        "jobs": {j["job_id"]: (j["reward"], j["worker_turns"], j["deliverables_submitted"]) for j in jobs},
        "attempt_history": (summary or {}).get("attempts"),
    }


def soak_outage(
    upstream: str, out: Path, *, n: int, days: int, seed: int, outage_s: float, after_requests: int
) -> dict[str, Any]:
    """A batch of ``n`` jobs (run at once in one worker process, default retry settings) whose model endpoint
    refuses connections for ``outage_s`` seconds once it has served ``after_requests`` requests."""
    with FaultProxy(upstream, 0.0, seed=1) as proxy:
        config = out.parent / f"{out.name}-models.json"
        config.write_text(json.dumps(model_config(proxy.base_url)), encoding="utf-8")
        window: dict[str, float] = {}

        def cut() -> None:
            while proxy.requests < after_requests:
                time.sleep(0.2)
            window["start"] = time.perf_counter() - started
            proxy.outage(outage_s)
            window["end"] = time.perf_counter() - started

        started = time.perf_counter()
        watcher = threading.Thread(target=cut, daemon=True)
        watcher.start()
        code, summary = _batch(out, config, n=n, days=days, seed=seed, concurrency=n)
        wall = time.perf_counter() - started
    jobs = (summary or {}).get("jobs", [])
    return {
        "outage_s": outage_s,
        "outage_window_s": [round(window.get("start", -1), 1), round(window.get("end", -1), 1)],
        "exit": code,
        "wall_s": round(wall, 1),
        "done": sum(1 for j in jobs if j["state"] == "done"),
        "failed": sum(1 for j in jobs if j["state"] == "failed"),
        "attempts": (summary or {}).get("attempts"),
        "history": {
            j["job_id"]: [(a["attempt"], a["outcome"], a["fault"], a["charged"]) for a in j["history"]] for j in jobs
        },
        "jobs": {j["job_id"]: (j["reward"], j["worker_turns"], j["deliverables_submitted"]) for j in jobs},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rates", type=float, nargs="+", default=[0.1])
    parser.add_argument("--sims", type=int, default=3, help="faulted simulations per rate")
    parser.add_argument("--days", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0, help="simulation seed (and the computer's)")
    parser.add_argument("--max-resumes", type=int, default=5)
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary one)")
    parser.add_argument("--persona", default="A procurement manager in Valencia")
    parser.add_argument("--batch", type=int, default=0, help="also a batch of N jobs per rate (0: none)")
    parser.add_argument("--outage", type=float, default=0.0, help="also a 2-job batch through an outage of S seconds")
    parser.add_argument("--outage-after", type=int, default=150, help="requests served before the outage starts")
    parser.add_argument("--skip-clean-sim", action="store_true", help="no fault-free simulation (batches only)")
    args = parser.parse_args(argv)

    from synthcomp_agents import ProceduralComputerGenerator
    from synthcomp_agents.models import ScriptedPolicyServer

    work = args.work or Path(tempfile.mkdtemp(prefix="fault-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    computer = work / "computer"
    if not (computer / "computer.json").is_file():
        ProceduralComputerGenerator().generate(args.persona, seed=args.seed).save(computer, materialize=False)
    rows: list[dict[str, Any]] = []
    with ScriptedPolicyServer(seed=args.seed) as server:
        clean_run = work / "clean"
        if args.skip_clean_sim:
            clean = {"wall_s": 0.0, "reward": None, "worker_turns": None, "submitted": []}
        else:
            shutil.rmtree(clean_run, ignore_errors=True)
            clean = soak_one(server.base_url, computer, clean_run, rate=0.0, fault_seed=0, days=args.days,
                             seed=args.seed, max_resumes=0)  # fmt: skip
            if clean["exit"] != 0:
                print(json.dumps({"clean_run_failed": clean}), flush=True)
                return 1
            print(json.dumps({"rate": 0.0, "clean": clean}), flush=True)
        for rate in args.rates if args.sims > 0 else []:
            runs = []
            for index in range(args.sims):
                run = work / f"r{int(rate * 100):02d}-{index}"
                shutil.rmtree(run, ignore_errors=True)
                one = soak_one(
                    server.base_url,
                    computer,
                    run,
                    rate=rate,
                    fault_seed=1000 * index + 17,
                    days=args.days,
                    seed=args.seed,
                    max_resumes=args.max_resumes,
                )
                one["same_result"] = one["exit"] == 0 and all(
                    one.get(k) == clean[k] for k in ("reward", "submitted", "worker_turns")
                )
                print(json.dumps({"run": one}), flush=True)
                runs.append(one)
            injected: dict[str, int] = {}
            for one in runs:
                for kind, n in one["injected"].items():
                    injected[kind] = injected.get(kind, 0) + n
            row = {
                "fault_rate": rate,
                "sims": len(runs),
                "completed": sum(1 for r in runs if r["exit"] == 0),
                "completed_without_resume": sum(1 for r in runs if r["exit"] == 0 and r["resumes"] == 0),
                "same_result": sum(1 for r in runs if r["same_result"]),
                "faults_injected": sum(injected.values()),
                "retries": sum(int((r.get("faults") or {}).get("retries", 0)) for r in runs),
                "repairs": sum(int((r.get("faults") or {}).get("repairs", 0)) for r in runs),
                "answered": sum(int((r.get("faults") or {}).get("answered", 0)) for r in runs),
                "wall_s_mean": round(sum(r["wall_s"] for r in runs) / max(1, len(runs)), 1),
                "wall_vs_clean": round(sum(r["wall_s"] for r in runs) / max(1, len(runs)) / clean["wall_s"], 2),
                "injected_by_kind": dict(sorted(injected.items())),
            }
            rows.append(row)
            print(json.dumps({"row": row}), flush=True)
        clean_batch: dict[str, Any] | None = None
        if args.batch or args.outage:
            shutil.rmtree(work / "batch-clean", ignore_errors=True)
            clean_batch = soak_batch(
                server.base_url,
                work / "batch-clean",
                rate=0.0,
                n=max(args.batch, 2 if args.outage else 0),
                days=args.days,
                seed=args.seed,
                max_reruns=0,
            )
            print(json.dumps({"batch_clean": clean_batch}), flush=True)
            for rate in args.rates if args.batch else []:
                out = work / f"batch-r{int(rate * 100):02d}"
                shutil.rmtree(out, ignore_errors=True)
                one = soak_batch(
                    server.base_url,
                    out,
                    rate=rate,
                    n=args.batch,
                    days=args.days,
                    seed=args.seed,
                    max_reruns=args.max_resumes,
                )
                one["same_result"] = one["jobs"] == clean_batch["jobs"]
                one["wall_vs_clean"] = round(one["wall_s"] / max(0.1, clean_batch["wall_s"]), 2)
                print(json.dumps({"batch": one}), flush=True)
        if args.outage and clean_batch is not None:
            out = work / f"batch-outage-{int(args.outage)}s"
            shutil.rmtree(out, ignore_errors=True)
            outage = soak_outage(server.base_url, out, n=2, days=args.days, seed=args.seed, outage_s=args.outage,
                                 after_requests=args.outage_after)  # fmt: skip
            outage["same_result"] = all(clean_batch["jobs"].get(k) == v for k, v in outage["jobs"].items())
            outage["batch_reruns"] = 0
            print(json.dumps({"outage_batch": outage}), flush=True)
        if args.skip_clean_sim:
            return 0
    print(
        f"\nclean: {clean['wall_s']} s, reward {clean['reward']}, {clean['worker_turns']} worker turns, "
        f"{len(clean['submitted'])} deliverables"
    )
    print(
        "| fault rate | sims | completed | without resume | same result | faults injected | retries | repairs "
        "| answered | wall s (mean) | wall vs clean |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(
            f"| {r['fault_rate']:.0%} | {r['sims']} | {r['completed']} | {r['completed_without_resume']} | "
            f"{r['same_result']} | {r['faults_injected']} | {r['retries']} | {r['repairs']} | {r['answered']} | "
            f"{r['wall_s_mean']} | {r['wall_vs_clean']}x |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
