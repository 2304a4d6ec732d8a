"""Outcome signals: per-deliverable audits, partial credit per objective, collateral damage and the run's reward.

Scoring (every number in [0, 1]):

* a deliverable's checks are its acceptance checks plus ``grounded_numbers`` (see :mod:`._grounding`) when it
  states numbers or must quote one;
* a deliverable's score is the weighted share of its checks passed (each check says its weight; a critical check
  that fails, e.g. the file does not exist or open, gates the deliverable to 0): no cliff, every miss costs in
  proportion to its weight;
* an objective's score is the mean of its deliverables' scores (a missing deliverable costs its share); its
  ``reward`` is that score times ``1 - gaming`` over its own deliverables: the per-task reward of a Harbor task
  (which sees files, not submissions);
* the run's ``objectives`` component is the mean objective score with every deliverable the worker never submitted
  (when submission is known) counted as 0: a run with 5 of 6 deliverables submitted cannot score 1;
* the run's reward is ``(0.6 * objectives + 0.2 * grounding + 0.2 * rubric) * (1 - collateral) * (1 - gaming)``,
  with
  ``objectives`` the mean objective score, ``grounding`` the mean share of grounded numbers per deliverable,
  ``rubric`` the weighted mean of the judge's scores and ``collateral`` the penalty for damage outside the
  objectives' scope and ``gaming`` the anti-gaming penalty (:mod:`._gaming`: filler, copies, dumps, contradicted
  labels or conclusions, unclosed review loops; its own line in ``signals.json`` with quoted evidence). Items the
  judge could not score are reported unscored; with none scored (offline) the rubric's
  weight is shared out over the other components, never filled in from the program checks;
* ``is_correct``: every deliverable was submitted (when known) and passes every check, there is no collateral
  damage and no gaming finding.

Example:
    >>> from synthcomp_agents.signals import score_home
    >>> # outcome = score_home(run / "final", plan, original=VirtualDisk.from_archive(computer / "computer.scdisk"))
    >>> OUTCOME_WEIGHTS
    {'objectives': 0.6, 'grounding': 0.2, 'rubric': 0.2}
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
from collections.abc import Coroutine, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from autogen_core.models import ChatCompletionClient
from pydantic import BaseModel, Field, ValidationError

from ..computers import ComputerFolder
from ..disk import DiskError, VirtualDisk, atomic_write_text
from ..objectives import Deliverable, Objective, ObjectivePlan
from ..office import OfficeError, extract_text
from ..simulation import OriginalComputerNotFound, RunFolder
from ._checks import (
    CheckResult,
    DeliverableAudit,
    check_deliverable,
    collaborator_addresses,
    load_received_mail,
    load_sent_mail,
)
from ._collateral import CollateralReport, collateral_damage
from ._gaming import DETECTOR_WEIGHTS, GamingReport, assess_gaming
from ._grounding import GroundingSources, assess_grounding
from ._process import ProcessSignals, process_signals

__all__ = [
    "OUTCOME_WEIGHTS",
    "SIGNALS_SCHEMA_VERSION",
    "DeliverableSignals",
    "ObjectiveSignals",
    "Outcome",
    "OutcomeSignals",
    "RubricItemScore",
    "RunSignals",
    "compute_run_signals",
    "disk_from_folder",
    "score_home",
    "verify_home",
    "write_run_signals",
]

SIGNALS_SCHEMA_VERSION = 1
OUTCOME_WEIGHTS = {"objectives": 0.6, "grounding": 0.2, "rubric": 0.2}
_T = TypeVar("_T")


class RubricItemScore(BaseModel):
    """A rubric item and the judge's score (None: not scored, see ``reason``)."""

    rubric_id: str
    criterion: str
    weight: float
    score: float | None
    reason: str


class DeliverableSignals(BaseModel):
    """Every check of one deliverable, the judge's rubric scores and a plain-words audit."""

    deliverable_id: str
    path: str
    kind: str
    title: str
    exists: bool
    submitted: bool | None
    passed: bool
    score: float = 0.0
    grounding: float
    checks: list[CheckResult]
    rubric: list[RubricItemScore]
    audit: str


