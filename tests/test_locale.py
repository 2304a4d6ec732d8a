"""Locale facts by country: valid phone numbers, currencies, tax rates, paper, formats, names, determinism."""

from __future__ import annotations

import random
import re
from datetime import date

import phonenumbers
import pytest
from babel import Locale
from hypothesis import given, settings
from hypothesis import strategies as st

from synthcomp_agents.computers._locale import country_code_for, locale_for
from synthcomp_agents.computers._names import person_name, time_zone_for

ALL_TERRITORIES = sorted(str(code) for code in Locale("en").territories if isinstance(code, str) and len(code) == 2)
# 48 countries on every continent, with the scripts and number formats that differ most
COUNTRIES = [
    "US",
    "CA",
    "MX",
    "BR",
    "AR",
    "CL",
    "CO",
    "PE",
    "GB",
    "IE",
    "FR",
    "DE",
    "ES",
    "PT",
    "IT",
    "NL",
    "BE",
    "CH",
    "AT",
    "SE",
    "NO",
    "DK",
    "FI",
    "PL",
    "CZ",
    "HU",
    "RO",
    "GR",
    "TR",
    "RU",
    "UA",
    "IL",
    "EG",
    "SA",
    "AE",
    "MA",
    "NG",
    "KE",
    "ZA",
    "ET",
    "IN",
    "PK",
    "BD",
    "CN",
    "JP",
    "KR",
    "TW",
    "VN",
    "TH",
    "ID",
    "PH",
    "MY",
    "SG",
    "AU",
    "NZ",
]
LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-]+$")


@pytest.mark.parametrize("country", COUNTRIES)
def test_phone_numbers_are_valid_in_national_and_international_format(country: str) -> None:
    loc = locale_for(country)
    rng = random.Random(country)
    numbers = {loc.phone(rng, kind) for kind in ("mobile", "landline") for _ in range(10)}
    assert len(numbers) >= 15, f"{country}: phone numbers barely vary: {sorted(numbers)[:5]}"
    for text in numbers:
        parsed = phonenumbers.parse(text, country)
        assert phonenumbers.is_valid_number(parsed), f"{country}: {text} is not a valid number"
        assert phonenumbers.region_code_for_number(parsed) == country or country in ("CA", "US"), text
    intl = loc.phone(rng, international=True)
    assert intl.startswith(loc.phone_prefix + " ")
    assert phonenumbers.is_valid_number(phonenumbers.parse(intl))


def test_every_iso_territory_has_a_locale_with_valid_phone_and_latin_name() -> None:
    assert len(ALL_TERRITORIES) > 240
    for code in ALL_TERRITORIES:
        loc = locale_for(code)
        rng = random.Random(7)
        assert LATIN_NAME.match(loc.person_name(rng)), code
        assert loc.address(rng).strip()
        if phonenumbers.country_code_for_region(code):
            phone = loc.phone(rng)
            assert phonenumbers.is_valid_number(phonenumbers.parse(phone, code)), (code, phone)
        assert loc.currency.isalpha() and len(loc.currency) == 3


@pytest.mark.parametrize(
    ("country", "region", "currency", "tax_name", "percent", "paper"),
    [
        ("DE", None, "EUR", "MwSt.", "19%", "A4"),
        ("FR", None, "EUR", "TVA", "20%", "A4"),
        ("ES", None, "EUR", "IVA", "21%", "A4"),
        ("IT", None, "EUR", "IVA", "22%", "A4"),
        ("HU", None, "HUF", "ÁFA", "27%", "A4"),
        ("FI", None, "EUR", "ALV", "25.5%", "A4"),
        ("GB", None, "GBP", "VAT", "20%", "A4"),
        ("CH", None, "CHF", "MWST", "8.1%", "A4"),
        ("JP", None, "JPY", "消費税 (consumption tax)", "10%", "A4"),
        ("IN", None, "INR", "GST", "18%", "A4"),
        ("AU", None, "AUD", "GST", "10%", "A4"),
        ("NZ", None, "NZD", "GST", "15%", "A4"),
        ("SG", None, "SGD", "GST", "9%", "A4"),
        ("AE", None, "AED", "VAT", "5%", "A4"),
        ("MX", None, "MXN", "IVA", "16%", "Letter"),
        ("PH", None, "PHP", "VAT", "12%", "Letter"),
        ("CL", None, "CLP", "IVA", "19%", "Letter"),
        ("CA", "ON", "CAD", "HST", "13%", "Letter"),
        ("CA", "Quebec", "CAD", "GST + QST", "14.975%", "Letter"),
        ("US", "KY", "USD", "Sales tax", "6%", "Letter"),
        ("US", "Kentucky", "USD", "Sales tax", "6%", "Letter"),
        ("US", "US-CA", "USD", "Sales tax", "7.25%", "Letter"),
        ("US", "Oregon", "USD", "", "0%", "Letter"),
        ("US", None, "USD", "", "0%", "Letter"),
    ],
)
def test_currency_tax_and_paper(
    country: str, region: str | None, currency: str, tax_name: str, percent: str, paper: str
) -> None:
    loc = locale_for(country, region=region)
    assert (loc.currency, loc.tax.name, loc.tax.percent, loc.paper) == (currency, tax_name, percent, paper)
    assert loc.tax_rate == loc.tax.rate
    width, height = loc.page_size_points
    assert (round(width), round(height)) == ((612, 792) if paper == "Letter" else (595, 842))


