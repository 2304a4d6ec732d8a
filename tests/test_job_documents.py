"""A user's job documents tell the user's own working life (issue 11 review): a CV lists the jobs of the profile's
career, most recent first; a cover letter or an interview is for an organisation of the user's field (never one of
five fixed names shared by every computer) and for a post the user could hold (no "Trainee" for a senior); the
words a document works on are the persona's and its field's, never its habits ("keeps", "folder") or its
country ("when France goes wrong")."""

from __future__ import annotations

import re

from generator_cache import file_text, generated

from synthcomp_agents.computers import GeneratedComputer
from synthcomp_agents.personas import classify_persona

_OLD_FIXED = {
    "Riverside Council",
    "Atlas Engineering",
    "Greenway Schools",
    "Northline Foods",
    "St Anne's Hospital Trust",
}
PERSONAS = (
    "A practice manager at a private orthopaedic hospital in Toulouse, France, who keeps a flat folder per quarter",
    "An estate agent in Chicago, United States, who joined a property developer last year and handles lease renewals",
    "A senior building engineer at a teaching hospital in Uppsala, Sweden, with twenty years of experience",
)


def computer(text: str, seed: int) -> GeneratedComputer:
    return generated(text, seed=seed)


def job_texts(c: GeneratedComputer) -> dict[str, str]:
    return {
        f.path: file_text(c, f.path)
        for f in c.blueprint.file_list
        if f.path.startswith("Documents/Jobs/") and f.path.endswith(".docx")
    }


def test_key_nouns_leave_out_habits_and_keep_places_whole() -> None:
    p = classify_persona(PERSONAS[0])
    assert {"keeps", "flat", "folder", "quarter"}.isdisjoint(p.key_nouns), p.key_nouns
    # an adjective keeps its noun phrase, never stands alone (issue 11): "orthopaedic hospital", not "orthopaedic"
    assert {"orthopaedic hospital", "hospital", "toulouse", "france"} <= set(p.key_nouns), p.key_nouns
    q = classify_persona(
        "A content editor at an environmental regulator in Pretoria, South Africa, who writes in bursts"
    )
    assert "south africa" in q.key_nouns and "south" not in q.key_nouns and "africa" not in q.key_nouns
    assert {"writes", "bursts"}.isdisjoint(q.key_nouns)
    assert "jobs" in classify_persona("A single mom working two jobs in Atlanta").key_nouns  # content, not habit


def test_cv_lists_the_profiles_career_most_recent_first() -> None:
    checked = 0
    for seed, text in enumerate(PERSONAS):
        c = computer(text, seed)
        career = c.blueprint.user_profile.career_history
        cvs = [t for path, t in job_texts(c).items() if "/CV " in f"/{path.rsplit('/', 1)[-1]}"]
        if not cvs or len(career) < 2:
            continue
        cv = cvs[0]
        positions = [cv.find(job.employer) for job in reversed(career)]
        assert all(pos >= 0 for pos in positions), ([j.employer for j in career], cv[:600])
        assert positions == sorted(positions), "most recent job first"
        for job in career:
            assert job.role in cv
        assert "Trusted with keys" not in cv and "Sales assistant (part-time)" not in cv  # a school leaver's CV
        checked += 1
    assert checked >= 2


def test_applications_are_for_the_field_and_a_post_the_user_could_hold() -> None:
    """People in work who are not looking keep one old CV of their own post and no letters or interview notes
    (a job search's applications are tested in ``tests/test_job_search.py``)."""
    for seed, text in enumerate(PERSONAS):
        c = computer(text, seed)
        role = c.blueprint.user_profile.role
        texts = job_texts(c)
        assert len(texts) <= 1 and all("/CV " in path for path in texts), sorted(texts)
        for body in texts.values():
            assert not re.search(r"\b(Trainee|Senior Senior|Senior Head)\b", body), body[:300]
            assert role in body, (role, body[:300])


def test_documents_do_not_work_on_the_country_or_the_habits() -> None:
    c = computer(PERSONAS[0], 0)
    for path, body in job_texts(c).items():
        for bad in ("France goes wrong", "france goes wrong", "experience in france", "responsible for folder", "flat"):
            assert bad not in body, (path, bad)
