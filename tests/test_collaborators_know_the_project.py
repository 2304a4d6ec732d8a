"""Colleagues answer from the right line and ask where numbers come from (issue 15, point 2).

Played as a model would: "Is Summit still in scope after the November change?" was answered with an unrelated row
of a usability deck that shared only the word "change", the manager had never seen the project's brief that answers
it, and a manager who "always asks for the source of a number" approved a draft whose figures named no file.
"""

from __future__ import annotations

from test_collaborators_converse import _mail

from synthcomp_agents.agents import CollaboratorPersona
from synthcomp_agents.models import NO_REPLY
from synthcomp_agents.models._scripted_people import collaborator_reply

DECISION = "Bluestone Labs will be dropped from the scope of QA scorecard next quarter; agreed verbally."
FILES = (
    "Project files you have seen (excerpts; the user has them too):\n"
    "[File: ~/Projects/QA scorecard/QA scorecard usability findings.pptx]\n"
    "| Change delivery address | 6 | 5 | 83,3% | 115 |\n"
    "[End of file]\n"
    "[File: ~/Projects/QA scorecard/QA scorecard brief Nov 2025_v2.docx]\n"
    "## Changes in this version\n- Close-out date moved from 2026-01-14 to 2026-01-28\n"
    "- Added Summit Lda. to the scope of the customer reviews\n"
    "[End of file]\n"
    "[File: ~/Projects/QA scorecard/Data/churn reasons Dec 2025_v2.xlsx]\n"
    "## Sheet Summary\n| row | A | B | C |\n| 7 | Total | 512,130 | 495,600 |\n"
    "[End of file]"
)


def _system(style: str, strictness: str = "strict") -> str:
    persona = CollaboratorPersona(
        name="Helena Gomes",
        identifier="helena_gomes",
        role="Senior support engineer",
        organisation="Thornbury Software",
        email="helena@thornbury.example",
        communication_style=style,
        review_strictness=strictness,
        private_knowledge=[{"topic": "QA scorecard: decision", "fact": DECISION}],
    )
    return persona.system_prompt("Lara Nascimento") + "\n" + FILES


def test_a_question_is_answered_from_the_line_that_shares_its_words_not_one_common_word() -> None:
    mail = _mail("QA scorecard", "Hi Helena,\n\nIs Summit still in scope after the November change?\n\nLara")
    reply = collaborator_reply(_system("precise"), mail)
    assert "Added Summit Lda. to the scope" in reply
    assert "delivery address" not in reply


def test_one_shared_common_word_is_no_answer() -> None:
    mail = _mail("Canteen", "Hi Helena,\n\nAny change in February?\n\nLara")
    reply = collaborator_reply(_system("precise"), mail)
    assert "delivery address" not in reply and "I don't know" in reply


def test_a_reviewer_who_asks_for_sources_asks_when_the_figures_name_none() -> None:
    system = _system("precise; always asks for the source of a number")
    draft = "QA scorecard summary\n\nWe came in at R$ 495.6k against a plan of R$ 512.1k. " + DECISION
    reply = collaborator_reply(system, _mail("Review: QA scorecard summary", "Draft attached.", draft))
    assert "Where are the figures from?" in reply and "Approved" not in reply
    sourced = draft.replace("512.1k.", "512.1k (churn reasons Dec 2025_v2.xlsx, Summary).")
    again = collaborator_reply(system, _mail("Review: QA scorecard summary", "Draft attached.", sourced))
    assert "Where are the figures from?" not in again and "Approved" in again


def test_a_lenient_reviewer_notes_the_missing_source_without_blocking() -> None:
    system = _system("friendly; always asks for the source of a number", strictness="lenient")
    draft = "QA scorecard summary\n\nWe came in at R$ 495.6k against a plan of R$ 512.1k."
    reply = collaborator_reply(system, _mail("Review: QA scorecard summary", "Draft attached.", draft))
    assert "Approved" in reply and "For the next version: where are the figures from?" in reply


def test_a_reviewer_who_does_not_ask_for_sources_does_not() -> None:
    draft = "QA scorecard summary\n\nWe came in at R$ 495.6k against a plan of R$ 512.1k."
    reply = collaborator_reply(_system("short, direct e-mails"), _mail("Review: QA scorecard", "Draft.", draft))
    assert "Where are the figures from?" not in reply


def test_a_thank_you_that_asks_nothing_gets_no_answer_and_a_request_does() -> None:
    thanks = _mail(
        "Re: Draft QA scorecard summary for your review",
        "Hi Helena,\n\nthanks for your comments on the QA scorecard summary. I have worked them into the document; "
        "the revised version is the one I am submitting.\n\nBest,\nLara",
    )
    assert collaborator_reply(_system("precise"), thanks) == NO_REPLY
    request = _mail("QA scorecard", "Hi Helena,\n\nthanks! Please confirm the decision on the QA scorecard.\n\nLara")
    assert DECISION in collaborator_reply(_system("precise"), request)
