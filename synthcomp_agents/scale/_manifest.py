"""The batch manifest: one SQLite file (WAL mode) with one row per job; the driver is its only writer."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from ._errors import BatchError
from ._jobs import JobResult

__all__ = ["MANIFEST_NAME", "AttemptRow", "JobRow", "JobState", "Manifest"]

MANIFEST_NAME = "manifest.sqlite"
SCHEMA_VERSION = 1
JobState = Literal["pending", "running", "done", "failed"]
_STATES = ("pending", "running", "done", "failed")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    idx INTEGER PRIMARY KEY,
    job_id TEXT NOT NULL UNIQUE,
    persona TEXT NOT NULL,
    persona_id TEXT NOT NULL,
    seed INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    completions INTEGER NOT NULL DEFAULT 0 CHECK (completions <= 1),
    started_at TEXT,
    finished_at TEXT,
    computer_s REAL,
    simulation_s REAL,
    signals_s REAL,
    publish_s REAL,
    wall_s REAL,
    computer_id TEXT,
    worker_turns INTEGER,
    days_simulated INTEGER,
    stop_reason TEXT,
    deliverables_submitted INTEGER,
    deliverables_total INTEGER,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    tokens_by_model TEXT NOT NULL DEFAULT '{}',
    reward REAL,
    is_correct INTEGER,
    signals TEXT,
    error TEXT,
    model_faults TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state);
CREATE TABLE IF NOT EXISTS attempts (
    idx INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    run TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    wall_s REAL,
    outcome TEXT,
    kind TEXT,
    fault TEXT,
    cause TEXT,
    charged INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (idx, attempt)
);
"""
_OUTCOMES = ("done", "retry", "held", "paused", "failed", "interrupted", "lost")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class JobRow:
    """One manifest row (see the ``jobs`` table)."""

    index: int
    job_id: str
    persona: str
    persona_id: str
    seed: int
    state: JobState
    attempts: int
    completions: int
    started_at: str | None
    finished_at: str | None
    stages: dict[str, float | None]
    computer_id: str | None
    worker_turns: int | None
    days_simulated: int | None
    stop_reason: str | None
    deliverables_submitted: int | None
    deliverables_total: int | None
    prompt_tokens: int
    completion_tokens: int
    tokens_by_model: dict[str, dict[str, int]]
    reward: float | None
    is_correct: bool | None
    signals: str | None
    error: str | None
    model_faults: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AttemptRow:
    """One attempt of a job (the ``attempts`` table), kept across runs of the batch command.

    Attributes:
        attempt: the job's attempt number (counted over every run of the command).
        run: the id of the batch command's run that made the attempt.
        outcome: ``done``; ``retry`` (transient, retried); ``held`` / ``paused`` (stopped by an endpoint outage,
            held while the endpoint was probed; ``paused``: the outage was confirmed, so not charged);
            ``failed``; ``interrupted`` (the batch command stopped); ``lost`` (the worker process died);
            None while running.
        kind: ``transient`` / ``permanent`` for an attempt that did not finish the job.
        fault: the model fault kind that stopped it, when a model call did (``connection``, ``rate_limit``, ...).
        cause: the error.
        charged: whether it counted against the job's retry budget.
    """

    index: int
    attempt: int
    run: str
    started_at: str
    ended_at: str | None
    wall_s: float | None
    outcome: str | None
    kind: str | None
    fault: str | None
    cause: str | None
    charged: bool

    def as_dict(self) -> dict[str, Any]:
        """JSON form (the summary's per-job ``history``)."""
        return {
            "attempt": self.attempt,
            "run": self.run,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "wall_s": self.wall_s,
            "outcome": self.outcome,
            "kind": self.kind,
            "fault": self.fault,
            "cause": self.cause,
            "charged": self.charged,
        }


