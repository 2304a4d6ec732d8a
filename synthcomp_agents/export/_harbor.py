"""Harbor task folders: one per computer + objective, verified by our own deliverable checks.

Layout of ``OUT/<task_id>-<objective_id>/`` (Harbor's task format, also read by rLLM, TRL and SkyRL)::

    instruction.md          the objective and its deliverables, in the user's voice (a brief: no check literal), the
                            facts colleagues gave (they cannot be reached from the container) and how to send a
                            file for review (an .eml in ~/Mail/Sent)
    task.toml               Harbor config: [metadata], [verifier] timeout_sec, [agent] timeout_sec,
                            [environment] build_timeout_sec / cpus / memory_mb / storage_mb / allow_internet
    environment/Dockerfile  python slim + ``pip install synthcomp-agents``; COPY files/ into the user's home
    environment/files/      the ORIGINAL home (the computer before the run: its computer.scdisk, materialized)
    tests/test.sh           ``synthcomp verify HOME --objectives /tests/objectives.json --objective ID
                            --reward-file /logs/verifier/reward.txt``; paths overridable by environment variables
                            (SYNTHCOMP_HOME_DIR, SYNTHCOMP_TESTS_DIR, SYNTHCOMP_REWARD_FILE, SYNTHCOMP_BIN)
    tests/objectives.json   the run's plan (and tests/computer.json: collaborator addresses for the mail checks)
    solution/solve.sh       the oracle: copies the run worker's deliverables (and the review mails that carried
                            them) into the home; its reward is the run's score for that objective
    solution/files/         those files, home-relative

The home inside the container is ``/home/<username>`` (also for macOS/Windows computers, whose deliverable paths
are home-relative anyway). Runs of the same task (same computer and plan) give the same task folders; the first
run's deliverables become the solution.

Example:
    >>> toml_string('say "hi"')
    '"say \\\\"hi\\\\""'
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .._version import __version__
from ..computers import ComputerFolder
from ..disk import VirtualDisk
from ..objectives import CHECK_TYPES, Check
from ..simulation import RunFolder
from ._computers import ExportError
from ._runs import RunData, load_run

__all__ = ["export_harbor", "toml_string"]

_KIND_NAMES = {
    "docx": "Word document",
    "xlsx": "Excel workbook",
    "pptx": "PowerPoint deck",
    "pdf": "PDF",
    "md": "Markdown file",
    "csv": "CSV file",
    "eml": "e-mail (.eml)",
    "txt": "text file",
}


def toml_string(value: str) -> str:
    """A TOML basic string (JSON escaping is valid TOML for basic strings)."""
    return json.dumps(value, ensure_ascii=False)


def _toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def _task_toml(run: RunData, objective: dict[str, Any]) -> str:
    kinds = sorted({str(d.get("kind")) for d in objective.get("deliverables", [])})
    effort = float(objective.get("effort_hours") or 8.0)
    agent_timeout = max(3600.0, min(6 * 3600.0, round(effort * 600.0)))  # ~10 agent-minutes per planned hour
    profile = run.computer.get("user_profile") or {}
    lines = [
        'version = "1.0"',
        "",
        "[metadata]",
        f"author_name = {toml_string('synthcomp-agents ' + __version__)}",
        'difficulty = "hard"',
        'category = "office-productivity"',
        f"tags = {_toml_list(['synthetic-computer', 'long-horizon', 'office', *kinds])}",
        f"computer_id = {toml_string(run.computer_id)}",
        f"task_id = {toml_string(run.task_id)}",
        f"objective_id = {toml_string(str(objective['objective_id']))}",
        f"objective_title = {toml_string(str(objective.get('title', '')))}",
        f"user_role = {toml_string(str(profile.get('role', '')))}",
        f"source_run = {toml_string(run.run_dir.name)}",
        "",
        "[verifier]",
        "timeout_sec = 600.0",
        "",
        "[agent]",
        f"timeout_sec = {agent_timeout:.1f}",
        "",
        "[environment]",
        "build_timeout_sec = 900.0",
        "cpus = 1",
        "memory_mb = 2048",
        "storage_mb = 10240",
        "allow_internet = false",
        "",
    ]
    return "\n".join(lines)


def _home(run: RunData) -> str:
    username = str((run.computer.get("user_profile") or {}).get("username") or "user")
    return f"/home/{username}"


def _dockerfile(home: str) -> str:
    return "\n".join(
        [
            "# The user's computer: their home folder as it was before the month's work, plus the synthcomp tools",
            "# the verifier runs (tests/test.sh calls `synthcomp verify`).",
            "FROM python:3.12-slim",
            f'RUN pip install --no-cache-dir "synthcomp-agents=={__version__}"',
            f"COPY files/ {home}/",
            f"ENV HOME={home}",
            f"WORKDIR {home}",
            "",
        ]
    )


def _test_sh(home: str, objective_id: str) -> str:
    return "\n".join(
        [
            "#!/usr/bin/env bash",
            "# Harbor verifier: run synthcomp's deliverable checks on the home folder and write the objective's reward",
            "# (partial credit in [0, 1]) to the reward file. Every path can be overridden for a local run.",
            "set -u",
            f'HOME_DIR="${{SYNTHCOMP_HOME_DIR:-{home}}}"',
            'TESTS_DIR="${SYNTHCOMP_TESTS_DIR:-/tests}"',
            'REWARD_FILE="${SYNTHCOMP_REWARD_FILE:-/logs/verifier/reward.txt}"',
            'SYNTHCOMP="${SYNTHCOMP_BIN:-synthcomp}"',
            'mkdir -p "$(dirname "$REWARD_FILE")"',
            'if ! $SYNTHCOMP verify "$HOME_DIR" --objectives "$TESTS_DIR/objectives.json" \\',
            f'    --objective {objective_id} --reviewers-offline --reward-file "$REWARD_FILE"; then',
            '  echo "synthcomp verify failed; reward 0" >&2',
            '  echo 0.0 > "$REWARD_FILE"',
            "fi",
            "",
        ]
    )


def _solve_sh(home: str) -> str:
    return "\n".join(
        [
            "#!/usr/bin/env bash",
            "# Oracle: put the deliverables the simulated worker produced (and the review e-mails that carried them)",
            "# into the home folder.",
            "set -eu",
            f'HOME_DIR="${{SYNTHCOMP_HOME_DIR:-{home}}}"',
            'SOLUTION_DIR="${SYNTHCOMP_SOLUTION_DIR:-$(cd "$(dirname "$0")" && pwd)}"',
            'cp -R "$SOLUTION_DIR/files/." "$HOME_DIR/"',
            "",
        ]
    )


def _facts(run: RunData, objective: dict[str, Any]) -> list[tuple[dict[str, Any], str, str]]:
    """(collaborator, topic, fact) the objective needs from colleagues, from their private knowledge."""
    people = {
        str(c.get("identifier")): c
        for c in (run.computer.get("collaboration_context") or {}).get("collaborators", [])
        if isinstance(c, dict)
    }
    wanted: list[tuple[str, str]] = []
    for d in objective.get("deliverables", []):
        for ask in d.get("collaborator_inputs", []):
            wanted.append((str(ask.get("collaborator")), str(ask.get("topic"))))
        for check in _checks_of(d):
            wanted.extend(check.asks())
    out: list[tuple[dict[str, Any], str, str]] = []
    seen: set[tuple[str, str]] = set()
    for who, topic in wanted:
        if (who, topic) in seen or who not in people:
            continue
        seen.add((who, topic))
        for item in people[who].get("private_knowledge", []):
            if str(item.get("topic", "")).strip().lower() == topic.strip().lower():
                out.append((people[who], topic, str(item.get("fact", ""))))
                break
    return out


def _checks_of(d: dict[str, Any]) -> list[Check]:
    """The deliverable's acceptance checks as registered check objects (unknown types are skipped)."""
    out: list[Check] = []
    for raw in d.get("acceptance_checks", []):
        cls = CHECK_TYPES.get(str(raw.get("type")))
        if cls is not None:
            out.append(cls.model_validate(raw))
    return out


