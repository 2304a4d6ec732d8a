"""The scripted collaborator frames mails by its persona's style: "formal" is a word, "informal" is not formal."""

from __future__ import annotations

import pytest

from synthcomp_agents.agents import CollaboratorPersona
from synthcomp_agents.models._scripted_people import collaborator_reply

MAIL = "From: Jonas Weber <jonas.weber@hollmann-components.de>\nSubject: Q1 credit notes\n\nAny credit notes in Q1?"


def _reply(style: str) -> str:
    persona = CollaboratorPersona(
        name="Petra Lang",
        identifier="petra_lang",
        role="Controller",
        organisation="Hollmann Components",
        email="petra.lang@hollmann-components.de",
        communication_style=style,
        private_knowledge=[{"topic": "Q1 credit notes", "fact": "Two credit notes were issued on 12 March 2026."}],
    )
    return collaborator_reply(persona.system_prompt("Jonas Weber"), MAIL)


@pytest.mark.parametrize("style", ["formal and precise", "very formal", "semi-formal, polite", "Formal."])
def test_formal_styles_open_with_dear(style: str) -> None:
    reply = _reply(style)
    assert reply.startswith("Dear Jonas,") and "Kind regards,\nPetra" in reply
    assert "Two credit notes were issued on 12 March 2026." in reply


@pytest.mark.parametrize(
    ("style", "opening"),
    [
        ("informal and quick", "Hi Jonas,"),
        ("informal, chatty", "Hi Jonas!"),
        ("relaxed; not formally polite", "Hi Jonas,"),
    ],
)
def test_informal_styles_do_not_open_with_dear(style: str, opening: str) -> None:
    reply = _reply(style)
    assert reply.startswith(opening) and "Dear" not in reply and "Kind regards" not in reply
    assert "Two credit notes were issued on 12 March 2026." in reply


def test_a_long_message_style_writes_more_than_a_short_one_and_keeps_the_fact_first() -> None:
    long, short = _reply("replies late in the evening, in long detailed messages"), _reply("short, direct e-mails")
    assert len(long.split()) >= 2 * len(short.split())
    fact = "Two credit notes were issued on 12 March 2026."
    assert fact in long and long.index(fact) < long.index("A bit of background")  # the answer comes first
