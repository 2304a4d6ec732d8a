"""A job seeker's computer holds one job search (issue 11): an applications tracker whose rows are the employers of
the cover letters and the e-mails on the disk, interviews after their applications, a CV per role family with the
profile's own degree and institution, the benefit office of the person's country, and documents in every project of
the search."""

from __future__ import annotations

import io
import itertools
import re
from datetime import datetime
from typing import cast

import openpyxl
from generator_cache import file_text, generated

from synthcomp_agents.computers import GeneratedComputer, ProceduralComputerGenerator
from synthcomp_agents.computers._fidelity import core_fit

SEEKERS = (
    "A job seeker in Madrid who used to work in tourism",
    "A recent graduate in Lagos looking for work in banking",
    "An unemployed welder looking for work in Detroit",
    "A laid-off software engineer in Berlin",
)


def computer(text: str) -> GeneratedComputer:
    return generated(text, seed=7)


def tracker_rows(c: GeneratedComputer) -> list[dict[str, object]]:
    trackers = [f for f in c.blueprint.file_list if f.archetype == "job_applications_tracker"]
    assert len(trackers) == 1, [f.path for f in trackers]  # one search, one tracker
    sheet = openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(trackers[0].path)))["Applications"]
    values = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in values[0]]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def texts_of(c: GeneratedComputer, archetype: str) -> dict[str, str]:
    return {f.path: file_text(c, f.path) for f in c.blueprint.file_list if f.archetype == archetype}


def employer_mails(c: GeneratedComputer) -> dict[str, str]:
    """The search's e-mails with an employer: applications sent, invitations, rejections, offers."""
    subjects = re.compile(
        r"^(Subject: )?(Application for|Interview invitation|Your application|Re: Interview for|Offer of)"
    )
    out = {}
    for path, text in texts_of(c, "email").items():
        subject = next((line for line in text.splitlines() if line.startswith("Subject:")), "")
        if subjects.match(subject):
            out[path] = text
    return out


def test_the_trackers_employers_are_the_letters_and_the_mails() -> None:
    for text in SEEKERS:
        c = computer(text)
        rows = tracker_rows(c)
        employers = {str(r["Employer"]) for r in rows}
        assert len(rows) >= 8, (text, len(rows))
        letters = texts_of(c, "cover_letter")
        mails = employer_mails(c)
        assert letters and mails, text
        for path, body in letters.items():
            named = [e for e in employers if e in body]
            assert named, (text, path)
            # the letter applies for the post the tracker lists for that employer
            posts = {str(r["Role"]) for r in rows if r["Employer"] in named}
            assert any(p in body for p in posts), (path, posts)
        for path, body in mails.items():
            assert any(e in body for e in employers), (text, path)
        # every employer a mail names is one the tracker holds, and every interview the tracker shows has its
        # invitation or an answer on the disk
        invited = [r for r in rows if r["Interview"] is not None]
        assert invited, text
        mailed = " ".join(mails.values())
        assert any(str(r["Employer"]) in mailed for r in invited), text


def test_interviews_come_after_their_applications() -> None:
    for text in SEEKERS:
        c = computer(text)
        rows = tracker_rows(c)
        interviews = [r for r in rows if r["Interview"] is not None]
        assert interviews, text
        for r in interviews:
            assert isinstance(r["Interview"], datetime) and isinstance(r["Date applied"], datetime)
            assert r["Interview"] > r["Date applied"], r
        applied = {str(r["Employer"]): r["Date applied"] for r in rows}
        files = {f.path: f for f in c.blueprint.file_list}
        for path in texts_of(c, "interview_prep_notes"):
            employer = next(e for e in applied if e in path)
            day = applied[employer]
            assert isinstance(day, datetime)
            assert files[path].created.date() > day.date(), (path, day)