class Manifest:
    """SQLite manifest of a batch: job states, attempts, timings, tokens, rewards, errors.

    State machine: ``pending -> running -> done | failed``; ``running -> pending`` (retry, interrupted run);
    ``failed -> pending`` (re-run of the command). Each attempt is also a row of the ``attempts`` table (number,
    run of the command, start and end, outcome, transient/permanent, fault, cause, charged or not), kept across
    re-runs of the command. ``done`` is final, and a job is finished at most once: the
    transition to ``done`` requires ``running`` and the ``completions <= 1`` check guards the table itself.

    Example:
        >>> import tempfile
        >>> m = Manifest.open(Path(tempfile.mkdtemp()) / "manifest.sqlite")
        >>> m.add_jobs([(0, "00000-c-a", "A buyer", "a", 0)])
        1
        >>> m.claim(0)
        1
        >>> m.finish(JobResult(index=0, job_id="00000-c-a", status="done"))
        True
        >>> m.finish(JobResult(index=0, job_id="00000-c-a", status="done"))
        False
        >>> m.counts()
        {'pending': 0, 'running': 0, 'done': 1, 'failed': 0}
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Manifest:
        """Open (or create) the manifest; a file that is not a batch manifest raises :class:`BatchError`."""
        file = Path(path)
        if not file.exists() and not create:
            raise BatchError(f"{file} does not exist: no batch was run in {file.parent}")
        try:
            db = sqlite3.connect(file, timeout=30.0, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA busy_timeout=30000")
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and not {"meta", "jobs"} <= tables:
                raise BatchError(
                    f"{file} is an SQLite file but not a synthcomp batch manifest (tables {sorted(tables)}); "
                    "choose another --out folder"
                )
            if create:
                db.executescript(_SCHEMA)
                columns = {r[1] for r in db.execute("PRAGMA table_info(jobs)")}
                if "model_faults" not in columns:  # a manifest written before fault counts were kept
                    db.execute("ALTER TABLE jobs ADD COLUMN model_faults TEXT NOT NULL DEFAULT '{}'")
            version = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if version is None and create:
                db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            elif version is not None and int(version[0]) != SCHEMA_VERSION:
                raise BatchError(f"{file} has manifest schema {version[0]}; this version reads {SCHEMA_VERSION}")
            db.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BatchError(
                f"the batch manifest {file} is corrupt or not an SQLite database ({exc}); move it away to start "
                "the batch over (finished job folders are reused)"
            ) from None
        return cls(file, db)

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- batch settings ----------------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        """All settings stored with the batch."""
        return {str(r[0]): str(r[1]) for r in self._db.execute("SELECT key, value FROM meta")}

    def check_settings(self, settings: Mapping[str, Any]) -> None:
        """Store the settings that determine results on first use; refuse different ones later."""
        stored = self.meta()
        wanted = {f"setting.{k}": json.dumps(v, sort_keys=True) for k, v in settings.items()}
        changed = [k for k, v in wanted.items() if k in stored and stored[k] != v]
        if changed:
            details = ", ".join(f"{k[8:]}: {stored[k]} -> {wanted[k]}" for k in changed)
            raise BatchError(
                f"{self.path.parent} holds a batch made with other settings ({details}); re-run with the same "
                "settings to resume it, or choose a new --out folder"
            )
        with self._tx() as db:
            db.executemany("INSERT OR IGNORE INTO meta VALUES (?, ?)", sorted(wanted.items()))

    # -- jobs --------------------------------------------------------------------------------------------

    def add_jobs(self, jobs: Sequence[tuple[int, str, str, str, int]]) -> int:
        """Insert ``(index, job_id, persona, persona_id, seed)`` rows not there yet; existing ones must match."""
        existing = {int(r["idx"]): r for r in self._db.execute("SELECT idx, job_id, seed FROM jobs")}
        new = []
        for index, job_id, persona, persona_id, seed in jobs:
            row = existing.get(index)
            if row is None:
                new.append((index, job_id, persona, persona_id, seed))
            elif row["job_id"] != job_id or int(row["seed"]) != seed:
                raise BatchError(
                    f"job {index} in {self.path} is {row['job_id']} (seed {row['seed']}) but this command plans "
                    f"{job_id} (seed {seed}); use the same --seed and --personas to resume, or a new --out folder"
                )
        with self._tx() as db:
            db.executemany(
                "INSERT INTO jobs (idx, job_id, persona, persona_id, seed, state) VALUES (?, ?, ?, ?, ?, 'pending')",
                new,
            )
        return len(new)

    def requeue(self, *, failed: bool) -> int:
        """Put interrupted (``running``) jobs, and ``failed`` ones if asked, back to ``pending``.

        Attempt numbers and the attempt history are kept: the next attempt of a job that failed in an earlier run
        of the command continues its numbering; attempts a stopped driver left open are closed as ``interrupted``.
        """
        states = ("running", "failed") if failed else ("running",)
        with self._tx() as db:
            cursor = db.execute(
                f"UPDATE jobs SET state='pending' WHERE state IN ({','.join('?' * len(states))})", states
            )
            db.execute(  # attempts of a driver that stopped without recording their end
                "UPDATE attempts SET ended_at=?, outcome='interrupted', kind='transient', charged=0, "
                "cause=COALESCE(cause, 'the batch command stopped before the attempt ended') WHERE ended_at IS NULL "
                "AND idx IN (SELECT idx FROM jobs WHERE state='pending')",
                (_now(),),
            )
        return cursor.rowcount

    def claim(self, index: int, run: str = "") -> int:
        """``pending -> running``; returns the attempt number (raises if the job is not pending).

        The attempt is added to the job's history (``attempts`` table) with ``run``, the batch command's run id.
        """
        now = _now()
        with self._tx() as db:
            row = db.execute(
                "UPDATE jobs SET state='running', attempts=attempts+1, started_at=COALESCE(started_at, ?) "
                "WHERE idx=? AND state='pending' RETURNING attempts",
                (now, index),
            ).fetchone()
            if row is not None:
                db.execute(
                    "INSERT OR REPLACE INTO attempts (idx, attempt, run, started_at) VALUES (?, ?, ?, ?)",
                    (index, int(row[0]), run, now),
                )
        if row is None:
            raise BatchError(f"job {index} is not pending; it cannot be started")
        return int(row[0])

    def end_attempt(
        self,
        index: int,
        attempt: int,
        outcome: str,
        *,
        kind: str | None = None,
        fault: str | None = None,
        cause: str | None = None,
        charged: bool = True,
        wall_s: float | None = None,
    ) -> None:
        """Record how an attempt ended (see :class:`AttemptRow`); an attempt not yet in the history is added."""
        if outcome not in _OUTCOMES:
            raise BatchError(f"unknown attempt outcome {outcome!r}")
        now = _now()
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO attempts (idx, attempt, run, started_at) VALUES (?, ?, '', ?)",
                (index, attempt, now),
            )
            db.execute(
                "UPDATE attempts SET ended_at=?, outcome=?, kind=?, fault=?, cause=?, charged=?, "
                "wall_s=COALESCE(?, wall_s) WHERE idx=? AND attempt=?",
                (
                    now,
                    outcome,
                    kind,
                    fault,
                    None if cause is None else cause[:2000],
                    int(charged),
                    wall_s,
                    index,
                    attempt,
                ),
            )

    def mark_attempt(self, index: int, attempt: int, *, outcome: str, charged: bool) -> None:
        """Change an ended attempt's outcome and charge (a held attempt becomes ``paused`` or ``retry``)."""
        with self._tx() as db:
            db.execute(
                "UPDATE attempts SET outcome=?, charged=? WHERE idx=? AND attempt=?",
                (outcome, int(charged), index, attempt),
            )

    def history(self, index: int | None = None) -> dict[int, list[AttemptRow]]:
        """Every job's attempts, oldest first (``{index: [...]}``; {} for a manifest without the table)."""
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "attempts" not in tables:
            return {}
        query = "SELECT * FROM attempts" + (" WHERE idx=?" if index is not None else "") + " ORDER BY idx, attempt"
        out: dict[int, list[AttemptRow]] = {}
        for r in self._db.execute(query, (index,) if index is not None else ()):
            out.setdefault(int(r["idx"]), []).append(
                AttemptRow(
                    index=int(r["idx"]),
                    attempt=int(r["attempt"]),
                    run=r["run"],
                    started_at=r["started_at"],
                    ended_at=r["ended_at"],
                    wall_s=r["wall_s"],
                    outcome=r["outcome"],
                    kind=r["kind"],
                    fault=r["fault"],
                    cause=r["cause"],
                    charged=bool(r["charged"]),
                )
            )
        return out

    def release(self, index: int, error: str | None = None) -> None:
        """``running -> pending`` (a retry will follow); keeps the last error."""
        with self._tx() as db:
            db.execute("UPDATE jobs SET state='pending', error=? WHERE idx=? AND state='running'", (error, index))

    def set_attempts(self, index: int, attempts: int) -> None:
        """Record attempts made outside the driver's view (Ray's own retries)."""
        with self._tx() as db:
            db.execute("UPDATE jobs SET attempts=MAX(attempts, ?) WHERE idx=?", (attempts, index))

    def fail(self, index: int, error: str) -> None:
        """``running -> failed`` (or ``pending -> failed``: a job held by an outage that did not end), with why."""
        with self._tx() as db:
            db.execute(
                "UPDATE jobs SET state='failed', error=?, finished_at=? "
                "WHERE idx=? AND state IN ('running', 'pending')",
                (error, _now(), index),
            )

    def finish(self, result: JobResult, *, publish_s: float | None = None, wall_s: float | None = None) -> bool:
        """``running -> done`` with the result; False (nothing changed) when the job is not running."""
        stages = result.stages
        with self._tx() as db:
            cursor = db.execute(
                """UPDATE jobs SET state='done', completions=completions+1, finished_at=?, computer_s=?,
                   simulation_s=?, signals_s=?, publish_s=?, wall_s=?, computer_id=?, worker_turns=?,
                   days_simulated=?, stop_reason=?, deliverables_submitted=?, deliverables_total=?, prompt_tokens=?,
                   completion_tokens=?, tokens_by_model=?, reward=?, is_correct=?, signals=?, error=NULL,
                   model_faults=? WHERE idx=? AND state='running'""",
                (
                    result.finished_at or _now(),
                    stages.get("computer_s"),
                    stages.get("simulation_s"),
                    stages.get("signals_s"),
                    publish_s,
                    wall_s,
                    result.computer_id,
                    result.worker_turns,
                    result.days_simulated,
                    result.stop_reason,
                    result.deliverables_submitted,
                    result.deliverables_total,
                    result.prompt_tokens,
                    result.completion_tokens,
                    json.dumps(result.tokens_by_model, sort_keys=True),
                    result.reward,
                    None if result.is_correct is None else int(result.is_correct),
                    result.signals,
                    json.dumps(result.model_faults, sort_keys=True),
                    result.index,
                ),
            )
        return cursor.rowcount == 1

    # -- reading -----------------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Jobs per state."""
        out = dict.fromkeys(_STATES, 0)
        for state, count in self._db.execute("SELECT state, COUNT(*) FROM jobs GROUP BY state"):
            out[str(state)] = int(count)
        return out

    def rows(self, state: JobState | None = None) -> list[JobRow]:
        """All rows (or those in ``state``), by index."""
        query = "SELECT * FROM jobs" + (" WHERE state=?" if state else "") + " ORDER BY idx"
        return [_row(r) for r in self._db.execute(query, (state,) if state else ())]

    def snapshot(self, target: Path) -> None:
        """A consistent copy of the manifest (SQLite backup API), e.g. to upload it."""
        copy = sqlite3.connect(target)
        try:
            self._db.backup(copy)
        finally:
            copy.close()


