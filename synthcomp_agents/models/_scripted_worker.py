"""The scripted worker: a competent professional's month, decided only from the messages and tool schemas it sees.

Memory design (the context is bounded, so the policy must recover its state from what it sees):

* every response carries a compact JSON *memo* in its ``thought`` (sent as the assistant content next to the tool
  calls, like a model's visible reasoning); the next decision starts from the latest memo and applies the tool
  results that came after it (pure functions of the call and its result);
* milestones go to the work journal on the disk (``append_journal``): values taken from files (with their cell),
  facts collaborators gave, drafts, reviews, submissions. Each morning the worker reads the journal; when no memo
  is visible (a fresh context) the journal lines rebuild the state.

Pacing: each deliverable gets about ``effort_hours`` of simulated work (scaled so the plan fills the month):
exploring, reading grounding files part by part, asking collaborators early, reading related files while waiting,
drafting section by section, re-reading and refining, review, submission. With nothing to move forward until
someone answers it calls ``wait`` (the next message, at most an hour), as a person would, instead of polling.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from autogen_core.models import FunctionExecutionResult, LLMMessage, UserMessage

from ..disk import home_relative
from ..tools import strip_fences
from ._scripted_text import (
    Answer,
    Clock,
    PlanDeliverable,
    WorkerPlan,
    call_args,
    cell_value,
    find_figure,
    find_memo,
    first_sentence,
    is_number,
    last_clock,
    memo_thought,
    pairs_after,
    parse_kickoff,
    parse_worker_plan,
    reply_answers,
    sheet_tables,
    split_answers,
    system_text,
    tab_of,
    user_text,
)
from ._scripted_text import (
    number as parse_number,
)

__all__ = ["Decision", "WorkerPolicy", "random_decision", "sloppy_view"]

Step = list[Any]  # [tool name, args] or ["@symbolic", ...]

_MORE = re.compile(r"\[\.\.\. ([\d,]+) more characters: call read_file with offset=(\d+)")
_PARTS = re.compile(r"^Parts \(read one with part=\.\.\.\): (.+)$", re.M)
_LISTING = re.compile(r"^(.+?) \((document|spreadsheet|presentation|pdf|text|email), ", re.M)
_FOUND = re.compile(r"^((?:/|[A-Za-z]:\\)\S.*?) \((document|spreadsheet|presentation|pdf|text|email)\)$", re.M)
_INBOX = re.compile(r"^(m\d+) \| .*? \| from (.+?) \| (.*?)(?: \| attachments: .*?)?( \| unread)?$", re.M)
_MODIFIED = re.compile(r"modified (\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?)")
_READABLE = ("document", "spreadsheet", "presentation", "pdf", "text", "email")
_MAX_MEMO = 1800


class Decision:
    """What the policy does next: a tool call or a text, plus the memo it carries."""

    def __init__(self, memo: dict[str, Any], note: str, call: Step | None = None, text: str | None = None) -> None:
        self.memo = memo
        self.note = note
        self.call = call
        self.text = text

    def thought(self, messages: list[LLMMessage] | None = None) -> str:
        """The note and the memo, in full or as what changed since the memo in ``messages``."""
        return memo_thought(self.note, self.memo, messages or [])


def _folder(path: str) -> str:
    return path.rpartition("/")[0]


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary (never half a word or half a number: "202" of
    "2025" would read as a figure)."""
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    return head[: head.rfind(" ")].rstrip(" ,;:(") if " " in head else text[:limit]


def _base(path: str) -> str:
    return path.rpartition("/")[2]


def _minutes_between(a: str, b: str) -> int:
    """Minutes from stamp a to stamp b ('YYYY-mm-dd HH:MM'), same day only (else 0)."""
    if not a or not b or a[:10] != b[:10]:
        return 0
    return max(0, (int(b[11:13]) * 60 + int(b[14:16])) - (int(a[11:13]) * 60 + int(a[14:16])))