def test_cvs_carry_the_profiles_degree_and_institution() -> None:
    for text in SEEKERS:
        c = computer(text)
        education = c.blueprint.user_profile.education
        assert education, text
        degree = education[-1]
        cvs = texts_of(c, "cv")
        assert len(cvs) >= 2, (text, list(cvs))  # one per role family, named as people name them
        for path, body in cvs.items():
            assert degree.award in body and degree.institution in body, (path, degree)
            for job in c.blueprint.user_profile.career_history[-1:]:
                assert job.employer in body, (path, job)
        sent = {str(r["CV sent"]) for r in tracker_rows(c)}
        names = {path.rsplit("/", 1)[-1].rsplit(".", 1)[0] for path in cvs}
        assert sent <= names, (sent, names)  # the tracker says which of the CVs on the disk went out


def test_a_graduates_cv_tells_the_degree_not_a_career() -> None:
    c = computer("A recent graduate in Lagos looking for work in banking")
    assert not c.blueprint.user_profile.career_history
    for path, body in texts_of(c, "cv").items():
        assert "Experienced" not in body and "Trusted with keys" not in body, path
        low = body.lower()
        assert "graduate" in low or "graduating" in low, path
        # the experience of a graduate: an internship, the part-time job, the final-year project
        assert any(w in low for w in ("intern", "final-year project", "while studying", "course representative")), path


def test_an_unemployed_person_in_spain_reports_to_the_sepe_not_a_jobcentre() -> None:
    c = computer("A job seeker in Madrid who used to work in tourism")
    logs = [f for f in c.blueprint.file_list if f.archetype == "benefit_appointment_log"]
    assert len(logs) == 1
    log = file_text(c, logs[0].path)
    assert "SEPE" in log or "demanda de empleo" in log, log[:400]
    everything = " ".join(
        file_text(c, f.path)
        for f in c.blueprint.file_list
        if f.path.endswith((".docx", ".xlsx", ".md", ".eml", ".pdf", ".txt"))
    ).casefold()
    assert "jobcentre" not in everything and "job centre" not in everything
    us = computer("An unemployed welder looking for work in Detroit")
    us_logs = [f for f in us.blueprint.file_list if f.archetype == "benefit_appointment_log"]
    assert us_logs and "work search" in file_text(us, us_logs[0].path).lower()


def test_the_benefit_log_counts_the_trackers_applications() -> None:
    c = computer("An unemployed welder looking for work in Detroit")
    rows = tracker_rows(c)
    log = next(f for f in c.blueprint.file_list if f.archetype == "benefit_appointment_log")
    sheet = openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(log.path)))["Appointments"]
    visits = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(visits) >= 3
    tracker_last = max(r["Date applied"] for r in rows)  # type: ignore[type-var]
    for (prev, *_), (day, _kind, _with, n, *_rest) in itertools.pairwise(visits):
        if day <= tracker_last:
            assert n == sum(1 for r in rows if prev <= r["Date applied"] < day), (prev, day)


def test_every_project_of_a_job_search_has_documents() -> None:
    for text in SEEKERS:
        c = computer(text)
        assert c.persona.life_stage == "job_seeker", text
        fit = core_fit(c.blueprint, c.disk.read_bytes, persona=c.persona)
        assert fit.with_documents == fit.projects, (text, fit)


def test_same_seed_same_search() -> None:
    text = SEEKERS[1]
    again = ProceduralComputerGenerator().generate(text, seed=7)
    first = computer(text)
    for f in first.blueprint.file_list:
        if f.archetype in ("job_applications_tracker", "cv", "cover_letter"):
            assert again.disk.read_bytes(f.path) == first.disk.read_bytes(f.path), f.path


def test_the_claim_opens_with_registering_as_a_job_seeker() -> None:
    """The benefit log starts where a claim starts (registering as a job seeker), each later row agrees what its kind
    of appointment is for, and the log is named for the year the claim began."""
    for text, first in (
        ("An unemployed welder looking for work in Detroit", "Initial claim"),
        ("A job seeker in Madrid who used to work in tourism", "Inscripción como demandante de empleo"),
    ):
        c = computer(text)
        log = next(f for f in c.blueprint.file_list if f.archetype == "benefit_appointment_log")
        sheet = openpyxl.load_workbook(io.BytesIO(c.disk.read_bytes(log.path)))["Appointments"]
        visits = list(sheet.iter_rows(min_row=2, values_only=True))
        assert first in str(visits[0][1]) and "job seeker" in str(visits[0][4]), visits[0]
        assert not any(first in str(v[1]) for v in visits[1:]), text  # registered once
        assert str(visits[0][0].year) in log.path.rsplit("/", 1)[-1], (log.path, visits[0][0])
        for v in visits[1:]:
            if "RESEA" in str(v[1]):
                assert "RESEA" in str(v[4]), v  # a RESEA review agrees RESEA things, not a weekly certification
            if "Renovación" in str(v[1]):
                assert "renovad" in str(v[4]), v