def test_money_numbers_and_dates_follow_the_country() -> None:
    de, us, india, jp, fr, gb, ch = (locale_for(c) for c in ("DE", "US", "IN", "JP", "FR", "GB", "CH"))
    assert de.format_money(1234.5) == "1.234,50\xa0€"
    assert us.format_money(1234.5) == "$1,234.50"
    assert india.format_money(1234567) == "₹12,34,567.00"
    assert jp.format_money(1234.5) in ("￥1,234", "￥1,235", "¥1,234", "¥1,235")
    assert ch.format_money(1234.5) == "CHF\xa01'234.50"
    assert de.format_number(1234567.891, 2) == "1.234.567,89"
    assert fr.format_number(1234.5, 1) == "1\u202f234,5"
    assert us.format_number(0.5, 0) == "0" or us.format_number(0.5, 0) == "1"
    assert fr.format_percent(0.19) == "19\u00a0%"
    day = date(2026, 3, 7)
    assert de.format_date(day, "short") == "07.03.26"
    assert us.format_date(day, "short") == "3/7/26"
    assert gb.format_date(day, "short") == "07/03/2026"
    assert us.format_date(day, "long") == "March 7, 2026"
    assert de.format_date(day, "long") == "7 March 2026"  # English words, German order
    assert gb.format_date(day, "iso") == "2026-03-07"


def test_week_time_zone_and_school_year() -> None:
    assert locale_for("US").first_day_of_week == 6 and locale_for("DE").first_day_of_week == 0
    assert locale_for("US", region="KY").time_zone == "America/New_York"
    assert locale_for("US", region="TX").time_zone == "America/Chicago"
    assert locale_for("AU").time_zone == "Australia/Sydney" and locale_for("KE").time_zone == "Africa/Nairobi"
    spain = locale_for("ES")
    assert spain.school_year_start_month == 9 and "term" not in " ".join(spain.school_terms).lower()
    assert locale_for("AU").school_year_start_month == 1 and locale_for("JP").school_year_start_month == 4
    assert locale_for("GB").school_terms == ("Autumn term", "Spring term", "Summer term")


def test_country_names_and_codes() -> None:
    assert country_code_for("Germany") == country_code_for("de") == "DE"
    assert country_code_for("United States") == country_code_for("USA") == "US"
    assert country_code_for("England") == "GB" and country_code_for("South Korea") == "KR"
    assert country_code_for("Narnia") is None and country_code_for(None) is None
    with pytest.raises(ValueError, match="unknown country 'Narnia'"):
        locale_for("Narnia")
    assert locale_for("Spain") is locale_for("ES")  # cached


@pytest.mark.parametrize(
    "country", ["JP", "CN", "KR", "RU", "GR", "UA", "TH", "IN", "EG", "SA", "GE", "BD", "IL", "IR", "AF"]
)
def test_names_are_in_latin_script_and_native_on_request(country: str) -> None:
    loc = locale_for(country)
    rng = random.Random(11)
    taken: set[str] = set()
    names = [loc.person_name(rng, taken) for _ in range(30)]
    assert all(LATIN_NAME.match(n) for n in names), names
    assert len(set(names)) == 30 and len({n.split()[-1] for n in names}) >= 20  # few shared surnames
    assert taken == {n.casefold() for n in names}
    if country in ("JP", "CN", "KR", "RU", "GR", "UA"):
        native = loc.person_name(random.Random(1), native_script=True)
        assert not native.isascii()


def test_same_rng_gives_same_people_places_and_numbers() -> None:
    for country in COUNTRIES:
        loc = locale_for(country)

        def draw(seed: int, loc: object = loc) -> tuple[str, ...]:
            rng = random.Random(seed)
            taken: set[str] = set()
            return tuple(
                [loc.person_name(rng, taken) for _ in range(3)]  # type: ignore[attr-defined]
                + [loc.phone(rng), loc.address(rng), loc.city(rng)]  # type: ignore[attr-defined]
            )

        assert draw(1) == draw(1), country
        assert draw(1) != draw(2), country


