"""CollaboratorAgent: a simulated colleague who only ever sees mail addressed to them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from autogen_agentchat.agents import BaseChatAgent
from autogen_agentchat.base import Response
from autogen_agentchat.messages import BaseChatMessage, TextMessage
from autogen_core import CancellationToken, Component, ComponentModel
from autogen_core.models import ChatCompletionClient, LLMMessage, SystemMessage, UserMessage
from pydantic import BaseModel, Field
from typing_extensions import Self

from ..office import Attachment, OfficeError, extract_text
from ..world import CollaboratorPersona

__all__ = ["CollaboratorAgent", "CollaboratorAgentConfig", "render_mail"]

_FILE_BLOCK = re.compile(r"```file:([^\n`]+)\n(.*?)```", re.S)
_MAX_ATTACHMENT_CHARS = 6000


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
    with a delivery time of now + its responsiveness. A reply may carry files: fenced blocks
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

    async def _ask(self, mail: str, cancellation_token: CancellationToken) -> str:
        messages: list[LLMMessage] = [
            SystemMessage(content=self._persona.system_prompt(self._user)),
            UserMessage(content=mail, source="mail"),
        ]
        result = await self._client.create(messages, cancellation_token=cancellation_token)
        content = result.content
        return content if isinstance(content, str) else "Thanks, I will get back to you."

    async def on_messages(self, messages: Sequence[BaseChatMessage], cancellation_token: CancellationToken) -> Response:
        """Answer pending mail (in a world) or the latest chat message naming this collaborator."""
        if self._world is None:
            return await self._chat(messages, cancellation_token)
        world = self._world
        persona = self._persona
        handled = 0
        for summary in world.mailbox.pending_for(persona.email):
            message = world.mailbox.read(summary.message_id, reader=persona.email)
            mail = render_mail(summary.sender, summary.to, summary.subject, message.body, message.attachments)
            text = await self._ask(mail, cancellation_token)
            body, files = _split_files(text)
            deliver = world.clock.now + timedelta(hours=persona.responsiveness)
            world.mailbox.reply(summary.message_id, persona.display_address, body, files, deliver_at=deliver)
            handled += 1
        self._answered += handled
        note = f"{persona.name} answered {handled} message(s)." if handled else f"{persona.name} has no new mail."
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


def _split_files(text: str) -> tuple[str, list[Attachment]]:
    files = [
        Attachment(filename=m.group(1).strip()[:120] or "note.txt", content=m.group(2).encode("utf-8"))
        for m in _FILE_BLOCK.finditer(text)
    ]
    body = _FILE_BLOCK.sub(lambda m: f"(attached: {m.group(1).strip()})", text).strip()
    return body or "(see attachment)", files