class ObjectiveSignals(BaseModel):
    """One objective: partial credit and its deliverables."""

    objective_id: str
    title: str
    score: float
    checks_passed: int
    checks_total: int
    all_passed: bool
    gaming_penalty: float = 0.0
    reward: float = 0.0
    deliverables: list[DeliverableSignals]


class OutcomeSignals(BaseModel):
    """The outcome of a home against a plan: ``reward`` (one objective's score when scoped to it), components."""

    reward: float
    components: dict[str, float]
    is_correct: bool
    objectives: list[ObjectiveSignals]
    collateral: CollateralReport
    gaming: GamingReport = Field(default_factory=lambda: GamingReport(deliverables=0))


class Outcome(BaseModel):
    """The run-level outcome block of ``signals.json``."""

    reward: float
    components: dict[str, float]
    is_correct: bool


class RunSignals(BaseModel):
    """Everything in ``signals.json``."""

    schema_version: int = SIGNALS_SCHEMA_VERSION
    computer_id: str
    policy: str
    outcome: Outcome
    objectives: list[ObjectiveSignals]
    collateral: CollateralReport
    gaming: GamingReport = Field(default_factory=lambda: GamingReport(deliverables=0))
    process: ProcessSignals


# ---------------------------------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------------------------------


def _run_sync(coro: Coroutine[Any, Any, _T]) -> _T:
    """Run a coroutine from sync code, also when an event loop is already running (e.g. in a notebook)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def disk_from_folder(folder: str | Path, user: str = "user") -> VirtualDisk:
    """An in-memory disk holding a copy of a materialized home folder (the folder itself is never written).

    Symbolic links and files the sandbox refuses (e.g. names with control characters) are skipped.
    """
    root = Path(folder)
    if not root.is_dir():
        raise ValueError(f"{os.fspath(root)!r} is not a folder; pass a materialized home (e.g. RUN_DIR/final)")
    disk = VirtualDisk(user=user)
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            full = Path(dirpath) / name
            if full.is_symlink() or not full.is_file():
                continue
            rel = full.relative_to(root).as_posix()
            try:
                disk.write_bytes(rel, full.read_bytes())
            except (DiskError, OSError):
                continue
    return disk


def _as_disk(home: str | Path | VirtualDisk) -> VirtualDisk:
    if isinstance(home, VirtualDisk):
        return home
    path = Path(home)
    if path.is_file() and path.suffix == ".scdisk":
        return VirtualDisk.from_archive(path)
    if path.is_dir():
        run = RunFolder(path)
        if run.has_end_state():  # a run folder: its end state, without a materialized final/
            return run.final_disk()
        computer = ComputerFolder(path)
        if computer.archive_path.is_file():  # a computer folder: its archive, without a materialized home/
            return VirtualDisk.from_archive(computer.archive_path)
    return disk_from_folder(path)


def _audit_text(d: Deliverable, checks: Sequence[CheckResult], submitted: bool | None) -> str:
    passed = [c for c in checks if c.passed]
    failed = [c for c in checks if not c.passed]
    head = f"{d.title} ({d.path}): {len(passed)} of {len(checks)} checks passed"
    if submitted is not None:
        head += "; submitted" if submitted else "; never submitted"
    parts = [head + "."]
    if passed:
        parts.append("Passed: " + "; ".join(f"{c.check_type} ({c.detail})" for c in passed) + ".")
    if failed:
        parts.append("Failed: " + "; ".join(f"{c.check_type}: {c.detail}" for c in failed) + ".")
    return " ".join(parts)


async def _judge_all(
    judge_client: ChatCompletionClient, items: Sequence[tuple[Deliverable, list[CheckResult], str]]
) -> list[list[RubricItemScore]]:
    from ..agents import SUBSTANCE_ITEMS, JudgeAgent, check_evidence, judge_prompt

    judge = JudgeAgent(judge_client)
    out: list[list[RubricItemScore]] = []
    for d, checks, text in items:
        rubric = [(r.rubric_id, r.criterion, r.weight) for r in d.rubric]
        rubric += [(f"{d.deliverable_id}-{rid}", criterion, 1.0) for rid, criterion in SUBSTANCE_ITEMS]
        prompt = judge_prompt(
            title=d.title,
            kind=d.kind,
            audience=d.audience,
            description=d.description,
            rubric=[(rid, criterion) for rid, criterion, _w in rubric],
            checks=[(c.check_type, c.passed, c.detail) for c in checks],
            text=text,
        )
        verdict = check_evidence(await judge.judge(prompt, [rid for rid, _c, _w in rubric]), text)
        by_id = {s.rubric_id: s for s in verdict.scores}
        out.append(
            [
                RubricItemScore(
                    rubric_id=rid,
                    criterion=criterion,
                    weight=weight,
                    score=by_id[rid].score,
                    reason=by_id[rid].reason,
                )
                for rid, criterion, weight in rubric
            ]
        )
    return out


def _text_of(disk: VirtualDisk, path: str) -> str:
    if not disk.is_file(path):
        return "(the file does not exist)"
    try:
        return extract_text(path.rsplit("/", 1)[-1], disk.read_bytes(path), max_chars=20_000)
    except (OfficeError, ValueError) as exc:
        return f"(the file could not be read: {exc})"


def _scoped_penalty(report: GamingReport, paths: Sequence[str]) -> float:
    """The gaming penalty over these deliverables only (the report's formula: each detector contributes
    ``weight * min(1, 1.5 * share flagged)``, combined as ``1 - prod(1 - contribution)``)."""
    scope = set(paths)
    if not scope:
        return 0.0
    flagged: dict[str, set[str]] = {}
    for f in report.findings:
        if f.path in scope:
            flagged.setdefault(f.detector, set()).add(f.path)
    keep = 1.0
    for detector, hit in flagged.items():
        keep *= 1.0 - DETECTOR_WEIGHTS.get(detector, 0.5) * min(1.0, 1.5 * len(hit) / len(scope))
    return round(1.0 - keep, 6)


def _deliverable_score(checks: Sequence[CheckResult]) -> float:
    """Weighted share of checks passed; a failed critical check gives 0."""
    if not checks or any(c.critical and not c.passed for c in checks):
        return 0.0
    total = sum(c.weight for c in checks)
    return round(sum(c.weight for c in checks if c.passed) / total, 6) if total > 0 else 0.0


def _objective_score(items: Sequence[DeliverableSignals]) -> float:
    return round(sum(item.score for item in items) / len(items), 6) if items else 0.0


# ---------------------------------------------------------------------------------------------------------------------
# scoring
# ---------------------------------------------------------------------------------------------------------------------


async def ascore_home(
    home: str | Path | VirtualDisk,
    plan: ObjectivePlan,
    *,
    objective_id: str | None = None,
    original: str | Path | VirtualDisk | None = None,
    submitted: Sequence[str] | None = None,
    judge_client: ChatCompletionClient | None = None,
    addresses: Mapping[str, str] | None = None,
    reviewers_offline: bool = False,
) -> OutcomeSignals:
    """Async :func:`score_home`."""
    disk = _as_disk(home)
    objectives: list[Objective] = list(plan.objectives)
    if objective_id is not None:
        objectives = [o for o in objectives if o.objective_id == objective_id]
        if not objectives:
            known = ", ".join(o.objective_id for o in plan.objectives)
            raise ValueError(f"no objective {objective_id!r} in the plan; it has {known}")
    sources = GroundingSources(disk)
    sent = load_sent_mail(disk)
    received = load_received_mail(disk)
    done = set(submitted) if submitted is not None else None
    audited: list[tuple[Objective, Deliverable, DeliverableAudit, list[CheckResult], float]] = []
    for objective in objectives:
        for d in objective.deliverables:
            audit = check_deliverable(
                disk,
                d,
                sent_mail=sent,
                addresses=addresses,
                received_mail=received,
                reviewers_offline=reviewers_offline,
            )
            checks = list(audit.checks)
            grounding = assess_grounding(disk, d, sources, objective.grounding_files)
            if grounding.applies:  # a deliverable without figures (and not asked for any) is not checked for them
                checks.append(grounding.check)
            audited.append((objective, d, audit, checks, grounding.share if audit.exists else 0.0))
    if judge_client is None:
        from ..models import ScriptedPolicyClient

        judge_client = ScriptedPolicyClient(role="judge")
    rubrics = await _judge_all(judge_client, [(d, checks, _text_of(disk, d.path)) for _o, d, _a, checks, _g in audited])
    per_objective: dict[str, list[DeliverableSignals]] = {}
    for (objective, d, audit, checks, grounding_share), rubric in zip(audited, rubrics, strict=True):
        sub = (d.deliverable_id in done) if done is not None else None
        per_objective.setdefault(objective.objective_id, []).append(
            DeliverableSignals(
                deliverable_id=d.deliverable_id,
                path=d.path,
                kind=d.kind,
                title=d.title,
                exists=audit.exists,
                submitted=sub,
                passed=audit.exists and all(c.passed for c in checks),
                score=_deliverable_score(checks),
                grounding=round(grounding_share, 6),
                checks=checks,
                rubric=rubric,
                audit=_audit_text(d, checks, sub),
            )
        )
    objective_signals: list[ObjectiveSignals] = []
    for objective in objectives:
        items = per_objective.get(objective.objective_id, [])
        checks = [c for item in items for c in item.checks]
        objective_signals.append(
            ObjectiveSignals(
                objective_id=objective.objective_id,
                title=objective.title,
                score=_objective_score(items),
                checks_passed=sum(c.passed for c in checks),
                checks_total=len(checks),
                all_passed=bool(checks) and all(c.passed for c in checks),
                deliverables=items,
            )
        )
    in_scope = [d for o in objectives for d in o.deliverables]
    if original is not None:
        inputs = [g for o in plan.objectives for g in o.grounding_files]
        collateral = collateral_damage(_as_disk(original), disk, in_scope, grounding=inputs)
    else:
        collateral = CollateralReport(penalty=0.0, items=[])
    deliverables = [item for o in objective_signals for item in o.deliverables]
    gaming = assess_gaming(disk, plan, addresses=addresses)
    if reviewers_offline:  # nobody could answer: an unanswered review is not a dodged one
        gaming = gaming.model_copy(update={"findings": [f for f in gaming.findings if f.detector != "fyi_review"]})
        gaming.penalty = _scoped_penalty(gaming, [d.path for d in plan.deliverables()])
    for o_signals, objective in zip(objective_signals, objectives, strict=True):
        penalty = _scoped_penalty(gaming, [d.path for d in objective.deliverables])
        o_signals.gaming_penalty = penalty
        o_signals.reward = round(o_signals.score * (1.0 - penalty), 6)
    if objective_id is not None:  # only the findings on this objective's deliverables count against it
        scope = {d.path for d in in_scope}
        findings = [f for f in gaming.findings if f.path in scope]
        penalty = _scoped_penalty(gaming, list(scope))
        gaming = gaming.model_copy(update={"findings": findings, "penalty": penalty, "deliverables": len(scope)})
    delivered_scores = [
        sum(item.score if item.submitted is not False else 0.0 for item in o.deliverables) / len(o.deliverables)
        for o in objective_signals
        if o.deliverables
    ]
    objectives_score = sum(delivered_scores) / max(1, len(objective_signals))
    grounding_score = sum(item.grounding for item in deliverables) / max(1, len(deliverables))
    scored = [(r.weight, r.score) for item in deliverables for r in item.rubric if r.score is not None]
    rubric_score = sum(w * s for w, s in scored) / sum(w for w, _ in scored) if scored else None
    components = {
        "objectives": round(objectives_score, 6),
        "grounding": round(grounding_score, 6),
        "collateral": collateral.penalty,
        "gaming": round(gaming.penalty, 6),
    }
    weights = {k: w for k, w in OUTCOME_WEIGHTS.items() if k != "rubric" or rubric_score is not None}
    if rubric_score is not None:
        components["rubric"] = round(rubric_score, 6)
    if objective_id is not None:
        reward = objective_signals[0].reward
    else:
        mixed = sum(w * components[k] for k, w in weights.items()) / sum(weights.values())
        reward = round(min(1.0, max(0.0, mixed * (1.0 - collateral.penalty) * (1.0 - gaming.penalty))), 6)
    delivered = all(item.submitted is not False for item in deliverables)
    is_correct = (
        delivered and all(o.all_passed for o in objective_signals) and not collateral.items and not gaming.findings
    )
    return OutcomeSignals(
        reward=reward,
        components=components,
        is_correct=is_correct,
        objectives=objective_signals,
        collateral=collateral,
        gaming=gaming,
    )


def score_home(
    home: str | Path | VirtualDisk,
    plan: ObjectivePlan,
    *,
    objective_id: str | None = None,
    original: str | Path | VirtualDisk | None = None,
    submitted: Sequence[str] | None = None,
    judge_client: ChatCompletionClient | None = None,
    addresses: Mapping[str, str] | None = None,
    reviewers_offline: bool = False,
) -> OutcomeSignals:
    """Score a home (a folder, ``.scdisk`` or disk) against a plan: checks, partial credit, collateral, reward.

    Args:
        home: the end state: a materialized home folder, a ``.scdisk`` archive or a :class:`VirtualDisk`.
        plan: the objective plan.
        objective_id: score only this objective; ``reward`` is then its partial credit (a Harbor task's reward).
        original: the computer before the run (folder, archive or disk) for collateral damage; None skips it.
        submitted: deliverable ids the worker submitted (shown in audits); None when unknown.
        judge_client: the judge's model; None uses the offline scripted judge.
        addresses: collaborator identifier -> e-mail address, for ``sent_to`` checks.
        reviewers_offline: reviewers could not answer (see :func:`verify_home`).

    Example:
        >>> from synthcomp_agents.disk import VirtualDisk
        >>> from synthcomp_agents.objectives import ObjectivePlan
        >>> plan = ObjectivePlan.model_validate_json(open("run/objectives.json").read())  # doctest: +SKIP
        >>> outcome = score_home("run/final", plan, original="computer/computer.scdisk")  # doctest: +SKIP
        >>> outcome.reward, outcome.components["collateral"]  # doctest: +SKIP
        (0.93, 0.02)
    """
    return _run_sync(
        ascore_home(
            home,
            plan,
            objective_id=objective_id,
            original=original,
            submitted=submitted,
            judge_client=judge_client,
            addresses=addresses,
            reviewers_offline=reviewers_offline,
        )
    )


def verify_home(
    home: str | Path,
    objectives: str | Path,
    *,
    objective_id: str | None = None,
    original: str | Path | None = None,
    reviewers_offline: bool = False,
) -> OutcomeSignals:
    """Score a home folder against an ``objectives.json`` (what ``synthcomp verify`` and Harbor's test.sh run).

    ``reviewers_offline``: nobody can answer a review request where the home was worked on (a Harbor container), so
    ``sent_to`` passes on the mail carrying the file and unanswered reviews are not counted as gaming.

    A ``computer.json`` next to the plan (as in a run folder or a Harbor task's ``tests/``) supplies the
    collaborators' addresses for ``sent_to`` checks, exactly as :func:`compute_run_signals` uses them.
    """
    path = Path(objectives)
    try:
        plan = ObjectivePlan.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise ValueError(
            f"the objective plan {os.fspath(path)!r} does not match the plan schema ({exc.error_count()} errors; "
            f"first: {where}: {first['msg']}); pass the objectives.json a run or `synthcomp objectives create` wrote"
        ) from None
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read the objective plan {os.fspath(path)!r}: {exc}") from None
    addresses = _addresses_near(path.parent / ComputerFolder.BLUEPRINT)
    return score_home(
        home,
        plan,
        objective_id=objective_id,
        original=original,
        addresses=addresses,
        reviewers_offline=reviewers_offline,
    )


def _addresses_near(computer_json: Path) -> dict[str, str] | None:
    if not computer_json.is_file():
        return None
    try:
        blueprint: dict[str, Any] = json.loads(computer_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    raw = blueprint.get("collaboration_context") or blueprint.get("collaborators") or []
    return collaborator_addresses(raw) if raw else None


def _original_archive(run: RunFolder, original: str | Path | None) -> Path:
    """The run's computer before the run: ``original`` when given (a computer folder or a ``.scdisk``), else found.

    Raises:
        OriginalComputerNotFound: It cannot be found (collateral damage cannot be scored; never silently 0).
    """
    if original is None:
        return run.original_computer().archive_path
    given = Path(original)
    archive = given if given.is_file() else ComputerFolder(given).archive_path
    if not archive.is_file():
        raise OriginalComputerNotFound(run.path, [given])
    return archive


async def acompute_run_signals(
    run_dir: str | Path, *, judge_client: ChatCompletionClient | None = None, original: str | Path | None = None
) -> RunSignals:
    """Async :func:`compute_run_signals`."""
    run = RunFolder(run_dir)
    try:
        plan = run.plan()
        summary = run.summary(required=True)
        blueprint = run.blueprint_json()
    except (OSError, ValueError) as exc:
        raise ValueError(f"{os.fspath(run)!r} is not a finished run folder: {exc}") from None
    if not run.has_end_state():
        raise ValueError(
            f"{os.fspath(run)!r} has no end state ({run.FINAL_DELTA} or {run.FINAL_ARCHIVE}); "
            "finish or resume the run first"
        )
    addresses = _addresses_near(run.blueprint_path) or {}
    computer_id = str(summary.get("computer_id") or blueprint.get("computer_id") or run.path.name)
    before = _original_archive(run, original)
    with run.final_disk(before) as final:
        outcome = await ascore_home(
            final,
            plan,
            original=before,
            submitted=list(summary.get("submitted") or []),
            judge_client=judge_client,
            addresses=addresses,
        )
    process = process_signals(run.path, plan, [*addresses.keys(), *addresses.values()])
    return RunSignals(
        computer_id=computer_id,
        policy=str(summary.get("worker_policy") or "competent"),
        outcome=Outcome(reward=outcome.reward, components=outcome.components, is_correct=outcome.is_correct),
        objectives=outcome.objectives,
        collateral=outcome.collateral,
        gaming=outcome.gaming,
        process=process,
    )


def compute_run_signals(
    run_dir: str | Path, *, judge_client: ChatCompletionClient | None = None, original: str | Path | None = None
) -> RunSignals:
    """Compute the learning signals of a finished run folder (outcome, audits, collateral damage, process).

    Args:
        run_dir: a finished run (``objectives.json``, ``run.json``, ``final.delta.zip``, ``trajectory.jsonl.zst``...).
        judge_client: the judge's model for rubric items; None uses the offline scripted judge.
        original: the computer before the run (its folder or ``computer.scdisk``); None finds it with
            :meth:`RunFolder.original_computer <synthcomp_agents.simulation.RunFolder.original_computer>`.

    Raises:
        OriginalComputerNotFound: The computer before the run cannot be found, so collateral damage cannot be
            scored (a ``FileNotFoundError`` saying where it looked; pass ``original``).
    """
    return _run_sync(acompute_run_signals(run_dir, judge_client=judge_client, original=original))


def write_run_signals(
    run_dir: str | Path, *, judge_client: ChatCompletionClient | None = None, original: str | Path | None = None
) -> Path:
    """Compute the run's signals and write ``RUN_DIR/signals.json`` atomically; returns its path.

    Example:
        >>> import json
        >>> path = write_run_signals("runs/quickstart/runs/c-31f118be8dc6-9cf6f10f")  # doctest: +SKIP
        >>> json.loads(path.read_text())["outcome"]  # doctest: +SKIP
        {'reward': 1.0, 'components': {'objectives': 1.0, 'grounding': 1.0, 'rubric': 1.0, 'collateral': 0.0}, ...}
    """
    run = RunFolder(run_dir)
    signals = compute_run_signals(run.path, judge_client=judge_client, original=original)
    text = json.dumps(signals.model_dump(mode="json"), indent=1, sort_keys=False) + "\n"
    return atomic_write_text(run.signals_path, text)
