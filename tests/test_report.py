"""Run report: content, escaping of untrusted text, determinism, clear errors, and a real headless-Chromium render."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from typer.testing import CliRunner

from synthcomp_agents.cli import app
from synthcomp_agents.disk import VirtualDisk
from synthcomp_agents.report import ReportError, collect_report_data, write_report
from synthcomp_agents.simulation import RunFolder

NAME = "Ana Ruiz"
COMPUTER_ID = "c-test-report"
HOSTILE_FILE = "<script>alert(1)</script>.txt"  # the disk refuses < and > in names: it arrives through logs and signals
SCRIPT = "<script>window.pwned = 1</script>"
IMG = "<img src=x onerror=\"document.title='pwned'\">"
CREATED = "Documents/Reports/Tom & Jerry's report.md"
OBJECTIVE_TITLES = ("Close the quarter for Harbour & Co", f"Tidy the shared drive {SCRIPT}")

# ---------------------------------------------------------------- a small, hand-made run folder with hostile text


def _eml(sender: str, to: str, subject: str, body: str, date: str) -> bytes:
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {date}\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: text/plain; charset="utf-8"\r\n\r\n{body}\r\n'
    ).encode()


def _write_jsonl(path: Path, rows: list[Any]) -> None:
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _signals() -> dict[str, Any]:
    def deliverable(ident: str, path: str, passed: bool, audit: str) -> dict[str, Any]:
        return {
            "deliverable_id": ident,
            "path": path,
            "kind": "md",
            "title": f"Deliverable {ident}",
            "exists": True,
            "submitted": True,
            "passed": passed,
            "checks": [
                {"check_type": "exists", "passed": True, "detail": f"{path} exists"},
                {"check_type": "quotes_value", "passed": passed, "detail": f"states 4,661 {IMG}"},
            ],
            "rubric": [
                {"rubric_id": f"{ident}-r1", "criterion": "Numbers match", "weight": 1.0, "score": None, "reason": "-"},
                {"rubric_id": f"{ident}-r2", "criterion": "Clear", "weight": 1.0, "score": 0.5, "reason": "ok"},
            ],
            "audit": audit,
        }

    return {
        "schema_version": 1,
        "computer_id": COMPUTER_ID,
        "policy": "competent",
        "outcome": {
            "reward": 0.625,
            "components": {"objectives": 0.75, "rubric": 0.5, "grounding": 1.0, "collateral": 0.1},
            "is_correct": False,
        },
        "objectives": [
            {
                "objective_id": "o1",
                "title": OBJECTIVE_TITLES[0],
                "score": 1.0,
                "checks_passed": 2,
                "checks_total": 2,
                "all_passed": True,
                "deliverables": [deliverable("o1-d1", CREATED, True, "Audit o1-d1: every check passed.")],
            },
            {
                "objective_id": "o2",
                "title": OBJECTIVE_TITLES[1],
                "score": 0.25,
                "checks_passed": 1,
                "checks_total": 2,
                "all_passed": False,
                "deliverables": [
                    deliverable("o2-d1", "Documents/change.txt", False, f"Audit o2-d1: the total is wrong {SCRIPT}.")
                ],
            },
        ],
        "collateral": {
            "penalty": 0.1,
            "items": [{"path": HOSTILE_FILE, "kind": "misplaced", "detail": "a new file outside the work's folders"}],
        },
        "process": {
            "steps": [
                {
                    "step": 0,
                    "trajectory_line": 1,
                    "day": 1,
                    "sim_time": "2026-01-06T10:00:00Z",
                    "action": "read_file",
                    "tool_error": True,
                    "redundant": True,
                    "grounding_read_before_write": None,
                    "collaborator_consulted": False,
                    "progress": [],
                    "minutes": 2.0,
                    "reward": 0.0,
                },
            ],
            "per_day": [
                {
                    "day": 1,
                    "deliverables_submitted": 1,
                    "progress": 0.5,
                    "tool_calls": 5,
                    "tool_errors": 1,
                    "mail_sent": 1,
                },
                {
                    "day": 2,
                    "deliverables_submitted": 2,
                    "progress": 1.0,
                    "tool_calls": 2,
                    "tool_errors": 0,
                    "mail_sent": 0,
                },
            ],
            "totals": {"steps": 5, "tool_errors": 1, "redundant": 0, "collaborators_consulted": 1},
        },
    }


def make_run(root: Path, *, signals: bool = True, original: bool = True) -> Path:
    """Write ROOT/computers/<id>/computer.scdisk and ROOT/runs/<id>/ (every run file, hostile text included)."""
    computer_dir = root / "computers" / COMPUTER_ID
    run_dir = root / "runs" / COMPUTER_ID
    computer_dir.mkdir(parents=True)
    run_dir.mkdir(parents=True)
    before = VirtualDisk(user="ana")
    for path, text in (
        ("Documents/keep.txt", "same"),
        ("Documents/change.txt", "before"),
        ("Documents/remove.txt", "bye"),
        ("Documents/Old/plan.txt", "move me"),
    ):
        before.write_text(path, text)
    before.to_archive(computer_dir / "computer.scdisk")
    before.close()

    after = VirtualDisk.from_archive(computer_dir / "computer.scdisk")
    after.write_text(CREATED, "# Report\n\nTotal 4,661.\n")
    sent = "Mail/Sent/2026-01-06_0930_00001_question.eml"
    inbox = "Mail/Inbox/2026-01-06_1100_00002_re-question.eml"
    after.write_bytes(
        sent,
        _eml(
            "Ana <ana@x.example>",
            "Bob <bob@x.example>",
            "Question",
            "What is the total?",
            "Tue, 06 Jan 2026 09:30:00 +0000",
        ),
    )
    after.write_bytes(
        inbox,
        _eml(
            "Bob <bob@x.example>",
            "Ana <ana@x.example>",
            f"Re: {IMG}",
            f"It is 4,661 {SCRIPT}",
            "Tue, 06 Jan 2026 11:00:00 +0000",
        ),
    )
    after.delete("Documents/remove.txt")
    after.move("Documents/Old/plan.txt", "Documents/Archive/plan.txt")
    after.write_text("Documents/change.txt", "after")
    after.to_archive(run_dir / "final.scdisk")
    after.close()

    profile = {
        "name": NAME,
        "role": "Controller",
        "employer": "Harbour & Co",
        "location": "Valencia",
        "os": "linux",
        "username": "ana",
        "skills": ["IFRS", SCRIPT],
        "career_history": [],
    }
    computer = {
        "schema_version": "1.0",
        "computer_id": COMPUTER_ID,
        "persona": f"A controller in Valencia who pastes {IMG} into notes",
        "generator": "hand-made",
        "seed": 3,
        "user_profile": profile,
        "collaboration_context": {
            "collaborators": [
                {"name": "Bob Lee", "role": "CFO", "relationship": "manager", "communication_style": SCRIPT}
            ]
        },
        "project_index": {"projects": [{"name": "Q4 close", "status": "active", "description": IMG}]},
        "file_list": [],
    }
    (run_dir / "computer.json").write_text(json.dumps(computer), encoding="utf-8")
    plan = {
        "schema_version": 1,
        "computer_id": COMPUTER_ID,
        "start_date": "2026-01-06",
        "workdays": 2,
        "objectives": [
            {
                "objective_id": "o1",
                "title": OBJECTIVE_TITLES[0],
                "why": "Quarter end.",
                "deliverables": [
                    {
                        "deliverable_id": "o1-d1",
                        "path": CREATED,
                        "kind": "md",
                        "title": "Quarter report",
                        "due_day": 1,
                        "acceptance_checks": [{"type": "exists"}],
                    }
                ],
            },
            {
                "objective_id": "o2",
                "title": OBJECTIVE_TITLES[1],
                "why": SCRIPT,
                "deliverables": [
                    {
                        "deliverable_id": "o2-d1",
                        "path": "Documents/change.txt",
                        "kind": "txt",
                        "title": "Change",
                        "due_day": 2,
                        "acceptance_checks": [{"type": "exists"}, {"type": "quotes_value", "value": 4661}],
                    }
                ],
            },
        ],
    }
    (run_dir / "objectives.json").write_text(json.dumps(plan), encoding="utf-8")
    run: dict[str, Any] = {
        "schema_version": 1,
        "computer_id": COMPUTER_ID,
        "seed": 3,
        "days": 2,
        "submitted": ["o1-d1", "o2-d1"],
        "stop_reason": "month over",
    }
    if original:
        run["computer_dir"] = str(computer_dir)
    else:
        shutil.rmtree(root / "computers")
    (run_dir / "run.json").write_text(json.dumps(run), encoding="utf-8")

    def tool(seq: int, when: str, name: str, args: dict[str, Any], result: str, error: bool = False) -> dict[str, Any]:
        return {
            "seq": seq,
            "kind": "tool",
            "sim_time": when,
            "agent": "worker",
            "name": name,
            "call_id": f"c{seq}",
            "arguments": json.dumps(args),
            "result": result,
            "is_error": error,
            "sim_minutes": 3.0,
        }

    def file(
        seq: int, when: str, op: str, path: str, journal: int, actor: str = NAME, dest: str | None = None
    ) -> dict[str, Any]:
        return {
            "seq": seq,
            "kind": "file",
            "sim_time": when,
            "actor": actor,
            "op": op,
            "path": path,
            "dest": dest,
            "journal_seq": journal,
        }

    def segment(seq: int, when: str, what: str, label: str, **extra: Any) -> dict[str, Any]:
        return {
            "seq": seq,
            "kind": "segment",
            "sim_time": when,
            "what": what,
            "segment": f"s{seq}",
            "label": label,
            **extra,
        }

    d1, d2 = "2026-01-06T", "2026-01-07T"
    events: list[Any] = [
        {"seq": 0, "kind": "clock", "sim_time": d1 + "09:00:00Z", "what": "start", "day_index": 0},
        segment(1, d1 + "09:00:00Z", "start", "plan"),
        {"seq": 2, "kind": "message", "sim_time": d1 + "09:00:00Z", "source": "user", "content": SCRIPT},
        segment(3, d1 + "09:00:00Z", "end", "plan", worker_turns=0),
        segment(4, d1 + "09:00:00Z", "start", "day01"),
        tool(5, d1 + "09:05:00Z", "append_journal", {"entry": f"Plan for today {SCRIPT}"}, "Journal updated."),
        tool(6, d1 + "09:30:00Z", "send_message", {"to": ["bob_lee"], "subject": "Question", "body": "?"}, "Sent"),
        file(7, d1 + "09:30:00Z", "write", "Mail/Sent/2026-01-06_0930_00001_question.eml", 10, actor="mail"),
        tool(8, d1 + "10:00:00Z", "read_file", {"path": HOSTILE_FILE}, f"{HOSTILE_FILE} does not exist", error=True),
        file(9, d1 + "10:30:00Z", "write", CREATED, 11),
        file(10, d1 + "10:30:00Z", "write", CREATED, 11),  # the same disk change logged twice: shown once
        file(11, d1 + "11:00:00Z", "write", "Mail/Inbox/2026-01-06_1100_00002_re-question.eml", 12, actor="mail"),
        tool(
            12, d1 + "12:00:00Z", "submit_deliverable", {"deliverable_id": "o1-d1", "path": CREATED}, "Submitted o1-d1"
        ),
        tool(13, d1 + "17:00:00Z", "end_day", {"summary": "Day one done."}, "Day ended"),
        segment(14, d2 + "09:00:00Z", "end", "day01", worker_turns=4, stop="the worker ended the day"),
        segment(15, d2 + "09:00:00Z", "start", "day02"),
        file(16, d2 + "09:10:00Z", "delete", "Documents/remove.txt", 13),
        file(17, d2 + "09:20:00Z", "move", "Documents/Old/plan.txt", 14, dest="Documents/Archive/plan.txt"),
        file(18, d2 + "09:30:00Z", "write", "Documents/change.txt", 15),
        tool(
            19,
            d2 + "10:00:00Z",
            "submit_deliverable",
            {"deliverable_id": "o2-d1", "path": "Documents/change.txt"},
            "ok",
        ),
        segment(20, d2 + "17:00:00Z", "end", "day02", worker_turns=6, stop="the worker ended the day"),
        '{"seq": 21, "kind": "clock", "sim_time": "2026-01-08T09:',  # a torn last line
    ]
    _write_jsonl(run_dir / "events.jsonl", events)

    def call(seq: int, role: str, when: str, prompt: int) -> dict[str, Any]:
        return {
            "seq": seq,
            "role": role,
            "turn": seq,
            "sim_time": when,
            "request": {"messages": [{"role": "user", "content": SCRIPT}], "tools": []},
            "response": {"content": IMG},
            "usage": {"prompt_tokens": prompt, "completion_tokens": 50},
            "latency_s": 1.5,
            "cached": False,
        }

    trajectory = [call(0, "objective_setter", d1 + "09:00:00Z", 2000)]
    trajectory += [call(i, "worker", d1 + f"1{i}:00:00Z", 3000) for i in range(1, 5)]
    trajectory += [call(5, "collaborator:bob_lee", d1 + "10:45:00Z", 800)]
    trajectory += [call(i, "worker", d2 + f"1{i}:00:00Z", 4000) for i in range(6, 8)]
    _write_jsonl(run_dir / "trajectory.jsonl", trajectory)
    if signals:
        (run_dir / "signals.json").write_text(json.dumps(_signals()), encoding="utf-8")
    return run_dir


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_run(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def page(run_dir: Path) -> str:
    return write_report(run_dir).read_text(encoding="utf-8")


def _file_li(page: str, name: str) -> str:
    escaped = name.replace("&", "&amp;").replace("'", "&#x27;")
    match = re.search(rf'<li class="f [^"]*" data-s="[a-z]+" data-n="{re.escape(escaped)}">.*?</li>', page)
    assert match, f"{name} is not in the file tree"
    return match.group(0)


# ---------------------------------------------------------------- content


def test_report_shows_profile_objectives_scores_and_changes(run_dir: Path, page: str) -> None:
    assert (run_dir / "report.html").is_file()
    assert f"<h1>Run report: {NAME}</h1>" in page and "Harbour &amp; Co" in page
    assert "Close the quarter for Harbour &amp; Co" in page and "Tidy the shared drive &lt;script&gt;" in page
    assert 'id="reward">0.625<' in page and "Audit o1-d1: every check passed." in page
    assert "not scored" in page  # a rubric item the offline judge left alone
    assert 'data-s="created"' in _file_li(page, "Tom & Jerry's report.md")
    assert "b-deliv" in _file_li(page, "Tom & Jerry's report.md")
    assert 'data-s="modified"' in _file_li(page, "change.txt")
    assert 'data-s="deleted"' in _file_li(page, "remove.txt")
    assert 'data-s="moved"' in _file_li(page, "plan.txt") and "from Documents/Old/plan.txt" in page
    assert 'data-s="unchanged"' in _file_li(page, "keep.txt")


def test_timeline_has_mail_submissions_journal_and_counts_each_change_once(page: str) -> None:
    day1 = page[page.index('id="day-1"') : page.index('id="day-2"')]
    assert "submitted o1-d1" in day1 and "Question — to Bob &lt;bob@x.example&gt;" in day1
    assert "Re: &lt;img src=x" in day1 and "It is 4,661 &lt;script&gt;" in day1  # the received mail, parsed
    assert "Plan for today &lt;script&gt;" in day1 and "read_file failed" in day1
    assert "wrote Documents/Reports/Tom &amp; Jerry&#x27;s report.md<" in day1  # logged twice, one write
    assert "Day one done." in day1
    day2 = page[page.index('id="day-2"') :]
    assert (
        "deleted Documents/remove.txt" in day2 and "moved Documents/Old/plan.txt → Documents/Archive/plan.txt" in day2
    )
    assert "1 unreadable line(s) in events.jsonl" in page


def test_charts_come_from_trajectory_and_signals(run_dir: Path, page: str) -> None:
    for chart in ("chart-tokens", "chart-turns", "chart-time", "chart-progress"):
        assert f'<svg class="chart" id="{chart}"' in page
    assert "Deliverable progress (signals.json)" in page
    table = page[page.index("<table id=day-table>") : page.index("</table>", page.index("<table id=day-table>"))]
    assert "Redundant</th>" in table and "<td>Day 1</td><td>2026-01-06</td><td class=num>4</td>" in table
    data = collect_report_data(run_dir)
    assert [(d.day, d.worker_turns) for d in data.usage.days] == [(0, 0), (1, 4), (2, 2)]
    assert data.usage.totals()["tokens"] == {
        "worker": 20300.0,
        "objective_setter": 2050.0,
        "collaborator:bob_lee": 850.0,
    }


def test_untrusted_text_is_escaped(page: str) -> None:
    assert page.count("<script") == 1  # only the report's own script
    assert HOSTILE_FILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;.txt" in page
    assert "<img" not in page and "&lt;img src=x onerror=" in page
    assert "Content-Security-Policy" in page


def test_page_is_self_contained(page: str) -> None:
    assert re.findall(r"https?://[^\s\"'<>]+", page) == ["http://www.w3.org/2000/svg"] * page.count("<svg")
    links: list[tuple[str, str, str]] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            links.extend((tag, k, v or "") for k, v in attrs if k in ("src", "href", "action", "srcset", "data"))

    Links().feed(page)
    assert links and all(value.startswith("#") for _, _, value in links), links
    assert "url(" not in page and "@import" not in page


def test_same_run_same_bytes_wherever_it_lives(run_dir: Path, tmp_path: Path) -> None:
    first = write_report(run_dir).read_bytes()
    assert write_report(run_dir).read_bytes() == first
    copy = make_run(tmp_path)
    assert write_report(copy).read_bytes() == first


def test_missing_signals_degrade_to_a_clear_panel(tmp_path: Path) -> None:
    page = write_report(make_run(tmp_path, signals=False)).read_text(encoding="utf-8")
    assert 'id="signals-missing"' in page and "Signals not computed yet" in page
    assert "Close the quarter for Harbour &amp; Co" in page and "1 of 1 submitted" in page
    assert "Deliverables submitted (from events; signals not computed yet)" in page


def test_events_without_segments_fall_back_to_one_day_per_date(tmp_path: Path) -> None:
    run = make_run(tmp_path)
    events = [json.loads(line) for line in list(RunFolder(run).iter_event_lines())[:-1]]
    for stored in (run / "events.jsonl.zst", run / "events.jsonl"):
        stored.unlink(missing_ok=True)
    _write_jsonl(run / "events.jsonl", [e for e in events if e["kind"] != "segment"])  # a plain (older) run
    data = collect_report_data(run)
    assert [(d.index, d.date, d.counts["submission"]) for d in data.timeline.days] == [
        (1, "2026-01-06", 1),
        (2, "2026-01-07", 1),
    ]
    assert [(d.day, d.worker_turns) for d in data.usage.days] == [(0, 0), (1, 4), (2, 2)]


def test_unknown_original_marks_written_files(tmp_path: Path) -> None:
    page = write_report(make_run(tmp_path, original=False)).read_text(encoding="utf-8")
    assert 'data-s="written"' in _file_li(page, "Tom & Jerry's report.md")
    assert "The original computer (computer.scdisk) was not found" in page


def test_a_folder_that_is_not_a_run_gets_a_clear_error(run_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="does not exist"):
        write_report(tmp_path / "nope")
    with pytest.raises(ReportError, match="is a file"):
        write_report(run_dir / "run.json")
    with pytest.raises(ReportError, match="computer folder, not a run folder"):
        write_report(_computer(run_dir, tmp_path))
    with pytest.raises(ReportError, match="holds several runs"):
        write_report(run_dir.parent.parent)
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = r"not a run folder: computer\.json, objectives\.json, events\.jsonl\.zst missing"
    with pytest.raises(ReportError, match=missing):
        write_report(empty)
    broken = tmp_path / "broken"
    shutil.copytree(run_dir, broken)
    (broken / "objectives.json").write_text("{", encoding="utf-8")
    with pytest.raises(ReportError, match="cannot be read as JSON"):
        write_report(broken)
    result = CliRunner().invoke(app, ["report", str(empty)])
    assert result.exit_code != 0 and "not a run folder" in result.output


def _computer(run_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "computer"
    folder.mkdir()
    shutil.copy(run_dir.parent.parent / "computers" / COMPUTER_ID / "computer.scdisk", folder)
    (folder / "computer.json").write_text("{}", encoding="utf-8")
    return folder


# ---------------------------------------------------------------- a real (stand-in) simulation


@pytest.fixture(scope="module")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's two-day stand-in run (``export_run_cache.standin_run``) with its signals written."""
    from export_run_cache import standin_run

    from synthcomp_agents.signals import write_run_signals

    _computer_dir, shared = standin_run()
    root = tmp_path_factory.mktemp("real")
    shutil.copytree(shared.parent.parent, root, dirs_exist_ok=True)  # the report and signals are written here
    run_dir = root / "runs" / shared.name
    write_run_signals(run_dir)
    return run_dir


