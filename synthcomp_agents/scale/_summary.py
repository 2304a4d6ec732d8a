"""The batch aggregate: ``summary.json`` (totals + one entry per job) and ``summary.parquet`` (one row per job)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..disk import atomic_path, atomic_write_text
from ._manifest import AttemptRow, JobRow, Manifest
from ._prices import PriceTable

__all__ = ["SUMMARY_SCHEMA_VERSION", "build_summary", "job_cost", "write_summary"]

SUMMARY_SCHEMA_VERSION = 1


def job_cost(tokens_by_model: dict[str, dict[str, int]], prices: PriceTable) -> tuple[float, set[str]]:
    """Cost of one job's tokens; the models without a price are returned (their cost is not counted).

    Example:
        >>> job_cost({"gpt-4o": {"calls": 1, "prompt": 1_000_000, "completion": 0}}, PriceTable.default())
        (2.5, set())
    """
    total, unpriced = 0.0, set()
    for model, usage in tokens_by_model.items():
        cost = prices.cost(model, usage.get("prompt", 0), usage.get("completion", 0))
        if cost is None:
            unpriced.add(model)
        else:
            total += cost
    return total, unpriced


def _job_entry(row: JobRow, prices: PriceTable, history: list[AttemptRow]) -> dict[str, Any]:
    cost, unpriced = job_cost(row.tokens_by_model, prices)
    return {
        "index": row.index,
        "job_id": row.job_id,
        "computer_id": row.computer_id,
        "persona": row.persona,
        "seed": row.seed,
        "state": row.state,
        "attempts": row.attempts,
        "reward": row.reward,
        "is_correct": row.is_correct,
        "signals": row.signals,
        "worker_turns": row.worker_turns,
        "days_simulated": row.days_simulated,
        "stop_reason": row.stop_reason,
        "deliverables_submitted": row.deliverables_submitted,
        "deliverables_total": row.deliverables_total,
        "prompt_tokens": row.prompt_tokens,
        "completion_tokens": row.completion_tokens,
        "tokens_by_model": row.tokens_by_model,
        "cost": round(cost, 6) if not unpriced else None,
        "unpriced_models": sorted(unpriced),
        "computer_s": row.stages.get("computer_s"),
        "simulation_s": row.stages.get("simulation_s"),
        "signals_s": row.stages.get("signals_s"),
        "publish_s": row.stages.get("publish_s"),
        "wall_s": row.stages.get("wall_s"),
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "error": row.error,
        "model_faults": row.model_faults,
        "model_retries": int(row.model_faults.get("retries", 0) or 0),
        "run_dir": f"jobs/{row.job_id}/run",
        "history": [attempt.as_dict() for attempt in history],
    }


def _fault_totals(rows: list[JobRow]) -> dict[str, Any]:
    """Model faults and retries over the finished jobs (each job's ``run.json`` ``model_faults``)."""
    totals: dict[str, Any] = {"retries": 0, "repairs": 0, "answered": 0, "failed_calls": 0, "faults": {}}
    for row in rows:
        faults = row.model_faults
        for key in ("retries", "repairs", "answered", "failed_calls"):
            totals[key] += int(faults.get(key, 0) or 0)
        for kind, count in (faults.get("faults") or {}).items():
            totals["faults"][kind] = totals["faults"].get(kind, 0) + int(count)
    totals["faults"] = dict(sorted(totals["faults"].items()))
    return totals


def _count(values: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for value in values:
        out[value] = out.get(value, 0) + 1
    return out


def build_summary(manifest: Manifest, prices: PriceTable) -> dict[str, Any]:
    """Totals (states, rewards, turns, tokens and cost per model) and the per-job entries.

    Example:
        >>> import tempfile
        >>> m = Manifest.open(Path(tempfile.mkdtemp()) / "manifest.sqlite")
        >>> build_summary(m, PriceTable.default())["jobs_total"]
        0
    """
    rows = manifest.rows()
    history = manifest.history()
    jobs = [_job_entry(r, prices, history.get(r.index, [])) for r in rows]
    attempts = [a for h in history.values() for a in h]
    done = [r for r in rows if r.state == "done"]
    rewards = [r.reward for r in done if r.reward is not None]
    by_model: dict[str, dict[str, Any]] = {}
    for row in done:
        for model, usage in row.tokens_by_model.items():
            entry = by_model.setdefault(model, {"calls": 0, "prompt": 0, "completion": 0})
            for key in ("calls", "prompt", "completion"):
                entry[key] += int(usage.get(key, 0))
    unpriced: set[str] = set()
    for model, entry in by_model.items():
        cost = prices.cost(model, entry["prompt"], entry["completion"])
        entry["cost"] = None if cost is None else round(cost, 6)
        if cost is None:
            unpriced.add(model)
    return {
        "schema_version": SUMMARY_SCHEMA_VERSION,
        "settings": {k[8:]: json.loads(v) for k, v in sorted(manifest.meta().items()) if k.startswith("setting.")},
        "jobs_total": len(rows),
        "states": manifest.counts(),
        "reward": {
            "count": len(rewards),
            "mean": sum(rewards) / len(rewards) if rewards else None,
            "min": min(rewards) if rewards else None,
            "max": max(rewards) if rewards else None,
        },
        "worker_turns": sum(r.worker_turns or 0 for r in done),
        "tokens": {
            "prompt": sum(r.prompt_tokens for r in done),
            "completion": sum(r.completion_tokens for r in done),
        },
        "by_model": dict(sorted(by_model.items())),
        "cost": {
            "currency": prices.currency,
            "total": round(sum(e["cost"] or 0.0 for e in by_model.values()), 6),
            "complete": not unpriced,
            "unpriced_models": sorted(unpriced),
            "price_table": prices.source,
        },
        "model_faults": _fault_totals(done),
        "attempts": {
            "total": len(attempts),
            "charged": sum(1 for a in attempts if a.charged and a.outcome not in (None, "done")),
            "paused_by_outage": sum(1 for a in attempts if a.outcome == "paused"),
            "by_outcome": dict(sorted(_count(a.outcome or "running" for a in attempts).items())),
            "runs": len({a.run for a in attempts if a.run}),
        },
        "failures": [{"job_id": j["job_id"], "error": j["error"]} for j in jobs if j["state"] == "failed"],
        "jobs": jobs,
    }


def _parquet(jobs: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("index", pa.int64()),
            ("job_id", pa.string()),
            ("computer_id", pa.string()),
            ("persona", pa.string()),
            ("seed", pa.int64()),
            ("state", pa.string()),
            ("attempts", pa.int64()),
            ("reward", pa.float64()),
            ("is_correct", pa.bool_()),
            ("signals", pa.string()),
            ("worker_turns", pa.int64()),
            ("days_simulated", pa.int64()),
            ("stop_reason", pa.string()),
            ("deliverables_submitted", pa.int64()),
            ("deliverables_total", pa.int64()),
            ("prompt_tokens", pa.int64()),
            ("completion_tokens", pa.int64()),
            ("tokens_by_model", pa.string()),
            ("cost", pa.float64()),
            ("computer_s", pa.float64()),
            ("simulation_s", pa.float64()),
            ("signals_s", pa.float64()),
            ("publish_s", pa.float64()),
            ("wall_s", pa.float64()),
            ("started_at", pa.string()),
            ("finished_at", pa.string()),
            ("error", pa.string()),
            ("model_retries", pa.int64()),
            ("run_dir", pa.string()),
            ("history", pa.string()),
        ]
    )
    rows = [
        {
            **j,
            "tokens_by_model": json.dumps(j["tokens_by_model"], sort_keys=True),
            "history": json.dumps(j.get("history", []), sort_keys=True),
        }
        for j in jobs
    ]
    table = pa.Table.from_pylist([{f.name: r.get(f.name) for f in schema} for r in rows], schema=schema)
    pq.write_table(table, path)


def write_summary(manifest: Manifest, prices: PriceTable, folder: Path) -> dict[str, Any]:
    """Write ``summary.json`` and ``summary.parquet`` into ``folder`` (atomically); returns the summary."""
    summary = build_summary(manifest, prices)
    atomic_write_text(folder / "summary.json", json.dumps(summary, indent=2, sort_keys=True) + "\n")
    with atomic_path(folder / "summary.parquet") as tmp:
        _parquet(summary["jobs"], tmp)
    return summary
