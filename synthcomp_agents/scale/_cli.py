"""``synthcomp batch``: run many jobs (local processes or Ray), resumable; ``synthcomp batch status DIR``.

Only typer, rich and the standard library are imported here; the runner is imported when a command runs.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

__all__ = ["batch_app"]

console = Console()

batch_app = typer.Typer(
    help="Run the main job (persona -> computer -> objectives -> simulation -> signals) for many personas: "
    "resumable, on local processes or a Ray cluster. `synthcomp batch status DIR` summarises a batch.",
    invoke_without_command=True,
    add_completion=False,
)


class Backend(str, Enum):
    """Where the jobs run."""

    local = "local"
    ray = "ray"


def _fail(message: str, code: int = 2) -> typer.Exit:
    console.print(f"[bold red]Error:[/bold red] {message}", highlight=False, soft_wrap=True, markup=True)
    return typer.Exit(code)


@batch_app.callback()
def batch(
    ctx: typer.Context,
    n: int | None = typer.Option(None, "--n", min=1, help="Number of jobs (personas)."),
    seed: int = typer.Option(0, "--seed", help="Batch seed; job i uses seed*1000+i (as `synthcomp run`)."),
    out: str | None = typer.Option(None, "--out", help="Output folder or fsspec URL (s3://..., file://...)."),
    personas: Path | None = typer.Option(
        None, "--personas", help="Persona file (text lines or JSONL with 'persona'); default: the built-in pool."
    ),
    model_config: Path | None = typer.Option(None, "--model-config", help="Per-role model config (YAML/JSON)."),
    backend: Backend = typer.Option(Backend.local, "--backend", help="local processes or a Ray cluster."),
    address: str | None = typer.Option(None, "--address", help="Ray address (auto, ray://host:10001)."),
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="local: worker processes (default: CPUs); ray: max tasks in flight."
    ),
    concurrency: int = typer.Option(
        1, "--concurrency", min=1, help="local: jobs one process runs at once (raise for model-bound runs)."
    ),
    days: int = typer.Option(20, "--days", min=1, max=60, help="Simulated workdays per job."),
    max_worker_turns: int | None = typer.Option(
        None, "--max-worker-turns", min=1, help="Stop each simulation after N worker calls."
    ),
    no_progress_timeout: float = typer.Option(
        900.0,
        "--no-progress-timeout",
        min=1.0,
        help="Stop a job's day (resumable, retried) after this many seconds without a model answer or tool call.",
    ),
    checkpoint_every: int = typer.Option(
        25,
        "--checkpoint-every",
        min=0,
        help="Also checkpoint inside a day every N worker turns: a failed attempt redoes at most N (0: per day).",
    ),
    keep_checkpoints: bool = typer.Option(
        False,
        "--keep-checkpoints",
        help="Keep each finished job's checkpoints/ (by default removed once its signals are written: only a "
        "resume reads them).",
    ),
    prices: Path | None = typer.Option(
        None, "--prices", help="Price table (YAML/JSON) overriding the built-in one (`synthcomp batch prices`)."
    ),
    retries: int | None = typer.Option(
        None, "--retries", min=0, help="Retries per job for transient errors (default: bounded by --retry-for only)."
    ),
    retry_for: str = typer.Option(
        "30m",
        "--retry-for",
        help="Time budget per job for retrying transient errors in one run of the command (90s, 30m, 2h); "
        "endpoint outages and a server's Retry-After waits are honoured within it.",
    ),
    retry_delay: float = typer.Option(2.0, "--retry-delay", min=0.0, help="First backoff delay in seconds."),
    outage_wait: str = typer.Option(
        "1h",
        "--outage-wait",
        help="How long to pause the batch while a model endpoint refuses connections (probed with backoff; held "
        "jobs are not charged an attempt) before those jobs fail.",
    ),
    staging: Path | None = typer.Option(None, "--staging", help="Local staging folder for URL outputs."),
    keep_staging: bool = typer.Option(False, "--keep-staging", help="Keep local copies of uploaded jobs."),
    materialize: bool = typer.Option(
        False,
        "--materialize/--no-materialize",
        "--materialize-computers/--archive-only",
        help="Also write each computer's home/ and each run's final/ as real files (off: readers need neither).",
    ),
    retry_failed: bool = typer.Option(
        True, "--retry-failed/--skip-failed", help="Re-run jobs that failed in an earlier run of the batch."
    ),
    job_function: str | None = typer.Option(
        None, "--job-function", hidden=True, help="module:callable replacing the pipeline (tests, extensions)."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON at the end."),
) -> None:
    """Run (or resume) a batch: the same command again skips finished jobs and resumes interrupted ones."""
    if ctx.invoked_subcommand is not None:
        return
    if n is None or out is None:
        console.print(ctx.get_help())
        raise _fail("give --n N and --out DIR (or a subcommand: status, prices)")
    from ._errors import BatchError, RetryPolicy, parse_duration
    from ._progress import BatchProgressDisplay
    from ._runner import BatchConfig, BatchRunner

    try:
        policy = RetryPolicy(
            max_attempts=retries + 1 if retries is not None else 1_000_000,
            base_delay_s=retry_delay,
            retry_for_s=parse_duration(retry_for),
            outage_wait_s=parse_duration(outage_wait),
        )
        config = BatchConfig(
            n=n,
            seed=seed,
            out=out,
            personas=personas,
            model_config=model_config,
            backend=backend.value,
            address=address,
            workers=workers,
            concurrency=concurrency,
            days=days,
            max_worker_turns=max_worker_turns,
            no_progress_timeout_s=no_progress_timeout,
            checkpoint_every=checkpoint_every,
            keep_checkpoints=keep_checkpoints,
            prices=prices,
            retry=policy,
            job_function=job_function,
            staging=staging,
            keep_staging=keep_staging,
            materialize_computers=materialize,
            retry_failed=retry_failed,
        )
        runner = BatchRunner(config)
        with BatchProgressDisplay(console, currency=runner.prices.currency, disable=json_out) as display:
            runner.on_progress = display.update
            summary = runner.run()
    except BatchError as exc:
        raise _fail(str(exc)) from None
    except KeyboardInterrupt:
        console.print("interrupted: running jobs go back to pending; re-run the same command to resume")
        raise typer.Exit(130) from None
    if json_out:
        print(json.dumps({k: v for k, v in summary.items() if k != "jobs"}, indent=2, sort_keys=True))
    else:
        _print_summary(summary, out)
    if summary["states"]["failed"]:
        raise typer.Exit(1)


def _print_summary(summary: dict[str, Any], where: str) -> None:
    states = summary["states"]
    reward = summary["reward"]
    cost = summary["cost"]
    mean = f"{reward['mean']:.3f}" if reward["mean"] is not None else "n/a"
    priced = "" if cost["complete"] else f" (no price for {', '.join(cost['unpriced_models'])})"
    console.print(
        f"{states['done']}/{summary['jobs_total']} done, {states['failed']} failed, {states['pending']} pending; "
        f"mean reward {mean}; {summary['worker_turns']:,} worker turns; "
        f"{summary['tokens']['prompt'] + summary['tokens']['completion']:,} tokens; "
        f"cost {cost['currency']} {cost['total']:,.2f}{priced} -> {where}",
        highlight=False,
        soft_wrap=True,
    )
    for failure in summary["failures"][:20]:
        console.print(f"[red]failed[/red] {failure['job_id']}: {failure['error']}", highlight=False, soft_wrap=True)


@batch_app.command("status")
def status(
    out: str = typer.Argument(..., help="The batch folder (or URL) given to --out."),
    staging: Path | None = typer.Option(None, "--staging", help="Staging folder of a URL output."),
    prices: Path | None = typer.Option(None, "--prices", help="Price table for the cost estimate."),
    json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    history: bool = typer.Option(
        False, "--history", help="List every job's attempts (default: jobs retried, failed or not done)."
    ),
) -> None:
    """Summarise a batch from its manifest: states, attempts (and their history), rewards, tokens, cost, failures."""
    from ._errors import BatchError
    from ._manifest import MANIFEST_NAME, Manifest
    from ._outputs import OutputLocation
    from ._prices import PriceTable
    from ._summary import build_summary

    try:
        location = OutputLocation.parse(out, staging=staging)
        if location.remote:
            location.root.mkdir(parents=True, exist_ok=True)
            location.fetch_file(MANIFEST_NAME)
        manifest = Manifest.open(location.root / MANIFEST_NAME, create=False)
        try:
            summary = build_summary(manifest, PriceTable.load(prices) if prices else PriceTable.default())
            rows = manifest.rows()
        finally:
            manifest.close()
    except BatchError as exc:
        raise _fail(str(exc)) from None
    if json_out:
        print(json.dumps(summary, indent=2, sort_keys=True))
        return
    table = Table(title=f"batch {out}")
    for column in ("state", "jobs", "attempts", "worker turns", "tokens"):
        table.add_column(column, justify="right" if column != "state" else "left")
    for state in ("done", "running", "pending", "failed"):
        selected = [r for r in rows if r.state == state]
        table.add_row(
            state,
            str(len(selected)),
            str(sum(r.attempts for r in selected)),
            f"{sum(r.worker_turns or 0 for r in selected):,}",
            f"{sum(r.prompt_tokens + r.completion_tokens for r in selected):,}",
        )
    console.print(table)
    _print_history(summary, everything=history)
    _print_summary(summary, out)


def _print_history(summary: dict[str, Any], *, everything: bool) -> None:
    """Each job's attempts over every run of the command (jobs with one clean attempt only with --history)."""
    shown = [
        j for j in summary["jobs"]
        if everything or len(j.get("history", [])) > 1 or j["state"] != "done"
    ]  # fmt: skip
    if not shown:
        return
    table = Table(title="attempts (every run of the batch command)")
    for column in ("job", "#", "run", "started", "ended", "outcome", "kind", "fault", "charged"):
        table.add_column(column, no_wrap=True)
    table.add_column("cause", overflow="ellipsis", no_wrap=True, max_width=70)
    for job in shown[:50]:
        for a in job.get("history", []):
            cause = a["cause"] or ""
            cause = cause.split(" stopped: ", 1)[-1]  # a stopped segment: the named cause
            table.add_row(
                str(job["index"]),
                str(a["attempt"]),
                a["run"][:6],
                (a["started_at"] or "")[5:19].replace("T", " "),
                (a["ended_at"] or "")[5:19].replace("T", " "),
                a["outcome"] or "running",
                a["kind"] or "",
                a["fault"] or "",
                "" if a["outcome"] in (None, "done") else ("yes" if a["charged"] else "no"),
                cause[:200],
            )
    wide = console if console.is_terminal else Console(width=max(console.width, 160))  # piped: no squeezing
    wide.print(table)
    attempts = summary.get("attempts") or {}
    if attempts:
        console.print(
            f"{attempts['total']} attempts over {attempts['runs']} run(s) of the command; {attempts['charged']} "
            f"charged to retry budgets, {attempts['paused_by_outage']} paused by endpoint outages",
            highlight=False,
        )


@batch_app.command("prices")
def prices_command(
    prices: Path | None = typer.Option(None, "--prices", help="Show this table merged over the defaults."),
) -> None:
    """Print the price table (YAML) to copy, edit and pass with --prices."""
    import yaml

    from ._errors import BatchError
    from ._prices import PriceTable

    try:
        table = PriceTable.load(prices) if prices else PriceTable.default()
    except BatchError as exc:
        raise _fail(str(exc)) from None
    print(yaml.safe_dump(table.to_mapping(), sort_keys=False), end="")
