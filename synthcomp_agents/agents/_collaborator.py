"""CollaboratorAgent: a simulated colleague who only ever sees mail addressed to them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from autogen_agentchat.agents import BaseChatAgent
from autogen_agentchat.base import Response
from autogen_agentchat.messages import BaseChatMessage, TextMessage
from autogen_core import CancellationToken, Component, ComponentModel
from autogen_core.models import AssistantMessage, ChatCompletionClient, LLMMessage, SystemMessage, UserMessage
from pydantic import BaseModel, Field
from typing_extensions import Self

from ..models import NO_REPLY
from ..office import Attachment, OfficeError, extract_text
from ..world import CollaboratorPersona

__all__ = ["CollaboratorAgent", "CollaboratorAgentConfig", "render_mail"]

_FILE_BLOCK = re.compile(r"```file:([^\n`]+)\n(.*?)```", re.S)
_MAX_ATTACHMENT_CHARS = 6000
_MAX_FILE_CHARS = 3000
_MAX_FILES = 4
_MAX_HISTORY = 8
FILES_HEADER = "Project files you have seen (excerpts; the user has them too):"


class CollaboratorAgentConfig(BaseModel):
    """Component config of :class:`CollaboratorAgent` (the world by id; the model client as a nested component)."""

    name: str
    persona: dict[str, Any]
    model_client: ComponentModel
    world: str | None = Field(default=None, description="world_id; without one the agent answers chat messages.")
    user_name: str = Field(default="", description="Who the collaborator works with (for the prompt).")
    description: str | None = None


def render_mail(sender: str, to: Sequence[str], subject: str, body: str, attachments: Mapping[str, bytes]) -> str:
    """The text a collaborator's model sees for one mail (attachments as extracted text)."""
    lines = [f"From: {sender}", f"To: {', '.join(to)}", f"Subject: {subject}", "", body.strip()]
    for name, data in attachments.items():
        try:
            text = extract_text(name, data, max_chars=_MAX_ATTACHMENT_CHARS)
        except OfficeError as exc:
            text = f"(could not open the attachment: {exc})"
        lines += ["", f"[Attachment: {name}]", text.strip(), "[End of attachment]"]
    return "\n".join(lines)


