"""Scripted collaborators converse: every question answered, follow-ups get the new part, "I don't know" when they
don't, and a strict review names concrete gaps and approves once they are fixed (issue 15, point 2)."""

from __future__ import annotations

from synthcomp_agents.agents import CollaboratorPersona
from synthcomp_agents.models._scripted_people import collaborator_reply

DEADLINE = "The investigator teleconference moved the budget sign-off deadline to 2026-02-08."
DECISION = "Limerick site will be dropped from the scope of the trial next quarter; agreed verbally."
RESTATED = "The Old Town backlog will be restated by about 11% once the late entries are booked."
FILES = (
    "Project files you have seen (excerpts; the user has them too):\n"
    "[File: ~/Documents/Trial/Data/visit tracker Dec 2025.xlsx]\n"
    "## Sheet Summary\n| row | A | B |\n| 1 | Site | Plan |\n| 7 | Total | 632 |\n"
    "[End of file]\n"
    "[File: ~/Documents/Trial/README.md]\n"
    "# Trial - status\nThe site monitoring visits are planned with the regional coordinators every quarter.\n"
    "[End of file]"
)


def _system(strictness: str = "strict", style: str = "formal") -> str:
    persona = CollaboratorPersona(
        name="Angus Hanafin",
        identifier="angus_hanafin",
        role="Medical monitor",
        organisation="Bluestone",
        email="angus@bluestone.example",
        communication_style=style,
        review_strictness=strictness,
        private_knowledge=[
            {"topic": "Per-patient budgets: deadline", "fact": DEADLINE},
            {"topic": "Trial master file: decision", "fact": DECISION},
            {"topic": "Site staff: figures", "fact": RESTATED},
        ],
    )
    return persona.system_prompt("Elise Heffron") + "\n" + FILES


def _mail(subject: str, body: str, attachment: str = "") -> str:
    text = f"From: Elise Heffron <elise@bluestone.example>\nTo: Angus\nSubject: {subject}\n\n{body}"
    if attachment:
        text += f"\n\n[Attachment: draft.docx]\n{attachment}\n[End of attachment]"
    return text


def test_a_mail_with_several_questions_gets_every_answer() -> None:
    mail = _mail(
        "Budget deck",
        "Hi Angus,\n\nHas the deadline for the per-patient budgets moved? And what was decided about the trial "
        "master file? One more: will the site staff figures be restated?\n\nThanks,\nElise",
    )
    reply = collaborator_reply(_system(), mail)
    assert DEADLINE in reply and DECISION in reply and RESTATED in reply
    assert reply.index(DEADLINE) < reply.index(DECISION) < reply.index(RESTATED)  # in the order asked


def test_a_follow_up_gets_the_new_part_not_the_same_answer() -> None:
    first = _mail("Trial", "Hi Angus,\n\nWhat was decided about the trial master file?\n\nElise")
    answer = collaborator_reply(_system(), first)
    assert DECISION in answer
    follow = _mail("Re: Trial", "Thanks! And did the per-patient budget deadline move as well?\n\nElise")
    second = collaborator_reply(_system(), follow, [(False, first), (True, answer)])
    assert DEADLINE in second and DECISION not in second
    again = _mail("Re: Trial", "Sorry, anything new on the trial master file decision?\n\nElise")
    third = collaborator_reply(_system(), again, [(False, first), (True, answer), (False, follow), (True, second)])
    assert "Nothing new since my last mail" in third


def test_an_unknown_question_is_answered_with_i_do_not_know() -> None:
    mail = _mail("Canteen", "Hi Angus,\n\nWhat is on the canteen menu on Friday?\n\nElise")
    reply = collaborator_reply(_system(), mail)
    assert "I don't know" in reply
    assert DEADLINE not in reply and DECISION not in reply and RESTATED not in reply  # no topic list, no leak
    assert "Per-patient budgets: deadline" not in reply


def test_a_question_about_a_project_file_is_answered_from_the_file() -> None:
    mail = _mail("Visits", "Hi Angus,\n\nWho plans the site monitoring visits with the regional coordinators?\n\nE.")
    reply = collaborator_reply(_system(), mail)
    assert "README.md" in reply and "regional coordinators every quarter" in reply


def test_a_strict_review_names_concrete_gaps_and_approves_after_the_fix() -> None:
    ask = _mail("Trial master file status report", "Hi Angus,\n\nWhat was decided about the trial master file?")
    told = collaborator_reply(_system(), ask)
    draft = (
        "Trial master file status report\nTotal plan: 640 (from visit tracker Dec 2025.xlsx, Summary sheet, B7).\n"
        "Next steps: refresh the figures."
    )
    review = _mail("Review: Trial master file status report [o1-d1]", "Could you review it?", draft)
    history = [(False, ask), (True, told)]
    verdict = collaborator_reply(_system(), review, history)
    assert "approve" not in verdict.lower() and "please fix" in verdict  # the checks and the worker read it as changes
    assert "Limerick site will be dropped" in verdict  # the fact it told and the draft left out
    assert "640" in verdict and "visit tracker Dec 2025.xlsx" in verdict  # the number the source does not say
    fixed = draft.replace("640", "632") + "\nLimerick site will be dropped from the scope next quarter (Angus)."
    again = _mail("Review: Trial master file status report [o1-d1]", "Fixed, see attached.", fixed)
    history += [(False, review), (True, verdict)]
    final = collaborator_reply(_system(), again, history)
    assert "Approved, fine to submit" in final and "please fix" not in final.lower()


