"""A solo act's computer (a DJ) holds one person's gig papers: bookings, track lists with BPM and key, an invoice per
gig with its travel, the year's accounts, and no band's split or rehearsals; an orchestral player's holds concert
programmes of real works that differ by persona and seed, rehearsal schedules, parts lists and deputy invoices, and
no office pack; a project named for a season has its gigs in that season."""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date
from typing import Any

import docx
import pytest
from generator_cache import file_text, generated

from synthcomp_agents.computers import GeneratedComputer, ProceduralComputerGenerator
from synthcomp_agents.computers.archetypes import season_of
from synthcomp_agents.computers.generation.orchestra import works
from synthcomp_agents.computers.generation.seasons import season_named
from synthcomp_agents.office import evaluate_workbook

DJS = (
    ("A DJ in Berlin who plays techno at weekends", 3),
    ("A wedding DJ in Ohio", 7),
    ("A radio DJ and producer in Lagos", 5),
)
ORCHESTRA = (
    ("A cellist in a symphony orchestra", 3),
    ("A cellist in a symphony orchestra", 4),
    ("A freelance violinist in London", 3),
    ("The music director of a community orchestra", 3),
)
_OFFICE = {"project_brief", "variance_report", "timesheet", "expense_claim", "project_register", "update_deck"}
_BAND_ONLY = {"gig_settlement", "merch_count", "band_agreement", "tour_budget"}


def _computer(persona: str, seed: int) -> GeneratedComputer:
    return generated(persona, seed=seed)


def _files(c: GeneratedComputer, archetype: str) -> list[str]:
    return sorted(f.path for f in c.blueprint.file_list if f.archetype == archetype)


def _tables(c: GeneratedComputer, path: str) -> list[list[list[str]]]:
    doc = docx.Document(io.BytesIO(c.disk.read_bytes(path)))
    return [[[cell.text for cell in row.cells] for row in t.rows] for t in doc.tables]


def _money(text: str) -> float:
    """The amount of ``text`` (``$1,234.50``, ``1.234,50 €``, ``₦120,000``) as a number."""
    found = re.search(r"\d[\d.,\u00a0\u202f ]*\d|\d", text)
    assert found, text
    digits = re.sub(r"[^\d.,]", "", found.group(0))
    if re.search(r"[.,]\d{2}$", digits):
        return float(re.sub(r"[.,]", "", digits[:-3]) + "." + digits[-2:])
    return float(re.sub(r"[.,]", "", digits))


def _seconds(clock: str) -> int:
    minutes, seconds = clock.split(":")
    return int(minutes) * 60 + int(seconds)


def _rows(values: dict[str, dict[str, object]], name: str) -> list[list[Any]]:
    cells = values[name]
    rows: dict[int, dict[str, object]] = {}
    for ref, v in cells.items():
        m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
        assert m
        rows.setdefault(int(m.group(2)), {})[m.group(1)] = v
    width = max(len(c) for c in rows.values())
    return [[rows[r].get(chr(65 + k)) for k in range(width)] for r in sorted(rows)]


def _folder(c: GeneratedComputer, path: str) -> str:
    return next(p.folder for p in c.blueprint.project_index.projects if path.startswith(p.folder + "/"))


def _booking_days(c: GeneratedComputer) -> dict[str, list[str]]:
    """Each project folder's booked gig dates (from the bookings' names)."""
    out: dict[str, list[str]] = {}
    for path in _files(c, "gig_booking"):
        day = re.search(r"(\d{4}-\d{2}-\d{2})\.docx$", path)
        assert day, path
        out.setdefault(_folder(c, path), []).append(day.group(1))
    return out