class CollaboratorAgent(BaseChatAgent, Component[CollaboratorAgentConfig]):
    """A collaborator who answers only mail addressed to them, from their persona and private knowledge.

    In a simulation (``world`` given) it ignores the group thread entirely: each turn it reads the mail in the
    world's mailbox addressed to it and not yet answered, asks its model about each one (system prompt = persona +
    private knowledge, user message = that one mail with its attachments as text) and replies through the mailbox
    with a delivery time of now + its responsiveness (for a style that says they reply late: that evening, see
    :meth:`~synthcomp_agents.world.CollaboratorPersona.reply_due`). A reply may carry files: fenced blocks
    ```` ```file:name.md ```` in the model's answer become attachments.

    Without a world (any AutoGen app) it answers the latest chat message that names it (identifier, name or
    e-mail), seeing only that message.

    Args:
        persona: who it is.
        model_client: the model that writes its replies.
        world: the world or its id (None: plain chat mode).
        name: agent name (default the persona's identifier).
        user_name: the person it works with (default the world's user).
        description: AutoGen description.

    Example:
        >>> import asyncio
        >>> from autogen_agentchat.messages import TextMessage
        >>> from autogen_core import CancellationToken
        >>> from synthcomp_agents.models import ScriptedPolicyClient
        >>> persona = CollaboratorPersona(name="Dana Lee", identifier="dana_lee", role="Controller",
        ...     organisation="Acme", email="dana.lee@acme.example", communication_style="terse",
        ...     private_knowledge=[{"topic": "Q3 budget", "fact": "Travel is cut by 15% from 1 October."}])
        >>> agent = CollaboratorAgent(persona, ScriptedPolicyClient(role="collaborator"))
        >>> ask = TextMessage(content="dana_lee, what is the latest on the Q3 budget?", source="ana")
        >>> reply = asyncio.run(agent.on_messages([ask], CancellationToken()))
        >>> reply.chat_message.to_text().splitlines()[0]
        'Travel is cut by 15% from 1 October.'
    """

    component_type = "agent"
    component_config_schema = CollaboratorAgentConfig
    component_provider_override = "synthcomp_agents.agents.CollaboratorAgent"

    def __init__(
        self,
        persona: CollaboratorPersona,
        model_client: ChatCompletionClient,
        *,
        world: Any = None,
        name: str | None = None,
        user_name: str = "",
        description: str | None = None,
    ) -> None:
        from ..world import World, get_world

        self._persona = persona
        self._client = model_client
        self._world: World | None = get_world(world) if isinstance(world, str) else world
        self._user = user_name or (self._world.user_name if self._world is not None else "your colleague")
        self._config_description = description
        self._answered = 0
        super().__init__(
            name or persona.identifier,
            description or f"{persona.name}, {persona.role} at {persona.organisation}; answers mail addressed to them.",
        )

    @property
    def persona(self) -> CollaboratorPersona:
        """The persona."""
        return self._persona

    @property
    def model_client(self) -> ChatCompletionClient:
        """The model client."""
        return self._client

    @property
    def produced_message_types(self) -> Sequence[type[BaseChatMessage]]:
        return (TextMessage,)

    async def _ask(
        self,
        mail: str,
        cancellation_token: CancellationToken,
        history: Sequence[tuple[bool, str]] = (),
        files: str = "",
    ) -> str:
        messages: list[LLMMessage] = [SystemMessage(content=self._persona.system_prompt(self._user))]
        if files:
            messages.append(SystemMessage(content=files))
        for mine, text in history:  # earlier mail with the user, oldest first: what was asked and told
            messages.append(
                AssistantMessage(content=text, source=self.name) if mine else UserMessage(content=text, source="mail")
            )
        messages.append(UserMessage(content=mail, source="mail"))
        result = await self._client.create(messages, cancellation_token=cancellation_token)
        content = result.content
        return content if isinstance(content, str) else "Thanks, I will get back to you."

    def _history(self, current: str) -> list[tuple[bool, str]]:
        """Earlier mail between this collaborator and the user (delivered, before ``current``), oldest first."""
        assert self._world is not None
        mailbox = self._world.mailbox
        me = self._persona.email.lower()
        owner = mailbox.owner.lower()
        mails = [s for s in mailbox.outbox_for(me) if s.message_id != current and _bare(s.sender) == owner]
        mails += [s for s in mailbox.outbox_for(owner) if _bare(s.sender) == me]
        mails.sort(key=lambda s: (s.date, s.message_id))
        now = mailbox.outbox_for(me)
        cutoff = next((s.date for s in now if s.message_id == current), None)
        out: list[tuple[bool, str]] = []
        for summary in mails:
            if cutoff is not None and summary.date > cutoff:
                continue
            try:
                body = mailbox.body_of(summary.message_id)
            except Exception:  # a mail gone from the disk is not part of the history
                continue
            text = render_mail(summary.sender, summary.to, summary.subject, body, {})
            out.append((_bare(summary.sender) == me, f"Date: {summary.date:%Y-%m-%d %H:%M}\n{text}"))
        return out[-_MAX_HISTORY:]

    def _files(self, mail: str) -> str:
        """Excerpts of the project files this collaborator works on: those the mail names, then the grounding files
        of the deliverables they are asked about or review (the world's plan)."""
        world = self._world
        if world is None:
            return ""
        ranked: list[tuple[int, int, str]] = []
        plan = world.plan
        who = self._persona.identifier
        if plan is not None:
            for deliverable in plan.deliverables():
                involved = any(i.collaborator == who for i in deliverable.collaborator_inputs) or any(
                    getattr(c, "collaborator", None) == who for c in deliverable.acceptance_checks
                )
                named = deliverable.title.lower() in mail.lower()
                for path in deliverable.grounding_files:
                    base = path.rsplit("/", 1)[-1]
                    rank = 0 if named else 1 if base in mail and not base.lower().startswith("readme") else 2
                    if rank < 2 or involved:
                        ranked.append((rank, len(ranked), path))
            ranked += [(3, len(ranked), path) for path in self._project_documents(plan, who)]
        paths = [p for _r, _n, p in sorted(ranked)]
        blocks: list[str] = []
        for path in dict.fromkeys(paths):
            if len(blocks) >= _MAX_FILES:
                break
            try:
                data = world.disk.read_bytes(path)
                text = extract_text(path.rsplit("/", 1)[-1], data, max_chars=_MAX_FILE_CHARS)
            except Exception:  # a file gone or unreadable is simply not seen
                continue
            if text.strip():
                blocks.append(f"[File: ~/{path}]\n{text.strip()}\n[End of file]")
        return "\n".join([FILES_HEADER, *blocks]) if blocks else ""

    def _project_documents(self, plan: Any, who: str) -> list[str]:
        """The newest brief of each project folder this collaborator has a deliverable in, as it stood before the
        run: a colleague knows the project's current brief, not only the files a deliverable is grounded on (not
        its meeting notes or action tables, whose rows answer nothing)."""
        world = self._world
        assert world is not None
        own = {d.path for d in plan.deliverables()}
        out: list[str] = []
        for deliverable in plan.deliverables():
            involved = any(i.collaborator == who for i in deliverable.collaborator_inputs) or any(
                getattr(c, "collaborator", None) == who for c in deliverable.acceptance_checks
            )
            folder = deliverable.path.rsplit("/", 1)[0] if "/" in deliverable.path else ""
            if not involved or not folder:
                continue
            try:
                listing = world.disk.list(folder)
            except Exception:  # a folder gone is simply not known
                continue
            documents = [
                f
                for f in listing
                if not f.is_dir
                and f.name.lower().endswith((".docx", ".md", ".pdf", ".txt"))
                and "brief" in f.name.lower()
                and f.path not in own
                and f.modified.date() < plan.start_date
            ]
            if documents:
                newest = max(documents, key=lambda f: (f.modified, f.path))
                out.append(newest.path)
        return list(dict.fromkeys(out))

    async def on_messages(self, messages: Sequence[BaseChatMessage], cancellation_token: CancellationToken) -> Response:
        """Answer pending mail (in a world) or the latest chat message naming this collaborator."""
        if self._world is None:
            return await self._chat(messages, cancellation_token)
        world = self._world
        persona = self._persona
        handled = 0
        arrivals: list[str] = []
        for summary in world.mailbox.pending_for(persona.email):
            message = world.mailbox.read(summary.message_id, reader=persona.email)
            mail = render_mail(summary.sender, summary.to, summary.subject, message.body, message.attachments)
            history = self._history(summary.message_id)
            text = await self._ask(mail, cancellation_token, history, self._files(mail))
            if text.strip() in ("", NO_REPLY):  # a thank-you that asks nothing: read, and left without an answer
                continue
            body, files = _split_files(text)
            deliver = persona.reply_due(world.clock.now, world.clock.tz)
            world.mailbox.reply(summary.message_id, persona.display_address, body, files, deliver_at=deliver)
            handled += 1
            arrivals.append(deliver.astimezone(world.clock.tz).strftime("%a %H:%M"))
        self._answered += handled
        # written now, delivered after their responsiveness: the note says when the worker will see it
        when = ", ".join(dict.fromkeys(arrivals))
        note = (
            f"{persona.name} answered {handled} message(s); the reply reaches the inbox {when}."
            if handled
            else f"{persona.name} has no new mail."
        )
        return Response(chat_message=TextMessage(content=note, source=self.name))

    async def _chat(self, messages: Sequence[BaseChatMessage], cancellation_token: CancellationToken) -> Response:
        persona = self._persona
        keys = {persona.identifier.lower(), persona.name.lower(), persona.first_name.lower(), persona.email.lower()}
        for message in reversed(messages):
            if message.source == self.name:
                continue
            text = message.to_text()
            if any(k in text.lower() for k in keys):
                mail = render_mail(message.source, [persona.display_address], "(chat)", text, {})
                answer, _ = _split_files(await self._ask(mail, cancellation_token))
                self._answered += 1
                return Response(chat_message=TextMessage(content=answer, source=self.name))
        return Response(chat_message=TextMessage(content="(nothing for me)", source=self.name))

    async def on_reset(self, cancellation_token: CancellationToken) -> None:
        self._answered = 0

    async def save_state(self) -> Mapping[str, Any]:
        """Only a counter: the mail it answered lives in the mailbox."""
        return {"type": "CollaboratorAgentState", "answered": self._answered}

    async def load_state(self, state: Mapping[str, Any]) -> None:
        self._answered = int(state.get("answered", 0))

    def _to_config(self) -> CollaboratorAgentConfig:
        return CollaboratorAgentConfig(
            name=self.name,
            persona=self._persona.model_dump(mode="json"),
            model_client=self._client.dump_component(),
            world=self._world.world_id if self._world is not None else None,
            user_name=self._user,
            description=self._config_description,
        )

    @classmethod
    def _from_config(cls, config: CollaboratorAgentConfig) -> Self:
        return cls(
            CollaboratorPersona.model_validate(config.persona),
            ChatCompletionClient.load_component(config.model_client),
            world=config.world,
            name=config.name,
            user_name=config.user_name,
            description=config.description,
        )


def _bare(address: str) -> str:
    match = re.search(r"<([^>]+)>", address)
    return (match.group(1) if match else address).strip().lower()


def _split_files(text: str) -> tuple[str, list[Attachment]]:
    files = [
        Attachment(filename=m.group(1).strip()[:120] or "note.txt", content=m.group(2).encode("utf-8"))
        for m in _FILE_BLOCK.finditer(text)
    ]
    body = _FILE_BLOCK.sub(lambda m: f"(attached: {m.group(1).strip()})", text).strip()
    return body or "(see attachment)", files