def test_someone_in_work_keeps_an_old_cv_and_no_job_search() -> None:
    """A mechanic or a nurse who is not looking had a Jobs folder with a cover letter and interview notes for
    employers they never applied to; now they keep at most the CV of their last move, saved a while ago."""
    for text in ("A motor mechanic in Birmingham", "A nurse in Leeds"):
        c = computer(text)
        assert c.persona.life_stage == "employee", text
        kinds = [f.archetype for f in c.blueprint.file_list]
        for kind in ("cover_letter", "interview_prep_notes", "job_applications_tracker", "reference_list"):
            assert kind not in kinds, (text, kind)
        cvs = [f for f in c.blueprint.file_list if f.archetype == "cv"]
        assert len(cvs) <= 1, [f.path for f in cvs]
        now = max(f.modified for f in c.blueprint.file_list)
        for f in cvs:
            assert (now - f.modified).days >= 60, (f.path, f.modified)
            current = [j for j in c.blueprint.user_profile.career_history if j.end_year is None]
            assert not current or f.created.year >= current[-1].start_year, (f.path, current)


def test_a_job_seekers_letters_are_the_searchs_own() -> None:
    """Besides the search's files, a job seeker's papers hold no cover letter or interview notes for an employer
    the tracker lacks, and no university personal statement for someone long out of school."""
    c = computer("An unemployed welder looking for work in Detroit")
    employers = {str(r["Employer"]) for r in tracker_rows(c)}
    for path, body in {**texts_of(c, "cover_letter"), **texts_of(c, "interview_prep_notes")}.items():
        assert any(e in body for e in employers), path
    assert not texts_of(c, "personal_statement")


OHIO = "A laid-off warehouse supervisor in Ohio looking for work"


def test_each_cv_is_written_before_the_applications_that_sent_it() -> None:
    """A CV saved the day after the six applications that sent it, a mail attaching a letter saved hours later."""
    for text in (*SEEKERS, OHIO):
        c = computer(text)
        rows = tracker_rows(c)
        files = {f.path: f for f in c.blueprint.file_list}
        for path, f in files.items():
            if f.archetype != "cv" or "/Jobs/" in path:
                continue
            stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            sent = [cast(datetime, r["Date applied"]) for r in rows if r["CV sent"] == stem]
            assert all(f.created.date() < d.date() for d in sent), (text, path, f.created, min(sent))
        letters = {p.rsplit("/", 1)[-1]: f for p, f in files.items() if f.archetype == "cover_letter"}
        for path, body in employer_mails(c).items():
            for name, letter in letters.items():
                if name in body:  # the mail that attaches the letter goes after it was saved
                    assert files[path].created >= letter.modified, (path, name)


def test_an_ohio_search_stays_in_ohio_and_names_each_firm_once() -> None:
    c = computer(OHIO)
    rows = tracker_rows(c)
    towns = {str(r["Location"]) for r in rows}
    assert not towns & {"Atlanta", "Houston", "Denver", "Chicago", "Seattle", "New York", "Los Angeles"}, towns
    firsts = [str(r["Employer"]).split()[0] for r in rows]
    assert len(firsts) == len(set(firsts)), sorted(firsts)  # not "Kestrel Freight" beside "Kestrel Transport"
    by_day: dict[object, int] = {}
    for r in rows:
        by_day[r["Date applied"]] = by_day.get(r["Date applied"], 0) + 1
    assert max(by_day.values()) <= 3, by_day  # not six applications on the search's first day


def test_no_offer_waits_for_an_answer_for_weeks() -> None:
    for text in (*SEEKERS, OHIO):
        c = computer(text)
        tracker = next(f for f in c.blueprint.file_list if f.archetype == "job_applications_tracker")
        for r in tracker_rows(c):
            interview = cast("datetime | None", r["Interview"])
            if r["Stage"] == "Offer":
                assert interview is not None
                assert (tracker.modified.date() - interview.date()).days <= 21, (text, r)
            assert interview is None or (interview.month, interview.day) != (12, 25), r