def _deliverable_lines(n: int, d: dict[str, Any]) -> list[str]:
    kind = str(d.get("kind"))
    lines = [
        f"### {n}. {d.get('title')}",
        f"- Save it as: `~/{d.get('path')}` ({_KIND_NAMES.get(kind, kind)})",
        f"- For: {d.get('audience')}",
        f"- What it is: {' '.join(str(d.get('description', '')).split())}",
    ]
    if d.get("grounding_files"):
        lines.append("- Base it on: " + "; ".join(f"`~/{p}`" for p in d["grounding_files"]))
    briefs = [line for check in _checks_of(d) if (line := check.brief(kind))]
    lines.extend(f"- {line}" for line in dict.fromkeys(briefs))
    if d.get("rubric"):
        lines.append("- I will also judge: " + "; ".join(str(r.get("criterion")) for r in d["rubric"]))
    return lines


def _instruction(run: RunData, objective: dict[str, Any], home: str) -> str:
    profile = run.computer.get("user_profile") or {}
    people = {
        str(c.get("identifier")): c
        for c in (run.computer.get("collaboration_context") or {}).get("collaborators", [])
        if isinstance(c, dict)
    }
    name = str(profile.get("name", "the user"))
    lines = [
        f"# {objective.get('title')}",
        "",
        f"I'm {name}, {profile.get('role', '')} at {profile.get('employer', '')}. This is my computer; my home folder "
        f"is `{home}` (`~`). I need your help with one of this month's objectives: {objective.get('title')}.",
        "",
        f"Why it matters: {' '.join(str(objective.get('why', '')).split())}",
        "",
        f"It is due on workday {objective.get('due_day')} of the month starting {run.plan.get('start_date')}. "
        "Please produce these deliverables, grounded in my files:",
        "",
    ]
    for n, d in enumerate(objective.get("deliverables", []), 1):
        lines.extend(_deliverable_lines(n, d))
        lines.append("")
    facts = _facts(run, objective)
    reviewers = sorted({who for d in objective.get("deliverables", []) for c in _checks_of(d) if (who := c.reviewer())})
    if facts or reviewers:
        lines += ["## My colleagues", ""]
        lines.append(
            "They cannot be reached from this machine. Some facts are on no file; this is what they told me when "
            "I asked:"
        )
        lines.append("")
        for person, topic, fact in facts:
            who = f"{person.get('name')} ({person.get('identifier')}, {person.get('role')})"
            lines.append(f"- {who} on {topic}: {fact}")
        if reviewers:
            lines.append("")
            lines.append(
                "To send a file for review, save the e-mail as an `.eml` file (RFC 5322, the deliverable attached "
                "under its own file name) in `~/Mail/Sent/`, addressed to:"
            )
            for who in reviewers:
                person = people.get(who, {})
                lines.append(f"- {who}: {person.get('name', who)} <{person.get('email', '')}>")
        lines.append("")
    lines += [
        "## Ground rules",
        "",
        "- Save every deliverable at exactly the path above, as a real file of its format.",
        "- Quote numbers exactly as my files compute them; do not invent figures.",
        "- Do not change, move or delete my existing files.",
        "",
    ]
    return "\n".join(lines)