def test_names_module_uses_the_locale_for_any_country() -> None:
    rng = random.Random(5)
    assert person_name(rng, "Kenya") and person_name(random.Random(5), "KE") == person_name(random.Random(5), "Kenya")
    assert time_zone_for("Peru", None) == "America/Lima"
    assert time_zone_for("United States", "Seattle") == "America/Los_Angeles"
    assert time_zone_for("Atlantis", None) == "UTC"


def test_us_address_is_in_the_state() -> None:
    rng = random.Random(3)
    for _ in range(20):
        lines = locale_for("US", region="KY").address(rng).splitlines()
        assert re.fullmatch(r".+, KY \d{5}", lines[-1]), lines
        assert not any("APO" in line or "FPO" in line for line in lines)


@settings(max_examples=40, deadline=None)
@given(country=st.sampled_from(ALL_TERRITORIES), seed=st.integers(0, 2**32 - 1))
def test_any_country_any_seed_is_deterministic_and_valid(country: str, seed: int) -> None:
    loc = locale_for(country)
    first = (loc.person_name(random.Random(seed)), loc.phone(random.Random(seed)), loc.address(random.Random(seed)))
    again = (loc.person_name(random.Random(seed)), loc.phone(random.Random(seed)), loc.address(random.Random(seed)))
    assert first == again
    assert LATIN_NAME.match(first[0])
    if phonenumbers.country_code_for_region(country):
        assert phonenumbers.is_valid_number(phonenumbers.parse(first[1], country))


def test_each_value_advances_the_callers_stream_by_one_draw() -> None:
    loc = locale_for("DE")
    for make in (loc.person_name, loc.phone, loc.address, loc.city):
        used, reference = random.Random(9), random.Random(9)
        make(used)
        reference.getrandbits(64)
        assert used.random() == reference.random(), make.__name__


@pytest.mark.parametrize("country", ["PH", "DE", "JP", "US", "GR", "BR"])
def test_light_faker_draws_what_the_full_faker_draws(country: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Names and addresses come from a Faker of the person and address providers only; where a format names
    another provider's field (the Philippines' addresses) the full one draws: the values are the full one's."""
    from synthcomp_agents.computers import _locale

    def draws() -> list[str]:
        loc = locale_for(country)
        rows: list[str] = []
        for seed in range(8):
            rng = random.Random(seed)
            rows += [loc.person_name(rng), loc.person_name(rng, native_script=True), loc.address(rng), loc.city(rng)]
            rows.append(str(rng.random()))  # the caller's stream advanced the same
        return rows

    light = draws()
    make = _locale._faker

    monkeypatch.setattr(_locale, "_faker", lambda locale_id, full=False: make(locale_id, True))
    assert light == draws()


@pytest.mark.parametrize("country", ["FR", "DE", "IT", "BR", "JP", "AU", "PH", "ZA"])
def test_mail_domains_are_fakers_own_for_the_locale(country: str) -> None:
    """The personal mail domains are the whole free-mail list of the locale's Faker internet provider (as a generator
    of every provider has it), each drawn with the weight Faker gives it."""
    from faker import Faker

    info = locale_for(country)
    code = info.address_locale or info.faker_locale
    full = Faker(code)[code].free_email_domain.__self__  # type: ignore[attr-defined]  # a bound provider method
    listed = tuple(str(d) for d in getattr(full, "free_email_domains", ())) or ("gmail.com", "outlook.com")
    rng = random.Random(country)
    drawn = [info.mail_domain(rng) for _ in range(400)]
    assert set(drawn) <= set(listed)
    assert len(set(drawn)) >= min(3, len(set(listed)))


@pytest.mark.parametrize("seed", range(6))
def test_east_asian_home_addresses_run_from_postcode_to_street(seed: int) -> None:
    """A Korean, Japanese or Chinese home address is written large to small (postcode, the person's own town, the
    street): Faker's Korean street address carried a province and a city of its own before the town (a Seoul
    address in 충청남도 예산군), its Japanese one read '417 山田 Street' and its Chinese one '沈阳街h座'."""
    korea = locale_for("KR").home_address(random.Random(seed), "서울", one_line=True)
    assert re.fullmatch(r"\d{5} 서울 \S+ (지하)?\d+(-\d+)?", korea), korea
    assert not re.search(r"(도|광역시|특별시|특별자치시) ", korea), korea
    japan = locale_for("JP").home_address(random.Random(seed), "日野市", one_line=True)
    assert re.fullmatch(r"\d{3}-\d{4} 日野市 \S+[1-9]丁目\d+番\d+号", japan), japan
    china = locale_for("CN").home_address(random.Random(seed), "上海", one_line=True)
    assert re.fullmatch(r"\d{6} 上海 \S+(路|街)\d+号", china), china
