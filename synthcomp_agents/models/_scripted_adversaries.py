"""Adversarial scripted workers: policies that try to earn the reward without doing the work.

Each adversary is what reinforcement learning finds when a reward has a hole: it reads the plan it is shown (the
brief; whatever checks the brief lists are fair game), takes numbers from its sources where that helps, and writes
deliverables that meet the letter of the checks: right paths, headings, sheets, slide count and word count. What it
gets wrong is the substance, one way per variant:

========================  =========================================================================================
``label_shuffle``         the source's figures, each stated under another figure's label
``date_dump``             "Key dates:" followed by every date of the quarter (date facts satisfied without asking)
``number_dump``           every number of the sources in one line, no claims
``filler_padding``        the quoted figures once, the rest generic filler repeated up to the word count
``copy_paste``            one long block of text pasted into every deliverable next to its own figures
``structure_only``        the right headings, sheets and slides, and nothing in them
``fyi_mailing``           careful content, but mailed "fyi" instead of asking for review, and submitted at once
``wrong_conclusion``      careful figures with the conclusion reversed ("below plan" when above) and the
                          collaborator's decision turned round
``stale_numbers``         figures from the previous version of the source (last month's file) under today's labels
``invented_numbers``      the source's labels with plausible invented figures
``verbatim_question``     the plan's question mailed word for word, the topic pasted in, the answer never used
``one_for_all``           the same document saved under every deliverable's path
========================  =========================================================================================

Like every scripted policy they decide only from the messages they see (the plan in the system prompt, tool
results, mail) and carry their state in a memo in their visible reasoning.

Example:
    >>> policy = adversary_policy(0, "date_dump")
    >>> type(policy).__name__, policy.variant
    ('AdversaryPolicy', 'date_dump')
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from typing import Any

from autogen_core.models import LLMMessage, UserMessage

from ..disk import home_relative
from ..tools import strip_fences
from ._scripted_text import (
    PlanDeliverable,
    WorkerPlan,
    call_args,
    cell_value,
    find_memo,
    is_number,
    last_clock,
    pairs_after,
    parse_kickoff,
    parse_worker_plan,
    sheet_tables,
    split_cell,
    system_text,
    user_text,
)
from ._scripted_text import number as parse_number
from ._scripted_worker import Decision

__all__ = ["ADVERSARY_VARIANTS", "AdversaryPolicy", "adversary_policy"]

ADVERSARY_VARIANTS = (
    "label_shuffle",
    "date_dump",
    "number_dump",
    "filler_padding",
    "copy_paste",
    "structure_only",
    "fyi_mailing",
    "wrong_conclusion",
    "stale_numbers",
    "invented_numbers",
    "verbatim_question",
    "one_for_all",
)
"""The adversarial worker variants (see the module docstring)."""

_READS_SOURCES = frozenset(ADVERSARY_VARIANTS) - {"structure_only", "date_dump"}
_WAITS_FOR_ANSWERS = frozenset(
    {"label_shuffle", "filler_padding", "copy_paste", "fyi_mailing", "wrong_conclusion", "stale_numbers"}
    | {"invented_numbers", "one_for_all"}
)
_ASKS = _WAITS_FOR_ANSWERS | {"verbatim_question"}
_MAX_VALUES = 8  # labelled values kept from one read (the memo rides in a bounded context)
_MAX_LABEL = 60
_MAX_FACT = 160
_MAX_WAIT_TURNS = 240
_WAIT_UNTIL = 16 * 60  # minutes after midnight on the first day: later, write with what came back
_INBOX = re.compile(r"^(m\d+) \| .*? \| from (.+?) \| (.*?)(?: \| attachments: .*?)?( \| unread)?$", re.M)
_LISTING = re.compile(r"^(.+?) \((spreadsheet|text|document), ", re.M)
_PARTS = re.compile(r"^Parts \(read one with part=\.\.\.\): (.+)$", re.M)
_FILLER = (
    "We remain committed to ensuring alignment with all key stakeholders going forward.",
    "It is important to continue focusing on quality and continuous improvement across the team.",
    "The team will keep working closely together to deliver the expected outcomes in a timely manner.",
    "Our approach ensures that relevant considerations are addressed appropriately and effectively.",
    "Going forward, we will continue to monitor progress and communicate updates on a regular basis.",
    "This section provides an overview of the key priorities and next steps for the period ahead.",
    "Effective collaboration remains essential to the overall success of this important initiative.",
    "We will make sure that everything is kept in line with best practice and the agreed framework.",
)


def adversary_policy(seed: int, variant: str) -> AdversaryPolicy:
    """The adversarial worker ``variant`` (one of :data:`ADVERSARY_VARIANTS`)."""
    if variant not in ADVERSARY_VARIANTS:
        raise ValueError(f"unknown adversary {variant!r}; expected one of {', '.join(ADVERSARY_VARIANTS)}")
    return AdversaryPolicy(seed, variant)


def _base(path: str) -> str:
    return path.rpartition("/")[2]


def _folder(path: str) -> str:
    return path.rpartition("/")[0]


def _fmt(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}"


class AdversaryPolicy:
    """One adversarial worker (see the module docstring); same interface as the competent ``WorkerPolicy``.

    Its memo stays small (it rides in the visible reasoning of a bounded context): who was asked and what they said,
    and the few labelled figures of the source read just before each deliverable is written.

    Args:
        seed: varies invented figures deterministically.
        variant: one of :data:`ADVERSARY_VARIANTS`.
    """

    def __init__(self, seed: int, variant: str) -> None:
        self._seed = seed
        self.variant = variant

    # -- entry -------------------------------------------------------------------------------------------------------

    def decide(self, messages: list[LLMMessage], tool_props: dict[str, set[str]]) -> Decision:
        plan = parse_worker_plan(system_text(messages))
        index, memo = find_memo(messages)
        if memo is None:
            memo, index = {"k": 0, "ph": "start", "q": [], "f": {}, "w": 0, "i": 0}, 0
        for call, result in pairs_after(messages, index):
            if not result.is_error:
                self._observe(memo, plan, call.name, call_args(call), result.content)
        decision = self._next(memo, plan, messages)
        memo["k"] = int(memo["k"]) + 1
        return decision

    # -- what the tool results say ------------------------------------------------------------------------------------

    def _observe(self, memo: dict[str, Any], plan: WorkerPlan, name: str, args: dict[str, Any], text: str) -> None:
        if name == "read_file" and memo["ph"] == "write":
            parts = _PARTS.search(text)
            if parts and not args.get("part"):
                names = re.findall(r"'([^']+)'", parts.group(1))
                wanted = [split_cell(q[2]) for d in plan.deliverables for q in d.quotes]
                sheets = [w[0] for w in wanted if w and w[0] in names]
                summary = [n for n in names if n.casefold() == "summary"]
                memo["part"] = (sheets or summary or names or [""])[0]
            memo["cur"] = self._note_source(plan, home_relative(str(args.get("path", ""))), text)
        elif name == "list_directory" and self.variant == "stale_numbers":
            folder = home_relative(str(args.get("path", "~")))
            current = {_base(p) for d in plan.deliverables for p in d.grounding}
            for match in _LISTING.finditer(text):
                entry = match.group(1).strip()
                if entry.endswith(".xlsx") and entry not in current:
                    memo.setdefault("old", {})[folder] = entry
        elif name == "check_inbox":
            unread = [m.group(1) for m in _INBOX.finditer(text) if m.group(4)]
            memo["q"] = [["read_message", {"message_id": mid}] for mid in unread[:6]] + memo["q"]
        elif name == "read_message":
            head, _, body = text.partition("\n\n")
            body = strip_fences(body)
            sender = re.search(r"^From: (.+)$", head, re.M)
            if sender is None:
                return
            who = next((i for i, full in plan.people.items() if full in sender.group(1) or i in sender.group(1)), None)
            lines = [ln.strip(" -*•") for ln in body.splitlines() if len(ln.split()) >= 4 and not ln.startswith("Hi ")]
            answer = max(lines, key=len, default="")
            if who and answer and who in memo.get("asked", []):
                memo["f"][who] = answer[:_MAX_FACT]

    def _note_source(self, plan: WorkerPlan, path: str, text: str) -> dict[str, Any]:
        """The figures of one read: labelled values, the quoted cells, actual-vs-plan rows (a few of each)."""
        tables = sheet_tables(text) if "## Sheet " in text else {}
        values: list[list[str]] = []
        rows: list[list[Any]] = []
        for _sheet, table in tables.items():
            header = table.get(1, {})
            plan_col = next((c for c, h in header.items() if re.search(r"\b(plan|budget|target)", h, re.I)), None)
            actual_col = next((c for c, h in header.items() if re.search(r"\bactual", h, re.I)), None)
            for r in sorted(table):
                row = table[r]
                if r == 1:
                    continue
                texts = [cell_value(v) for v in row.values() if v and not is_number(cell_value(v))]
                label = " ".join(texts[:2])[:30]
                for col, cell in row.items():
                    shown = cell_value(cell)
                    if is_number(shown) and header.get(col) and len(values) < _MAX_VALUES:
                        values.append([f"{label} {header[col]}".strip()[:_MAX_LABEL], shown])
                p = parse_number(cell_value(row.get(plan_col or "", "")))
                a = parse_number(cell_value(row.get(actual_col or "", "")))
                subject = cell_value(row.get("A", ""))
                if p is not None and a is not None and subject and not is_number(subject) and len(rows) < 5:
                    rows.append([subject[:30], p, a])
        cells: dict[str, str] = {}
        for d in plan.deliverables:
            for _label, source, locator in d.quotes:
                where = split_cell(locator)
                found = tables.get(where[0], {}).get(where[2], {}).get(where[1]) if where else None
                if found is not None and (source == path or self.variant == "stale_numbers"):
                    cells[locator] = cell_value(found)
        return {"v": values, "c": cells, "r": rows}

    # -- choosing the next step ----------------------------------------------------------------------------------------

    def _next(self, memo: dict[str, Any], plan: WorkerPlan, messages: list[LLMMessage]) -> Decision:
        clock = last_clock(messages)
        today = clock.date if clock else ""
        if memo["ph"] == "done" or (clock is not None and clock.day_over and memo["ph"] != "start"):
            if memo.get("ended") == today:
                return Decision(memo, "Nothing left to do.", text="All done.")
            memo["ended"] = today
            return Decision(memo, "Closing the day.", ["end_day", {"summary": "Deliverables handled."}])
        if memo["ph"] == "start":
            memo["ph"] = "gather"
            memo["q"] = self._gather_steps(plan, memo)
            memo["day1"] = today or self._kickoff_date(messages)
        if memo["q"]:
            step = memo["q"].pop(0)
            return Decision(memo, f"{self.variant}: {step[0]}.", step)
        if memo["ph"] == "gather":
            early = clock is None or (clock.date == memo.get("day1") and clock.minutes < _WAIT_UNTIL)
            if (
                self.variant in _WAITS_FOR_ANSWERS
                and self._waiting(memo)
                and early
                and int(memo["w"]) < _MAX_WAIT_TURNS
            ):
                memo["w"] = int(memo["w"]) + 1
                if int(memo["w"]) % 3 == 1:
                    return Decision(memo, "Waiting for answers.", ["check_inbox", {"unread_only": True}])
                folder = _folder(plan.deliverables[0].path) if plan.deliverables else ""
                return Decision(memo, "Waiting.", ["list_directory", {"path": f"~/{folder}" if folder else "~"}])
            memo["ph"], memo["i"] = "write", 0
        if memo["ph"] == "write":
            step = self._write_step(memo, plan)
            if step is not None:
                return Decision(memo, f"{self.variant}: {step[0]}.", step)
            memo["ph"], memo["q"] = "mail", self._mail_steps(plan)
            return self._next(memo, plan, messages)
        memo["ph"] = "done"
        return self._next(memo, plan, messages)

    @staticmethod
    def _kickoff_date(messages: list[LLMMessage]) -> str:
        for message in messages:
            if isinstance(message, UserMessage):
                clock = parse_kickoff(user_text(message))
                if clock is not None:
                    return clock.date
        return ""

    @staticmethod
    def _waiting(memo: dict[str, Any]) -> bool:
        return any(who not in memo["f"] for who in memo.get("asked", []))

    def _gather_steps(self, plan: WorkerPlan, memo: dict[str, Any]) -> list[Any]:
        steps: list[Any] = []
        if self.variant == "stale_numbers":
            folders = dict.fromkeys(_folder(p) for d in plan.deliverables for p in d.grounding if p.endswith(".xlsx"))
            steps += [["list_directory", {"path": f"~/{folder}"}] for folder in folders]
        asked: list[str] = []
        if self.variant in _ASKS:
            for d in plan.deliverables:
                for who, topic, question in d.asks:
                    if who in asked:
                        continue
                    asked.append(who)
                    body = question if self.variant == "verbatim_question" else f"Hi,\n\n{question}\n\nThanks"
                    subject = f"Question: {topic} [{d.did}]"
                    steps.append(["send_message", {"to": [who], "subject": subject, "body": body}])
        memo["asked"] = asked if self.variant in _WAITS_FOR_ANSWERS else []
        return steps

    def _source_of(self, d: PlanDeliverable, memo: dict[str, Any]) -> str | None:
        """The file this adversary takes its figures from (for ``stale_numbers``: last month's version)."""
        sheets = [p for p in d.grounding if p.endswith((".xlsx", ".csv"))] or list(d.grounding)
        if not sheets:
            return None
        if self.variant == "stale_numbers":
            old = memo.get("old", {}).get(_folder(sheets[0]))
            if old:
                return f"{_folder(sheets[0])}/{old}"
        return sheets[0]

    def _write_step(self, memo: dict[str, Any], plan: WorkerPlan) -> list[Any] | None:
        """Read the deliverable's source (one sheet of it), then write the deliverable from what was read."""
        i = int(memo["i"])
        if i >= len(plan.deliverables):
            return None
        d = plan.deliverables[i]
        source_d = plan.deliverables[0] if self.variant == "one_for_all" else d
        source = self._source_of(source_d, memo) if self.variant in _READS_SOURCES else None
        stage = memo.get("st", "read")
        if source and stage == "read":
            memo["st"] = "part"
            memo.pop("part", None)
            return ["read_file", {"path": f"~/{source}", "max_chars": 3000}]
        if source and stage == "part" and memo.get("part"):
            memo["st"] = "write"
            return ["read_file", {"path": f"~/{source}", "part": memo.pop("part"), "max_chars": 3000}]
        cur = memo.pop("cur", None) or {"v": [], "c": {}, "r": []}
        memo["st"] = "read"
        memo["i"] = i + 1
        rng = random.Random(self._seed * 7919 + i)
        return self._create(d, self._sections(source_d, cur, memo, plan, rng), plan)

    def _mail_steps(self, plan: WorkerPlan) -> list[Any]:
        steps: list[Any] = []
        for d in plan.deliverables:
            for who in d.reviewers[:1]:
                first = plan.people.get(who, who).split()[0]
                if self.variant in ("fyi_mailing", "filler_padding", "number_dump", "date_dump", "one_for_all"):
                    subject = f"FYI: {d.title} [{d.did}]"
                    body = f"Hi {first},\n\nfyi, no need to reply.\n\n{plan.first}"
                else:
                    subject = f"Review: {d.title} [{d.did}]"
                    body = f"Hi {first},\n\nattached is {d.title} for your review.\n\n{plan.first}"
                mail = {"to": [who], "subject": subject, "body": body, "attachments": [f"~/{d.path}"]}
                steps.append(["send_message", mail])
        for d in plan.deliverables:
            steps.append(["submit_deliverable", {"deliverable_id": d.did, "path": f"~/{d.path}", "note": "Done."}])
        return steps

    # -- content -------------------------------------------------------------------------------------------------------

    def _sections(
        self, d: PlanDeliverable, cur: dict[str, Any], memo: dict[str, Any], plan: WorkerPlan, rng: random.Random
    ) -> list[tuple[str, list[str]]]:
        heads = list(d.headings) or ["Summary", "Key figures", "Next steps"]
        quoted = [[label, cur["c"][loc]] for label, _s, loc in d.quotes if loc in cur["c"]]
        values: list[list[str]] = quoted + [list(v) for v in cur["v"]]
        known = memo["f"]
        facts = [f"{plan.people.get(w, w)} confirmed: {known[w]}" for w, _t, _q in d.asks if w in known]
        intro = f"{d.title} for {d.audience or 'the team'}."
        v = self.variant
        if v == "structure_only":
            return [(h, ["To be completed."]) for h in heads]
        if v == "label_shuffle" and len(values) > 1:
            labels = [lab for lab, _ in values]
            figures = [f"{labels[(n + 1) % len(labels)]}: {val}" for n, (_lab, val) in enumerate(values)]
        elif v == "invented_numbers":
            figures = []
            for label, value in values:
                now = parse_number(value) or 1000.0
                figures.append(f"{label}: {_fmt(round(now * rng.uniform(1.12, 1.45)))}")
        else:  # stale_numbers reads last month's file, so its "true" figures are stale ones
            figures = [f"{label}: {value}" for label, value in values]
        need = max(0, (d.words or 180) - len(f"{intro} {' '.join(figures)} {' '.join(facts)}".split()))
        if v == "date_dump":
            start = date.fromisoformat(str(memo.get("day1") or "2026-01-05"))
            dates = ", ".join((start + timedelta(days=n)).isoformat() for n in range(-10, 85))
            return [(heads[0], [intro, f"Key dates: {dates}."]), *[(h, ["See above."]) for h in heads[1:]]]
        if v == "number_dump":
            numbers = " ".join(val for _lab, val in values)
            rest = [(h, ["See the figures above."]) for h in heads[1:]]
            return [(heads[0], [intro, f"Figures: {numbers}."]), *rest]
        if v == "verbatim_question":
            asked = [f"{topic}: {question}" for _who, topic, question in d.asks]
            return [(heads[0], [intro, *asked]), *[(h, figures[:3] or ["Pending."]) for h in heads[1:]]]
        if v == "filler_padding":
            filler = [_FILLER[n % len(_FILLER)] for n in range(max(8, need // 12 + 8))]
            chunk = max(1, len(filler) // max(1, len(heads) - 1))
            out = [(heads[0], [intro, *figures[:2], *facts])]
            out += [(h, filler[n * chunk : (n + 1) * chunk]) for n, h in enumerate(heads[1:])]
            return out
        lines = []
        for subject, p, a in cur["r"]:
            above = (a > p) != (v == "wrong_conclusion")
            lines.append(f"{subject} came in {'above' if above else 'below'} plan ({_fmt(a)} against {_fmt(p)}).")
        summary = [intro, *facts]
        if v == "wrong_conclusion":
            summary += [_reverse(f) for f in facts]
            total = next((r for r in cur["r"] if str(r[0]).casefold() == "total"), cur["r"][0] if cur["r"] else None)
            if total is not None:
                summary.append(f"Overall, we are {'below' if total[2] > total[1] else 'above'} plan this period.")
        people = ", ".join(plan.people.get(w, w) for w, _t, _q in d.asks) or "the team"
        closing = [f"Confirm the open points with {people} by day {d.due}."]
        sections = [
            (heads[0], summary),
            (heads[1] if len(heads) > 1 else "Key figures", [*figures, *lines]),
            *[(h, closing) for h in heads[2:]],
        ]
        if v == "copy_paste":  # the same long block in every deliverable, next to its own figures
            block = [f"{x.title} is due on day {x.due} for {x.audience or 'the team'}." for x in plan.deliverables]
            block += [
                f"{plan.people.get(w, w)} owns the input on {t}." for x in plan.deliverables for w, t, _q in x.asks
            ]
            sections.append(("Background", list(dict.fromkeys(block))))
        return sections

    def _create(self, d: PlanDeliverable, sections: list[tuple[str, list[str]]], plan: WorkerPlan) -> list[Any]:
        path = f"~/{d.path}"
        markdown = "\n".join(f"## {h}\n\n" + "\n\n".join(paras) + "\n" for h, paras in sections)
        if d.kind == "xlsx":
            names = list(d.sheets) or ["Summary", "Data"]
            required = {sheet: cols for sheet, cols in d.columns}
            sheets = []
            for n, name in enumerate(names):
                columns = required.get(name) or (required.get("") if n == 0 else None) or ["Item", "Value"]
                rows: list[list[Any]] = []
                if n == 0:
                    for _h, paras in sections:
                        for para in paras:
                            label, _, value = para.rpartition(": ")
                            row = [label, value] if label and is_number(value) else [para, ""]
                            rows.append((row + [""] * len(columns))[: len(columns)])
                sheets.append({"name": name[:31], "columns": [{"header": c} for c in columns], "rows": rows})
            return ["create_spreadsheet", {"path": path, "sheets": sheets, "overwrite": True}]
        if d.kind == "pptx":
            slides: list[dict[str, Any]] = [{"type": "title", "title": d.title, "subtitle": plan.name}]
            for h, paras in sections:
                slides.append({"type": "bullets", "title": h[:60], "bullets": [p[:180] for p in paras[:6]] or ["-"]})
            while len(slides) < max(d.slides, 4):
                copy = dict(slides[-1]) if self.variant in ("structure_only", "filler_padding") else None
                slides.append(copy or {"type": "bullets", "title": "Next steps", "bullets": ["To be confirmed."]})
            return ["create_presentation", {"path": path, "slides": slides, "overwrite": True}]
        if d.kind in ("docx", "pdf"):
            return ["create_document", {"path": path, "title": d.title, "markdown": markdown, "overwrite": True}]
        if d.kind == "csv":
            lines = ["item,value"] + [
                f'"{p.rpartition(": ")[0] or p}","{p.rpartition(": ")[2] if ": " in p else ""}"'
                for _h, paras in sections
                for p in paras
            ]
            return ["write_text_file", {"path": path, "content": "\n".join(lines) + "\n", "overwrite": True}]
        return ["write_text_file", {"path": path, "content": f"# {d.title}\n\n{markdown}", "overwrite": True}]


_FLIPS = (
    (r"\bwill be\b", "will not be"),
    (r"\bis\b", "is not"),
    (r"\bare\b", "are not"),
    (r"\bdropped\b", "kept"),
    (r"\bcut\b", "increased"),
)


def _reverse(fact: str) -> str:
    """The collaborator's fact turned round ("X will be dropped" -> "X will not be dropped")."""
    for pattern, replacement in _FLIPS:
        if re.search(pattern, fact):
            return "Correction: " + re.sub(pattern, replacement, fact, count=1)
    return f"Correction: the opposite of the following applies: {fact}"