def _row(r: sqlite3.Row) -> JobRow:
    return JobRow(
        index=int(r["idx"]),
        job_id=r["job_id"],
        persona=r["persona"],
        persona_id=r["persona_id"],
        seed=int(r["seed"]),
        state=r["state"],
        attempts=int(r["attempts"]),
        completions=int(r["completions"]),
        started_at=r["started_at"],
        finished_at=r["finished_at"],
        stages={k: r[k] for k in ("computer_s", "simulation_s", "signals_s", "publish_s", "wall_s")},
        computer_id=r["computer_id"],
        worker_turns=r["worker_turns"],
        days_simulated=r["days_simulated"],
        stop_reason=r["stop_reason"],
        deliverables_submitted=r["deliverables_submitted"],
        deliverables_total=r["deliverables_total"],
        prompt_tokens=int(r["prompt_tokens"]),
        completion_tokens=int(r["completion_tokens"]),
        tokens_by_model=json.loads(r["tokens_by_model"] or "{}"),
        reward=r["reward"],
        is_correct=None if r["is_correct"] is None else bool(r["is_correct"]),
        signals=r["signals"],
        error=r["error"],
        model_faults=_model_faults(r),
    )


def _model_faults(r: sqlite3.Row) -> dict[str, Any]:
    """The row's fault counts ({} in a manifest opened read-only from before the column existed)."""
    if "model_faults" not in r.keys():  # noqa: SIM118 (on a sqlite3.Row, `in` looks at the values)
        return {}
    value = json.loads(r["model_faults"] or "{}")
    return value if isinstance(value, dict) else {}