def test_a_strict_review_does_not_ask_for_facts_it_never_told() -> None:
    draft = "Trial master file status report\nTotal plan: 632 (from visit tracker Dec 2025.xlsx)."
    review = _mail("Review: Trial master file status report [o1-d1]", "Could you review it?", draft)
    verdict = collaborator_reply(_system(), review)
    assert "Approved" in verdict and "Limerick" not in verdict and "what I told you" not in verdict


def test_a_lenient_reviewer_approves_with_a_note() -> None:
    ask = _mail("Trial master file status report", "Hi Angus,\n\nWhat was decided about the trial master file?")
    told = collaborator_reply(_system("lenient"), ask)
    draft = "Trial master file status report\nTotal plan: 640 (from visit tracker Dec 2025.xlsx)."
    review = _mail("Review: Trial master file status report [o1-d1]", "Could you review it?", draft)
    verdict = collaborator_reply(_system("lenient"), review, [(False, ask), (True, told)])
    assert "Approved, fine to submit" in verdict and "Limerick" in verdict and "please fix" not in verdict.lower()


def test_length_follows_the_persona() -> None:
    mail = _mail("Trial", "Hi Angus,\n\nWhat was decided about the trial master file? And the budget deadline?")
    short = collaborator_reply(_system(style="terse"), mail)
    long = collaborator_reply(_system(style="detailed, long mails with context"), mail)
    assert len(long) > len(short) and "Taking your questions in turn" in long and "Taking" not in short


def test_the_fact_about_what_was_asked_wins_over_one_that_mentions_it() -> None:
    """Two deadlines: one about the trial master file, one about site staff whose wording names a trial master
    file report. Asked about the trial master file's deadline, the colleague gives that one (the README job's
    collaborator once answered with the other project's date)."""
    own = "The CRO oversight call moved the next protocol deviation summary deadline to 2026-02-01."
    other = "The CRO oversight call moved the next trial master file QC report deadline to 2026-02-02."
    persona = CollaboratorPersona(
        name="Caroline Sheerin",
        identifier="caroline_sheerin",
        role="Clinical trial assistant",
        organisation="Bluestone",
        email="caroline@bluestone.example",
        communication_style="short, direct e-mails",
        review_strictness="lenient",
        private_knowledge=[
            {"topic": "Trial master file: deadline", "fact": own},
            {"topic": "Site staff: deadline", "fact": other},
        ],
    )
    system = persona.system_prompt("Elise Heffron")
    reply = collaborator_reply(system, _mail("TMF", "Hi Caroline,\n\nWhat is the deadline for the trial master file?"))
    assert "2026-02-01" in reply and "2026-02-02" not in reply, reply
    reply = collaborator_reply(system, _mail("Staff", "Hi Caroline,\n\nAny news on the deadline for the site staff?"))
    assert "2026-02-02" in reply and "2026-02-01" not in reply, reply


def test_two_questions_in_one_sentence_get_two_answers() -> None:
    """People join questions with "and": "have you decided X, and is there a date for Y?" asks two things."""
    mail = _mail(
        "Where do we stand?",
        "Hi Angus,\n\nTwo things I can't find in the files: what did you decide about the trial master file, and "
        "has the deadline for the per-patient budgets moved?\n\nThanks,\nElise",
    )
    reply = collaborator_reply(_system(), mail)
    assert DECISION in reply and DEADLINE in reply
    assert reply.index(DECISION) < reply.index(DEADLINE)


def test_a_date_nobody_told_them_is_not_answered_with_another_matters_deadline() -> None:
    """Asked for the inspection date, a person who only knows the budgets' deadline says they don't know it."""
    mail = _mail("Inspection", "Hi Angus,\n\nIs there a date for the inspection yet?\n\nThanks,\nElise")
    reply = collaborator_reply(_system(), mail)
    assert DEADLINE not in reply and "2026-02-08" not in reply
    assert "don't know" in reply and "inspection" in reply
    # asked for the budgets' date in other words, the same person gives it
    asked = _mail("Budgets", "Hi Angus,\n\nIs there a new date for the per-patient budgets?\n\nThanks,\nElise")
    assert DEADLINE in collaborator_reply(_system(), asked)


def test_a_review_names_the_draft_as_a_person_would() -> None:
    mail = _mail("Draft revised SOP for the TMF - for your review", "Hi Angus,\n\nsee attached.\n\nElise", "Text.")
    reply = collaborator_reply(_system("lenient", "plain"), mail)
    assert "I read revised SOP for the TMF. Approved" in reply