# --- a solo DJ ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "seed"), DJS)
def test_a_dj_keeps_a_solo_acts_papers_not_a_bands_or_an_offices(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    kinds = {f.archetype for f in c.blueprint.file_list}
    assert {"gig_booking", "setlist", "gig_invoice", "gig_diary", "gig_accounts"} <= kinds
    assert not kinds & (_OFFICE | _BAND_ONLY), kinds & (_OFFICE | _BAND_ONLY)
    # no band rehearsals or band mail: no file of the projects speaks of bandmates, a split or the kitty
    for f in c.blueprint.file_list:
        if f.archetype in ("gig_booking", "setlist", "gig_invoice", "status_page", "email"):
            text = file_text(c, f.path)
            assert not re.search(r"\b(kitty|bandmates?|each member|line-up|rehearsal room)\b", text, re.I), f.path


@pytest.mark.parametrize(("persona", "seed"), DJS)
def test_a_djs_invoice_bills_the_booked_fee_and_travel_to_the_dj_alone(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    me = c.blueprint.user_profile.name
    invoices = _files(c, "gig_invoice")
    assert len(invoices) >= 3
    bookings = _booking_days(c)
    for path in invoices:
        head, lines = _tables(c, path)[:2]
        fields = {r[0]: r[1] for r in head[1:]}
        gig_day = fields["Gig"].rsplit(", ", 1)[1]
        # the gig is one the project booked
        assert gig_day in bookings[_folder(c, path)], (path, gig_day)
        text = file_text(c, path)
        assert me in text and not re.search(r"\b(each|share|split|members?|kitty)\b", text, re.I), path
        items = [r for r in lines[1:] if r[1]]
        subtotal = next(_money(r[3]) for r in lines if r[0] == "Subtotal")
        assert sum(_money(r[3]) for r in items) == pytest.approx(subtotal), path
        taxed = [r for r in lines if re.search(r"\d+(\.\d+)?%$", r[0])]
        total = next(_money(r[3]) for r in lines if r[0] == "Total due")
        assert total == pytest.approx(subtotal + sum(_money(r[3]) for r in taxed), abs=0.011), path
        travel = [r for r in items if r[0].startswith("Travel")]
        for r in travel:  # kilometres there and back times the rate
            assert _money(r[3]) == pytest.approx(int(r[1]) * _money(r[2]), abs=0.011), path


@pytest.mark.parametrize(("persona", "seed"), DJS)
def test_a_djs_track_lists_have_bpm_and_key_and_fill_the_booked_set(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    lists = _files(c, "setlist")
    assert lists
    for path in lists:
        rows = _tables(c, path)[0]
        assert rows[0] == ["#", "In at", "Track", "BPM", "Key", "Played"], path
        tracks = [r for r in rows[1:] if r[0].isdigit()]
        assert len(tracks) >= 8, path
        assert all(60 <= int(r[3]) <= 180 for r in tracks), path
        assert all(re.fullmatch(r"(1[0-2]|[1-9])[AB]", r[4]) for r in tracks), path
        assert len({r[2] for r in tracks}) == len(tracks), path  # no track twice in a set
        played = sum(_seconds(r[5]) for r in rows[1:] if r[2] != "Set")
        day = re.search(r"(\d{4}-\d{2}-\d{2})\.docx$", path)
        assert day
        booking = next(p for p in _files(c, "gig_booking") if p.endswith(f"{day.group(1)}.docx"))
        fields = {r[0]: r[1] for r in _tables(c, booking)[0][1:]}
        booked = re.search(r"\((\d+) minutes\)", fields["Set time"])
        assert booked and played == int(booked.group(1)) * 60, (path, fields["Set time"])


@pytest.mark.parametrize(("persona", "seed"), DJS)
def test_the_accounts_repeat_every_invoice_gig_by_gig(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    invoiced: dict[str, tuple[str, float]] = {}
    for path in _files(c, "gig_invoice"):
        head, lines = _tables(c, path)[:2]
        fields = {r[0]: r[1] for r in head[1:]}
        total = next(_money(r[3]) for r in lines if r[0] == "Total due")
        invoiced[head[0][1]] = (fields["Gig"].rsplit(", ", 1)[1], total)
    booked: dict[str, tuple[str, float]] = {}
    for path in _files(c, "gig_accounts"):
        values = evaluate_workbook(c.disk.read_bytes(path))
        rows = _rows(values, "Income")
        year = re.search(r"Gig income (\d{4})", path)
        assert year
        for gig_day, number, _client, _venue, fee, travel, kit, tax, total, _paid in rows[1:-1]:
            assert str(gig_day).startswith(year.group(1)), path
            assert float(total) == pytest.approx(float(fee) + float(travel) + float(kit) + float(tax))
            booked[str(number)] = (str(gig_day), float(total))
        assert float(rows[-1][8]) == pytest.approx(sum(float(r[8]) for r in rows[1:-1]))
        summary = {str(r[0]): r[1] for r in _rows(values, "Summary")[1:]}
        assert int(float(str(summary["Gigs invoiced"]))) == len(rows) - 2
    assert booked.keys() == invoiced.keys()
    for number, (day, total) in invoiced.items():
        assert booked[number][0] == day and booked[number][1] == pytest.approx(total), number


def test_a_uk_wedding_djs_invoices_charge_no_vat_under_the_threshold() -> None:
    c = _computer("A wedding DJ in Manchester", 1)
    invoices = _files(c, "gig_invoice")
    assert invoices
    for path in invoices:
        text = file_text(c, path)
        assert "Not VAT registered" in text and not re.search(r"VAT 20%|VAT number", text), path
        lines = _tables(c, path)[1]
        total = next(_money(r[3]) for r in lines if r[0] == "Total due")
        assert total == next(_money(r[3]) for r in lines if r[0] == "Subtotal"), path


def test_a_dj_plays_one_gig_a_night() -> None:
    for persona, seed in DJS:
        c = _computer(persona, seed)
        days = [d for ds in _booking_days(c).values() for d in ds]
        assert len(days) == len(set(days)), Counter(days).most_common(2)


def test_a_solo_pianist_invoices_alone_and_buys_a_pianists_kit() -> None:
    c = _computer("A solo pianist who plays hotel lounges", 3)
    kinds = {f.archetype for f in c.blueprint.file_list}
    assert "gig_invoice" in kinds and not kinds & (_BAND_ONLY | _OFFICE)
    bills = _files(c, "equipment_bill")
    assert bills
    for path in bills:
        text = file_text(c, path)
        assert re.search(r"piano|keyboard", text, re.I) and not re.search(r"\bDJ\b|CDJ|controller", text), path


def test_a_jazz_pianist_in_hotel_bars_plays_alone_from_set_lists_in_keys_a_pianist_reads() -> None:
    c = _computer("A jazz pianist who plays hotel bars in Lisbon", 1)
    kinds = {f.archetype for f in c.blueprint.file_list}
    assert {"gig_booking", "setlist", "gig_invoice"} <= kinds and not kinds & (_BAND_ONLY | _OFFICE), kinds
    lists = _files(c, "setlist")
    assert lists and all("/Set lists/Set list " in p for p in lists)
    for path in lists:
        rows = _tables(c, path)[0]
        assert rows[0] == ["#", "Starts", "Tune", "Tempo", "Key", "Played"], path
        tunes = [r for r in rows[1:] if r[0].isdigit()]
        assert all(re.fullmatch(r"[A-G][♭♯]? (major|minor)", r[4]) for r in tunes), path
        assert "Camelot" not in file_text(c, path)
    # the hotel lounge's residency is played at the house piano, not in a club's DJ booth
    residency = [p for p in _files(c, "gig_booking") if "lounge residency" in p.casefold()]
    assert residency
    for path in residency:
        text = file_text(c, path)
        assert "Lounge evening" in text and not re.search(r"CDJ|Club night", text), path


def test_a_club_dj_runs_the_monthly_night_and_plays_no_weddings() -> None:
    c = _computer("A techno DJ in Berlin who runs a monthly club night", 2)
    names = [p.name for p in c.blueprint.project_index.projects]
    assert not [n for n in names if re.search(r"wedding", n, re.I)], names
    core = [f.path for f in c.blueprint.file_list if f.role == "core"]
    assert not [p for p in core if re.search(r"wedding", p, re.I)]
    monthly = next(p.folder for p in c.blueprint.project_index.projects if "monthly" in p.name.casefold())
    days = sorted(date.fromisoformat(d) for d in _booking_days(c)[monthly])
    assert len(days) >= 3
    assert len({(d.year, d.month) for d in days}) == len(days)  # one night a month
    assert len({(d.weekday(), (d.day - 1) // 7) for d in days}) == 1  # the same Saturday of the month, every month
    for path in _files(c, "gig_booking"):
        text = file_text(c, path)
        assert "dj set" not in text, path


@pytest.mark.parametrize(("persona", "seed"), (DJS[1], ORCHESTRA[2]))
def test_the_same_seed_gives_the_same_bytes(persona: str, seed: int) -> None:
    a = _computer(persona, seed)  # the shared one, generated for the tests above
    b = ProceduralComputerGenerator().generate(persona, seed=seed)
    paths = sorted(f.path for f in a.blueprint.file_list if f.role == "core")
    assert paths == sorted(f.path for f in b.blueprint.file_list if f.role == "core")
    assert all(a.disk.read_bytes(p) == b.disk.read_bytes(p) for p in paths)


# --- an orchestral musician ---------------------------------------------------------------------------------------


def _programme(c: GeneratedComputer) -> list[tuple[str, list[tuple[str, int]], int]]:
    """Each concert of the computer's programmes: its heading, (work, minutes) and the running time."""
    out = []
    for path in _files(c, "concert_programme"):
        doc = docx.Document(io.BytesIO(c.disk.read_bytes(path)))
        heads = [p.text for p in doc.paragraphs if re.match(r"\w+day \d{2} \w+ \d{4}", p.text)]
        for head, table in zip(heads, doc.tables, strict=True):
            rows = [[cell.text for cell in r.cells] for r in table.rows][1:]
            played = [(r[0], int(r[2].split()[0])) for r in rows if r[0] not in ("Interval", "Running time")]
            run = re.fullmatch(r"(\d+) h (\d+) min", rows[-1][2])
            assert run, rows[-1]
            out.append((head, played, int(run.group(1)) * 60 + int(run.group(2))))
    return out


@pytest.mark.parametrize(("persona", "seed"), ORCHESTRA)
def test_an_orchestral_musician_keeps_concert_papers_not_an_office_pack(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    kinds = {f.archetype for f in c.blueprint.file_list}
    assert {"concert_programme", "rehearsal_schedule", "parts_list", "practice_log"} <= kinds
    assert not kinds & (_OFFICE | _BAND_ONLY | {"gig_booking", "merch_quote"}), kinds & _OFFICE
    paths = [f.path for f in c.blueprint.file_list]
    assert not [p for p in paths if re.search(r"(?i)variance|supplier review|_brief_v\d|Timesheet|restated", p)]


@pytest.mark.parametrize(("persona", "seed"), ORCHESTRA)
def test_a_programme_plays_real_works_for_their_length(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    known = {w.title: w.minutes for w in (*works(), *works("chamber"))}
    concerts = _programme(c)
    assert concerts
    for head, played, running in concerts:
        assert all(known[t] == m for t, m in played), head
        assert running == sum(m for _t, m in played) + (20 if len(played) > 1 else 0), head


def test_programmes_differ_by_seed_and_by_persona() -> None:
    def mains(persona: str, seed: int) -> frozenset[str]:
        return frozenset(p[-1][0] for _h, p, _r in _programme(_computer(persona, seed)))

    seen = [mains(p, s) for p, s in ORCHESTRA]
    assert len(set(seen)) == len(seen), seen
    # no fixed symphony: no main work in every computer's programmes
    assert not frozenset.intersection(*seen)


@pytest.mark.parametrize(("persona", "seed"), ORCHESTRA)
def test_rehearsals_and_parts_are_the_programmes_works(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    short = {w.title: w.short for w in works()}
    for prog in _files(c, "concert_programme"):
        folder = _folder(c, prog)
        titles = {t for _h, p, _r in _programme(c) for t, _m in p if t in short}
        schedule = next((p for p in _files(c, "rehearsal_schedule") if p.startswith(folder + "/")), None)
        parts = next((p for p in _files(c, "parts_list") if p.startswith(folder + "/")), None)
        if schedule is None or parts is None:
            continue  # a chamber recital keeps the quartet's rehearsals
        calls = _rows(evaluate_workbook(c.disk.read_bytes(schedule)), "Schedule")[1:-1]
        called = {w for r in calls for w in str(r[4]).split("; ")}
        listed = {str(r[1]) for r in _rows(evaluate_workbook(c.disk.read_bytes(parts)), "Parts")[1:-1]}
        mine = {short[t] for t in titles if t in listed}
        assert mine and mine <= called, (schedule, mine - called)


@pytest.mark.parametrize(("persona", "seed"), ORCHESTRA[:3])
def test_a_deputy_invoice_adds_up_its_calls(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    invoices = _files(c, "dep_invoice")
    assert invoices
    for path in invoices:
        lines = _tables(c, path)[1]
        items = [r for r in lines[1:] if r[1]]
        for r in items:
            assert _money(r[3]) == pytest.approx(int(r[1]) * _money(r[2])), path
        total = next(_money(r[3]) for r in lines if r[0] == "Total due")
        assert total == pytest.approx(sum(_money(r[3]) for r in items)), path


def test_a_player_in_the_vienna_philharmonic_lives_in_vienna_and_plays_its_halls() -> None:
    c = _computer("A second violinist in the Vienna Philharmonic", 1)
    assert c.persona.country_code == "AT" and c.persona.city == "Vienna"
    me = c.blueprint.user_profile
    assert me.employer == "Vienna Philharmonic" and me.location.startswith("Vienna"), (me.employer, me.location)
    heads = [h for h, _p, _r in _programme(c)]
    assert heads and any(h.endswith("Musikverein, Vienna") or h.endswith("Konzerthaus, Vienna") for h in heads)
    assert not [h for h in heads if "Leipzig" in h]
    # the insurance renewed "before the tour" is the insurance's papers, not a tour's programme
    insurance = next(p.folder for p in c.blueprint.project_index.projects if "insurance" in p.name.casefold())
    assert not [p for p in _files(c, "concert_programme") if p.startswith(insurance + "/")]


def test_no_two_deputy_invoices_share_a_number() -> None:
    c = _computer("A second violinist in the Vienna Philharmonic", 1)
    numbers = [_tables(c, p)[0][0][1] for p in _files(c, "dep_invoice")]
    assert len(numbers) >= 2 and len(numbers) == len(set(numbers)), Counter(numbers).most_common(2)


# --- seasons ------------------------------------------------------------------------------------------------------


def test_a_season_in_a_name_follows_the_days_and_the_hemisphere() -> None:
    autumn = [date(2025, 10, 3), date(2025, 11, 8)]
    assert season_named("Spring tour dates", autumn, "GB") == "Autumn tour dates"
    assert season_named("Spring tour dates", autumn, "US") == "Fall tour dates"
    assert season_named("Spring tour dates", autumn, "AU") == "Spring tour dates"
    assert season_named("Four-song EP", autumn, "GB") == "Four-song EP"
    assert season_named("Christmas deputising dates", [date(2025, 12, 14)], "GB") == "Christmas deputising dates"


_SEASON = re.compile(r"\b(spring|summer|autumn|fall|winter)\b", re.I)


@pytest.mark.parametrize(
    ("persona", "seed"),
    (*DJS, ("A guitarist in a punk band in Seattle", 7), ("A bass player in a rock band in Manchester", 3),
     ("músico de jazz en Buenos Aires", 5), ("A singer-songwriter in Nashville", 3)),
)  # fmt: skip
def test_a_projects_season_is_the_season_of_its_gigs(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    code = c.persona.country_code
    named = 0
    for folder, days in _booking_days(c).items():
        name = next(p.name for p in c.blueprint.project_index.projects if p.folder == folder)
        word = _SEASON.search(name)
        if not word:
            continue
        named += 1
        seasons = Counter(season_of(date.fromisoformat(d), code) for d in days)
        top = max(seasons.values())
        said = "autumn" if word.group(1).lower() == "fall" else word.group(1).lower()
        assert seasons[said] == top, (name, days)
    assert named or not any(_SEASON.search(p.name) for p in c.blueprint.project_index.projects)


@pytest.mark.parametrize(("persona", "seed"), DJS[:2])
def test_the_standing_gig_diary_lists_every_booked_gig_with_its_invoice(persona: str, seed: int) -> None:
    c = _computer(persona, seed)
    standing = [p for p in _files(c, "gig_diary") if "By month" in evaluate_workbook(c.disk.read_bytes(p))]
    assert standing
    booked = sorted(d for ds in _booking_days(c).values() for d in ds)
    numbers = {
        _tables(c, p)[0][0][1]: _tables(c, p)[0][3][1].rsplit(", ", 1)[1]  # invoice number -> gig date
        for p in _files(c, "gig_invoice")
    }
    for path in standing:
        values = evaluate_workbook(c.disk.read_bytes(path))
        rows = _rows(values, "Gigs")[1:-1]
        assert sorted(str(r[0]) for r in rows) == booked, path
        for r in rows:
            if r[5]:
                assert numbers[str(r[5])] == str(r[0]), (path, r)
        months = _rows(values, "By month")
        assert float(months[-1][1]) == len(rows)
        assert float(months[-1][2]) == pytest.approx(sum(float(r[4]) for r in rows))