def test_a_career_is_the_one_the_persona_tells() -> None:
    """A software engineer changing careers into teaching was given a teacher's career and posts named 'Software
    engineer' would have followed; a mother back after ten years of caring had worked until last year; a laid-off
    supervisor's job had ended two years before her claim."""
    changer = computer("A software engineer changing careers into teaching in Toronto")
    jobs = changer.blueprint.user_profile.career_history
    assert jobs and "software" in jobs[-1].role.lower(), [(j.role, j.employer) for j in jobs]
    posts = {str(r["Role"]) for r in tracker_rows(changer)}
    assert not any("software" in p.lower() for p in posts), posts
    assert any("teach" in p.lower() or "tutor" in p.lower() for p in posts), posts
    returner = computer("A mother returning to work after ten years of caring for her children in Madrid")
    now = max(f.modified for f in returner.blueprint.file_list)
    last = returner.blueprint.user_profile.career_history[-1]
    assert last.end_year is not None and last.end_year <= now.year - 9, (last, now)
    laid_off = computer(OHIO)
    first = min(r["Date applied"] for r in tracker_rows(laid_off))  # type: ignore[type-var]
    end = laid_off.blueprint.user_profile.career_history[-1].end_year
    assert end is not None and end >= first.year - 1, (end, first)  # type: ignore[attr-defined]


def test_a_nursing_graduate_applying_for_hospital_jobs_is_looking_for_a_first_post() -> None:
    """'A recent nursing graduate in Manila applying for hospital jobs' was filed as an employee of Manila General
    Hospital in the role 'Recent', with cover letters to firms never named again; now she looks for a first nursing
    post at Manila's pay (a new nurse earns a few hundred thousand pesos a year, not 1.5 million)."""
    c = computer("A recent nursing graduate in Manila applying for hospital jobs")
    assert c.persona.life_stage == "job_seeker"
    assert not c.blueprint.user_profile.career_history
    rows = tracker_rows(c)
    assert sum("nurse" in str(r["Role"]).lower() for r in rows) >= len(rows) // 3, [r["Role"] for r in rows]
    pay = [int(r["Salary from (PHP)"]) for r in rows]  # type: ignore[call-overload]
    assert max(pay) < 800_000, pay


def test_a_school_leaver_in_glasgow_applies_for_apprenticeships() -> None:
    """A Glasgow school leaver 'looking for an apprenticeship' had a 'Graduate schemes' project, a BTEC, office posts
    at 23,000-28,000 GBP and a CV of a final-year project and a university society; now Highers, apprenticeships at
    an apprentice's pay and a CV of a Saturday job and work experience."""
    c = computer("A school leaver in Glasgow looking for an apprenticeship")
    assert "Highers" in c.blueprint.user_profile.education[-1].award
    names = " ".join(p.name for p in c.blueprint.project_index.projects).lower()
    assert "graduate" not in names and "apprentice" in names, names
    rows = tracker_rows(c)
    assert all("apprentice" in str(r["Role"]).lower() for r in rows), {r["Role"] for r in rows}
    assert max(int(r["Salary from (GBP)"]) for r in rows) <= 16_000  # type: ignore[call-overload]
    for path, body in texts_of(c, "cv").items():
        assert "university" not in body.lower() and "final-year" not in body.lower(), path


def test_a_returners_cv_and_letters_tell_the_career_break() -> None:
    """A mother back after ten years caring for her children wrote 'In my last role ... I can start straight away' as
    if she had left her job last month, and her CV jumped from 2016 to now without a word."""
    c = computer("A mother returning to work after ten years of caring for her children in Madrid")
    for path, body in texts_of(c, "cv").items():
        assert "Career break" in body, path
    letters = texts_of(c, "cover_letter")
    assert letters
    for path, body in letters.items():
        assert "In my last role" not in body, path
        assert re.search(r"\b(?:10|ten) years\b", body) and "caring for my family" in body, path
