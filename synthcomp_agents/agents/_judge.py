"""JudgeAgent: scores a deliverable's rubric items with structured output (any AutoGen model client).

The judge scores substance (are the claims supported, is the recommendation sound, is it fit for its audience) and
the plan's rubric, quoting the deliverable as evidence; a score whose quotes are not in the text is dropped
(:func:`check_evidence`). It sees one prompt per deliverable (:func:`judge_prompt`): what was asked, the program
checks already run on the file (in plain words), the rubric items and the deliverable's text. It answers a
:class:`RubricVerdict`: a score in [0, 1] per item, or ``null`` with a reason when it cannot judge an item.
Offline, the scripted judge (``ScriptedPolicyClient(role="judge")``) leaves every item unscored and says why: the
program checks count on their own, and echoing them is not judgement.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from autogen_agentchat.agents import BaseChatAgent
from autogen_agentchat.base import Response
from autogen_agentchat.messages import BaseChatMessage, StructuredMessage, TextMessage
from autogen_core import CancellationToken, Component, ComponentModel
from autogen_core.models import ChatCompletionClient, LLMMessage, SystemMessage, UserMessage
from pydantic import BaseModel, Field, ValidationError
from typing_extensions import Self

__all__ = [
    "JUDGE_SYSTEM_PROMPT",
    "SUBSTANCE_ITEMS",
    "JudgeAgent",
    "JudgeAgentConfig",
    "RubricScore",
    "RubricVerdict",
    "check_evidence",
    "judge_prompt",
    "parse_verdict",
]

JUDGE_SYSTEM_PROMPT = (
    "You are a strict, fair reviewer of office work. Judge substance, not form: are the claims supported by the "
    "figures and facts given, is the recommendation sound given them, is it fit for its audience. Numbers under the "
    "wrong label, conclusions the figures contradict, filler and repetition score low. For each rubric item give a "
    "score from 0 to 1 and a one-sentence reason, with the exact sentences of the deliverable you rely on as "
    "evidence (copied verbatim). If the text cannot decide an item, give null and say what is missing. Answer only "
    'with JSON: {"scores": [{"rubric_id": "...", "score": 0.0, "reason": "...", "evidence": ["..."]}], '
    '"comment": "..."}'
)
SUBSTANCE_ITEMS = (
    ("substance-supported", "Every claim is supported by the figures and facts it cites, under the right labels."),
    ("substance-sound", "The conclusion or recommendation follows from the figures and the colleagues' input."),
    ("substance-audience", "It is fit for its audience: what they need, no filler, no repetition."),
)
"""Items the judge scores on every deliverable besides the plan's rubric."""
_MAX_TEXT = 12_000


class RubricScore(BaseModel):
    """The judge's score of one rubric item (None: not judged, with the reason)."""

    rubric_id: str
    score: float | None = Field(default=None, ge=0.0, le=1.0)
    reason: str = ""
    evidence: list[str] = Field(default_factory=list, description="Verbatim sentences of the deliverable.")


class RubricVerdict(BaseModel):
    """The judge's structured answer for one deliverable."""

    scores: list[RubricScore] = Field(default_factory=list)
    comment: str = ""


def judge_prompt(
    *,
    title: str,
    kind: str,
    audience: str,
    description: str,
    rubric: Sequence[tuple[str, str]],
    checks: Sequence[tuple[str, bool, str]],
    text: str,
) -> str:
    """The prompt the judge scores: the ask, the program checks, the rubric items and the deliverable's text.

    Example:
        >>> print(judge_prompt(title="Q1 memo", kind="md", audience="CFO", description="Spend memo.",
        ...                    rubric=[("r1", "Numbers match the tracker.")], checks=[("quotes_value", True, "ok")],
        ...                    text="Q1 spend was 1.47m.").splitlines()[5:9])
        ['- [ok] quotes_value: ok', '', 'Rubric:', '- r1: Numbers match the tracker.']
    """
    lines = [
        f"Deliverable: {title} ({kind})",
        f"Audience: {audience}",
        f"Asked for: {description}",
        "",
        "Program checks:",
        *[f"- [{'ok' if ok else 'FAIL'}] {kind_}: {detail}" for kind_, ok, detail in checks],
        "",
        "Rubric:",
        *[f"- {rubric_id}: {criterion}" for rubric_id, criterion in rubric],
        "",
        "Deliverable text:",
        text[:_MAX_TEXT]
        + (f"\n[... {len(text) - _MAX_TEXT} more characters not shown]" if len(text) > _MAX_TEXT else ""),
    ]
    return "\n".join(lines)


def check_evidence(verdict: RubricVerdict, text: str) -> RubricVerdict:
    """Keep a score only when its evidence is quoted from the deliverable: a score without evidence, or with a quote
    the text does not contain, becomes unscored with the reason.

    Example:
        >>> v = RubricVerdict(scores=[RubricScore(rubric_id="r1", score=0.9, evidence=["Spend rose 4%."]),
        ...                           RubricScore(rubric_id="r2", score=1.0, evidence=["Not in the text."])])
        >>> [s.score for s in check_evidence(v, "Q1. Spend rose 4%. Next.").scores]
        [0.9, None]
    """
    flat = " ".join(text.split()).casefold()
    out: list[RubricScore] = []
    for s in verdict.scores:
        quotes = [" ".join(q.split()).casefold() for q in s.evidence if q.strip()]
        if s.score is not None and (not quotes or not all(q in flat for q in quotes)):
            why = "no evidence quoted" if not quotes else "its evidence is not in the deliverable"
            s = s.model_copy(update={"score": None, "reason": f"unscored: {why} ({s.reason})"})
        out.append(s)
    return verdict.model_copy(update={"scores": out})