def test_report_of_a_real_run(real_run: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(real_run)])
    assert result.exit_code == 0, result.output
    page = (real_run / "report.html").read_text(encoding="utf-8")
    computer = json.loads((real_run / "computer.json").read_text(encoding="utf-8"))
    plan = json.loads((real_run / "objectives.json").read_text(encoding="utf-8"))
    assert f"Run report: {computer['user_profile']['name']}</h1>" in page
    for objective in plan["objectives"]:
        assert f"{objective['objective_id']}: {objective['title']}</h3>" in page
    data = collect_report_data(real_run)
    assert data.changes is not None and data.changes.compared
    created = {e.path for e in data.changes.entries if e.status == "created"}
    assert "Documents/Sim Notes/day-01.md" in created
    assert 'data-s="created"' in _file_li(page, "day-01.md")
    assert (real_run / "signals.json").is_file() == ('id="signals-missing"' not in page)
    assert len(page.encode()) < 1_000_000


# ---------------------------------------------------------------- headless Chromium


def _browser_paths() -> tuple[str, str] | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (chromium, driver) if chromium and driver else None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Any:
    paths = _browser_paths()
    if paths is None:
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")  # never let Selenium Manager download a browser or a driver
        driver = webdriver.Chrome(service=Service(paths[1]), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _open(browser: Any, path: Path) -> list[dict[str, Any]]:
    browser.get(path.resolve().as_uri())
    state = browser.execute_script("return document.documentElement.getAttribute('data-ready');")
    assert state == "1", "the report's script did not run to the end"
    return [entry for entry in browser.get_log("browser") if entry.get("level") in ("SEVERE", "WARNING")]


def test_chromium_renders_the_report_without_console_errors(browser: Any, run_dir: Path, page: str) -> None:
    problems = _open(browser, run_dir / "report.html")
    assert problems == []
    js = browser.execute_script
    assert js("return window.pwned === undefined && document.title.indexOf('pwned') < 0;")
    for selector in ("#profile", "#outcome", "#objectives", "#charts", "#timeline", "#files", "#file-tree", "#day-1"):
        assert js("return document.querySelector(arguments[0]) !== null;", selector), selector
    assert js("return document.querySelectorAll('svg.chart').length;") == 4
    assert js("return document.querySelector('#chart-tokens').getBoundingClientRect().height;") > 50
    changed = js("return document.querySelectorAll('#file-tree li.f:not([data-s=unchanged])').length;")
    browser.find_element("id", "only-changed").click()
    assert js("return document.querySelectorAll('#file-tree li.f:not([hidden])').length;") == changed
    assert browser.find_element("id", "file-count").text == f"{changed} files shown"
    browser.find_element("id", "only-changed").click()
    browser.find_element("id", "file-filter").send_keys("plan")
    visible = js("return Array.from(document.querySelectorAll('#file-tree li.f:not([hidden])')).map(e => e.dataset.n);")
    assert visible == ["plan.txt"]
    assert _open(browser, run_dir / "report.html") == []


def test_chromium_renders_a_real_run_report(browser: Any, real_run: Path) -> None:
    write_report(real_run)
    assert _open(browser, real_run / "report.html") == []
    assert browser.execute_script("return document.querySelectorAll('.obj').length;") >= 1