class WorkerPolicy:
    """Deterministic competent worker (see the module docstring).

    Args:
        seed: varies page sizes and phrasing, deterministically.
    """

    def __init__(self, seed: int = 0, variant: str = "competent") -> None:
        self._seed = seed
        self._variant = variant
        self._read_before = ""  # the pages of the file being read that came before the result being taken in

    # ------------------------------------------------------------------------------------------------------------
    # entry

    def decide(self, messages: list[LLMMessage], tool_props: dict[str, set[str]]) -> Decision:
        if self._variant == "random":
            return random_decision(messages, tool_props, self._seed)
        plan = parse_worker_plan(system_text(messages))
        if self._variant == "sloppy":
            plan = sloppy_view(plan)
        index, memo = find_memo(messages)
        if memo is None:
            memo = self._new_memo()
            index = 0
        history = pairs_after(messages, 0)
        fresh = len(history) - len(pairs_after(messages, index))
        pages: dict[tuple[str, str], str] = {}  # a file's pages read so far, in a row, as one text
        for n, (call, result) in enumerate(history):
            args = call_args(call)
            if n >= fresh:
                self._read_before = _pages_before(pages, call.name, args)
                self._apply(memo, plan, call.name, args, result)
            _note_page(pages, call.name, args, result)
        self._read_before = ""
        _prune_pre(memo, plan)
        clock = last_clock(messages)
        kick = self._kickoff(messages)
        self._account(memo, clock)
        rng = random.Random(self._seed * 7919 + int(memo["k"]))
        decision = self._next(memo, plan, clock, kick, rng, tool_props)
        memo["k"] = int(memo["k"]) + 1
        self._trim(memo)
        return decision

    @staticmethod
    def _new_memo() -> dict[str, Any]:
        return {"k": 0, "day": "", "mq": [], "iq": [], "lc": -99, "eod": 0, "done": [], "ds": {}, "fx": "", "clk": ""}

    @staticmethod
    def _kickoff(messages: list[LLMMessage]) -> Clock | None:
        for message in reversed(messages[-6:]):
            if isinstance(message, UserMessage):
                return parse_kickoff(user_text(message))
        return None

    def _account(self, memo: dict[str, Any], clock: Clock | None) -> None:
        if clock is None:
            return
        stamp = clock.stamp()
        spent = _minutes_between(str(memo.get("clk", "")), stamp)
        focus = memo.get("fx", "")
        if spent and focus in memo["ds"]:
            memo["ds"][focus]["t"] = int(memo["ds"][focus].get("t", 0)) + spent
        memo["clk"] = stamp

    def _trim(self, memo: dict[str, Any]) -> None:
        size = len(json.dumps(memo, ensure_ascii=False, separators=(",", ":")))
        for key, keep in (("rd", 4), ("ex", 2), ("cand", 2), ("tab", 4), ("rd", 0), ("ex", 1), ("cand", 1), ("tab", 2)):
            if size <= _MAX_MEMO:
                return
            for ds in memo["ds"].values():
                if isinstance(ds.get(key), list) and len(ds[key]) > keep:
                    ds[key] = ds[key][:keep] if key not in ("ex", "rd") else ds[key][len(ds[key]) - keep :]
            size = len(json.dumps(memo, ensure_ascii=False, separators=(",", ":")))

    # ------------------------------------------------------------------------------------------------------------
    # observing results

    def _apply(
        self, memo: dict[str, Any], plan: WorkerPlan, name: str, args: dict[str, Any], result: FunctionExecutionResult
    ) -> None:
        text = result.content
        by_id = plan.by_id()
        if result.is_error:
            if name.startswith("create_") or name == "write_text_file":
                ds = memo["ds"].get(memo.get("fx", ""))
                if ds is not None:
                    ds["err"] = int(ds.get("err", 0)) + 1
            elif name == "edit_document":
                self._replace_failed(memo, by_id, args)
            return
        if name == "read_file":
            # the fence lines around file text (prompt-injection safety) are markup, not the file's words
            text = strip_fences(text)
            self._apply_read(memo, plan, home_relative(str(args.get("path", ""))), args, text)
        elif name in ("list_directory", "search_text", "find_files"):
            self._apply_listing(memo, by_id, name, args, text)
        elif name == "send_message":
            match = re.match(r"Sent (m\d+) to", text)
            subject = str(args.get("subject", ""))
            did = subject.rsplit("[", 1)[-1].rstrip("]") if subject.endswith("]") else ""
            ds = memo["ds"].get(did)
            if match and ds is None and subject.startswith(("Question: ", "Questions: ")) and " [" in subject:
                for topic in _asked_topics(subject):
                    for who in args.get("to", []):
                        memo.setdefault("pre", {})[f"{who}|{topic}"] = [match.group(1), memo.get("clk", ""), ""]
            if match and ds is not None:
                if subject.startswith("Question"):
                    for who in args.get("to", []):
                        ds.setdefault("ask", {})[str(who)] = [match.group(1), memo.get("clk", "")]
                elif subject.startswith("Review"):
                    ds["rv"] = "sent"
                    ds["rvt"] = memo.get("clk", "")
        elif name in ("check_inbox", "wait"):  # a wait lists the mail that came meanwhile, as the inbox does
            memo["lc"] = memo["k"]
            unread = [m.group(1) for m in _INBOX.finditer(text) if m.group(4)]
            memo["iq"] = [i for i in memo["iq"] if i not in unread] + unread[:8]
        elif name == "read_message":
            self._apply_mail(memo, plan, text)
        elif name.startswith("create_") or (name == "write_text_file" and not args.get("append")):
            path = home_relative(str(args.get("path", "")))
            for did, ds in memo["ds"].items():
                if did in by_id and by_id[did].path == path:
                    ds["w"] = 1
        elif name == "submit_deliverable":
            did = str(args.get("deliverable_id", ""))
            if did not in memo["done"]:
                memo["done"].append(did)
            closed = memo["ds"].pop(did, None) or {}
            memo["mq"].extend(step for step in closed.get("q", []) if step and step[0] == "@journal")
        elif name == "end_day":
            memo["eod"] = 2

    @staticmethod
    def _replace_failed(memo: dict[str, Any], by_id: dict[str, PlanDeliverable], args: dict[str, Any]) -> None:
        """A placeholder was not where I expected it: state the confirmed fact in its own short section instead."""
        edits = args.get("edits") or [{}]
        edit = edits[0] if isinstance(edits[0], dict) else {}
        if edit.get("op") != "replace_text" or not edit.get("new"):
            return
        path = home_relative(str(args.get("path", "")))
        for did, ds in memo["ds"].items():
            if did in by_id and by_id[did].path == path:
                markdown = f"## Confirmed input\n\n{edit['new']}\n"
                step = ["edit_document", {"path": f"~/{path}", "edits": [{"op": "append", "markdown": markdown}]}]
                ds.setdefault("q", []).insert(0, step)

    def _apply_read(self, memo: dict[str, Any], plan: WorkerPlan, path: str, args: dict[str, Any], text: str) -> None:
        if path == plan.journal:
            self._recover_from_journal(memo, plan, text)
            more = _MORE.search(text)
            if more and not args.get("offset"):
                total = int(more.group(2)) + int(more.group(1).replace(",", ""))
                start = max(int(more.group(2)), total - 2200)
                # max_chars counts the header and the fences too: room for them so the tail reaches the end
                step = {"path": f"~/{path}", "offset": start, "max_chars": total - start + 600}
                memo["mq"].insert(0, ["read_file", step])
            elif more:  # the tail page stopped at a line short of the end: the latest entries are still to come
                memo["mq"].insert(
                    0, ["read_file", {"path": f"~/{path}", "offset": int(more.group(2)), "max_chars": 2200}]
                )
            return
        by_id = plan.by_id()
        # a later page of a workbook goes on with the sheet the page before ended in, as on the screen
        seen = f"{self._read_before}\n{text}" if args.get("offset") and self._read_before else text
        tables = sheet_tables(seen) if "## Sheet " in seen else {}
        focus = by_id.get(str(memo.get("fx", "")))
        for did, ds in memo["ds"].items():
            d = by_id.get(did)
            if d is None or path == d.path:
                continue
            if focus is not None and did != focus.did and d.grounding == focus.grounding and path not in d.grounding:
                # a related file read for a deliverable on the same sources is read for this one too
                _mark_read(ds, path)
                ds["cand"] = [c for c in ds.get("cand", []) if c != path]
            sources = {q[1] for q in d.quotes}
            if path not in d.grounding and path not in sources and did != memo.get("fx"):
                continue
            for qi, (what, source, _where) in enumerate(d.quotes):
                key = f"#{qi}"
                if source != path or key in ds.setdefault("v", {}):
                    continue
                found = find_figure(tables, what)
                if found is not None:
                    value, label, where = found
                    ds["v"][key] = value
                    ds.setdefault("fig", {})[key] = [label, where]
                    note = f"{did}: noted {key} = {value} ({label}; {where}) from ~/{path}"
                    memo["mq"].insert(0, ["append_journal", {"entry": note}])
            if tables and not ds.get("tab"):
                wanted_sheets = [t for t in (tab_of(q[0]) for q in d.quotes if q[1] == path) if t]
                ds["tab"] = _table_rows(tables, wanted_sheets)
                ds["tabh"] = _table_header(tables, wanted_sheets)
            if not tables:
                content = text.split("\n", 1)[1] if "\n" in text else text
                if args.get("offset"):  # a page starts where the last one stopped, mid-word: from its next line
                    content = content.lstrip("\n").split("\n", 1)[1] if "\n" in content.lstrip("\n") else ""
                sentence = first_sentence(content, figures=False)
                if sentence and all(e[1] != sentence for e in ds.get("ex", [])):
                    ds.setdefault("ex", []).append([_base(path), sentence])
                    ds["ex"] = ds["ex"][-4:]
            first_time = False
            if path in d.grounding:
                gi = d.grounding.index(path)
                if gi not in ds.setdefault("gr", []):
                    ds["gr"].append(gi)
                    first_time = True
            if did != memo.get("fx") or path not in d.grounding:
                continue
            gi = d.grounding.index(path)
            queue: list[Step] = ds.setdefault("q", [])
            pages = ds.setdefault("pg", {})
            parts = _PARTS.search(text)
            more = _MORE.search(text)
            rest = int(more.group(1).replace(",", "")) if more else 0
            # parts only when the next page would not show the rest anyway (it is queued below)
            by_parts = bool(parts) and first_time and not args.get("part") and not args.get("offset")
            by_parts = by_parts and not 0 < rest <= 1800
            if parts and by_parts:
                shown = _shown_parts(text, re.findall(r"'([^']+)'", parts.group(1)))
                names = [n for n in re.findall(r"'([^']+)'", parts.group(1)) if n not in shown]  # not again
                wanted = [t for t in (tab_of(q[0]) for q in d.quotes if q[1] == path) if t]
                # the sheets the brief's figures are on, and one more to see what else the workbook keeps
                ordered = [n for n in names if n in wanted] + [n for n in names if n not in wanted][:1]
                for part in reversed(ordered[:3]):
                    queue.insert(0, ["@g", gi, {"part": part, "max_chars": 1800}])
            if not args.get("part"):  # where the file's text goes on from (0: I have read to its end)
                ds.setdefault("nx", {})[str(gi)] = int(more.group(2)) if more else 0
            key = f"{gi}:{args.get('part', '')}"
            # a file read by its parts is not paged as well (the pages would show the same sheets again)
            if more and not by_parts and int(pages.get(key, 0)) < 2 and (first_time or key in pages):
                pages[key] = int(pages.get(key, 0)) + 1
                page: dict[str, Any] = {"offset": int(more.group(2)), "max_chars": 1800}
                if args.get("part"):
                    page["part"] = args["part"]
                queue.insert(0, ["@g", gi, page])
            if len(pages) > 5:
                ds["pg"] = dict(list(pages.items())[-5:])

    def _apply_listing(
        self, memo: dict[str, Any], by_id: dict[str, PlanDeliverable], name: str, args: dict[str, Any], text: str
    ) -> None:
        found: list[str] = []
        if name == "list_directory":
            folder = home_relative(str(args.get("path", "~")))
            folder = "" if folder in ("~", "") else folder.rstrip("/")
            dated: list[tuple[str, str]] = []
            for match in _LISTING.finditer(text):
                if match.group(2) in _READABLE:
                    entry = match.group(1).strip()
                    when = _MODIFIED.search(text, match.end())
                    line_end = text.find("\n", match.end())
                    stamp = when.group(1) if when and (line_end < 0 or when.start() < line_end) else ""
                    dated.append((stamp, f"{folder}/{entry}" if folder else entry))
            # newest first: of "brief Oct 2025" and "brief Nov 2025_v2" a careful reader opens the current one
            found = [path for _stamp, path in sorted(dated, key=lambda sp: sp[0], reverse=True)]
        else:
            found = [home_relative(m.group(1)) for m in _FOUND.finditer(text)]
        # what I write myself (deliverables, working notes) is no source to read up on
        mine = {x.path for x in by_id.values()} | {_notes_path(x) for x in by_id.values()}
        for did, ds in memo["ds"].items():
            d = by_id.get(did)
            if d is None:
                continue
            cand: list[str] = ds.setdefault("cand", [])
            # newest first: an older version of a file I read or will read says what the newer one says, less current
            versions = {_version_stem(p) for p in [*cand, *ds.get("rd", []), *d.grounding]}
            for path in found:
                if (
                    path in mine
                    or path in d.grounding
                    or path in cand
                    or _base(path) in ds.get("rd", [])
                    or _base(path) in {e[0] for e in ds.get("ex", [])}
                    or _version_stem(path) in versions
                ):
                    continue
                if path.endswith((".png", ".jpg", ".ics")) or path == "":
                    continue
                cand.append(path)
                versions.add(_version_stem(path))
            ds["cand"] = cand[:3]

    def _apply_mail(self, memo: dict[str, Any], plan: WorkerPlan, text: str) -> None:
        head, _, body = text.partition("\n\n")
        body = strip_fences(body)
        sender = re.search(r"^From: (.+)$", head, re.M)
        subject = re.search(r"^Subject: (.+)$", head, re.M)
        if sender is None or subject is None:
            return
        who = _identifier(sender.group(1), plan)
        subj = subject.group(1)
        did = subj.rsplit("[", 1)[-1].rstrip("]") if subj.endswith("]") else ""
        if who is None:
            return
        if "Questions: " in subj:  # my day-1 mail with several questions: one answer per topic, by number
            topics = _asked_topics(subj)
            for topic, found in zip(topics, split_answers(body, topics), strict=True):
                if found is not None and found.text and not found.unknown:
                    asker = next((d.did for d in plan.deliverables if any(a[:2] == (who, topic) for a in d.asks)), did)
                    self._answered(memo, plan, who, asker, topic, found.text)
            return
        if "Question" in subj:
            topic = subj[subj.index("Question: ") + len("Question: ") : subj.rindex(" [")] if " [" in subj else ""
            self._answered(memo, plan, who, did, topic, _substance(body, plan.first))
            return
        ds = memo["ds"].get(did)
        if ds is None:
            return
        if "Review" in subj:
            if ds.get("rv") == "done":  # their answer to my reply: the loop is closed, nothing more to do
                return
            approved = bool(
                re.search(r"\b(approve|approved|looks good|all good|fine to submit|go ahead)\b", body, re.I)
            )
            missing = bool(
                re.search(r"\b(missing|please add|add the|not reflect|doesn't|does not|change)\b", body, re.I)
            )
            ds["rv"] = "chg" if missing or not approved else "ok"
            if ds["rv"] == "chg":
                # fold their points into the draft, then answer them in the thread: only then is it reviewed
                ds["rvm"] = [who, "\n".join(_review_points(body, plan.first))[:400]]
                ds.setdefault("q", [])[0:0] = [["@revise"], ["@reply"]]
            memo["mq"].insert(
                0,
                [
                    "append_journal",
                    {"entry": f"{did}: review from {who}: {'changes requested' if ds['rv'] == 'chg' else 'approved'}"},
                ],
            )

    @staticmethod
    def _answered(memo: dict[str, Any], plan: WorkerPlan, who: str, did: str, topic: str, answer: str) -> None:
        """Book ``who``'s answer on ``topic``: every started deliverable waiting for it gets it, a day-1 question's
        answer also goes to the journal (it serves deliverables not started yet)."""
        pre = memo.get("pre", {}).get(f"{who}|{topic}")
        if pre is not None and not pre[2]:
            pre[2] = answer[:160]  # for deliverables not started yet
        reached = False
        for other in plan.deliverables:  # every started deliverable that waits for this answer gets it
            ods = memo["ds"].get(other.did)
            if ods is None or who in ods.get("f", {}):
                continue
            if other.did == did or any(a[0] == who and a[1] == topic for a in other.asks):
                ods.setdefault("f", {})[who] = answer[:400]
                reached = True
                if ods.get("w"):
                    ods.setdefault("q", []).insert(0, ["@factfix", who])
        if pre is not None:  # a day-1 question: the answer serves every deliverable on that topic
            entry = f"{who} answered '{topic}': {answer[:400]}"
            memo["mq"].insert(0, ["append_journal", {"entry": entry}])
        elif reached:
            memo["mq"].insert(0, ["append_journal", {"entry": f"{did}: {who} says: {answer[:400]}"}])

    def _recover_from_journal(self, memo: dict[str, Any], plan: WorkerPlan, text: str) -> None:
        """Rebuild milestones from journal lines (only fills what the memo does not know)."""
        by_id = plan.by_id()
        for line in text.splitlines():
            answered = re.search(r"\| (\w+) answered '(.+?)': (.*)$", line)
            if answered:
                who, topic, fact = answered.group(1), answered.group(2), answered.group(3).strip()
                for d in plan.deliverables:
                    if d.did in memo["done"] or not any(a[0] == who and a[1] == topic for a in d.asks):
                        continue
                    if d.did in memo["ds"]:
                        memo["ds"][d.did].setdefault("f", {}).setdefault(who, fact)
                    else:
                        memo.setdefault("pre", {}).setdefault(f"{who}|{topic}", ["", "", fact[:160]])
                continue
            match = re.search(r"\| (\S+): (noted|submitted|drafted|sent|review from)\b(.*)$", line)
            says = re.search(r"\| (\S+): (\w+) says: (.*)$", line)
            if says and says.group(1) in by_id and says.group(1) not in memo["done"]:
                ds = memo["ds"].setdefault(says.group(1), _new_ds())
                ds.setdefault("f", {}).setdefault(says.group(2), says.group(3).strip())
                continue
            if match is None or match.group(1) not in by_id:
                continue
            did, verb, rest = match.group(1), match.group(2), match.group(3)
            if verb == "submitted":
                if did not in memo["done"]:
                    memo["done"].append(did)
                memo["ds"].pop(did, None)
                continue
            if did in memo["done"]:
                continue
            ds = memo["ds"].setdefault(did, _new_ds())
            if verb == "noted":
                value = re.match(r" (\S+) = (\S+)", rest)
                if value:
                    ds.setdefault("v", {}).setdefault(value.group(1), value.group(2))
            elif verb == "drafted":
                ds["w"] = 1
                if ds.get("st") in ("explore", "read", "deep", "draft"):
                    ds["st"] = "refine"

    # ------------------------------------------------------------------------------------------------------------
    # choosing the next step

    def _next(
        self,
        memo: dict[str, Any],
        plan: WorkerPlan,
        clock: Clock | None,
        kick: Clock | None,
        rng: random.Random,
        props: dict[str, set[str]],
    ) -> Decision:
        today = clock.date if clock else (kick.date if kick else "")
        workday = clock.workday if clock and clock.workday else (kick.workday if kick else 1)
        # end of the working day
        if clock is not None and clock.day_over and memo["day"] == clock.date:
            by_id = plan.by_id()
            for did, ds in memo["ds"].items():
                d = by_id.get(did)
                if d is not None and d.detailed and ds.get("w") and d.due <= workday and not ds.get("late"):
                    ds["late"] = 1  # due today and drafted: it goes in before I close the day, reviewed or not
                    note = f"{d.title}: submitted at the close of the due day."
                    call = ["submit_deliverable", {"deliverable_id": did, "path": f"~/{d.path}", "note": note}]
                    return Decision(memo, f"The day is over and {did} is due: I submit it.", call)
            if int(memo.get("eod", 0)) == 0:
                memo["eod"] = 1
                return Decision(
                    memo,
                    "The working day is over; I note where I stand.",
                    ["append_journal", {"entry": self._eod(memo, plan)}],
                )
            if int(memo.get("eod", 0)) == 1:
                summary = self._eod(memo, plan, short=True)
                return Decision(memo, "Closing the day.", ["end_day", {"summary": summary}])
            return Decision(memo, "Done for today.", text="Done for today; I continue tomorrow morning.")
        # a new day: morning routine
        if today and memo["day"] != today:
            memo["day"] = today
            memo["eod"] = 0
            memo["mq"] = self._morning(memo, plan, workday)
        now = clock or kick
        if memo["mq"] and memo["mq"][0] == ["check_inbox", {"unread_only": True}] and now and not now.unread:
            memo["mq"].pop(0)  # the kickoff and the clock line count my unread mail: none, so no need to look
        if memo["mq"]:
            step = memo["mq"].pop(0)
            # journal lines queued during the day (a figure noted, a deliverable closed) are not the morning routine
            note = "Noting it in my journal." if step[0] == "@journal" else "Morning routine and journal."
            return Decision(memo, note, self._concrete(step, memo, plan, None, props))
        if memo["iq"]:
            mid = memo["iq"].pop(0)
            return Decision(memo, f"Reading message {mid}.", ["read_message", {"message_id": mid}])
        unread = clock.unread if clock else 0
        since = int(memo["k"]) - int(memo.get("lc", -99))
        # the clock line counts my unread mail: I open the inbox when it says there is some (no clock: now and then)
        if (unread and since >= 3) or (clock is None and since >= 24):
            return Decision(memo, "Checking my inbox.", ["check_inbox", {"unread_only": True}])
        did = self._focus(memo, plan, workday)
        if did is None:
            return self._idle(memo, plan, rng, props)
        memo["fx"] = did
        d = plan.by_id()[did]
        ds = memo["ds"][did]
        step = self._step(memo, plan, d, ds, workday, rng)
        while step is not None and step[0] == "check_inbox" and now is not None and not now.unread:
            step = self._step(memo, plan, d, ds, workday, rng)  # the clock line says no mail came: no need to look
        if step is None:
            return self._idle(memo, plan, rng, props)
        note = f"Working on {did} ({d.title}), stage {ds['st']}."
        return Decision(memo, note, self._concrete(step, memo, plan, d, props))

    def _morning(self, memo: dict[str, Any], plan: WorkerPlan, workday: int) -> list[Step]:
        steps: list[Step] = []
        if workday <= 1 and not memo["done"] and not memo["ds"]:
            steps.append(["tree", {"path": "~", "depth": 2}])  # shows ~/Documents too: no second listing
        else:
            steps.append(["read_file", {"path": f"~/{plan.journal}", "max_chars": 1500}])
        steps.append(["check_inbox", {"unread_only": True}])
        steps.append(["@dayplan"])
        if workday <= 1 and not memo["done"] and not memo["ds"] and plan.people and plan.workdays > 1:
            steps.append(["@meeting"])
        if workday <= 1 and not memo["done"] and not memo["ds"] and not memo.get("pre"):
            # ask every colleague for what only they know on day 1 (answers take time, due days do not wait), each
            # person once with all my questions to them: two mails to one person an hour apart is not how people ask
            grouped: dict[str, list[list[str]]] = {}
            for d in sorted(plan.deliverables, key=lambda x: (x.due, plan.deliverables.index(x))):
                for who, topic, _question in d.asks:
                    items = grouped.setdefault(who, [])
                    if all(topic != t for _d, t in items):
                        items.append([d.did, topic])  # the question is the plan's: not memorised
            steps.extend(["@preask", who, items] for who, items in grouped.items())
        return steps

    def _focus(self, memo: dict[str, Any], plan: WorkerPlan, workday: int) -> str | None:
        # by due day; on the same day what needs a review first, so the reviewer has time to answer
        order = sorted(
            # a deliverable is worked on while the brief details it (a long brief names the later ones in a line)
            (d for d in plan.deliverables if d.did not in memo["done"] and d.detailed),
            key=lambda d: (d.due, not d.reviewers, plan.deliverables.index(d)),
        )
        active = [d for d in order if d.did in memo["ds"]]
        fresh = next((d for d in order if d.did not in memo["ds"]), None)
        if fresh is not None and active and fresh.due < min(d.due for d in active):
            memo["ds"][fresh.did] = _seeded_ds(memo, fresh, plan)  # more urgent than all I have started
            return fresh.did
        for d in active:
            if not self._blocked(memo["ds"][d.did], d, memo, workday):
                return d.did
        if len(active) < 4 or not active:  # everything started waits on someone: start the next one meanwhile
            for d in order:
                if d.did not in memo["ds"]:
                    memo["ds"][d.did] = _seeded_ds(memo, d, plan)
                    return d.did
        # everything started is waiting: keep the most urgent busy with reading if it can
        for d in active:
            ds = memo["ds"][d.did]
            if ds.get("cand") and ds["st"] in ("deep", "refine", "review", "wait"):
                return d.did
        return None

    def _blocked(self, ds: dict[str, Any], d: PlanDeliverable, memo: dict[str, Any], workday: int) -> bool:
        if ds.get("q"):
            return False
        now = str(memo.get("clk", ""))
        last = _last_call(now, workday, d.due)
        if ds["st"] == "review" and ds.get("rv") == "sent":
            # the reviewer's answer closes the loop: wait for it (working on other things) until the due day's last call
            return not last
        if ds["st"] in ("review", "final") and ds.get("rv") not in (None, "pending"):
            # ready to submit, but a collaborator has not answered yet: never submit a placeholder before the last call
            return _awaiting(ds) and not last
        if ds["st"] == "final":
            return _awaiting(ds) and not last
        if ds["st"] == "wait":
            asked = [v for k, v in ds.get("ask", {}).items() if k not in ds.get("f", {})]
            return any(_waited(str(a[1]), now) < 240 for a in asked)
        return False

    def _step(
        self,
        memo: dict[str, Any],
        plan: WorkerPlan,
        d: PlanDeliverable,
        ds: dict[str, Any],
        workday: int,
        rng: random.Random,
    ) -> Step | None:
        queue: list[Step] = ds["q"]
        known = ds.get("v", {})
        # a figure noted meanwhile (its sheet was read for another reason) needs no second read of its source
        queue[:] = [s for s in queue if not (s and s[0] == "@q" and f"#{s[1]}" in known)]
        if queue:
            return queue.pop(0)
        factor = min(2.0, max(0.25, plan.workdays * 480 / (plan.total_effort * 60)))
        target = d.effort * 60 * factor
        spent = float(ds.get("t", 0))
        due_now = workday >= d.due
        st = ds["st"]
        if self._variant == "lazy" and st in ("explore", "read", "deep", "wait", "refine", "review"):
            return self._lazy_step(d, ds, queue, rng)
        if st == "explore":
            folder = _folder(d.grounding[0]) if d.grounding else _folder(d.path)
            if not ds.get("ls"):  # not listed yet for a deliverable on the same sources
                queue.append(["list_directory", {"path": f"~/{folder}" if folder else "~"}])
            for who, topic, question in d.asks:
                if who not in ds.get("ask", {}):
                    queue.append(["@ask", who, topic, question])
            # no file_info before reading: the read shows the file's parts, size and date anyway
            if _folder(d.path) and _folder(d.path) != folder and not ds.get("ls"):
                queue.append(["list_directory", {"path": f"~/{_folder(d.path)}"}])
            ds["st"] = "read"
        elif st == "read":
            for gi, _path in enumerate(d.grounding):
                if gi not in ds.get("gr", []):
                    queue.append(["@g", gi, {"max_chars": rng.choice((1600, 1800, 2000))}])
            for qi in range(len(d.quotes)):
                if f"#{qi}" not in ds.get("v", {}):
                    queue.append(["@q", qi])
            ds["st"] = "deep"
            if not queue:
                return self._step(memo, plan, d, ds, workday, rng)
        elif st == "deep":
            if spent < 0.45 * target and not due_now and self._deep(ds, d, queue, rng):
                pass
            else:
                missing = [qi for qi in range(len(d.quotes)) if f"#{qi}" not in ds.get("v", {})]
                if missing and int(ds.get("retry", 0)) < 2:
                    ds["retry"] = int(ds.get("retry", 0)) + 1
                    for qi in missing:
                        queue.append(["@q", qi])
                else:
                    ds["st"] = "wait"
            if not queue and ds["st"] == "deep":
                ds["st"] = "wait"
            if ds["st"] == "wait":
                return self._step(memo, plan, d, ds, workday, rng)
        elif st == "wait":
            waiting = [v for k, v in ds.get("ask", {}).items() if k not in ds.get("f", {})]
            now = str(memo.get("clk", ""))
            if waiting and not due_now and any(_waited(str(a[1]), now) < 240 for a in waiting):
                if self._deep(ds, d, queue, rng):
                    return queue.pop(0)
                return None
            ds["st"] = "draft"
            queue.append(["@create"])
            for n in range(self._sections(d)):
                queue.append(["@section", n])
            queue.append(["@journal", f"{d.did}: drafted ~/{d.path}"])
        elif st == "draft":
            ds["st"] = "refine"
            return self._step(memo, plan, d, ds, workday, rng)
        elif st == "refine":
            if d.reviewers and not ds.get("rv"):
                # the reviewer gets the draft now (their answer takes hours) and I refine while they read it
                ds["rv"] = "pending"
                queue.append(["@review"])
            elif spent < 0.95 * target and not due_now and int(ds.get("nr", 0)) < 80:
                ds["nr"] = int(ds.get("nr", 0)) + 1
                if ds.get("cand"):
                    path = ds["cand"].pop(0)
                    _mark_read(ds, path)
                    queue.append(["read_file", {"path": f"~/{path}", "max_chars": 1500}])
                    queue.append(["@note", path])
                elif not self._deep(ds, d, queue, rng):
                    ds["nr"] = 80  # nothing left worth reading: one last look at the draft, then on
                    return self._step(memo, plan, d, ds, workday, rng)
            else:
                queue.append(["@reread"])
                ds["st"] = "review" if d.reviewers else "final"
        elif st == "review":
            last = _last_call(str(memo.get("clk", "")), workday, d.due)
            if not ds.get("rv"):
                queue.append(["@review"])
                ds["rv"] = "pending"
            elif (ds["rv"] in ("ok", "chg", "done") or (ds["rv"] == "sent" and last)) and (last or not _awaiting(ds)):
                ds["st"] = "final"
                return self._step(memo, plan, d, ds, workday, rng)
            else:
                if self._deep(ds, d, queue, rng):
                    return queue.pop(0)
                return None
        elif st == "final":
            if _awaiting(ds) and not _last_call(str(memo.get("clk", "")), workday, d.due):
                return queue.pop(0) if self._deep(ds, d, queue, rng) else None  # an answer is still due: read around
            queue.append(["check_inbox", {"unread_only": True}])  # a late answer or review reads before I submit
            queue.append(["read_file", {"path": f"~/{d.path}", "max_chars": 1200}])
            queue.append(["@submit"])
            queue.append(["@journal", f"{d.did}: submitted ~/{d.path}"])
            ds["st"] = "closing"
        elif st == "closing":
            queue.append(["@submit"])
        return queue.pop(0) if queue else None

    def _lazy_step(self, d: PlanDeliverable, ds: dict[str, Any], queue: list[Step], rng: random.Random) -> Step | None:
        """The lazy baseline: a glance at the folder, figures made up instead of read, no one asked, no review."""
        if ds["st"] == "explore":
            folder = _folder(d.path)
            queue.append(["list_directory", {"path": f"~/{folder}" if folder else "~"}])
            ds["v"] = {f"#{qi}": f"{rng.randint(1_200, 98_000):,}" for qi in range(len(d.quotes))}
            ds["tab"] = [[name, f"{rng.randint(150, 9_800):,}"] for name in _INVENTED_LINES[: rng.randint(3, 5)]]
            ds["ask"] = {}
            ds["st"] = "read"
        elif ds["st"] in ("read", "deep", "wait"):
            ds["st"] = "draft"
            queue.append(["@create"])
            for n in range(self._sections(d)):
                queue.append(["@section", n])
        else:  # refine, review: the draft goes out for review and is submitted at once, without waiting
            if d.reviewers:
                queue.append(["@review"])
            queue.append(["@submit"])
            ds["st"] = "closing"
            ds["rv"] = "skip"
        return queue.pop(0) if queue else None

    def _deep(self, ds: dict[str, Any], d: PlanDeliverable, queue: list[Step], rng: random.Random) -> bool:
        """Queue one unit of related reading; False when there is nothing sensible left to read."""
        n = int(ds.get("nd", 0))
        ds["nd"] = n + 1
        if n % 3 == 2 and any(kind != "wait" for _, (kind, *_) in _jot_items(ds, d, n)):
            queue.append(["@jot"])
            return True
        if ds.get("cand"):
            path = ds["cand"].pop(0)
            _mark_read(ds, path)
            queue.append(["read_file", {"path": f"~/{path}", "max_chars": rng.choice((3000, 4000))}])
            return True
        folders = [f for f in dict.fromkeys([_folder(p) for p in d.grounding] + [_folder(d.path)]) if f]
        # each folder listed once: exploring listed the first source's folder and the deliverable's
        seen = {_folder(d.grounding[0]) if d.grounding else _folder(d.path), _folder(d.path)}
        unlisted = [f for f in folders if f not in seen]
        if n % 4 == 0 and n // 4 < len(unlisted):
            queue.append(["list_directory", {"path": f"~/{unlisted[n // 4]}"}])
            return True
        if n % 4 == 1:
            scope = f"~/{folders[0]}" if folders else "~"
            # a word of the folder's own name matches every file in it ("Local" in "Local referral guideline/"):
            # I search for what tells the files apart
            named = {w.casefold().rstrip("s") for w in re.findall(r"[A-Za-z][A-Za-z-]+", scope)}
            words = list(
                dict.fromkeys(
                    w
                    for w in re.findall(r"[A-Za-z][A-Za-z-]{4,}", f"{d.title} {d.description}")
                    if w.lower() not in _STOP and w.casefold().rstrip("s") not in named
                )
            )
            if n // 4 < len(words):  # each word searched once: the same search again finds the same files
                queue.append(["search_text", {"query": words[n // 4], "path": scope, "max_results": 8}])
                return True
        # further into a source only where its first read was cut, once (reading the same text again is looping;
        # a short file has nothing at 1,500 and says so as an error every time)
        # (from where the pages I read stopped: a page at 945 and another read at 1,500 show the same lines twice)
        ahead = ds.get("nx", {})
        further = [
            gi
            for gi in range(len(d.grounding))
            if f"{gi}:" in ds.get("pg", {}) and gi not in ds.get("gx", []) and int(ahead.get(str(gi), 1500)) > 0
        ]
        if further:
            ds.setdefault("gx", []).append(further[0])
            queue.append(["@g", further[0], {"offset": int(ahead.get(str(further[0]), 1500)), "max_chars": 4000}])
            return True
        return False

    @staticmethod
    def _wait(props: dict[str, set[str]], expecting: bool = False) -> Step:
        """Wait for the next answer: the ``wait`` tool when the workbench has one (it stops when mail arrives; at most
        two hours when an answer is owed, one when none is, so my own deadlines (drafting without an answer after four
        hours, the due day's last call) come round), else the inbox."""
        if "wait" in props:
            if "minutes" in props["wait"]:
                return ["wait", {"minutes": 120 if expecting else 60}]
            return ["wait", {}]
        return ["check_inbox", {"unread_only": True}]

    @staticmethod
    def _expecting(memo: dict[str, Any]) -> bool:
        """Whether someone owes me an answer: a question or a review I sent is not answered yet."""
        return any(_awaiting(ds) or ds.get("rv") == "sent" for ds in memo["ds"].values())

    def _idle(self, memo: dict[str, Any], plan: WorkerPlan, rng: random.Random, props: dict[str, set[str]]) -> Decision:
        n = int(memo["k"])
        if len(memo["done"]) >= len(plan.deliverables) and not memo["iq"] and int(memo.get("eod", 0)) < 2:
            # everything is submitted and no mail waits: no point idling until the evening (the journal first: it
            # is my memory across days)
            if int(memo.get("eod", 0)) == 0:
                memo["eod"] = 1
                note = "Everything is submitted; I note where I stand."
                return Decision(memo, note, ["append_journal", {"entry": self._eod(memo, plan)}])
            summary = f"All {len(plan.deliverables)} deliverables are submitted; nothing open. Finishing early."
            return Decision(memo, "Everything is submitted; I finish the day early.", ["end_day", {"summary": summary}])
        if "wait" in props and len(memo["done"]) < len(plan.deliverables):
            # a person waits for the next answer rather than polling the inbox between filler reads
            waiting = self._wait(props, self._expecting(memo))
            return Decision(memo, "Nothing to move forward until people answer; waiting.", waiting)
        if int(memo["k"]) - int(memo.get("lc", -99)) >= 2:
            return Decision(memo, "Waiting for answers; checking mail.", ["check_inbox", {"unread_only": True}])
        if len(memo["done"]) == len(plan.deliverables):
            return Decision(memo, "Everything is submitted.", text="All my deliverables for the month are submitted.")
        folders = sorted({_folder(d.path) for d in plan.deliverables if _folder(d.path)})
        if n % 2 == 0 and folders:
            return Decision(
                memo, "Tidying up while I wait.", ["list_directory", {"path": f"~/{folders[n % len(folders)]}"}]
            )
        return Decision(
            memo, "Reviewing my journal while I wait.", ["read_file", {"path": f"~/{plan.journal}", "max_chars": 1200}]
        )

    @staticmethod
    def _sections(d: PlanDeliverable) -> int:
        if d.kind == "pptx":
            return max(3, d.slides - 1)
        if d.kind in ("xlsx", "csv", "txt", "pdf", "eml"):
            return 1 if d.kind == "xlsx" else 0
        sections = max(3, len(d.headings) + 1) + (1 if d.kind == "md" else 0)  # my notes keep their open points
        if "few pages" in d.length:  # the brief's length: a page gets the sources too, a few pages more detail
            return sections + 3
        return sections + 1 if "page" in d.length else sections

    # ------------------------------------------------------------------------------------------------------------
    # turning symbolic steps into tool calls

    def _concrete(
        self, step: Step, memo: dict[str, Any], plan: WorkerPlan, d: PlanDeliverable | None, props: dict[str, set[str]]
    ) -> Step:
        kind = step[0]
        if kind == "tree" and "tree" not in props and "depth" in props.get("list_directory", set()):
            return ["list_directory", dict(step[1])]  # the workbench offers the tree as list_directory's depth
        if not str(kind).startswith("@"):
            return step
        if kind == "@dayplan":
            open_items = [x for x in plan.deliverables if x.did not in memo["done"]]
            focus = ", ".join(f"{x.did} (due day {x.due})" for x in sorted(open_items, key=lambda x: x.due)[:3])
            return [
                "append_journal",
                {
                    "entry": f"Plan for today: {focus or 'wrap up and tidy'}; "
                    f"{len(memo['done'])} of {len(plan.deliverables)} submitted."
                },
            ]
        if kind == "@journal":
            return ["append_journal", {"entry": str(step[1])}]
        if kind == "@preask":
            return self._preask(plan, str(step[1]), [(str(a), str(b)) for a, b in step[2]])
        if kind == "@meeting":  # a check-in with the first colleague on the plan, next workday at 10:00
            if "schedule_meeting" not in props:
                return ["check_inbox", {"unread_only": True}]
            who = sorted(plan.people)[0]
            day = date.fromisoformat(str(memo["day"])) + timedelta(days=1)
            while day.weekday() >= 5:
                day += timedelta(days=1)
            focus = ", ".join(x.title for x in sorted(plan.deliverables, key=lambda x: x.due)[:3])
            return [
                "schedule_meeting",
                {
                    "attendees": [who],
                    "subject": "Check-in: this month's deliverables",
                    "start": f"{day.isoformat()} 10:00",
                    "duration_minutes": 30,
                    "agenda": f"Priorities and open questions for the month; first up: {focus}.",
                },
            ]
        assert d is not None
        ds = memo["ds"][d.did]
        if kind == "@g":
            return ["read_file", {"path": f"~/{d.grounding[int(step[1])]}", **dict(step[2])}]
        if kind == "@q":
            what, source, _where = d.quotes[int(step[1])]
            tab = tab_of(what)
            return ["read_file", {"path": f"~/{source}", **({"part": tab} if tab else {})}]
        if kind == "@ask":
            who, topic, question = str(step[1]), str(step[2]), str(step[3])
            first = plan.people.get(who, who).split()[0]
            body = (
                f"Hi {first},\n\nI am preparing {d.title} ({d.audience}). {question}\n"
                f"Topic: {topic}\n\nThanks,\n{plan.first}"
            )
            return ["send_message", {"to": [who], "subject": f"Question: {topic} [{d.did}]", "body": body}]
        if kind == "@review":
            who = d.reviewers[0]
            first = plan.people.get(who, who).split()[0]
            body = (
                f"Hi {first},\n\nplease find attached my draft of {d.title}. Could you review it, in particular the "
                f"figures and anything from your side that should be in it?\n\nThanks,\n{plan.first}"
            )
            return [
                "send_message",
                {"to": [who], "subject": f"Review: {d.title} [{d.did}]", "body": body, "attachments": [f"~/{d.path}"]},
            ]
        if kind == "@submit":
            facts = len(ds.get("f", {}))
            note = f"{d.title}: {len(ds.get('v', {}))} figures from the source files, {facts} collaborator input(s)."
            if ds.get("rv") == "ok":
                note += " Reviewed and approved."
            return ["submit_deliverable", {"deliverable_id": d.did, "path": f"~/{d.path}", "note": note}]
        if kind == "@jot":
            n = int(ds.get("nd", 0))
            content = _Author(d, ds, plan).jot(n)
            ds["jd"] = [*ds.get("jd", []), *(key for key, _ in _jot_items(ds, d, n))][-24:]
            return ["write_text_file", {"path": f"~/{_notes_path(d)}", "content": content, "append": True}]
        if kind == "@reread":
            if d.kind == "docx" and d.headings:
                return [
                    "read_file",
                    {"path": f"~/{d.path}", "part": d.headings[int(ds.get("nr", 0)) % len(d.headings)]},
                ]
            return ["read_file", {"path": f"~/{d.path}", "max_chars": 1500}]
        author = _Author(d, ds, plan)
        if kind == "@create":
            return author.create(props)
        if kind == "@section":
            return author.section(int(step[1]), props)
        if kind == "@note":
            noted: list[str] = ds.setdefault("nt", [])
            if _base(str(step[1])) in noted:  # said once already: saying it again is padding
                return ["append_journal", {"entry": f"{d.did}: nothing new in {_base(str(step[1]))}"}]
            noted.append(_base(str(step[1])))
            said = any(name == _base(str(step[1])) for name, _s in ds.get("ex", []))
            if not said:  # "checked X, no conflict" in the deliverable, file after file, is padding: my journal says it
                return ["append_journal", {"entry": f"{d.did}: checked against {_base(str(step[1]))}; nothing to add"}]
            return author.note(str(step[1]), props)
        if kind == "@factfix":
            who = str(step[1])
            if who in ds.get("fd", []) or not ds.get("f", {}).get(who):
                return ["read_file", {"path": f"~/{d.path}", "max_chars": 1200}]
            ds.setdefault("fd", []).append(who)
            return author.fact_fix(who, props)
        if kind == "@revise":
            who, text = ds.get("rvm", ["", ""])
            known = [str(v) for v in ds.get("f", {}).values() if v]
            points = [p for p in str(text).split("\n") if p and not any(p in k or k in p for k in known)]
            if not points:  # what they asked for is in the draft already (an answer came in since): say so
                return ["read_file", {"path": f"~/{d.path}", "max_chars": 1200}]
            lines = [author.confirmed(str(who), p) for p in points]
            return author.append(f"Changes after review by {plan.people.get(who, who)}", lines, props)
        if kind == "@reply":
            who = str(ds.get("rvm", [d.reviewers[0] if d.reviewers else ""])[0])
            ds["rv"] = "done"
            first = plan.people.get(who, who).split()[0]
            body = (
                f"Hi {first},\n\nthanks for your comments on {d.title}. I have worked them into the document; "
                f"the revised version is the one I am submitting.\n\nBest,\n{plan.first}"
            )
            return ["send_message", {"to": [who], "subject": f"Re: Review: {d.title} [{d.did}]", "body": body}]
        return ["check_inbox", {"unread_only": True}]

    @staticmethod
    def _preask(plan: WorkerPlan, who: str, items: list[tuple[str, str]]) -> Step:
        """Day 1's mail to one person: every question I have for them, numbered, the topics in the subject (one
        question: 'Question: <topic> [<id>]'; several: 'Questions: <topic>; <topic> [<first id>]')."""
        by_id = plan.by_id()
        first = plan.people.get(who, who).split()[0]
        questions = []
        for did, topic in items:
            asking = by_id.get(did)
            questions.append(next((q for w, t, q in (asking.asks if asking else []) if w == who and t == topic), topic))
        topics = [t for _d, t in items]
        needs = [x.title for x in plan.deliverables if any(a[0] == who and a[1] in topics for a in x.asks)]
        if len(items) == 1:
            body = (
                f"Hi {first},\n\nI am planning my month. {questions[0]}\nIt feeds into: {'; '.join(needs)}.\n"
                f"Topic: {topics[0]}\n\nThanks,\n{plan.first}"
            )
            return ["send_message", {"to": [who], "subject": f"Question: {topics[0]} [{items[0][0]}]", "body": body}]
        numbered = "\n".join(f"{n}. {q}" for n, q in enumerate(questions, 1))
        body = (
            f"Hi {first},\n\nI am planning my month and have {len(questions)} questions for you:\n\n{numbered}\n\n"
            f"They feed into: {'; '.join(needs)}.\n\nThanks,\n{plan.first}"
        )
        subject = f"Questions: {'; '.join(topics)} [{items[0][0]}]"
        return ["send_message", {"to": [who], "subject": subject, "body": body}]

    def _eod(self, memo: dict[str, Any], plan: WorkerPlan, *, short: bool = False) -> str:
        by_id = plan.by_id()
        parts = []
        for did, ds in memo["ds"].items():
            d = by_id.get(did)
            if d is None:
                continue
            waiting = [k for k in ds.get("ask", {}) if k not in ds.get("f", {})]
            state = f"{did} {ds['st']}"
            if waiting:
                state += f" (waiting for {', '.join(waiting)})"
            parts.append(state)
        done = len(memo["done"])
        text = (
            f"End of day: {done} of {len(plan.deliverables)} submitted; in progress: {'; '.join(parts) or 'nothing'}."
        )
        if short:
            return text[:300]
        return text


_INVENTED_LINES = ("North region", "South region", "Central services", "Partners", "Other")

_STOP = {
    "about",
    "their",
    "which",
    "these",
    "those",
    "report",
    "review",
    "update",
    "summary",
    "draft",
    "should",
    "would",
    "month",
    "monthly",
}


def _notes_path(d: PlanDeliverable) -> str:
    folder = _folder(d.path)
    return f"{folder}/Working notes/{d.did} notes.md" if folder else f"Working notes/{d.did} notes.md"


def _mark_read(ds: dict[str, Any], path: str) -> None:
    """Remember (briefly) which related files I already read for a deliverable, so I do not note them twice."""
    read: list[str] = ds.setdefault("rd", [])
    if _base(path) not in read:
        read.append(_base(path))
    ds["rd"] = read[-14:]


def _jot_key(item: tuple[str, ...]) -> str:
    """A short stable mark of one working-notes line, remembered so the line is not written again."""
    return format(int(hashlib.md5("|".join(item).encode()).hexdigest()[:6], 16) % 46_656, "x")


def _jot_items(ds: dict[str, Any], d: PlanDeliverable, n: int) -> list[tuple[str, tuple[str, ...]]]:
    """The lines of the next working-notes entry not written in an earlier one, each with its mark: the last two
    sources' sentences, the figures, one row of the table, the collaborators' answers, and whom I still wait for.

    Example:
        >>> ds = {"ex": [["brief.docx", "Scope is fixed."]], "v": {"#0": "1,200"}}
        >>> d = PlanDeliverable(did="o1-d1", title="Brief", path="Documents/brief.docx", kind="docx", due=1)
        >>> [item for _, item in _jot_items(ds, d, 2)]
        [('ex', 'brief.docx', 'Scope is fixed.'), ('v', '#0', '1,200')]
        >>> ds["jd"] = [key for key, _ in _jot_items(ds, d, 2)]
        >>> _jot_items(ds, d, 5)
        []
    """
    items: list[tuple[str, ...]] = [("ex", str(a), str(b)) for a, b in ds.get("ex", [])[-2:]]
    items += [("v", str(k), str(v)) for k, v in ds.get("v", {}).items()]
    rows = ds.get("tab", [])
    if rows:
        label, value = rows[n % len(rows)]
        items.append(("row", str(label), str(value)))
    facts = ds.get("f", {})
    items += [("f", str(who), str(fact)) for who, fact in facts.items()]
    waiting = tuple(dict.fromkeys(w for w, _ in d.facts if w not in facts))
    if waiting:
        items.append(("wait", *waiting))
    done = set(ds.get("jd", []))
    return [(key, item) for key, item in ((_jot_key(i), i) for i in items) if key not in done]


def _new_ds() -> dict[str, Any]:
    return {"st": "explore", "q": [], "t": 0}


def _prune_pre(memo: dict[str, Any], plan: WorkerPlan) -> None:
    """Forget day-1 questions once every deliverable that needs the answer has started (the memo stays small)."""
    pre: dict[str, list[str]] = memo.get("pre", {})
    if not pre:
        return
    waiting = {
        f"{who}|{topic}"
        for d in plan.deliverables
        if d.did not in memo["ds"] and d.did not in memo["done"]
        for who, topic, _q in d.asks
    }
    for key in [k for k in pre if k not in waiting]:
        del pre[key]
    if not pre:
        memo["pre"] = {}


_VERSION_MARKS = re.compile(
    r"^\d{4}-\d{2}-\d{2}[ _]|(?:[ _-]+(?:v\d+|final|old|copy|draft|signed))+$|(?: \(\d+\))+$"
    r"|[ _-]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[ _-]\d{4}$",
    re.IGNORECASE,
)


def _version_stem(path: str) -> str:
    """A file's name without its date prefix, version marks and copy numbers, lower case: the versions of one
    document share it, and so do a text document and its PDF (the same report saved twice).

    Example:
        >>> _version_stem("Data/2025-12-11_territory_plan_v1.xlsx"), _version_stem("Budget 2026 (2) final.xlsx")
        ('territory_plan.xlsx', 'budget 2026.xlsx')
        >>> _version_stem("impact report v2 FINAL.pdf") == _version_stem("impact report v2 FINAL.docx")
        True
        >>> _version_stem("Clinic brief Nov 2025_v2.docx") == _version_stem("Clinic brief Oct 2025.docx")
        True
    """
    name = _base(path)
    stem, dot, ext = name.rpartition(".")
    stem = stem if dot else name
    previous = None
    while previous != stem:
        previous, stem = stem, _VERSION_MARKS.sub("", stem).strip()
    ext = "document" if ext.casefold() in _TEXT_DOCUMENTS else ext.casefold()
    return f"{stem.casefold()}.{ext}" if dot else stem.casefold()


_TEXT_DOCUMENTS = {"docx", "doc", "odt", "rtf", "pdf"}
"""Formats one written document is saved in side by side (a report and its PDF)."""


_SHARED_STATE = ("gr", "pg", "gx", "nx", "rd", "ex", "tab", "tabh")
"""What I learnt reading a deliverable's sources, which holds for another deliverable on the same sources."""


def _seeded_ds(memo: dict[str, Any], d: PlanDeliverable, plan: WorkerPlan) -> dict[str, Any]:
    """A deliverable's fresh state, with the questions asked on day 1 (and their answers) already in it, and what
    I read for a started deliverable on the same sources (its folders listed, its sources and figures read): the
    same files need no second reading."""
    ds = _new_ds()
    by_id = plan.by_id()
    for did, other in memo["ds"].items():
        o = by_id.get(did)
        if o is None or not d.grounding or o.grounding != d.grounding:
            continue
        for key in _SHARED_STATE:
            if key in other:
                ds[key] = json.loads(json.dumps(other[key]))
        for qi, (what, source, _where) in enumerate(d.quotes):
            oi = next((i for i, q in enumerate(o.quotes) if (q[0], q[1]) == (what, source)), None)
            if oi is not None and f"#{oi}" in other.get("v", {}):
                ds.setdefault("v", {})[f"#{qi}"] = other["v"][f"#{oi}"]
                if f"#{oi}" in other.get("fig", {}):
                    ds.setdefault("fig", {})[f"#{qi}"] = list(other["fig"][f"#{oi}"])
        ds["ls"] = 1  # its folders are listed
        break
    pre: dict[str, list[str]] = memo.get("pre", {})
    for who, topic, _question in d.asks:
        entry = pre.get(f"{who}|{topic}")
        if entry is not None:
            ds.setdefault("ask", {})[who] = [entry[0], entry[1]]
            if entry[2]:
                ds.setdefault("f", {})[who] = entry[2]
    return ds


_LAST_CALL = 15 * 60 + 30
"""Local time on a deliverable's due day after which I stop waiting for answers and reviews and submit."""


def _last_call(now: str, workday: int, due: int) -> bool:
    """Past the due day, or on it at or after the last call (stamps are 'YYYY-mm-dd HH:MM')."""
    if workday != due:
        return workday > due
    return len(now) < 16 or int(now[11:13]) * 60 + int(now[14:16]) >= _LAST_CALL


def _review_points(body: str, me: str) -> list[str]:
    """What a reviewer asks me to add: the lines of their mail that are neither greeting, sign-off nor framing."""
    out: list[str] = []
    for raw in body.splitlines():
        line = raw.strip().lstrip("-*• ").strip()
        low = line.lower()
        if line.startswith("[clock]"):
            break  # the tool's clock line ends the result: not the reviewer's words
        if not line or low.startswith(_PLEASANTRIES) or low.rstrip(",!") == me.lower() or line.endswith("?"):
            continue
        if len(line.split()) <= 3 and not any(ch.isdigit() for ch in line):
            continue  # "Best,", "Caroline Sheerin"
        if re.search(r"\b(thanks for the draft|please add|it is missing|looks good|fine to submit|approved?)\b", low):
            continue
        out.append(line)
    return out


_PLEASANTRIES = ("hi ", "hello", "dear ", "best", "thanks", "thank you", "regards", "cheers", "anything")


def _awaiting(ds: dict[str, Any]) -> bool:
    """A collaborator was asked for input on this deliverable and has not answered yet."""
    return any(who not in ds.get("f", {}) for who in ds.get("ask", {}))


def _waited(since: str, now: str) -> int:
    """Working minutes between two stamps (different days count as a full day each)."""
    if not since or not now:
        return 10_000
    if since[:10] == now[:10]:
        return _minutes_between(since, now)
    return 480


def _shown_parts(text: str, names: list[str]) -> set[str]:
    """The parts a read of a whole file already showed in full: their heading is in the text and another part's
    heading follows it (or the read was not cut), so reading them again by part would show nothing new.

    Example:
        >>> read = "# Intro\\nWhy.\\n## Scope\\nAll sites.\\n## Budget\\nThe plan is 12,\\n[... 90 more: offset=80 ...]"
        >>> sorted(_shown_parts(read, ["Intro", "Scope", "Budget", "Risks"]))
        ['Intro', 'Scope']
    """
    found = []
    for name in names:
        match = re.search(rf"^#+ (?:Sheet )?{re.escape(name)}(?: \u2014.*)?$", text, re.M)
        if match:
            found.append((match.start(), name))
    found.sort()
    cut = bool(re.search(r"^\[\.\.\. .*offset=", text, re.M))
    return {name for i, (_at, name) in enumerate(found) if i + 1 < len(found) or not cut}


def _asked_topics(subject: str) -> list[str]:
    """The topics a question mail of mine names: 'Question: A [d1]' -> [A]; 'Re: Questions: A; B [d1]' -> [A, B].

    Example:
        >>> _asked_topics("Re: Questions: Budget: figures; Audit: deadline [o1-d2]")
        ['Budget: figures', 'Audit: deadline']
    """
    marker = "Questions: " if "Questions: " in subject else "Question: "
    if marker not in subject:
        return []
    tail = subject[subject.index(marker) + len(marker) :]
    tail = tail[: tail.rindex(" [")] if " [" in tail else tail
    return [t.strip() for t in tail.split("; ")] if marker == "Questions: " else [tail.strip()]


def _identifier(sender: str, plan: WorkerPlan) -> str | None:
    name = sender.split("<")[0].strip().strip('"')
    for ident, full in plan.people.items():
        if full == name or ident in sender:
            return ident
    address = sender.split("<")[-1].rstrip(">").split("@")[0]
    for ident in plan.people:
        if ident.replace("_", ".") == address:
            return ident
    return None


FRAMING = ("a bit of background", "that is everything", "taking your questions")
"""How a colleague frames answers (a long writer's background, a closing line): never the answer itself."""


def _substance(body: str, me: str) -> str:
    """The answer in a reply to my one question: its first answer that is not an "I don't know" (the sentence(s)
    answering, without greeting, framing, sign-off or quoted mail; a repeat's "Nothing new since my last mail:"
    dropped), else its first answer."""
    answers = [a for a in reply_answers(body) if a.text.rstrip(",!").lower() != me.lower()]
    known = [a for a in answers if not a.unknown]
    return (known or answers or [Answer("")])[0].text


def _table_rows(tables: dict[str, dict[int, dict[str, str]]], prefer: list[str]) -> list[list[str]]:
    """The 5 largest [label, value] rows of the first read table that has labelled rows (preferred sheets first),
    largest first, without its total row: column A as label, the first computed or numeric cell as value.

    Ranked over the whole table, so "the largest lines are ..." names the largest lines, not the first ones read
    (and the memo, trimmed from the end when it grows, keeps the largest).
    """
    order = [t for t in prefer if t in tables] + [t for t in tables if t not in prefer]
    for sheet in order:
        rows = tables[sheet]
        found: list[list[str]] = []
        for number in sorted(rows):
            if number == 1:
                continue
            row = rows[number]
            label = row.get("A", "").strip()
            if not label or is_number(label) or label.startswith(("=", "->")) or re.match(r"^\d{4}-\d{2}", label):
                continue
            for col in sorted(row):
                if col == "A":
                    continue
                value = cell_value(row[col])
                if is_number(value):
                    found.append([label[:40], value])
                    break
        if found:
            totals = [r for r in found if "total" in r[0].lower()]
            lines = sorted((r for r in found if r not in totals), key=lambda r: -abs(parse_number(r[1]) or 0.0))
            # no total row: under an "Item | Value" header a reader cannot tell the plan's total from the actual's
            return lines[:5] if lines else totals[:5]
    return []


def _table_header(tables: dict[str, dict[int, dict[str, str]]], prefer: list[str]) -> str:
    """The header of the column :func:`_table_rows` takes its values from ('' when unknown)."""
    order = [t for t in prefer if t in tables] + [t for t in tables if t not in prefer]
    for sheet in order:
        rows = tables[sheet]
        header = rows.get(1, {})
        for number in sorted(rows):
            if number == 1:
                continue
            for col in sorted(rows[number]):
                if col != "A" and is_number(cell_value(rows[number][col])):
                    return header.get(col, "")
    return ""


_HOUSE_HEADINGS = ("Summary", "The numbers", "Background", "Next steps")
"""My own report structure: the bottom line, the numbers that matter, the context, what happens next."""
_HOUSE_SHEETS = ("Overview", "Line items")
_EXTRA_HEADINGS = ("Open points", "Risks and dependencies", "Decisions needed", "Timeline")


class _Author:
    """Writes a deliverable's content from what the worker collected (values, facts, excerpts, table rows).

    Every sentence is written once per document: the summary carries the confirmed inputs (or one placeholder per
    missing input, replaced when the answer arrives), the other sections each say something of their own.
    """

    def __init__(self, d: PlanDeliverable, ds: dict[str, Any], plan: WorkerPlan) -> None:
        self.notes = d.kind in ("md", "txt")  # working notes are jotted in my own shorthand, not report prose
        self.deck = d.kind == "pptx"  # slides say it short, they do not repeat the report's sentences
        self.d = d
        self.ds = ds
        self.plan = plan

    # -- content pieces -------------------------------------------------------------------------------------------

    def name(self, who: str) -> str:
        return self.plan.people.get(who, who)

    def figures(self) -> list[str]:
        out = []
        for qi, (what, source, _where) in enumerate(self.d.quotes):
            value = self.ds.get("v", {}).get(f"#{qi}")
            if value:
                label, where = self.figure_label(qi, what)
                if self.notes:
                    out.append(f"- {label} = {value}; {_base(source)}{where}")
                elif self.deck:
                    out.append(f"{label}: {value} ({_base(source)})")
                else:
                    out.append(f"{label}: {value} (from {_base(source)}{where}).")
        return out

    def figure_label(self, qi: int, what: str) -> tuple[str, str]:
        """My own words for a figure (the row and column it sits in) and where it is (', Summary sheet, B6')."""
        found = self.ds.get("fig", {}).get(f"#{qi}")
        if found:
            return str(found[0]), f", {found[1]}"
        return re.sub(r" on the .+ tab$", "", what), ""

    def headline(self) -> list[str]:
        """The figures as summary prose (the Key figures section lists them with their cells)."""
        out = []
        for qi, (what, source, _where) in enumerate(self.d.quotes):
            value = self.ds.get("v", {}).get(f"#{qi}")
            if value:
                label = self.figure_label(qi, what)[0]
                if self.notes:
                    out.append(f"Headline for now: {label} at {value}, straight from {_base(source)}.")
                else:
                    out.append(f"The headline number is {value} ({label}), as computed in {_base(source)}.")
        return out

    def placeholder(self, who: str, topic: str) -> str:
        return f"{topic[:1].upper()}{topic[1:]}: to be confirmed with {self.name(who)}."

    def confirmed(self, who: str, fact: str) -> str:
        if self.notes:
            return f"From {self.name(who)} (by mail): {fact}"
        if self.deck:
            return f"{fact.rstrip('.')} ({self.name(who)})"
        return f"{self.name(who)} confirmed: {fact}"

    def facts(self) -> list[str]:
        out = []
        for who, fact in self.ds.get("f", {}).items():
            if fact:
                out.append(self.confirmed(who, fact))
        for who, topic in self.d.facts:
            if who not in self.ds.get("f", {}):
                out.append(self.placeholder(who, topic))
        return out

    def jot(self, n: int) -> str:
        """A working-notes entry: what the sources said and the figures since the last entry (a person appends what
        is new, not the whole page again)."""
        lines = [f"\n### Notes {n // 2 + 1} on {self.d.title}"]
        for _, (kind, *item) in _jot_items(self.ds, self.d, n):
            if kind == "ex":
                lines.append(f"- {item[0]}: {item[1]}")
            elif kind == "v":
                lines.append(f"- {item[0]} = {item[1]}")
            elif kind == "row":
                lines.append(f"- {item[0]}: {item[1]}")
            elif kind == "f":
                lines.append(f"- {self.name(item[0])}: {item[1]}")
            else:
                lines.append(f"- Still waiting for {', '.join(self.name(w) for w in item)}.")
        return "\n".join(lines) + "\n"

    def excerpts(self) -> list[str]:
        if self.notes:
            return [f"{name} says: {sentence}" for name, sentence in self.ds.get("ex", [])]
        if self.deck:
            return [f"{sentence.rstrip('.')} ({name})" for name, sentence in self.ds.get("ex", [])]
        return [f"{name}: {sentence}" for name, sentence in self.ds.get("ex", [])]

    def headings(self) -> list[str]:
        heads = list(self.d.headings) or list(_HOUSE_HEADINGS)
        if "Sources" not in heads:
            heads.append("Sources")
        return heads

    def extra_heading(self, n: int) -> str:
        """A meaningful heading for a section beyond the planned ones (never 'Notes 3')."""
        taken = {h.lower() for h in self.headings()}
        extras = [h for h in _EXTRA_HEADINGS if h.lower() not in taken]
        return extras[n % len(extras)] if extras else f"Further detail ({n})"

    def slide_heading(self, n: int) -> str:
        """Heading of the n-th content slide after the title and key-figures slides (no repeats for normal decks)."""
        heads = [h for h in self.headings()[2:]]
        heads += [h for h in _EXTRA_HEADINGS if h not in heads]
        return heads[n % len(heads)]

    def _people(self) -> str:
        names = [self.name(w) for w, _ in self.d.facts] or [self.name(w) for w in self.d.reviewers]
        return ", ".join(dict.fromkeys(names)) or "the team"

    def section_body(self, heading: str, n: int) -> str:
        d = self.d
        low = heading.lower()
        if n == 0 or "summary" in low:
            if self.notes:
                lines = [f"Where {d.title.lower()} stands today.", *self.headline(), *self.facts()]
                lines.append(f"Kept for {d.audience.lower() or 'the team'}; each line says which file it came from.")
            else:
                lines = [d.description, *self.headline(), *self.facts()]
                lines.append(
                    f"Prepared by {self.plan.name} for {d.audience.lower() or 'the team'}: it brings together the "
                    "workbook figures and what colleagues confirmed by e-mail, so each point can be traced to its "
                    "origin."
                )
            lines.extend(f"This covers {m}." for m in d.mentions)
            return "\n\n".join(lines)
        if "figure" in low or "number" in low or "data" in low or "analysis" in low:
            rows = self.ds.get("tab", [])
            body = [*self.figures()]
            if rows:
                body.append("\n".join(["| Item | Value |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows]))
                lines_only = [r for r in rows if "total" not in r[0].lower()] or rows
                ranked = sorted(lines_only, key=lambda r: -abs(parse_number(r[1]) or 0.0))
                items = [f"{a} ({b})" for a, b in ranked[:3]]
                listed = ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else items[0]
                if self.notes:  # one a line, as people jot them: "a (1), b (2), c (3)" reads as a dump
                    body.append("Biggest lines:\n" + "\n".join(f"- {a}: {b}" for a, b in ranked[:3]))
                else:
                    by = str(self.ds.get("tabh", "")).strip().lower()
                    by = f" by {by}" if by else ""
                    more = "the table adds the next ones" if len(lines_only) > 3 else "the table shows them"
                    body.append(f"The largest lines{by} are {listed}; {more}.")
            return "\n\n".join(body) or "The figures follow the grounding files listed under Sources."
        if "source" in low and self.deck:
            read = [d.grounding[i] for i in self.ds.get("gr", []) if i < len(d.grounding)] or d.grounding
            return "\n\n".join(_base(p) for p in read[:5])
        if "source" in low and self.notes:
            return self.credits()
        if "source" in low:
            read = [d.grounding[i] for i in self.ds.get("gr", []) if i < len(d.grounding)] or d.grounding
            listing = "\n".join(f"- ~/{p}" for p in read[:8])
            return (
                f"{listing}\n\nEvery figure above is quoted with its sheet and cell, so it can be traced back to these "
                "files and re-checked after any late change."
            )
        if ("next" in low or "recommend" in low or "action" in low) and self.deck:
            steps = [f"Align with {self.name(who)} on {topic}" for who, topic in d.facts]
            steps += [f"Review with {self.name(who)}" for who in d.reviewers[:1]]
            steps.append(f"Refresh the figures by day {d.due}")
            return "\n\n".join(steps)
        if ("next" in low or "recommend" in low or "action" in low) and self.notes:
            todo = [f"- check {topic} again with {self.name(who)}" for who, topic in d.facts]
            todo.append(f"- refresh the figures from {_base(d.grounding[0]) if d.grounding else 'the sources'}")
            return "To do before day " + str(d.due) + ":\n\n" + "\n".join(todo)
        if "next" in low or "recommend" in low or "action" in low:
            lines = []
            for who, topic in d.facts:
                lines.append(f"Keep the related files and plans in step with {self.name(who)} on {topic}.")
            for who in d.reviewers[:1]:
                lines.append(f"Walk {self.name(who)} through this draft and fold in the review comments.")
            source = _base(d.grounding[0]) if d.grounding else "the source files"
            lines.append(f"Re-run the numbers against {source} before submitting on day {d.due} of the month.")
            return "\n\n".join(lines)
        if "risk" in low:
            owners = ", ".join(dict.fromkeys(self.name(w) for w, _ in d.facts))
            lines = [
                "The main risk is that the figures move before the close; each one is tied to its cell so it "
                "can be re-checked quickly."
            ]
            if owners:
                lines.append(f"A late change on the side of {owners} would change the picture; I would re-issue then.")
            return "\n\n".join(lines)
        if "open" in low:
            lines = [f"{topic} is owned by {self.name(who)}." for who, topic in d.facts]
            lines.append(
                f"The audience for this document is {d.audience.lower() or 'the team'}; questions go to "
                f"{self.plan.name}."
            )
            return "\n\n".join(lines)
        if "decision" in low:
            return (
                f"I need agreement from {self._people()} on the figures as stated here, so that the "
                f"{d.title.lower()} can be closed on day {d.due}."
            )
        if "timeline" in low:
            return (
                f"Draft ready for review ahead of day {d.due}; final version submitted on day {d.due} of "
                f"{self.plan.workdays}."
            )
        excerpts = self.excerpts()
        lines = excerpts[n % max(1, len(excerpts)) :][:2] if excerpts else []
        if not lines:
            lines = [f"This section draws on {len(d.grounding)} source file(s) and on input from {self._people()}."]
        return "\n\n".join(lines)

    def credits(self) -> str:
        """My notes' sources, each credited with what I took from it (files, then people): notes, not report prose."""
        d = self.d
        read = [d.grounding[i] for i in self.ds.get("gr", []) if i < len(d.grounding)] or d.grounding
        lines = []
        for path in read[:8]:
            took = [
                self.figure_label(qi, what)[0]
                for qi, (what, source, _where) in enumerate(d.quotes)
                if source == path and self.ds.get("v", {}).get(f"#{qi}")
            ]
            said = [s for name, s in self.ds.get("ex", []) if name == _base(path)]
            if took:
                what = "figures taken from it: " + ", ".join(took)
            elif said:
                what = "background, quoted above where it matters"
            else:
                what = "read for context; nothing quoted from it yet"
            lines.append(f"- {_base(path)} (in ~/{_folder(path) or '.'}) - {what}")
        topics = dict(d.facts)
        for who in self.ds.get("f", {}):
            lines.append(f"- {self.name(who)}, by mail - the answer on {topics.get(who, 'my question')}")
        for who, topic in d.facts:
            if who not in self.ds.get("f", {}):
                lines.append(f"- {self.name(who)} - asked about {topic}, no answer yet")
        return "\n".join(lines)

    # -- tool calls -----------------------------------------------------------------------------------------------

    def key_slide(self) -> dict[str, Any]:
        bullets = [*self.figures(), *self.facts()][:6] or [self.d.description]
        return {
            "type": "bullets",
            "title": "Key figures",
            "bullets": bullets,
            "notes": "Figures from the grounding files; facts confirmed by mail.",
        }

    def document_markdown(self) -> str:
        """The whole document (every planned section, the extra one, the notes so far): for rewrites."""
        heads = self.headings()
        parts = [f"## {h}\n\n{self.section_body(h, i)}\n" for i, h in enumerate(heads)]
        extra = self.extra_heading(0)
        parts.append(f"## {extra}\n\n{self.section_body(extra, len(heads))}\n")
        for name, sentence in self.ds.get("ex", []):
            parts.append(f"## {self.note_heading(name)}\n\n{self.note_text(sentence)}\n")
        return "\n".join(parts)

    def note_heading(self, name: str) -> str:
        """Working notes keep what was read in their own words, not under the report's headings."""
        return f"Read: {name}" if self.d.kind == "md" else f"Notes from {name}"

    def note_text(self, sentence: str) -> str:
        """A note's sentence as this deliverable states it (working notes: as a jotted reminder)."""
        return f"Worth keeping in mind: {sentence[:1].lower() + sentence[1:]}" if self.d.kind == "md" else sentence

    def create(self, props: dict[str, set[str]]) -> Step:
        d = self.d
        path = f"~/{d.path}"
        if d.kind in ("docx", "md", "pdf"):
            heads = self.headings()
            first = heads[0]
            body = f"## {first}\n\n{self.section_body(first, 0)}\n"
            if d.kind == "pdf":  # a PDF cannot be edited: write it whole
                body = self.document_markdown()
            return self._create_document(body, props)
        if d.kind == "xlsx":
            return ["create_spreadsheet", {"path": path, "sheets": self.sheets(), "overwrite": True}]
        if d.kind == "pptx":
            slides = [
                {"type": "title", "title": d.title, "subtitle": f"{self.plan.name} | {d.audience}"},
                self.key_slide(),
            ]
            return ["create_presentation", {"path": path, "slides": slides, "overwrite": True}]
        text = "\n".join([d.title, "", d.description, *self.figures(), *self.facts()]) + "\n"
        if d.kind == "csv":
            rows = ["item,value,source"] + [
                f'"{self.figure_label(qi, what)[0]}","{self.ds.get("v", {}).get(f"#{qi}", "")}","{_base(src)}"'
                for qi, (what, src, _where) in enumerate(d.quotes)
            ]
            rows += [f'"{who}","{fact}",mail' for who, fact in self.ds.get("f", {}).items()]
            text = "\n".join(rows) + "\n"
        return ["write_text_file", {"path": path, "content": text, "overwrite": True}]

    def _create_document(self, body: str, props: dict[str, set[str]]) -> Step:
        d = self.d
        path = f"~/{d.path}"
        if "markdown" in props.get("create_document", {"markdown"}):
            return ["create_document", {"path": path, "title": d.title, "markdown": body, "overwrite": True}]
        return [
            "create_document",
            {"path": path, "title": d.title, "blocks": [{"type": "paragraph", "text": body}], "overwrite": True},
        ]

    def fact_fix(self, who: str, props: dict[str, set[str]]) -> Step:
        """Put a collaborator's answer where the draft said it was still to be confirmed (an edit in place)."""
        d = self.d
        path = f"~/{d.path}"
        fact = str(self.ds.get("f", {}).get(who, ""))
        topics = [t for w, t in d.facts if w == who]
        if not topics:
            return self.append(f"Input from {self.name(who)}", [fact], props)
        if d.kind == "docx":
            edit = {"op": "replace_text", "old": self.placeholder(who, topics[0]), "new": self.confirmed(who, fact)}
            return ["edit_document", {"path": path, "edits": [edit]}]
        if d.kind == "pptx":
            return [
                "edit_presentation",
                {"path": path, "edits": [{"op": "replace_slide", "index": 2, "slide": self.key_slide()}]},
            ]
        if d.kind == "xlsx":
            row = self.ds.get("ph", {}).get(who)
            if row is None:
                return self.append(f"Input from {self.name(who)}", [fact], props)
            sheet, width = self.summary_shape()
            values = _fit([f"Input from {self.name(who)}", fact, "e-mail", ""], width)
            cells = {f"{chr(ord('A') + i)}{row}": v for i, v in enumerate(values)}
            return ["edit_spreadsheet", {"path": path, "edits": [{"op": "set_cells", "sheet": sheet, "cells": cells}]}]
        if d.kind in ("md", "pdf"):
            # a text file has no in-place edit: rewrite it whole with the answer in place of the placeholder
            self.ds["q"] = [s for s in self.ds.get("q", []) if s and s[0] != "@section"]
            return self._create_document(self.document_markdown(), props)
        return self.create(props)

    def summary_shape(self) -> tuple[str, int]:
        names = list(self.d.sheets) or list(_HOUSE_SHEETS)
        required = {sheet: cols for sheet, cols in self.d.columns}
        columns = required.get(names[0]) or required.get("") or ["Item", "Value", "Source", "Location"]
        return names[0][:31], len(columns)

    def sheets(self) -> list[dict[str, Any]]:
        d = self.d
        names = list(d.sheets) or list(_HOUSE_SHEETS)
        if len(names) < 2:
            names.append(_HOUSE_SHEETS[1])
        required = {sheet: cols for sheet, cols in d.columns}
        out: list[dict[str, Any]] = []
        for i, name in enumerate(names):
            columns = (
                required.get(name)
                or (required.get("") if i == 0 else None)
                or (["Item", "Value", "Source", "Location"] if i == 0 else ["Item", "Value"])
            )
            rows: list[list[Any]] = []
            if i == 0:
                for qi, (what, source, _where) in enumerate(d.quotes):
                    value = self.ds.get("v", {}).get(f"#{qi}", "")
                    label, where = self.figure_label(qi, what)
                    rows.append(_fit([label, _num(value), _base(source), where.lstrip(", ")], len(columns)))
                for who, fact in self.ds.get("f", {}).items():
                    rows.append(_fit([f"Input from {self.name(who)}", fact, "e-mail", ""], len(columns)))
                holders: dict[str, int] = {}
                for who, topic in d.facts:
                    if who not in self.ds.get("f", {}):
                        rows.append(_fit([topic, "to be confirmed", self.name(who), ""], len(columns)))
                        holders.setdefault(who, len(rows) + 1)  # row 1 holds the headers
                self.ds["ph"] = holders
            else:
                rows = [_fit([a, _num(b)], len(columns)) for a, b in self.ds.get("tab", [])]
            out.append({"name": name[:31], "columns": [{"header": c} for c in columns], "rows": rows})
        return out

    def section(self, n: int, props: dict[str, set[str]]) -> Step:
        d = self.d
        path = f"~/{d.path}"
        if d.kind == "pptx":
            head = self.slide_heading(n)
            body = self.section_body(head, n + 1)
            bullets = [
                line.removeprefix("- ")
                for chunk in body.split("\n\n")
                for line in (chunk.split("\n") if chunk.startswith("- ") else [chunk])
                if line and not line.startswith("|")
            ]
            slide = {
                "type": "bullets",
                "title": head,
                "bullets": [b[:180] for b in bullets[:5]] or [d.description[:180]],
            }
            return ["edit_presentation", {"path": path, "edits": [{"op": "add_slide", "slide": slide}]}]
        if d.kind == "xlsx":
            # a sheet's row states its own item and value: a quoted sentence with figures in it would file those
            # figures under the quoted file's name, so only sentences without figures go in as notes
            notes = [[name, s] for name, s in self.ds.get("ex", []) if not re.search(r"\d", s)]
            rows = notes or [["Prepared by", self.plan.name]]
            sheet = (list(d.sheets) or list(_HOUSE_SHEETS))[-1] if len(d.sheets) != 1 else _HOUSE_SHEETS[1]
            return [
                "edit_spreadsheet",
                {"path": path, "edits": [{"op": "append_rows", "sheet": sheet[:31], "rows": rows}]},
            ]
        heads = self.headings()
        head = heads[n + 1] if n + 1 < len(heads) else self.extra_heading(n + 1 - len(heads))
        return self.append(head, [self.section_body(head, n + 1)], props)

    def note(self, path: str, props: dict[str, set[str]]) -> Step:
        sentence = next((s for name, s in self.ds.get("ex", []) if name == _base(path)), "")
        if self.notes and sentence:  # my notes say whose words they are
            sentence = f"{_base(path)} says: {sentence}"
        if self.deck:
            sentence = f"{sentence.rstrip('.')} ({_base(path)})" if sentence else f"Checked against {_base(path)}"
        elif not sentence:
            what = "totals" if path.endswith((".xlsx", ".xlsm", ".csv")) else "statements"
            sentence = f"I cross-checked the {what} in {_base(path)} with the figures above and found no conflict."
        elif self.d.kind == "md":
            sentence = self.note_text(sentence)
        return self.append(self.note_heading(_base(path)), [sentence], props)

    def append(self, heading: str, paragraphs: list[str], props: dict[str, set[str]]) -> Step:
        d = self.d
        path = f"~/{d.path}"
        text = "\n\n".join(p for p in paragraphs if p)
        if d.kind == "docx":
            return [
                "edit_document",
                {"path": path, "edits": [{"op": "append", "markdown": f"## {heading}\n\n{text}\n"}]},
            ]
        if d.kind == "pptx":
            slide = {
                "type": "bullets",
                "title": _cut(heading, 60),
                "bullets": [_cut(p, 180) for p in paragraphs if p][:4] or ["-"],
            }
            return ["edit_presentation", {"path": path, "edits": [{"op": "add_slide", "slide": slide}]}]
        if d.kind == "xlsx":
            sheet = (list(d.sheets) or list(_HOUSE_SHEETS))[0]
            return [
                "edit_spreadsheet",
                {"path": path, "edits": [{"op": "append_rows", "sheet": sheet[:31], "rows": [[heading, text[:300]]]}]},
            ]
        if d.kind in ("md", "txt", "csv"):
            content = f"\n## {heading}\n\n{text}\n" if d.kind == "md" else f"\n{heading}: {text}\n"
            return ["write_text_file", {"path": path, "content": content, "append": True}]
        # pdf/eml: rewrite whole
        return self.create(props)


def _num(value: str) -> Any:
    clean = value.replace(",", "").strip()
    try:
        return float(clean) if "." in clean else int(clean)
    except ValueError:
        return value


def _fit(row: list[Any], width: int) -> list[Any]:
    if width <= 0:
        return row
    if len(row) >= width:
        return row[:width]
    return row + [""] * (width - len(row))


# ---------------------------------------------------------------------------------------------------------------------
# graded baselines (to validate that rewards rank policies): sloppy and random
# ---------------------------------------------------------------------------------------------------------------------


def sloppy_view(plan: WorkerPlan) -> WorkerPlan:
    """The plan as the sloppy baseline works it: of every four deliverables one is forgotten, one saved on the
    Desktop, one under a wrong name next to where it belongs, and one done right.

    Example:
        >>> ds = [PlanDeliverable(did=f"d{i}", kind="md", title="T", path=f"Documents/P/r{i}.md") for i in range(4)]
        >>> plan = WorkerPlan(deliverables=ds)
        >>> [d.path for d in sloppy_view(plan).deliverables]
        ['Desktop/r1.md', 'Documents/P/r2 (draft).md', 'Documents/P/r3.md']
    """
    kept: list[PlanDeliverable] = []
    for i, d in enumerate(plan.deliverables):
        folder, name = _folder(d.path), _base(d.path)
        stem, dot, ext = name.rpartition(".")
        if i % 4 == 0:
            continue
        if i % 4 == 1:
            kept.append(replace(d, path=f"Desktop/{name}"))
        elif i % 4 == 2:
            kept.append(replace(d, path=f"{folder}/{stem} (draft){dot}{ext}".lstrip("/")))
        else:
            kept.append(d)
    return replace(plan, deliverables=kept)


_RANDOM_WORDS = ("notes", "figures", "draft", "misc", "todo", "copy", "final", "old", "summary", "list")


def random_decision(messages: list[LLMMessage], tool_props: dict[str, set[str]], seed: int) -> Decision:
    """The random baseline: a random tool with random arguments (paths taken from what it has seen), ending the day
    when the clock says so. Deterministic for the same messages and seed."""
    clock = last_clock(messages)
    last = user_text(messages[-1]) if messages and isinstance(messages[-1], UserMessage) else ""
    if not last and messages:
        tail = messages[-1]
        content = getattr(tail, "content", "")
        last = content if isinstance(content, str) else json.dumps([getattr(c, "content", "") for c in content])[:4000]
    digest = int.from_bytes(hashlib.sha256(f"{seed}|{len(messages)}|{last[-2000:]}".encode()).digest()[:8], "big")
    rng = random.Random(digest)
    memo: dict[str, Any] = {"k": len(messages)}
    if clock is not None and clock.day_over:
        return Decision(memo, "Day over.", ["end_day", {"summary": "Stopping for today."}])
    shown = r"((?:/home/|/Users/|[A-Za-z]:\\Users\\)[^\n|()]+?\.[A-Za-z0-9]{2,4})\b"
    seen = re.findall(shown, last) or ["~/Documents", "~/Desktop", "~"]
    names = sorted(n for n in tool_props if n != "end_day")
    if not names or rng.random() < 0.08:
        return Decision(memo, "Thinking.", text=rng.choice(("Hmm.", "Let me see.", "OK.", "Not sure what to do next.")))
    name = rng.choice(names)
    args: dict[str, Any] = {}
    for prop in sorted(tool_props[name]):
        if prop in ("path", "source", "destination", "folder"):
            args[prop] = (
                rng.choice(seen).strip() if rng.random() < 0.7 else f"~/Desktop/{rng.choice(_RANDOM_WORDS)}.txt"
            )
        elif prop in ("content", "body", "markdown", "entry", "summary", "note", "text", "query", "subject"):
            args[prop] = " ".join(rng.choice(_RANDOM_WORDS) for _ in range(rng.randint(1, 8)))
        elif prop in ("to",):
            args[prop] = [rng.choice(("someone", "boss", "team"))]
        elif prop in ("message_id",):
            args[prop] = f"m{rng.randint(1, 40):05d}"
        elif prop in ("deliverable_id",):
            args[prop] = f"o{rng.randint(1, 5)}-d{rng.randint(1, 3)}"
        elif prop in ("depth", "max_results", "offset", "max_chars"):
            args[prop] = rng.randint(1, 3) if prop == "depth" else rng.randint(0, 2000)
        elif rng.random() < 0.3:
            args[prop] = rng.choice(_RANDOM_WORDS)
    return Decision(memo, f"Trying {name}.", [name, args])


def _page_key(args: dict[str, Any]) -> tuple[str, str]:
    return home_relative(str(args.get("path", ""))), str(args.get("part", ""))


def _pages_before(pages: dict[tuple[str, str], str], name: str, args: dict[str, Any]) -> str:
    """The text of the pages just before a ``read_file`` page (``""`` for a first page or another call)."""
    return pages.get(_page_key(args), "") if name == "read_file" and args.get("offset") else ""


def _note_page(
    pages: dict[tuple[str, str], str], name: str, args: dict[str, Any], result: FunctionExecutionResult
) -> None:
    """Keep a read page: a first page starts the file's text, a page read on from an offset adds to it.

    Example:
        >>> pages: dict[tuple[str, str], str] = {}
        >>> ok = lambda text: FunctionExecutionResult(content=text, call_id="c", name="read_file", is_error=False)
        >>> _note_page(pages, "read_file", {"path": "~/a.xlsx"}, ok("## Sheet S\\n| 1 | x |"))
        >>> _note_page(pages, "read_file", {"path": "~/a.xlsx", "offset": 9}, ok("| 2 | y |"))
        >>> pages[("a.xlsx", "")].splitlines()
        ['## Sheet S', '| 1 | x |', '| 2 | y |']
    """
    if name != "read_file" or result.is_error:
        return
    key = _page_key(args)
    text = strip_fences(result.content)
    pages[key] = f"{pages.get(key, '')}\n{text}" if args.get("offset") and key in pages else text