def parse_verdict(content: str, rubric_ids: Sequence[str]) -> RubricVerdict:
    """Parse a model's answer (JSON, possibly fenced or with prose around it) into a verdict for ``rubric_ids``.

    Unknown ids are dropped; items the answer does not score get ``None`` with the reason; a malformed answer gives
    ``None`` for every item (never an exception).
    """
    match = re.search(r"\{.*\}", content, re.S)
    verdict = RubricVerdict(comment="the judge's answer was not valid JSON")
    if match:
        try:
            data: Any = json.loads(match.group(0))
            if isinstance(data, dict) and isinstance(data.get("scores"), dict):  # {"r1": 0.5} shorthand
                data["scores"] = [{"rubric_id": k, "score": v} for k, v in data["scores"].items()]
            verdict = RubricVerdict.model_validate(data)
        except (json.JSONDecodeError, ValidationError) as exc:
            verdict = RubricVerdict(comment=f"the judge's answer did not match the schema: {str(exc)[:200]}")
    by_id = {s.rubric_id: s for s in verdict.scores}
    scores = [
        by_id.get(rid) or RubricScore(rubric_id=rid, score=None, reason="the judge gave no score for this item")
        for rid in rubric_ids
    ]
    return RubricVerdict(scores=scores, comment=verdict.comment)


class JudgeAgentConfig(BaseModel):
    """Component config of :class:`JudgeAgent`."""

    name: str = "judge"
    model_client: ComponentModel
    system_message: str = JUDGE_SYSTEM_PROMPT
    description: str | None = None


class JudgeAgent(BaseChatAgent, Component[JudgeAgentConfig]):
    """Scores rubric items of a deliverable; answers a ``StructuredMessage[RubricVerdict]``.

    Send it a :func:`judge_prompt` as a text message (or call :meth:`judge`). With a model that supports structured
    output the verdict schema is passed as ``json_output``; otherwise the JSON answer is parsed leniently.

    Example:
        >>> import asyncio
        >>> from synthcomp_agents.models import ScriptedPolicyClient
        >>> judge = JudgeAgent(ScriptedPolicyClient(role="judge"))
        >>> prompt = judge_prompt(title="Q1 memo", kind="md", audience="CFO", description="Spend memo.",
        ...     rubric=[("r1", "Numbers match the grounding files exactly."), ("r2", "Persuasive tone.")],
        ...     checks=[("quotes_value", True, "states 1,465,552.50"), ("grounded_numbers", False, "1 of 2")],
        ...     text="Q1 spend was 1,465,552.50 and 9,999.")
        >>> verdict = asyncio.run(judge.judge(prompt, ["r1", "r2"]))
        >>> [(s.rubric_id, s.score) for s in verdict.scores]
        [('r1', None), ('r2', None)]
    """

    component_type = "agent"
    component_config_schema = JudgeAgentConfig
    component_provider_override = "synthcomp_agents.agents.JudgeAgent"

    def __init__(
        self,
        model_client: ChatCompletionClient,
        *,
        name: str = "judge",
        system_message: str = JUDGE_SYSTEM_PROMPT,
        description: str | None = None,
    ) -> None:
        super().__init__(name, description or "Scores a deliverable's rubric items from its text and checks.")
        self._client = model_client
        self._system = system_message
        self._config_description = description

    @property
    def produced_message_types(self) -> Sequence[type[BaseChatMessage]]:
        return (StructuredMessage[RubricVerdict],)

    async def judge(
        self, prompt: str, rubric_ids: Sequence[str], cancellation_token: CancellationToken | None = None
    ) -> RubricVerdict:
        """Score the rubric items ``rubric_ids`` described in ``prompt``."""
        messages: list[LLMMessage] = [SystemMessage(content=self._system), UserMessage(content=prompt, source="user")]
        structured = bool(self._client.model_info.get("structured_output"))
        result = await self._client.create(
            messages,
            json_output=RubricVerdict if structured else True,
            cancellation_token=cancellation_token or CancellationToken(),
        )
        content = result.content if isinstance(result.content, str) else ""
        return parse_verdict(content, rubric_ids)

    async def on_messages(self, messages: Sequence[BaseChatMessage], cancellation_token: CancellationToken) -> Response:
        """Judge the latest text message (a :func:`judge_prompt`); the rubric ids are read from its ``Rubric:`` list."""
        prompt = next((m.to_text() for m in reversed(messages) if isinstance(m, TextMessage)), "")
        rubric_block = prompt.split("\nRubric:\n", 1)[-1].split("\n\n", 1)[0] if "\nRubric:\n" in prompt else ""
        ids = re.findall(r"^- ([A-Za-z0-9_.:-]+): ", rubric_block, re.M)
        verdict = await self.judge(prompt, ids, cancellation_token)
        return Response(chat_message=StructuredMessage[RubricVerdict](content=verdict, source=self.name))

    async def on_reset(self, cancellation_token: CancellationToken) -> None:
        """Stateless: nothing to reset."""

    def _to_config(self) -> JudgeAgentConfig:
        return JudgeAgentConfig(
            name=self.name,
            model_client=self._client.dump_component(),
            system_message=self._system,
            description=self._config_description,
        )

    @classmethod
    def _from_config(cls, config: JudgeAgentConfig) -> Self:
        return cls(
            ChatCompletionClient.load_component(config.model_client),
            name=config.name,
            system_message=config.system_message,
            description=config.description,
        )
