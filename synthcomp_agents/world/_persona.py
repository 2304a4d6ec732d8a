"""CollaboratorPersona: who a simulated collaborator is, how they write, how fast they answer, what only they know."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..computers import Collaborator, PrivateFact
from ..models import NO_REPLY

__all__ = ["CollaboratorPersona", "PersonaError"]


_LATE = re.compile(r"\b(replies late|late in the evening|in the evening|after hours)\b", re.IGNORECASE)
"""A communication style that says their replies come in the evening."""


class PersonaError(ValueError):
    """A persona file cannot be read or does not describe a valid collaborator."""


class CollaboratorPersona(BaseModel):
    """A simulated collaborator: identity, relationship, writing style, latency and private knowledge.

    Build one from a blueprint collaborator (:meth:`from_blueprint`), load it from a YAML or JSON file
    (:meth:`from_yaml`, :meth:`from_json`, :meth:`from_file`), or construct it in code.

    Attributes:
        name: Full name.
        identifier: Python identifier (the AutoGen agent name).
        role: Job title.
        organisation: Their organisation.
        relationship: Relationship to the user (``manager``, ``peer``, ``client``...).
        email: E-mail address.
        persona: One line describing them.
        communication_style: How they write (e.g. "short, direct e-mails; answers in bullet points").
        responsiveness: Typical reply latency in hours of simulated time.
        private_knowledge: Facts only they know (not on the user's disk), by topic.
        greeting: How they open a mail (``{first}`` is the recipient's first name); empty: from the style.
        sign_off: How they close a mail; empty: their first name.
        review_strictness: ``strict`` asks for changes when any of their facts is missing from a reviewed file,
            ``lenient`` only notes it.

    Example:
        >>> p = CollaboratorPersona(name="Dana Lee", identifier="dana_lee", role="Controller", organisation="Acme",
        ...                         relationship="peer", email="dana.lee@acme.example", persona="A careful controller.",
        ...                         communication_style="short, direct", responsiveness=2,
        ...                         private_knowledge=[{"topic": "Q3 budget", "fact": "Travel is cut by 15%."}])
        >>> p.display_address, p.facts_about("q3 budget")[0].fact
        ('Dana Lee <dana.lee@acme.example>', 'Travel is cut by 15%.')
    """

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    identifier: str
    role: str = Field(min_length=1)
    organisation: str = Field(min_length=1)
    relationship: str = Field(default="peer", min_length=1)
    email: str = Field(min_length=3)
    persona: str = Field(default="A colleague.", min_length=1)
    communication_style: str = Field(default="friendly and clear", min_length=1)
    responsiveness: float = Field(default=2.0, ge=0, le=24 * 30, description="Typical reply latency in hours.")
    private_knowledge: list[PrivateFact] = Field(default_factory=list)
    greeting: str = ""
    sign_off: str = ""
    review_strictness: str = Field(default="strict", pattern="^(strict|lenient)$")

    @field_validator("identifier")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not value.isidentifier() or not value.isascii():
            raise ValueError(f"identifier {value!r} must be an ASCII Python identifier (it names an AutoGen agent)")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if "@" not in value or " " in value.strip():
            raise ValueError(f"{value!r} is not an e-mail address")
        return value.strip()

    # -- views ------------------------------------------------------------------------------------------

    @property
    def display_address(self) -> str:
        """``'Name <address>'``."""
        return f"{self.name} <{self.email}>"

    @property
    def first_name(self) -> str:
        """The first word of the name."""
        return self.name.split()[0]

    def reply_due(self, sent: datetime, tz: tzinfo = timezone.utc) -> datetime:
        """When their answer to a mail sent at ``sent`` arrives: after their ``responsiveness``, and for a style that
        says they reply late or in the evening, not before 20:00 (``tz``, the user's local time) of that day; such
        a reply then reaches the inbox the next morning.

        Example:
            >>> p = CollaboratorPersona(name="Dana Lee", identifier="dana_lee", role="Controller", organisation="Acme",
            ...     email="dana@acme.example", responsiveness=1, communication_style="replies late in the evening")
            >>> p.reply_due(datetime(2026, 4, 13, 9, 0, tzinfo=timezone.utc)).strftime("%H:%M")
            '20:00'
            >>> p.model_copy(update={"communication_style": "short"}).reply_due(
            ...     datetime(2026, 4, 13, 9, 0, tzinfo=timezone.utc)).strftime("%H:%M")
            '10:00'
        """
        due = sent + timedelta(hours=self.responsiveness)
        if _LATE.search(self.communication_style):
            local = due.astimezone(tz)
            evening = local.replace(hour=20, minute=0, second=0, microsecond=0)
            if local < evening:
                due = evening.astimezone(due.tzinfo)
        return due

    def facts_about(self, topic: str) -> list[PrivateFact]:
        """Private facts whose topic equals ``topic`` (case-insensitive)."""
        key = topic.strip().lower()
        return [f for f in self.private_knowledge if f.topic.strip().lower() == key]

    def system_prompt(self, user_name: str) -> str:
        """The collaborator's system message: who they are, how they write, what only they know."""
        lines = [
            f"You are {self.name}, {self.role} at {self.organisation}. {self.persona}",
            f"Your relationship to {user_name}: {self.relationship.replace('_', ' ')}.",
            f"Your communication style: {self.communication_style}.",
        ]
        if self.greeting:
            lines.append(f"You open mails with: {self.greeting}")
        lines.append(f"You sign off as: {self.sign_off or self.first_name}")
        lines.append(f"Review strictness: {self.review_strictness}.")
        if self.private_knowledge:
            lines.append("What only you know (it is in no shared file; share it when asked about the topic):")
            lines.extend(f"- [{f.topic}] {f.fact}" for f in self.private_knowledge)
        else:
            lines.append("You have no private knowledge to share beyond general help.")
        lines.append(
            f"You only see mail addressed to you. Answer the mail below as {self.first_name} would, in your style. "
            "If it asks about a topic you know, give the fact exactly. If a file is attached for review, check it "
            "against what you know and ask for changes when your facts are missing or wrong; otherwise approve it. "
            f"A mail that only thanks you and asks nothing needs no answer: then reply with exactly {NO_REPLY}."
        )
        return "\n".join(lines)

    # -- construction -----------------------------------------------------------------------------------

    @classmethod
    def from_blueprint(cls, collaborator: Collaborator) -> CollaboratorPersona:
        """The persona of a blueprint collaborator."""
        return cls.model_validate(collaborator.model_dump())

    @classmethod
    def from_mapping(cls, data: Any, *, source: str = "<mapping>") -> CollaboratorPersona:
        """Validate already-parsed data (a mapping, or ``{"collaborator": {...}}``)."""
        if isinstance(data, dict) and set(data) == {"collaborator"}:
            data = data["collaborator"]
        if not isinstance(data, dict):
            raise PersonaError(f"{source}: expected a mapping of persona fields, got {type(data).__name__}")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(x) for x in e['loc']) or '(root)'}: {e['msg']}" for e in exc.errors()[:8]
            )
            raise PersonaError(f"{source}: not a valid collaborator persona ({problems})") from None

    @classmethod
    def from_yaml(cls, path: str | os.PathLike[str]) -> CollaboratorPersona:
        """Load a persona from a YAML file."""
        import yaml  # type: ignore[import-untyped,unused-ignore]

        text = _read(path)
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise PersonaError(f"{path}: invalid YAML ({exc})") from None
        return cls.from_mapping(data, source=str(path))

    @classmethod
    def from_json(cls, path: str | os.PathLike[str]) -> CollaboratorPersona:
        """Load a persona from a JSON file."""
        try:
            data = json.loads(_read(path))
        except json.JSONDecodeError as exc:
            raise PersonaError(f"{path}: invalid JSON ({exc})") from None
        return cls.from_mapping(data, source=str(path))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> CollaboratorPersona:
        """Load a persona from ``.json``, ``.yaml`` or ``.yml`` (by extension)."""
        suffix = Path(path).suffix.lower()
        return cls.from_json(path) if suffix == ".json" else cls.from_yaml(path)

    def to_yaml(self) -> str:
        """The persona as YAML text (loadable with :meth:`from_yaml`)."""
        import yaml

        text: str = yaml.safe_dump(self.model_dump(mode="json"), sort_keys=False, allow_unicode=True)
        return text


def _read(path: str | os.PathLike[str]) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise PersonaError(f"cannot read persona file {path}: {exc.strerror or exc}") from None