def _copy_out(final: VirtualDisk, path: str, destination: Path) -> None:
    """Write ``path`` of the end state to ``destination`` with its simulated modification time (as materialized)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(final.read_bytes(path))
    when = final.stat(path).modified.astimezone(timezone.utc) - datetime(1970, 1, 1, tzinfo=timezone.utc)
    ns = (when.days * 86_400 + when.seconds) * 1_000_000_000 + when.microseconds * 1_000
    os.utime(destination, ns=(ns, ns))


def _solution_files(run: RunData, objective: dict[str, Any], target: Path, final: VirtualDisk) -> int:
    """Copy the run's deliverables of ``objective`` (and the sent mail carrying them) under ``target``.

    ``final`` is the run's end state (:meth:`RunFolder.final_disk`): no materialized ``final/`` is needed.
    """
    copied = 0
    names: set[str] = set()
    for d in objective.get("deliverables", []):
        rel = str(d.get("path"))
        names.add(rel.rsplit("/", 1)[-1].casefold())
        if final.is_file(rel):
            _copy_out(final, rel, target / rel)
            copied += 1
    if final.is_dir("Mail/Sent"):
        mails = sorted(f.path for f in final.walk("Mail/Sent") if not f.is_dir and f.path.endswith(".eml"))
        for path in mails:
            message = email.message_from_bytes(final.read_bytes(path), policy=email.policy.default)
            attached = {
                (part.get_filename() or "").casefold()
                for part in (message.iter_attachments() if isinstance(message, email.message.EmailMessage) else [])
            }
            if attached & names:
                _copy_out(final, path, target / path)
    return copied


def _write_executable(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    path.chmod(0o755)


def _write_task(run: RunData, objective: dict[str, Any], home_archive: Path, folder: Path, final: VirtualDisk) -> None:
    home = _home(run)
    objective_id = str(objective["objective_id"])
    (folder / "tests").mkdir(parents=True)
    (folder / "instruction.md").write_text(_instruction(run, objective, home), encoding="utf-8", newline="\n")
    (folder / "task.toml").write_text(_task_toml(run, objective), encoding="utf-8", newline="\n")
    environment = folder / "environment"
    environment.mkdir()
    (environment / "Dockerfile").write_text(_dockerfile(home), encoding="utf-8", newline="\n")
    disk = VirtualDisk.from_archive(home_archive)
    try:
        disk.materialize(environment / "files")
    finally:
        disk.close()
    run_folder = RunFolder(run.run_dir)
    shutil.copyfile(run_folder.objectives_path, folder / "tests" / RunFolder.OBJECTIVES)
    if run_folder.blueprint_path.is_file():  # collaborator addresses for the sent_to checks (see verify_home)
        shutil.copyfile(run_folder.blueprint_path, folder / "tests" / RunFolder.BLUEPRINT)
    _write_executable(folder / "tests" / "test.sh", _test_sh(home, objective_id))
    files = folder / "solution" / "files"
    files.mkdir(parents=True)
    _solution_files(run, objective, files, final)
    _write_executable(folder / "solution" / "solve.sh", _solve_sh(home))


def export_harbor(runs: Sequence[Path], out: Path) -> dict[str, Path]:
    """Write one Harbor task folder per computer + objective of every run (see the module docstring).

    A task folder that exists already is replaced (written next to it, then swapped in).

    Returns:
        Task folder name -> path, in run and objective order.

    Raises:
        ExportError: No runs, an unreadable run, or a run whose original computer cannot be found.
    """
    if not runs:
        raise ExportError("no run folders given; pass run folders (made by `synthcomp run` or `synthcomp simulate`)")
    loaded = [load_run(Path(r), need_signals=False) for r in runs]
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for run in loaded:
        archive = ComputerFolder(run.computer_dir()).archive_path
        names = [f"{run.task_id}-{o['objective_id']}" for o in run.plan.get("objectives", [])]
        if all(name in written for name in names):
            continue  # another rollout of the same task
        try:
            final = RunFolder(run.run_dir).final_disk(archive)
        except (OSError, ValueError) as exc:
            raise ExportError(f"{run.run_dir}: cannot read the end state ({exc})") from None
        with final:
            for objective in run.plan.get("objectives", []):
                name = f"{run.task_id}-{objective['objective_id']}"
                if name in written:
                    continue  # another rollout of the same task
                target = out / name
                staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=out))
                try:
                    _write_task(run, objective, archive, staging / "task", final)
                    if target.exists():
                        shutil.rmtree(target)
                    os.replace(staging / "task", target)
                finally:
                    shutil.rmtree(staging, ignore_errors=True)
                written[name] = target
    return written
