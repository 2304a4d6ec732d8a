"""The whole page: header, sections, charts, timeline and file tree, as one self-contained HTML string."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ._assets import CSP, CSS, JS
from ._escape import esc, fmt_bytes, fmt_int, fmt_short
from ._files import FileChanges, FileEntry
from ._run import RunFiles
from ._sections import badge, objectives_section, outcome_section, profile_section
from ._svg import line_chart, stacked_bars
from ._timeline import KIND_LABELS, Day, Timeline, count_label
from ._usage import Usage, role_group

MAX_CHANGED_ROWS = 400


@dataclass(frozen=True)
class ReportData:
    """Everything the page shows, already loaded (see ``collect_report_data``).

    Example:
        >>> from synthcomp_agents.report._report import collect_report_data
        >>> data = collect_report_data(Path("runs/c1"))  # doctest: +SKIP
        >>> render_page(data).startswith("<!DOCTYPE html>")  # doctest: +SKIP
        True
    """

    files: RunFiles
    changes: FileChanges | None
    timeline: Timeline
    usage: Usage
    version: str


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _day_indexes(data: ReportData) -> list[int]:
    indexes = {d.index for d in data.timeline.days} | {d.day for d in data.usage.days}
    per_day = _dict((data.files.signals or {}).get("process")).get("per_day")
    if isinstance(per_day, list):
        indexes |= {int(p["day"]) for p in per_day if isinstance(p, dict) and isinstance(p.get("day"), int)}
    return sorted(indexes)


def _label(index: int) -> str:
    return "Plan" if index == 0 else f"D{index}"


def _kpis(data: ReportData) -> str:
    run, signals = data.files.run, data.files.signals
    totals = data.usage.totals()
    worker_turns = int(totals["calls"].get("worker", 0))
    tokens = sum(totals["tokens"].values())
    mail_sent = sum(d.counts["mail_sent"] for d in data.timeline.days)
    mail_received = sum(d.counts["mail_received"] for d in data.timeline.days)
    deliverables = sum(len(_dict(o).get("deliverables") or []) for o in data.files.objectives.get("objectives") or [])
    submitted = len(run.get("submitted") or []) if run else sum(d.counts["submission"] for d in data.timeline.days)
    workdays = sum(1 for d in data.timeline.days if d.index > 0)
    cards: list[tuple[str, str]] = []
    if signals is not None:
        reward = _dict(signals.get("outcome")).get("reward")
        cards.append((f"{reward:.3f}" if isinstance(reward, (int, float)) else "n/a", "reward"))
    else:
        cards.append(("—", "reward (signals not computed)"))
    cards += [
        (f"{submitted} / {deliverables}", "deliverables submitted"),
        (str(workdays), "days simulated"),
        (fmt_int(worker_turns), "worker turns"),
        (fmt_short(tokens), "tokens"),
        (f"{mail_sent} / {mail_received}", "mail sent / received"),
    ]
    if data.changes is not None:
        counts = data.changes.counts()
        if data.changes.compared:
            cards.append(
                (f"{counts['created']} / {counts['modified']} / {counts['deleted']}", "files new / changed / deleted")
            )
        else:
            cards.append((str(counts["written"]), "files written"))
    return (
        '<div class="kpis">'
        + "".join(f"<div class=kpi><b>{esc(v)}</b><span>{esc(k)}</span></div>" for v, k in cards)
        + "</div>"
    )


def _charts(data: ReportData, days: list[int]) -> str:
    labels = [_label(i) for i in days]
    by_day = {d.day: d for d in data.usage.days}
    groups: list[str] = []
    for role in data.usage.roles:
        if role_group(role) not in groups:
            groups.append(role_group(role))

    def per_group(attr: str, group: str) -> list[float]:
        values = []
        for i in days:
            usage = by_day.get(i)
            counter = getattr(usage, attr) if usage else {}
            values.append(float(sum(v for r, v in counter.items() if role_group(r) == group)))
        return values

    charts = [
        stacked_bars(
            "Tokens per day by role", "chart-tokens", labels, [(g, per_group("tokens", g)) for g in groups], "tokens"
        ),
        stacked_bars(
            "Worker turns per day", "chart-turns", labels, [("worker", per_group("calls", "worker"))], "turns"
        ),
        stacked_bars(
            "Model time per day by role", "chart-time", labels, [(g, per_group("latency", g)) for g in groups], "s"
        ),
    ]
    per_day = _dict((data.files.signals or {}).get("process")).get("per_day")
    if isinstance(per_day, list) and per_day:
        progress = {p["day"]: float(p.get("progress") or 0) for p in per_day if isinstance(p, dict) and "day" in p}
        values, last = [], 0.0
        for i in days:
            last = progress.get(i, last)
            values.append(last)
        top = max(values, default=0.0)
        charts.append(
            line_chart(
                "Deliverable progress (signals.json)",
                "chart-progress",
                labels,
                [("progress", values)],
                y_max=1.0 if top <= 1 else None,
            )
        )
    else:
        total = sum(len(_dict(o).get("deliverables") or []) for o in data.files.objectives.get("objectives") or [])
        counts = {d.index: d.counts["submission"] for d in data.timeline.days}
        values, running = [], 0
        for i in days:
            running += counts.get(i, 0)
            values.append(running / total if total else 0.0)
        charts.append(
            line_chart(
                "Deliverables submitted (from events; signals not computed yet)",
                "chart-progress",
                labels,
                [("submitted", values)],
                y_max=1.0,
            )
        )
    return (
        '<section id="charts"><h2>Tokens, time and progress</h2>' + "".join(charts) + _usage_table(data) + "</section>"
    )


def _usage_table(data: ReportData) -> str:
    totals = data.usage.totals()
    rows = "".join(
        f"<tr><td>{esc(role)}</td><td class=num>{fmt_int(totals['calls'].get(role, 0))}</td>"
        f"<td class=num>{fmt_int(totals['prompt'].get(role, 0))}</td>"
        f"<td class=num>{fmt_int(totals['completion'].get(role, 0))}</td>"
        f"<td class=num>{totals['latency'].get(role, 0):,.1f}</td></tr>"
        for role in data.usage.roles
    )
    return (
        "<details><summary>Model calls per role</summary><table><tr><th>Role</th><th class=num>Calls</th>"
        "<th class=num>Prompt tokens</th><th class=num>Completion tokens</th><th class=num>Model time (s)</th></tr>"
        f"{rows}</table></details>"
    )


def _day_table(data: ReportData, days: list[int]) -> str:
    timeline = {d.index: d for d in data.timeline.days}
    usage = {d.day: d for d in data.usage.days}
    steps = _dict((data.files.signals or {}).get("process")).get("steps")
    redundant: dict[int, int] | None = None
    if isinstance(steps, list):
        redundant = {}
        for step in steps:
            if isinstance(step, dict) and isinstance(step.get("day"), int) and step.get("redundant") is True:
                redundant[step["day"]] = redundant.get(step["day"], 0) + 1
    rows = []
    for i in days:
        day = timeline.get(i) or Day(index=i)
        use = usage.get(i)
        hours = day.sim_minutes / 60
        rows.append(
            f"<tr><td>{esc(day.label)}</td><td>{esc(day.date)}</td>"
            f"<td class=num>{fmt_int(use.worker_turns if use else 0)}</td><td class=num>{day.tool_calls}</td>"
            f"<td class=num>{day.tool_errors}</td>"
            + (f"<td class=num>{redundant.get(i, 0)}</td>" if redundant is not None else "")
            + f"<td class=num>{day.counts['mail_sent']}</td>"
            f"<td class=num>{day.counts['mail_received']}</td><td class=num>{day.counts['submission']}</td>"
            f"<td class=num>{len(day.files_written)}</td><td class=num>{hours:.1f}</td>"
            f"<td class=num>{fmt_short(sum(use.tokens.values()) if use else 0)}</td></tr>"
        )
    return (
        "<table id=day-table><tr><th>Day</th><th>Date</th><th class=num>Worker turns</th><th class=num>Tool calls</th>"
        "<th class=num>Errors</th>"
        + (
            "<th class=num title='redundant or looping steps (signals.json)'>Redundant</th>"
            if redundant is not None
            else ""
        )
        + "<th class=num>Mail sent</th><th class=num>Mail recv</th><th class=num>Submitted</th>"
        "<th class=num>Files written</th><th class=num>Tool hours</th><th class=num>Tokens</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _day(day: Day, open_: bool) -> str:
    meta = [day.date] if day.date else []
    for kind in ("submission", "mail_sent", "mail_received", "journal", "tool_error"):
        if day.counts[kind]:
            meta.append(count_label(kind, day.counts[kind]))
    items = []
    for item in day.items:
        time = item.sim_time[11:16] if len(item.sim_time) >= 16 else item.sim_time
        detail = f"<details><summary>details</summary><pre>{esc(item.detail)}</pre></details>" if item.detail else ""
        items.append(
            f'<li><span class="t">{esc(time)}</span><span class="k k-{esc(item.kind)}">'
            f"{esc(KIND_LABELS.get(item.kind, item.kind))}</span> {esc(item.title)}{detail}</li>"
        )
    hidden = sum(day.hidden.values())
    more = (
        f'<p class="muted more">and {hidden} more not shown: '
        + esc(", ".join(count_label(k, n) for k, n in sorted(day.hidden.items())))
        + "</p>"
        if hidden
        else ""
    )
    summary = f'<p class="muted">Worker\'s end-of-day note: {esc(day.summary)}</p>' if day.summary else ""
    stop = f'<p class="muted">Stopped because {esc(day.stop)}.</p>' if day.stop else ""
    return (
        f'<details class="day" id="day-{day.index}"{" open" if open_ else ""}><summary>{esc(day.label)} '
        f'<span class="meta">{esc(" · ".join(meta))}</span></summary>{summary}'
        f'<ul class="items">{"".join(items)}</ul>{more}{stop}</details>'
    )


def _timeline(data: ReportData, days: list[int]) -> str:
    shown = [d for d in data.timeline.days if d.items or d.summary or d.index > 0]
    open_all = len(shown) <= 7
    controls = (
        '<div class="controls"><button type="button" data-target="timeline" data-open="1">Expand all</button>'
        '<button type="button" data-target="timeline" data-open="0">Collapse all</button></div>'
    )
    return (
        '<section id="timeline"><h2>Day by day</h2>'
        + _day_table(data, days)
        + controls
        + "".join(_day(d, open_all) for d in shown)
        + "</section>"
    )


def _tree(entries: Iterable[FileEntry], deliverables: set[str]) -> str:
    root: dict[str, Any] = {}
    for entry in entries:
        node = root
        parts = entry.path.split("/")
        for part in parts[:-1]:
            node = node.setdefault(part + "/", {})
        node[parts[-1]] = entry

    def stats(node: dict[str, Any]) -> tuple[int, int]:
        files = changed = 0
        for value in node.values():
            if isinstance(value, dict):
                f, c = stats(value)
                files, changed = files + f, changed + c
            else:
                files += 1
                changed += value.status != "unchanged"
        return files, changed

    def render(node: dict[str, Any]) -> str:
        out = []
        folders = sorted(k for k, v in node.items() if isinstance(v, dict))
        files = sorted(k for k, v in node.items() if not isinstance(v, dict))
        for name in folders:
            files_n, changed_n = stats(node[name])
            note = f"{files_n} files" + (f", {changed_n} changed" if changed_n else "")
            out.append(
                f'<li class="dir"><details class="d"{" open" if changed_n else ""}><summary>{esc(name)} '
                f'<span class="cnt">{esc(note)}</span></summary><ul>{render(node[name])}</ul></details></li>'
            )
        for name in files:
            entry: FileEntry = node[name]
            marks = "" if entry.status == "unchanged" else " " + badge(entry.status, entry.status)
            if entry.path in deliverables:
                marks += " " + badge("deliverable", "deliv")
            out.append(
                f'<li class="f s-{esc(entry.status)}" data-s="{esc(entry.status)}" data-n="{esc(name)}">'
                f'<span class="n">{esc(name)}</span> <span class="sz">{esc(fmt_bytes(entry.size))}</span>{marks}</li>'
            )
        return "".join(out)

    return f'<ul class="tree" id="file-tree">{render(root)}</ul>'


def _files(data: ReportData) -> str:
    changes = data.changes
    if changes is None:
        return (
            '<section id="files"><h2>Files</h2>'
            '<p class="muted">The end state (final.delta.zip) is not available.</p></section>'
        )
    deliverables = {
        str(_dict(d).get("path"))
        for o in data.files.objectives.get("objectives") or []
        for d in _dict(o).get("deliverables") or []
    }
    counts = changes.counts()
    summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    changed = changes.changed()
    rows = "".join(
        f"<tr><td>{badge(e.status, e.status)}</td><td class=path>{esc(e.path)}"
        + (f'<div class="muted">from {esc(e.moved_from)}</div>' if e.moved_from else "")
        + f"</td><td class=num>{esc(fmt_bytes(e.size))}</td>"
        f"<td>{badge('deliverable', 'deliv') if e.path in deliverables else ''}</td></tr>"
        for e in changed[:MAX_CHANGED_ROWS]
    )
    more = (
        f'<p class="muted">and {len(changed) - MAX_CHANGED_ROWS} more changed files (see the tree below).</p>'
        if len(changed) > MAX_CHANGED_ROWS
        else ""
    )
    basis = (
        "Compared with the computer before the run (computer.scdisk)."
        if changes.compared
        else "The original computer was not found: files the run wrote are marked <em>written</em>."
    )
    trash = f'<p class="muted">Trash: {esc(", ".join(changes.trash))}</p>' if changes.trash else ""
    controls = (
        '<div class="controls"><input type="search" id="file-filter" placeholder="Filter by file name" '
        'aria-label="Filter by file name"><label><input type="checkbox" id="only-changed"> only changed files</label>'
        '<button type="button" data-target="file-tree" data-open="1">Expand all</button>'
        '<button type="button" data-target="file-tree" data-open="0">Collapse all</button>'
        '<span class="muted" id="file-count"></span></div>'
    )
    return (
        f'<section id="files"><h2>Files</h2><p>{esc(summary)}. <span class="muted">{basis}</span></p>'
        f"<details open><summary>{len(changed)} changed files</summary><table id=changed-files>"
        f"<tr><th>Status</th><th>Path</th><th class=num>Size</th><th></th></tr>{rows}</table>{more}</details>"
        f"{trash}<h3>Home folder ({len(changes.entries)} files)</h3>{controls}{_tree(changes.entries, deliverables)}"
        "</section>"
    )


def _notes(data: ReportData) -> str:
    notes = list(data.files.notes)
    if data.timeline.bad_lines:
        notes.append(f"{data.timeline.bad_lines} unreadable line(s) in events.jsonl were skipped.")
    if data.usage.bad_lines:
        notes.append(f"{data.usage.bad_lines} unreadable line(s) in the trajectory were skipped.")
    if not notes:
        return ""
    return '<section id="notes"><h2>Notes</h2><ul>' + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul></section>"


def render_page(data: ReportData) -> str:
    """The complete HTML document (deterministic: the same data gives the same string)."""
    computer = data.files.computer
    profile = _dict(computer.get("user_profile"))
    name = str(profile.get("name") or "unknown user")
    ident = str(data.files.run.get("computer_id") or computer.get("computer_id") or data.files.run_dir.name)
    days = _day_indexes(data)
    seed = data.files.run.get("seed", computer.get("seed"))
    sub = f"{profile.get('role', '')}, {profile.get('employer', '')} · computer {ident} · seed {seed}"
    stop = data.files.run.get("stop_reason")
    if stop:
        sub += f" · stopped: {stop}"
    nav = "".join(
        f'<a href="#{k}">{v}</a>'
        for k, v in (
            ("profile", "Profile"),
            ("outcome", "Outcome"),
            ("objectives", "Objectives"),
            ("charts", "Charts"),
            ("timeline", "Timeline"),
            ("files", "Files"),
        )
    )
    body = (
        profile_section(computer)
        + outcome_section(data.files.signals, data.files.signals_problem)
        + objectives_section(
            data.files.objectives, data.files.signals, [str(s) for s in data.files.run.get("submitted") or []]
        )
        + _charts(data, days)
        + _timeline(data, days)
        + _files(data)
        + _notes(data)
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">'
        f"<title>Run report: {esc(name)} ({esc(ident)})</title>"
        f"<style>{CSS}</style></head>\n<body>"
        f"<header><h1>Run report: {esc(name)}</h1><p class=sub>{esc(sub)}</p><nav>{nav}</nav>{_kpis(data)}</header>\n"
        f"<main>{body}</main>\n"
        f"<footer>synthcomp-agents {esc(data.version)} · run folder {esc(data.files.run_dir.name)}</footer>\n"
        f"<script>{JS}</script></body></html>\n"
    )
