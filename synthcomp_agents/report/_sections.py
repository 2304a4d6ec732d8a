"""HTML of the profile, outcome and objectives sections (from computer.json, objectives.json, signals.json)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._escape import esc, fmt_pct

COMPONENT_HELP = {
    "objectives": "partial credit over every objective's acceptance checks",
    "rubric": "rubric items the judge scored",
    "grounding": "numbers and facts that agree with the grounding files and collaborators",
    "collateral": "penalty for damage outside the objectives (0 = none)",
}


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _num(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def bar(value: float | None, penalty: bool = False) -> str:
    """A small horizontal bar for a fraction in [0, 1] (grey when unknown).

    Example:
        >>> bar(0.5)
        '<span class="bar"><i style="width:50%"></i></span>'
    """
    if value is None:
        return '<span class="bar"></span>'
    width = max(0.0, min(1.0, value)) * 100
    return f'<span class="bar{" pen" if penalty else ""}"><i style="width:{width:.0f}%"></i></span>'


def badge(text: str, cls: str) -> str:
    """A coloured label.

    Example:
        >>> badge("created", "created")
        '<span class="b b-created">created</span>'
    """
    return f'<span class="b b-{esc(cls)}">{esc(text)}</span>'


def yes_no(flag: object, yes: str, no: str) -> str:
    """A pass/fail badge (``n/a`` when the flag is missing)."""
    if not isinstance(flag, bool):
        return badge("n/a", "na")
    return badge(yes, "pass") if flag else badge(no, "fail")


def _kv(rows: Sequence[tuple[str, object]]) -> str:
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows if v not in (None, "", []))
    return f'<dl class="kv">{items}</dl>'


def profile_section(computer: dict[str, Any]) -> str:
    """Persona, user profile, collaborators and projects of the computer."""
    profile = _dict(computer.get("user_profile"))
    habits = _dict(profile.get("document_habits"))
    career = [
        f"{_dict(c).get('role', '')} at {_dict(c).get('employer', '')} "
        f"({_dict(c).get('start_year', '?')}–{_dict(c).get('end_year') or 'now'})"
        for c in _list(profile.get("career_history"))
    ]
    left = _kv(
        [
            ("Name", profile.get("name")),
            ("Role", profile.get("role")),
            ("Employer", profile.get("employer")),
            ("Industry", profile.get("industry")),
            ("Seniority", profile.get("seniority")),
            ("Location", profile.get("location")),
            ("Time zone", profile.get("time_zone")),
            ("E-mail", profile.get("email")),
            ("Computer", f"{profile.get('os', '')} · user {profile.get('username', '')}"),
        ]
    )
    right = _kv(
        [
            ("Skills", ", ".join(str(s) for s in _list(profile.get("skills")))),
            ("Tools", ", ".join(str(s) for s in _list(profile.get("tools_used")))),
            ("Working style", profile.get("working_style")),
            ("Document habits", ", ".join(f"{k}: {v}" for k, v in sorted(habits.items()))),
            ("Career", "; ".join(career)),
        ]
    )
    collaborators = _list(_dict(computer.get("collaboration_context")).get("collaborators"))
    collab_rows = "".join(
        f"<tr><td>{esc(c.get('name'))}</td><td>{esc(c.get('role'))}</td><td>{esc(c.get('relationship'))}</td>"
        f"<td>{esc(c.get('communication_style'))}</td></tr>"
        for c in (_dict(x) for x in collaborators)
    )
    projects = _list(_dict(computer.get("project_index")).get("projects"))
    project_rows = "".join(
        f"<tr><td>{esc(p.get('name'))}</td><td>{esc(p.get('status'))}</td>"
        f"<td>{esc(p.get('start_date'))} – {esc(p.get('end_date'))}</td><td>{esc(p.get('description'))}</td></tr>"
        for p in (_dict(x) for x in projects)
    )
    file_count = len(_list(computer.get("file_list")))
    return (
        '<section id="profile"><h2>Persona and profile</h2>'
        f'<p class="persona">{esc(computer.get("persona"))}</p>'
        f'<div class="grid2"><div>{left}</div><div>{right}</div></div>'
        f"<details><summary>{len(collaborators)} collaborators</summary>"
        "<table><tr><th>Name</th><th>Role</th><th>Relationship</th><th>Style</th></tr>"
        f"{collab_rows}</table></details>"
        f"<details><summary>{len(projects)} projects</summary>"
        "<table><tr><th>Project</th><th>Status</th><th>Dates</th><th>Description</th></tr>"
        f"{project_rows}</table></details>"
        f'<p class="muted">Computer {esc(computer.get("computer_id"))} · generator {esc(computer.get("generator"))} '
        f"{esc(computer.get('generator_version'))} · seed {esc(computer.get('seed'))} · {file_count} planned files</p>"
        "</section>"
    )


def missing_signals_panel(problem: str) -> str:
    """The panel shown instead of scores when signals.json is missing or unreadable."""
    return (
        '<div class="panel warn" id="signals-missing"><h3>Signals not computed yet</h3>'
        f"<p>{esc(problem)}. Scores, audits, collateral damage and the progress curve come from signals.json: "
        "compute it with <code>synthcomp_agents.signals.write_run_signals(run_dir)</code>, then run "
        "<code>synthcomp report RUN_DIR</code> again. Until then the objectives below show the plan and what "
        "was submitted.</p></div>"
    )


def outcome_section(signals: dict[str, Any] | None, problem: str | None) -> str:
    """Whole-run reward, its components, collateral damage and process totals (or the missing panel)."""
    if signals is None:
        return '<section id="outcome"><h2>Outcome</h2>' + missing_signals_panel(problem or "no signals") + "</section>"
    outcome = _dict(signals.get("outcome"))
    reward = _num(outcome.get("reward"))
    components = _dict(outcome.get("components"))
    rows = "".join(
        f"<tr><td>{esc(name)}</td><td>{bar(_num(value), penalty=name == 'collateral')}</td>"
        f'<td class="num">{esc(f"{v:.3f}" if (v := _num(value)) is not None else "n/a")}</td>'
        f'<td class="muted">{esc(COMPONENT_HELP.get(name, ""))}</td></tr>'
        for name, value in components.items()
    )
    collateral = _dict(signals.get("collateral"))
    items = [_dict(i) for i in _list(collateral.get("items"))]
    item_rows = "".join(
        f"<tr><td>{badge(str(i.get('kind', '')), 'deleted' if i.get('kind') == 'deleted' else 'modified')}</td>"
        f'<td class="path">{esc(i.get("path"))}</td><td>{esc(i.get("detail"))}</td></tr>'
        for i in items
    )
    penalty = _num(collateral.get("penalty"))
    collateral_html = (
        f"<details{' open' if 0 < len(items) <= 10 else ''}><summary>Collateral damage: {len(items)} item(s), "
        f"penalty {esc(f'{penalty:.3f}' if penalty is not None else 'n/a')}</summary>"
        f"<table><tr><th>Kind</th><th>Path</th><th>Detail</th></tr>{item_rows}</table></details>"
        if items
        else f'<p class="muted">No collateral damage (penalty {esc(penalty if penalty is not None else "n/a")}).</p>'
    )
    totals = _dict(_dict(signals.get("process")).get("totals"))
    process = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in totals.items())
    return (
        '<section id="outcome"><h2>Outcome</h2>'
        f'<p><span class="big" id="reward">{esc(f"{reward:.3f}" if reward is not None else "n/a")}</span> '
        f'<span class="muted">whole-run reward</span> &nbsp; '
        f"{yes_no(outcome.get('is_correct'), 'correct', 'not fully correct')} &nbsp; "
        f'<span class="muted">policy: {esc(signals.get("policy"))}</span></p>'
        f"<table><tr><th>Component</th><th></th><th class=num>Value</th><th></th></tr>{rows}</table>"
        f"{collateral_html}"
        f'<p class="muted">Process: {esc(process)}</p></section>'
    )


def _check_text(check: dict[str, Any]) -> str:
    kind = str(check.get("type", "check"))
    extra = ", ".join(f"{k}={v}" for k, v in sorted(check.items()) if k != "type")
    return f"{kind} ({extra})" if extra else kind


def _deliverable(plan: dict[str, Any], signal: dict[str, Any] | None, submitted: set[str]) -> str:
    ident = str(plan.get("deliverable_id") or (signal or {}).get("deliverable_id") or "")
    title = plan.get("title") or (signal or {}).get("title")
    path = plan.get("path") or (signal or {}).get("path")
    head = (
        f"<b>{esc(ident)}</b> {esc(title)} {badge(str(plan.get('kind') or (signal or {}).get('kind') or ''), 'deliv')}"
        f'<div class="path">{esc(path)}</div>'
    )
    meta = []
    if plan.get("due_day") is not None:
        meta.append(f"due day {plan.get('due_day')}")
    if plan.get("audience"):
        meta.append(f"for {plan.get('audience')}")
    if signal is None:
        checks = "".join(f"<li>{esc(_check_text(_dict(c)))}</li>" for c in _list(plan.get("acceptance_checks")))
        state = badge("submitted", "pass") if ident in submitted else badge("not submitted", "fail")
        return (
            f'<div class="deliv">{head}<div>{state} <span class="muted">{esc(" · ".join(meta))}</span></div>'
            f"<details><summary>{len(_list(plan.get('acceptance_checks')))} acceptance checks</summary>"
            f"<ul>{checks}</ul></details></div>"
        )
    badges = " ".join(
        [
            yes_no(signal.get("exists"), "exists", "missing"),
            yes_no(signal.get("submitted"), "submitted", "not submitted"),
            yes_no(signal.get("passed"), "passed", "failed"),
        ]
    )
    grounding = _num(signal.get("grounding"))
    if grounding is not None:
        badges += f' <span class="muted">grounding {grounding:.2f}</span>'
    check_rows = "".join(
        f"<tr><td>{yes_no(c.get('passed'), 'pass', 'fail')}</td><td>{esc(c.get('check_type'))}</td>"
        f"<td>{esc(c.get('detail'))}</td></tr>"
        for c in (_dict(x) for x in _list(signal.get("checks")))
    )
    rubric_rows = "".join(
        f"<tr><td>{esc(r.get('criterion'))}</td><td class=num>{esc(r.get('weight'))}</td>"
        f"<td class=num>{esc('not scored' if _num(r.get('score')) is None else r.get('score'))}</td>"
        f"<td>{esc(r.get('reason'))}</td></tr>"
        for r in (_dict(x) for x in _list(signal.get("rubric")))
    )
    cls = "ok" if signal.get("passed") is True else "bad"
    return (
        f'<div class="deliv {cls}">{head}<div>{badges} <span class="muted">{esc(" · ".join(meta))}</span></div>'
        f'<p class="audit">{esc(signal.get("audit"))}</p>'
        f"<details><summary>{len(_list(signal.get('checks')))} checks, "
        f"{len(_list(signal.get('rubric')))} rubric items</summary>"
        f"<table><tr><th></th><th>Check</th><th>Detail</th></tr>{check_rows}</table>"
        f"<table><tr><th>Rubric criterion</th><th class=num>Weight</th><th class=num>Score</th><th>Reason</th></tr>"
        f"{rubric_rows}</table></details></div>"
    )


def objectives_section(plan: dict[str, Any], signals: dict[str, Any] | None, submitted: Sequence[str]) -> str:
    """Every objective with its deliverables; scores, checks, rubric and audits when signals exist."""
    planned = [_dict(o) for o in _list(plan.get("objectives"))]
    scored = {str(_dict(o).get("objective_id")): _dict(o) for o in _list((signals or {}).get("objectives"))}
    order = [str(o.get("objective_id")) for o in planned]
    order += [k for k in scored if k not in order]
    by_id = {str(o.get("objective_id")): o for o in planned}
    done = set(submitted)
    parts: list[str] = []
    for ident in order:
        obj = by_id.get(ident, {})
        sig = scored.get(ident) if signals is not None else None
        title = obj.get("title") or (sig or {}).get("title")
        delivs_plan = {str(_dict(d).get("deliverable_id")): _dict(d) for d in _list(obj.get("deliverables"))}
        delivs_sig = {str(_dict(d).get("deliverable_id")): _dict(d) for d in _list((sig or {}).get("deliverables"))}
        ids = list(delivs_plan) + [k for k in delivs_sig if k not in delivs_plan]
        body = "".join(
            _deliverable(delivs_plan.get(d, {}), delivs_sig.get(d) if sig is not None else None, done) for d in ids
        )
        if sig is not None:
            score = _num(sig.get("score"))
            head = (
                f'<span class="score">{esc(fmt_pct(score) if score is not None else "n/a")}</span> {bar(score)} '
                f'<span class="muted">{esc(sig.get("checks_passed"))} of {esc(sig.get("checks_total"))} checks '
                f"passed</span> {yes_no(sig.get('all_passed'), 'all passed', 'not all passed')}"
            )
        elif signals is not None:
            head = '<span class="muted">not scored in signals.json</span>'
        else:
            head = (
                f'<span class="muted">{sum(1 for d in delivs_plan if d in done)} of {len(delivs_plan)} submitted</span>'
            )
        parts.append(
            f'<div class="obj" id="obj-{esc(ident)}"><h3>{esc(ident)}: {esc(title)}</h3><div>{head}</div>'
            f'<p class="muted">{esc(obj.get("why"))}</p>{body}</div>'
        )
    intro = (
        f'<p class="muted">{len(order)} objectives starting {esc(plan.get("start_date"))} over '
        f"{esc(plan.get('workdays'))} workdays. Score = 0.5 × fraction of checks passed + 0.5 × (all passed).</p>"
    )
    return f'<section id="objectives"><h2>Objectives</h2>{intro}{"".join(parts)}</section>'
