"""Locale facts and formats for a persona's country: names, phones, addresses, money, tax, dates, paper.

Everything comes from well-kept libraries: `babel` (CLDR: currencies, number and date formats, week data, official
languages, time zones), `phonenumbers` (libphonenumber metadata: valid numbers per country) and `Faker` locales
(names, streets, cities, postcodes). What those libraries do not hold is kept in small reviewed tables here: the
standard VAT/GST/sales-tax rate per country (US state and Canadian province where it differs), CLDR's US-Letter
territories and the school-year convention.

All generators take a ``random.Random`` and draw only from it: the same rng state gives the same output.
"""

from __future__ import annotations

import contextlib
import importlib.util
import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal, TypeVar

import phonenumbers
import yaml
from babel import Locale, UnknownLocaleError, languages, localedata
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.core import get_global

__all__ = [
    "LETTER_TERRITORIES",
    "LocaleInfo",
    "TaxRule",
    "country_code_for",
    "locale_for",
]

DateStyle = Literal["short", "medium", "long", "full", "iso"]
PhoneKind = Literal["mobile", "landline"]

LETTER_TERRITORIES = frozenset(["BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"])
"""Territories whose default paper is US Letter (CLDR supplemental ``paperSize``); everywhere else uses A4."""


@dataclass(frozen=True)
class TaxRule:
    """The standard consumption tax on an invoice: its usual name and rate (``0.19`` for 19%).

    ``name`` is empty where no general consumption tax applies (e.g. Qatar, or a US state without sales tax).

    Example:
        >>> TaxRule("VAT", 0.2).percent
        '20%'
    """

    name: str
    rate: float

    @property
    def percent(self) -> str:
        """The rate as people write it on invoices (``19%``, ``8.1%``, ``9.975%``)."""
        return f"{Decimal(str(round(self.rate * 100, 3))).normalize():f}%"


# Standard rates as of 2025 (reviewed against the national tax authorities' published standard rates; reduced rates
# for food, books, etc. are not modelled). Sources: EU Commission "VAT rates applied in the Member States" (2025),
# OECD Consumption Tax Trends, national revenue services.
_TAX: dict[str, tuple[str, float]] = {
    # European Union
    "AT": ("USt.", 0.20), "BE": ("BTW", 0.21), "BG": ("ДДС (VAT)", 0.20), "HR": ("PDV", 0.25), "CY": ("VAT", 0.19),
    "CZ": ("DPH", 0.21), "DK": ("moms", 0.25), "EE": ("käibemaks", 0.24), "FI": ("ALV", 0.255), "FR": ("TVA", 0.20),
    "DE": ("MwSt.", 0.19), "GR": ("ΦΠΑ (VAT)", 0.24), "HU": ("ÁFA", 0.27), "IE": ("VAT", 0.23), "IT": ("IVA", 0.22),
    "LV": ("PVN", 0.21), "LT": ("PVM", 0.21), "LU": ("TVA", 0.17), "MT": ("VAT", 0.18), "NL": ("btw", 0.21),
    "PL": ("VAT", 0.23), "PT": ("IVA", 0.23), "RO": ("TVA", 0.21), "SK": ("DPH", 0.23), "SI": ("DDV", 0.22),
    "ES": ("IVA", 0.21), "SE": ("moms", 0.25),
    # rest of Europe
    "GB": ("VAT", 0.20), "NO": ("MVA", 0.25), "CH": ("MWST", 0.081), "LI": ("MWST", 0.081), "IS": ("VSK", 0.24),
    "UA": ("ПДВ (VAT)", 0.20), "RS": ("PDV", 0.20), "TR": ("KDV", 0.20), "RU": ("НДС (VAT)", 0.20),
    "BY": ("НДС (VAT)", 0.20), "AL": ("TVSH", 0.20), "BA": ("PDV", 0.17), "MK": ("ДДВ (VAT)", 0.18),
    "ME": ("PDV", 0.21), "MD": ("TVA", 0.20), "MC": ("TVA", 0.20), "AD": ("IGI", 0.045), "GE": ("VAT", 0.18),
    "AM": ("VAT", 0.20), "AZ": ("ƏDV (VAT)", 0.18), "XK": ("TVSH", 0.18),
    # Americas (US and CA by state/province below)
    "US": ("", 0.0), "CA": ("GST", 0.05), "MX": ("IVA", 0.16), "BR": ("ICMS", 0.18), "AR": ("IVA", 0.21),
    "CL": ("IVA", 0.19), "CO": ("IVA", 0.19), "PE": ("IGV", 0.18), "UY": ("IVA", 0.22), "EC": ("IVA", 0.15),
    "VE": ("IVA", 0.16), "BO": ("IVA", 0.13), "PY": ("IVA", 0.10), "CR": ("IVA", 0.13), "PA": ("ITBMS", 0.07),
    "GT": ("IVA", 0.12), "DO": ("ITBIS", 0.18), "JM": ("GCT", 0.15), "TT": ("VAT", 0.125), "HN": ("ISV", 0.15),
    "SV": ("IVA", 0.13), "NI": ("IVA", 0.15), "PR": ("IVU", 0.115), "BS": ("VAT", 0.10), "BB": ("VAT", 0.175),
    # Asia and Pacific
    "AU": ("GST", 0.10), "NZ": ("GST", 0.15), "JP": ("消費税 (consumption tax)", 0.10), "CN": ("增值税 (VAT)", 0.13),
    "KR": ("부가세 (VAT)", 0.10), "IN": ("GST", 0.18), "SG": ("GST", 0.09), "MY": ("SST", 0.08), "TH": ("VAT", 0.07),
    "VN": ("VAT", 0.10), "ID": ("PPN", 0.11), "PH": ("VAT", 0.12), "TW": ("營業稅 (VAT)", 0.05), "HK": ("", 0.0),
    "PK": ("GST", 0.18), "BD": ("VAT", 0.15), "LK": ("VAT", 0.18), "NP": ("VAT", 0.13), "KH": ("VAT", 0.10),
    "MN": ("VAT", 0.10), "KZ": ("VAT", 0.12), "UZ": ("VAT", 0.12), "FJ": ("VAT", 0.15), "LA": ("VAT", 0.10),
    "MO": ("", 0.0), "BN": ("", 0.0), "MM": ("Commercial tax", 0.05),
    # Middle East and Africa
    "AE": ("VAT", 0.05), "SA": ("VAT", 0.15), "BH": ("VAT", 0.10), "OM": ("VAT", 0.05), "QA": ("", 0.0),
    "KW": ("", 0.0), "IL": ("מע״מ (VAT)", 0.18), "JO": ("GST", 0.16), "LB": ("TVA", 0.11), "EG": ("VAT", 0.14),
    "IR": ("VAT", 0.10), "ZA": ("VAT", 0.15), "NG": ("VAT", 0.075), "KE": ("VAT", 0.16), "GH": ("VAT", 0.15),
    "ET": ("VAT", 0.15), "TZ": ("VAT", 0.18), "UG": ("VAT", 0.18), "MA": ("TVA", 0.20), "TN": ("TVA", 0.19),
    "DZ": ("TVA", 0.19), "SN": ("TVA", 0.18), "CI": ("TVA", 0.18), "CM": ("TVA", 0.1925), "RW": ("VAT", 0.18),
    "ZM": ("VAT", 0.16), "ZW": ("VAT", 0.15), "BW": ("VAT", 0.14), "NA": ("VAT", 0.15), "MU": ("VAT", 0.15),
    "AO": ("IVA", 0.14), "MZ": ("IVA", 0.16), "MW": ("VAT", 0.165), "BJ": ("TVA", 0.18), "BF": ("TVA", 0.18),
    "ML": ("TVA", 0.18), "NE": ("TVA", 0.19), "TG": ("TVA", 0.18), "GA": ("TVA", 0.18), "CD": ("TVA", 0.16),
    "MG": ("TVA", 0.20), "SC": ("VAT", 0.15), "LS": ("VAT", 0.15), "SZ": ("VAT", 0.15), "GM": ("VAT", 0.15),
    "SL": ("GST", 0.15), "LR": ("GST", 0.10), "SD": ("VAT", 0.17), "SS": ("VAT", 0.18),
}  # fmt: skip

# US states: (name, IANA zone of most of the population, state-level sales tax rate 2025, Tax Foundation table).
_US_STATES: dict[str, tuple[str, str, float]] = {
    "AL": ("Alabama", "America/Chicago", 0.04), "AK": ("Alaska", "America/Anchorage", 0.0),
    "AZ": ("Arizona", "America/Phoenix", 0.056), "AR": ("Arkansas", "America/Chicago", 0.065),
    "CA": ("California", "America/Los_Angeles", 0.0725), "CO": ("Colorado", "America/Denver", 0.029),
    "CT": ("Connecticut", "America/New_York", 0.0635), "DE": ("Delaware", "America/New_York", 0.0),
    "FL": ("Florida", "America/New_York", 0.06), "GA": ("Georgia", "America/New_York", 0.04),
    "HI": ("Hawaii", "Pacific/Honolulu", 0.04), "ID": ("Idaho", "America/Boise", 0.06),
    "IL": ("Illinois", "America/Chicago", 0.0625), "IN": ("Indiana", "America/Indiana/Indianapolis", 0.07),
    "IA": ("Iowa", "America/Chicago", 0.06), "KS": ("Kansas", "America/Chicago", 0.065),
    "KY": ("Kentucky", "America/New_York", 0.06), "LA": ("Louisiana", "America/Chicago", 0.05),
    "ME": ("Maine", "America/New_York", 0.055), "MD": ("Maryland", "America/New_York", 0.06),
    "MA": ("Massachusetts", "America/New_York", 0.0625), "MI": ("Michigan", "America/Detroit", 0.06),
    "MN": ("Minnesota", "America/Chicago", 0.06875), "MS": ("Mississippi", "America/Chicago", 0.07),
    "MO": ("Missouri", "America/Chicago", 0.04225), "MT": ("Montana", "America/Denver", 0.0),
    "NE": ("Nebraska", "America/Chicago", 0.055), "NV": ("Nevada", "America/Los_Angeles", 0.0685),
    "NH": ("New Hampshire", "America/New_York", 0.0), "NJ": ("New Jersey", "America/New_York", 0.06625),
    "NM": ("New Mexico", "America/Denver", 0.04875), "NY": ("New York", "America/New_York", 0.04),
    "NC": ("North Carolina", "America/New_York", 0.0475), "ND": ("North Dakota", "America/Chicago", 0.05),
    "OH": ("Ohio", "America/New_York", 0.0575), "OK": ("Oklahoma", "America/Chicago", 0.045),
    "OR": ("Oregon", "America/Los_Angeles", 0.0), "PA": ("Pennsylvania", "America/New_York", 0.06),
    "RI": ("Rhode Island", "America/New_York", 0.07), "SC": ("South Carolina", "America/New_York", 0.06),
    "SD": ("South Dakota", "America/Chicago", 0.042), "TN": ("Tennessee", "America/Chicago", 0.07),
    "TX": ("Texas", "America/Chicago", 0.0625), "UT": ("Utah", "America/Denver", 0.061),
    "VT": ("Vermont", "America/New_York", 0.06), "VA": ("Virginia", "America/New_York", 0.053),
    "WA": ("Washington", "America/Los_Angeles", 0.065), "WV": ("West Virginia", "America/New_York", 0.06),
    "WI": ("Wisconsin", "America/Chicago", 0.05), "WY": ("Wyoming", "America/Denver", 0.04),
    "DC": ("District of Columbia", "America/New_York", 0.06),
}  # fmt: skip

# Canadian provinces and territories: (name, zone, tax name, combined federal + provincial rate on invoices, 2025).
_CA_PROVINCES: dict[str, tuple[str, str, str, float]] = {
    "AB": ("Alberta", "America/Edmonton", "GST", 0.05),
    "BC": ("British Columbia", "America/Vancouver", "GST + PST", 0.12),
    "MB": ("Manitoba", "America/Winnipeg", "GST + RST", 0.12),
    "NB": ("New Brunswick", "America/Moncton", "HST", 0.15),
    "NL": ("Newfoundland and Labrador", "America/St_Johns", "HST", 0.15),
    "NS": ("Nova Scotia", "America/Halifax", "HST", 0.14),
    "NT": ("Northwest Territories", "America/Yellowknife", "GST", 0.05),
    "NU": ("Nunavut", "America/Iqaluit", "GST", 0.05),
    "ON": ("Ontario", "America/Toronto", "HST", 0.13),
    "PE": ("Prince Edward Island", "America/Halifax", "HST", 0.15),
    "QC": ("Quebec", "America/Toronto", "GST + QST", 0.14975),
    "SK": ("Saskatchewan", "America/Regina", "GST + PST", 0.11),
    "YT": ("Yukon", "America/Whitehorse", "GST", 0.05),
}

# Zone where most people live, for countries CLDR lists with several zones (others have exactly one).
_MAIN_ZONE: dict[str, str] = {
    "US": "America/New_York", "CA": "America/Toronto", "AU": "Australia/Sydney", "BR": "America/Sao_Paulo",
    "RU": "Europe/Moscow", "MX": "America/Mexico_City", "ID": "Asia/Jakarta", "CN": "Asia/Shanghai",
    "KZ": "Asia/Almaty", "AR": "America/Argentina/Buenos_Aires", "ES": "Europe/Madrid", "PT": "Europe/Lisbon",
    "CL": "America/Santiago", "EC": "America/Guayaquil", "DE": "Europe/Berlin", "NZ": "Pacific/Auckland",
    "UA": "Europe/Kyiv", "MN": "Asia/Ulaanbaatar", "CD": "Africa/Kinshasa", "MY": "Asia/Kuala_Lumpur",
    "GL": "America/Nuuk", "KI": "Pacific/Tarawa", "FM": "Pacific/Chuuk", "PF": "Pacific/Tahiti",
    "UZ": "Asia/Tashkent", "CY": "Asia/Nicosia", "PS": "Asia/Gaza", "EG": "Africa/Cairo", "GB": "Europe/London",
    "FR": "Europe/Paris", "IT": "Europe/Rome", "NL": "Europe/Amsterdam", "DK": "Europe/Copenhagen",
    "NO": "Europe/Oslo", "CH": "Europe/Zurich", "AQ": "Antarctica/McMurdo", "UM": "Pacific/Honolulu",
    "MH": "Pacific/Majuro", "PG": "Pacific/Port_Moresby", "VN": "Asia/Ho_Chi_Minh",
}  # fmt: skip

# Month the school year starts and what its parts are called (the convention schools use, not every exception).
_SCHOOL: dict[str, tuple[int, tuple[str, ...]]] = {
    "GB": (9, ("Autumn term", "Spring term", "Summer term")),
    "IE": (9, ("Autumn term", "Spring term", "Summer term")),
    "US": (8, ("Fall semester", "Spring semester")),
    "CA": (9, ("Fall semester", "Winter semester")),
    "AU": (1, ("Term 1", "Term 2", "Term 3", "Term 4")),
    "NZ": (2, ("Term 1", "Term 2", "Term 3", "Term 4")),
    "ZA": (1, ("Term 1", "Term 2", "Term 3", "Term 4")),
    "JP": (4, ("1学期 (first term)", "2学期 (second term)", "3学期 (third term)")),
    "KR": (3, ("1학기 (spring semester)", "2학기 (autumn semester)")),
    "IN": (6, ("Term 1", "Term 2")),
    "BR": (2, ("1º bimestre", "2º bimestre", "3º bimestre", "4º bimestre")),
    "AR": (3, ("Primer cuatrimestre", "Segundo cuatrimestre")),
    "CL": (3, ("Primer semestre", "Segundo semestre")),
    "ES": (9, ("Primer trimestre", "Segundo trimestre", "Tercer trimestre")),
    "MX": (8, ("Primer trimestre", "Segundo trimestre", "Tercer trimestre")),
    "FR": (9, ("Premier trimestre", "Deuxième trimestre", "Troisième trimestre")),
    "IT": (9, ("Primo quadrimestre", "Secondo quadrimestre")),
    "DE": (8, ("1. Halbjahr", "2. Halbjahr")),
    "AT": (9, ("1. Semester", "2. Semester")),
    "NL": (8, ("Periode 1", "Periode 2", "Periode 3", "Periode 4")),
    "SG": (1, ("Term 1", "Term 2", "Term 3", "Term 4")),
    "CN": (9, ("第一学期 (autumn semester)", "第二学期 (spring semester)")),
}

# Faker locales for names in Latin script where the country's own Faker locale writes another script or has no
# name data (English-language Faker locales of multilingual countries; Algerian-French for Arabic names).
_LATIN_NAME_LOCALE = {
    "IN": "en_IN", "PK": "en_PK", "BD": "en_BD", "TH": "en_TH", "NG": "en_NG", "KE": "en_KE", "NP": "en_IN",
    "LK": "en_IN", "GH": "tw_GH", "ZA": "zu_ZA", "SG": "zh_CN", "HK": "zh_TW", "MO": "zh_TW", "PH": "en_US",
}  # fmt: skip
_ARABIC_LATIN = "fr_DZ"
_ROMANISED = frozenset({"ja_JP", "zh_CN", "zh_TW"})
# Hebrew and Persian are written without most vowels, so letter-by-letter romanisation of Faker's native names gives
# skeletons ("Nv'm Gl" for Naomi Gal). Names there come from these reviewed lists of common names as they are
# usually spelt in Latin letters (male given names, female given names, surnames).
_ROMAN_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "he_IL": (
        tuple(
            [
                "Yonatan",
                "Itai",
                "Omer",
                "Daniel",
                "Eitan",
                "Ariel",
                "Yosef",
                "David",
                "Amit",
                "Noam",
                "Lior",
                "Guy",
                "Oren",
                "Ido",
                "Nadav",
                "Avi",
                "Moshe",
                "Uri",
            ]
        ),
        tuple(
            [
                "Noa",
                "Tamar",
                "Yael",
                "Maya",
                "Shira",
                "Michal",
                "Noga",
                "Adi",
                "Roni",
                "Liat",
                "Avigail",
                "Hila",
                "Efrat",
                "Dana",
                "Keren",
                "Orly",
                "Sivan",
            ]
        ),
        tuple(
            [
                "Cohen",
                "Levi",
                "Mizrahi",
                "Peretz",
                "Biton",
                "Dahan",
                "Avraham",
                "Friedman",
                "Azoulay",
                "Katz",
                "Malka",
                "Ohana",
                "Shapira",
                "Goldberg",
                "Ben-David",
                "Amar",
                "Rosenberg",
                "Halevi",
                "Weiss",
                "Segal",
                "Golan",
                "Sharabi",
                "Ashkenazi",
                "Barak",
                "Hadad",
            ]
        ),
    ),
    "fa_IR": (
        tuple(
            [
                "Reza",
                "Ali",
                "Mohammad",
                "Hossein",
                "Mehdi",
                "Amir",
                "Hamid",
                "Saeed",
                "Omid",
                "Behnam",
                "Arash",
                "Kaveh",
                "Babak",
                "Dariush",
                "Farhad",
            ]
        ),
        tuple(
            [
                "Maryam",
                "Fatemeh",
                "Zahra",
                "Sara",
                "Narges",
                "Leila",
                "Mina",
                "Shirin",
                "Parisa",
                "Nazanin",
                "Elham",
                "Roya",
                "Niloufar",
                "Azadeh",
            ]
        ),
        tuple(
            [
                "Ahmadi",
                "Hosseini",
                "Mohammadi",
                "Rezaei",
                "Moradi",
                "Karimi",
                "Jafari",
                "Rahimi",
                "Hashemi",
                "Mousavi",
                "Sadeghi",
                "Ghasemi",
                "Kazemi",
                "Najafi",
                "Tehrani",
                "Shirazi",
                "Esfahani",
                "Amini",
                "Bagheri",
                "Farahani",
                "Akbari",
                "Ebrahimi",
                "Nouri",
                "Sharifi",
                "Heidari",
            ]
        ),
    ),
}
# Countries whose names Faker has only in another country's form: Egypt, the Levant and the Gulf would otherwise get
# Algerian-French spellings ("Ilyes Boudjemaa" in Cairo), the Philippines American names. Reviewed lists of common
# names as they are usually spelt in Latin letters there (male given names, female given names, surnames).
_EGYPT = (
    ("Ahmed", "Mohamed", "Mahmoud", "Mostafa", "Omar", "Youssef", "Karim", "Tarek", "Amr", "Hossam", "Khaled",
     "Hany", "Sherif", "Walid", "Ibrahim", "Hassan", "Mina", "Bishoy", "Ramy", "Islam", "Ayman", "Sameh"),
    ("Fatma", "Mona", "Nour", "Yasmin", "Heba", "Rania", "Dina", "Salma", "Mariam", "Aya", "Sara", "Nada",
     "Reem", "Ghada", "Marwa", "Eman", "Hend", "Mai", "Shaimaa", "Noha", "Marina", "Doaa"),
    ("Hassan", "Mahmoud", "Ibrahim", "El-Sayed", "Mostafa", "Farouk", "Fahmy", "Naguib", "Shehata", "Gaber",
     "Soliman", "Ramadan", "Abdelaziz", "Mansour", "Youssef", "Fathy", "Kamel", "Saleh", "Hegazy", "Zaki",
     "Lotfy", "Salem", "Samir", "Tawfik", "Helmy", "Gamal", "Girgis", "Botros", "Abdelrahman", "Hamdy"),
)  # fmt: skip
_LEVANT = (
    ("Ahmad", "Mohammad", "Omar", "Khalil", "Rami", "Sami", "Fadi", "Ziad", "Tariq", "Bilal", "Hussein", "Yazan",
     "Karam", "Majd", "Elias", "George", "Nabil", "Issa", "Ali", "Hamza"),
    ("Layla", "Rana", "Lina", "Nour", "Hiba", "Dima", "Rasha", "Maya", "Zeina", "Lara", "Rula", "Sawsan", "Reem",
     "Tala", "Jana", "Hala", "Samar", "Nadine", "Farah", "Rima"),
    ("Haddad", "Khoury", "Nasser", "Hamdan", "Saleh", "Haddadin", "Masri", "Khalil", "Jaber", "Odeh", "Nassar",
     "Tamimi", "Qasem", "Abu-Zaid", "Shami", "Hijazi", "Karam", "Sabbagh", "Issa", "Mansour", "Darwish", "Awad",
     "Zahran", "Bitar"),
)  # fmt: skip
_GULF = (
    ("Abdullah", "Mohammed", "Fahad", "Sultan", "Khalid", "Faisal", "Saud", "Turki", "Nasser", "Saeed", "Rashid",
     "Hamad", "Majed", "Yousef", "Ali", "Omar", "Salem", "Mansour", "Badr", "Nawaf"),
    ("Noura", "Fatima", "Maha", "Hessa", "Aisha", "Reem", "Latifa", "Mariam", "Shaikha", "Amal", "Hind", "Sara",
     "Alia", "Dana", "Moza", "Lulwa", "Haya", "Nouf", "Asma", "Khawla"),
    ("Al-Qahtani", "Al-Otaibi", "Al-Ghamdi", "Al-Harbi", "Al-Shehri", "Al-Zahrani", "Al-Mansouri", "Al-Hashimi",
     "Al-Mazrouei", "Al-Suwaidi", "Al-Kuwari", "Al-Amri", "Al-Ajmi", "Al-Mutairi", "Al-Dosari", "Al-Balushi",
     "Al-Shamsi", "Al-Nuaimi", "Al-Marri", "Al-Rashidi"),
)  # fmt: skip
_PHILIPPINES = (
    ("Jose", "Juan", "Mark", "John Paul", "Christian", "Joshua", "Angelo", "Carlo", "Rafael", "Miguel", "Jerome",
     "Ramon", "Paolo", "Jericho", "Emmanuel", "Ronaldo"),
    ("Maria", "Kristine", "Angelica", "Maricel", "Jasmine", "Camille", "Andrea", "Rowena", "Charmaine", "Princess",
     "Joy", "Lorna", "Mylene", "Grace", "Patricia", "Bea"),
    ("Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Ramos", "Aquino", "Villanueva", "Castillo",
     "Fernandez", "Dela Cruz", "Navarro", "Torres", "Gonzales", "Domingo", "Soriano", "Mercado", "Pascual",
     "Manalo", "Tolentino", "Macaraeg"),
)  # fmt: skip
_COUNTRY_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "EG": _EGYPT, "SD": _EGYPT, "JO": _LEVANT, "PS": _LEVANT, "LB": _LEVANT, "SY": _LEVANT, "IQ": _LEVANT,
    "SA": _GULF, "AE": _GULF, "QA": _GULF, "KW": _GULF, "BH": _GULF, "OM": _GULF, "YE": _GULF,
    "PH": _PHILIPPINES,
}  # fmt: skip
"""Latin-script names by country where Faker's nearest locale is another country's (checked before the locale's)."""

# Where no Faker locale holds the country's language: the nearest one people there would share names with.
_NEAREST_FAKER = {
    "es": "es_MX", "pt": "pt_BR", "fr": "fr_FR", "de": "de_DE", "it": "it_IT", "nl": "nl_NL", "en": "en_GB",
    "ar": _ARABIC_LATIN, "ru": "ru_RU", "zh": "zh_CN", "sv": "sv_SE", "da": "da_DK", "nb": "no_NO", "no": "no_NO",
    "sr": "hr_HR", "hr": "hr_HR", "bs": "hr_HR", "ms": "id_ID", "sw": "en_KE", "el": "el_GR", "ro": "ro_RO",
    "tr": "tr_TR", "fa": "fa_IR", "uk": "uk_UA", "be": "ru_RU", "kk": "ru_RU", "ky": "ru_RU", "tg": "ru_RU",
    "hi": "en_IN", "ur": "en_PK", "bn": "en_BD", "ne": "en_IN", "si": "en_IN", "ta": "en_IN", "sq": "it_IT",
    "am": "en_KE", "so": "en_KE", "mt": "it_IT", "lb": "de_DE", "fil": "en_US", "tl": "en_US",
}  # fmt: skip
_FAKER_SPANISH_AMERICAS = frozenset(["AR", "CL", "CO", "MX", "VE"])


@lru_cache(maxsize=1)
def _territory_names() -> dict[str, str]:
    """ISO alpha-2 code -> English territory name (built once: every name and money lookup asks; read-only)."""
    english = Locale("en").territories
    return {code: name for code, name in english.items() if len(code) == 2 and code.isalpha()}


_NAME_TO_CODE_EXTRA = {
    "usa": "US", "united states of america": "US", "america": "US", "us": "US", "u.s.": "US", "u.s.a.": "US",
    "uk": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB", "great britain": "GB",
    "britain": "GB", "korea": "KR", "republic of korea": "KR", "russian federation": "RU", "czech republic": "CZ",
    "holland": "NL", "the netherlands": "NL", "uae": "AE", "viet nam": "VN", "turkiye": "TR", "türkiye": "TR",
    "ivory coast": "CI", "cote d'ivoire": "CI", "burma": "MM", "swaziland": "SZ", "macedonia": "MK",
    "taiwan": "TW", "hong kong": "HK", "macau": "MO", "macao": "MO", "palestine": "PS",
}  # fmt: skip


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    index = {name.casefold(): code for code, name in _territory_names().items()}
    index.update(_NAME_TO_CODE_EXTRA)
    return index


def country_code_for(country: str | None) -> str | None:
    """Return the ISO 3166-1 alpha-2 code for a country code or English name (``None`` when unknown).

    Example:
        >>> country_code_for("Germany"), country_code_for("usa"), country_code_for("jp"), country_code_for("Narnia")
        ('DE', 'US', 'JP', None)
    """
    if not country:
        return None
    text = country.strip()
    if len(text) == 2 and text.isalpha() and text.upper() in _territory_names():
        return text.upper()
    return _name_index().get(text.casefold())


def _region_code(country: str, region: str | None) -> str | None:
    if not region:
        return None
    text = region.strip()
    text = text.split("-", 1)[1] if text.upper().startswith(f"{country}-") else text
    table: dict[str, Any] = _US_STATES if country == "US" else _CA_PROVINCES if country == "CA" else {}
    if text.upper() in table:
        return text.upper()
    for code, row in table.items():
        if row[0].casefold() == text.casefold():
            return code
    return None


def _has_locale(identifier: str) -> bool:
    return localedata.exists(identifier)


_BIDI_MARKS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _latin_digits(locale_id: str) -> bool:
    """Whether amounts in this locale are plain left-to-right Latin digits (no bidi marks, no native digits)."""
    sample = babel_numbers.format_currency(1234567.5, "EUR", locale=locale_id)
    return not any(ch in _BIDI_MARKS or (ch.isdigit() and not ch.isascii()) for ch in sample)


@lru_cache(maxsize=512)
def _babel_ids(country: str) -> tuple[str, str]:
    """(number locale, English text locale) for a territory, e.g. ``("de_DE", "en_DE")``."""
    official = list(languages.get_official_languages(country, de_facto=True))
    number_id = ""
    if "en" in official and _has_locale(f"en_{country}"):
        number_id = f"en_{country}"
    for lang in official:
        if number_id:
            break
        candidate = f"{lang}_{country}"
        if _has_locale(candidate) and _latin_digits(candidate):
            number_id = candidate
    if not number_id:
        try:
            likely = str(Locale.parse(f"und_{country}"))
            number_id = likely if _latin_digits(likely) else ""
        except (UnknownLocaleError, ValueError):
            number_id = ""
    text_id = f"en_{country}" if _has_locale(f"en_{country}") else "en_150" if _is_europe(country) else "en_001"
    if country == "US":
        text_id = "en_US"
    if not number_id:
        number_id = text_id
    return number_id, text_id


def _is_europe(country: str) -> bool:
    containment: Mapping[str, Any] = get_global("territory_zones")  # any zone under Europe/ marks a European country
    return any(zone.startswith("Europe/") for zone in containment.get(country, ()))


def _has_provider(kind: str, locale_id: str) -> bool:
    return importlib.util.find_spec(f"faker.providers.{kind}.{locale_id}") is not None


def _faker_locales(country: str, number_id: str) -> tuple[str, str]:
    """(names locale, address locale) in Faker for a territory; the address locale is ``""`` when Faker has no
    address data for the country (addresses are then composed from CLDR city names)."""
    from faker.config import AVAILABLE_LOCALES

    langs = [number_id.split("_")[0], *languages.get_official_languages(country)]
    own = [f"{lg}_{country}" for lg in langs if f"{lg}_{country}" in AVAILABLE_LOCALES]
    address = next((loc for loc in own if _has_provider("address", loc)), "")
    if country in _LATIN_NAME_LOCALE:
        return _LATIN_NAME_LOCALE[country], address
    if "ar" in langs[:2]:
        return _ARABIC_LATIN, address
    for loc in own:
        if _has_provider("person", loc):
            return loc, address
    lang = langs[0]
    if lang == "es" and country not in _FAKER_SPANISH_AMERICAS and country != "ES":
        return "es_MX", address
    return _NEAREST_FAKER.get(lang, "en_GB"), address


def _primary_zone(country: str, region: str | None) -> str:
    if country == "US" and region in _US_STATES:
        return _US_STATES[region][1]
    if country == "CA" and region in _CA_PROVINCES:
        return _CA_PROVINCES[region][1]
    if country in _MAIN_ZONE:
        return _MAIN_ZONE[country]
    zones: Mapping[str, list[str]] = get_global("territory_zones")
    found = sorted(zones.get(country, ()))
    return found[0] if found else "UTC"


def _tax(country: str, region: str | None) -> TaxRule:
    if country == "US":
        if region in _US_STATES:
            rate = _US_STATES[region][2]
            return TaxRule("Sales tax" if rate else "", rate)
        return TaxRule("", 0.0)
    if country == "CA" and region in _CA_PROVINCES:
        _, _, name, rate = _CA_PROVINCES[region]
        return TaxRule(name, rate)
    name, rate = _TAX.get(country, ("", 0.0))
    return TaxRule(name, rate)


_T = TypeVar("_T")
_FAKER_PROVIDERS = ("faker.providers.person", "faker.providers.address")
"""The Faker providers names and addresses draw on: a generator of only these is built in ~0.2 ms, one of all
providers in ~25 ms (every locale's first use in a process)."""


@lru_cache(maxsize=128)
def _faker(locale_id: str, full: bool = False) -> Any:
    """The per-locale Faker Generator (its rng is swapped per call): of :data:`_FAKER_PROVIDERS`, or of all
    providers when ``full``."""
    from faker import Faker

    return Faker(locale_id, providers=None if full else list(_FAKER_PROVIDERS))[locale_id]


def _fake(locale_id: str, rng: random.Random, draw: Callable[[Any], _T]) -> _T:
    """``draw(generator)`` with the locale's Faker generator drawing from ``rng``. A format that names another
    provider's field (the Philippines' addresses name mountains and plants) raises AttributeError in the light
    generator: then ``rng`` is rewound and the full one draws, so the values are the full generator's always."""
    state = rng.getstate()
    gen = _faker(locale_id)
    gen.random = rng
    try:
        return draw(gen)
    except AttributeError:
        rng.setstate(state)
        gen = _faker(locale_id, full=True)
        gen.random = rng
        return draw(gen)


@lru_cache(maxsize=64)
def _free_mail_domains(locale_id: str) -> tuple[str, ...]:
    """Faker's free e-mail domains for a locale (its internet provider's list; the generic one where it has none).
    A generator of the internet provider alone finds the same provider class as one of all providers (checked on
    every Faker locale) and is built in ~0.1 ms instead of ~20 ms: a batch meets a new locale on most computers."""
    from faker import Faker

    internet: Any = Faker(locale_id, providers=["faker.providers.internet"])[locale_id]
    provider = internet.free_email_domain.__self__
    return tuple(str(d) for d in getattr(provider, "free_email_domains", ())) or ("gmail.com", "outlook.com")


_LATIN_OK = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-]+$")


def _is_latin(text: str) -> bool:
    return bool(_LATIN_OK.match(text))


def _romanise(text: str) -> str:
    """Latin-script form of a name in another script (Cyrillic, Greek, Hangul, Georgian, Armenian, ...)."""
    from anyascii import anyascii

    parts = [re.sub(r"[^A-Za-z'\-]", "", anyascii(part)) for part in text.split()]
    return " ".join(p[:1].upper() + p[1:] for p in parts if p) or "Alex Morgan"


@dataclass(frozen=True)
class LocaleInfo:
    """Facts and formats for one country (and optionally a US state or Canadian province).

    Example:
        >>> de = locale_for("DE")
        >>> de.currency, de.paper, de.tax.rate, de.format_money(1234.5)
        ('EUR', 'A4', 0.19, '1.234,50\\xa0€')
        >>> locale_for("US", region="KY").tax.percent, locale_for("US").paper
        ('6%', 'Letter')
    """

    country_code: str
    """ISO 3166-1 alpha-2 code, e.g. ``"DE"``."""
    country_name: str
    """English short name, e.g. ``"Germany"``."""
    region: str | None
    """US state or Canadian province code when given (``"KY"``), else ``None``."""
    babel_locale: str
    """Locale for numbers and money (``"de_DE"``; English for English-speaking or non-Latin-digit countries)."""
    text_locale: str
    """English locale for written-out dates (``"en_DE"``: ``7 March 2026``; ``en_US``: ``March 7, 2026``)."""
    faker_locale: str
    """Faker locale used for names (Latin-script names where the country's own locale writes another script)."""
    address_locale: str
    """Faker locale for streets, cities and postcodes; ``""`` where Faker has none (CLDR city names are used)."""
    currency: str
    """ISO 4217 code, e.g. ``"EUR"``."""
    currency_symbol: str
    """Local symbol, e.g. ``"€"``, ``"US$"`` outside the US is shown as ``"$"`` inside it."""
    tax: TaxRule
    """Standard consumption tax (VAT/GST/sales tax) rate and name."""
    paper: Literal["A4", "Letter"]
    """Default paper size."""
    time_zone: str
    """IANA zone where most of the country (or the region) lives."""
    first_day_of_week: int
    """0 = Monday ... 6 = Sunday (CLDR week data)."""
    school_year_start_month: int
    """Month (1-12) the school year starts."""
    school_terms: tuple[str, ...]
    """Names of the school year's parts, in order."""
    phone_prefix: str
    """International calling code with plus, e.g. ``"+49"``."""

    @property
    def tax_rate(self) -> float:
        """The standard tax rate as a fraction (``0.19``)."""
        return self.tax.rate

    @property
    def region_name(self) -> str:
        """The US state or Canadian province in full, as people write it in prose ("Ohio"); ``""`` without one.

        Example:
            >>> locale_for("US", region="OH").region_name, locale_for("FR").region_name
            ('Ohio', '')
        """
        table: Mapping[str, tuple[Any, ...]] = (
            _US_STATES if self.country_code == "US" else _CA_PROVINCES if self.country_code == "CA" else {}
        )
        row = table.get(self.region or "")
        return str(row[0]) if row else ""

    @property
    def state_income_tax(self) -> bool:
        """False in the US states that tax no wages (Texas, Florida...); True elsewhere, where a return is filed."""
        return not (self.country_code == "US" and self.region in _NO_STATE_INCOME_TAX)

    @property
    def page_size_points(self) -> tuple[float, float]:
        """Paper width and height in PostScript points (for reportlab)."""
        return (612.0, 792.0) if self.paper == "Letter" else (595.2755905511812, 841.8897637795277)

    # -- formats ---------------------------------------------------------------------------------------------------

    def format_money(self, amount: float | Decimal, *, currency: str | None = None) -> str:
        """Format an amount in the local currency as people there write it (``1.234,50 €``, ``$1,234.50``).

        Example:
            >>> locale_for("IN").format_money(1234567)
            '₹12,34,567.00'
        """
        return str(babel_numbers.format_currency(amount, currency or self.currency, locale=self.babel_locale))

    def format_number(self, x: float | Decimal, decimals: int = 0) -> str:
        """Format a number with local grouping and decimal marks and exactly ``decimals`` decimals.

        Example:
            >>> locale_for("FR").format_number(1234.5, 1)
            '1\\u202f234,5'
        """
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return str(babel_numbers.format_decimal(x, format=pattern, locale=self.babel_locale))

    def format_percent(self, fraction: float, decimals: int = 0) -> str:
        """Format a fraction as a local percentage (``0.19`` -> ``19 %`` in French, ``19%`` in English).

        Example:
            >>> locale_for("DE").format_percent(0.075, 1)
            '7,5\xa0%'
        """
        layout = str(babel_numbers.format_percent(1, locale=self.babel_locale))  # "100 %", "100%", "%100"
        return layout.replace("100", self.format_number(fraction * 100, decimals), 1)

    def format_date(self, d: date | datetime, style: DateStyle = "medium") -> str:
        """Format a date: ``short`` is the local numeric form (``07.03.26``), ``medium``/``long``/``full`` are
        written out in English with the local order (``7 Mar 2026`` / ``Mar 7, 2026``), ``iso`` is ``2026-03-07``.

        Example:
            >>> from datetime import date
            >>> de, us = locale_for("DE"), locale_for("US")
            >>> de.format_date(date(2026, 3, 7), "short"), us.format_date(date(2026, 3, 7), "long")
            ('07.03.26', 'March 7, 2026')
        """
        day = d.date() if isinstance(d, datetime) else d
        if style == "iso":
            return day.isoformat()
        if style == "short":
            return str(babel_dates.format_date(day, "short", locale=self.babel_locale))
        return str(babel_dates.format_date(day, style, locale=self.text_locale))

    def format_time(self, t: datetime) -> str:
        """Format a clock time as the country writes it (``14:30`` or ``2:30 PM``)."""
        return str(babel_dates.format_time(t, "short", locale=self.text_locale)).replace("\u202f", " ")

    # -- people and places -----------------------------------------------------------------------------------------

    def mail_domain(self, rng: random.Random) -> str:
        """The domain of a personal mail provider usual in the country (``orange.fr``, ``web.de``, ``libero.it``;
        Faker's free e-mail domains of the country's own locale, weighted as Faker lists them): where someone with
        no employer's address (a retiree, a parent at home) keeps their mail.

        Example:
            >>> locale_for("DE").mail_domain(random.Random(1)) in ("aol.de", "gmail.com", "gmx.de", "googlemail.com",
            ...                                                    "hotmail.de", "web.de", "yahoo.de")
            True
        """
        return rng.choice(_free_mail_domains(self.address_locale or self.faker_locale))

    def person_name(self, rng: random.Random, taken: set[str] | None = None, *, native_script: bool = False) -> str:
        """Return a full name usual in the country, given name first, not already in ``taken`` (which is updated;
        compared case-insensitively). Names are in Latin script unless ``native_script`` (then e.g. ``山田 花子``).

        Example:
            >>> import random
            >>> locale_for("JP").person_name(random.Random(3)).isascii()
            True
        """
        rng = _own_stream(rng)
        taken = taken if taken is not None else set()
        surnames = {t.split()[-1] for t in taken if t}
        name = ""
        for attempt in range(60):
            name = self._one_name(rng, native_script)
            fresh_surname = attempt >= 30 or name.split()[-1].casefold() not in surnames
            if name.casefold() not in taken and fresh_surname:
                break
        else:
            name = f"{name} {self._one_name(rng, native_script).split()[-1]}"
        taken.add(name.casefold())
        return name

    def _one_name(self, rng: random.Random, native_script: bool) -> str:
        return _fake(self.faker_locale, rng, lambda gen: self._name_of(gen, rng, native_script))

    def _name_of(self, gen: Any, rng: random.Random, native_script: bool) -> str:
        female = rng.random() < 0.5
        if self.faker_locale in _ROMANISED and not native_script:
            suffix = "_female" if female and hasattr(gen, "first_romanized_name_female") else ""
            first = getattr(gen, f"first_romanized_name{suffix}")()
            return f"{first} {gen.last_romanized_name()}".title()
        table = _COUNTRY_NAMES.get(self.country_code) or _ROMAN_NAMES.get(self.faker_locale)
        if table is not None and not native_script:
            males, females, surnames = table
            return f"{rng.choice(females if female else males)} {rng.choice(surnames)}"
        first = gen.first_name_female() if female else gen.first_name_male()
        last = gen.last_name_female() if female else gen.last_name_male()
        if native_script:
            family_first = self.faker_locale.split("_")[0] in ("ja", "zh", "ko", "hu")
            return f"{last} {first}" if family_first else f"{first} {last}"
        name = f"{first} {last}"
        return name if _is_latin(name) else _romanise(name)

    def phone(self, rng: random.Random, kind: PhoneKind = "mobile", *, international: bool = False) -> str:
        """Return a phone number valid under libphonenumber for the country, in national (or international) format.

        Example:
            >>> import random, phonenumbers
            >>> n = locale_for("GB").phone(random.Random(1))
            >>> phonenumbers.is_valid_number(phonenumbers.parse(n, "GB"))
            True
        """
        number = _valid_number(self.country_code, kind, _own_stream(rng))
        fmt = phonenumbers.PhoneNumberFormat.INTERNATIONAL if international else phonenumbers.PhoneNumberFormat.NATIONAL
        return str(phonenumbers.format_number(number, fmt))

    def _us_address(self, gen: Any, town: str | None = None) -> str:
        """A US street address in the region's state (a drawn one without): in ``town``, else a town of the state
        whose ZIP codes are known; the ZIP is the town's own, and left out for a town the table does not know (a
        ZIP of another town of the state would be a wrong one)."""
        state = self.region or gen.state_abbr(include_territories=False, include_freely_associated_states=False)
        if town is None:
            known = sorted(_postcode_table().get("US", {}).get(state, {}))
            town = known[gen.random_int(0, len(known) - 1)] if known else str(gen.city())
        code = _draw_postcode("US", town, gen, state)
        return f"{gen.street_address()}\n{town}, {state}{f' {code}' if code else ''}"

    def _street_name(self, rng: random.Random) -> str:
        """A street named after a family name of the country (romanised where the country writes another script)."""
        romanised = self.faker_locale in _ROMANISED
        return str(
            _fake(self.faker_locale, rng, lambda gen: gen.last_romanized_name() if romanised else gen.last_name_male())
        )

    def address(self, rng: random.Random, *, one_line: bool = False) -> str:
        """Return a postal address in the country's format (in the region when one is set: a Kentucky town for KY).

        Example:
            >>> import random
            >>> ", KY " in locale_for("US", region="KY").address(random.Random(2))
            True
        """
        rng = _own_stream(rng)
        if self.country_code == "US":
            text = _fake("en_US", rng, self._us_address)
        elif self.country_code in _POSTCODE_TABLE_COUNTRIES and self.address_locale:
            # a town the table knows, with its own postcode (Faker pairs any postcode with any town)
            towns = sorted(_postcode_table()[self.country_code])
            town = towns[rng.randrange(len(towns))].split("|")[0]
            return self.home_address(rng, town, one_line=one_line)
        elif self.address_locale:
            text = _fake(self.address_locale, rng, lambda gen: str(gen.address()))
        else:
            street = self._street_name(rng)
            city = self.city(rng)
            place = city if city == self.country_name else f"{city}\n{self.country_name}"
            text = f"{rng.randint(1, 240)} {street.title()} Street\n{place}"
        text = "\n".join(line.strip().rstrip(",") for line in text.splitlines() if line.strip())
        return ", ".join(text.splitlines()) if one_line else text

    def home_address(self, rng: random.Random, town: str, *, one_line: bool = False) -> str:
        """Return a postal address in ``town`` (the person's own), in the country's layout: the state and ZIP code
        of the user's own state in the US ("Dayton, OH 45402"), the postcode before the town where the country
        writes it so ("69003 Lyon").

        Example:
            >>> import random
            >>> locale_for("US", region="Ohio").home_address(random.Random(2), "Dayton").splitlines()[1][:10]
            'Dayton, OH'
        """
        rng = _own_stream(rng)
        if self.country_code == "US":
            text = _fake("en_US", rng, lambda gen: self._us_address(gen, town))
        elif self.address_locale:
            street, postcode = _fake(
                self.address_locale, rng, lambda gen: (_street_line(gen, self.address_locale), gen.postcode())
            )
            if self.country_code in _POSTCODE_TABLE_COUNTRIES:
                # the town's own postcode, or none: a Lyon address never carries a Brittany postcode
                postcode = _fake(self.address_locale, rng, lambda gen: _draw_postcode(self.country_code, town, gen))
                if self.country_code == "AU":
                    state = _au_state(town)
                    place = " ".join(x for x in (town, state, postcode) if x)
                    text = f"{street}\n{place}"
                    text = "\n".join(line.strip().rstrip(",") for line in text.splitlines() if line.strip())
                    return ", ".join(text.splitlines()) if one_line else text
            if self.country_code in _LARGE_FIRST:  # "〒558-8345 日野市 東和町3丁目9番18号": postcode, town, street
                return (
                    " ".join(x for x in (postcode, town, street) if x)
                    if one_line
                    else f"{postcode} {town}\n{street}".strip()
                )
            if not postcode:
                text = f"{street}\n{town}"
            elif self.country_code in _POSTCODE_FIRST:
                text = f"{street}\n{postcode} {town}"
            elif self.country_code in _POSTCODE_LINE:
                text = f"{street}\n{town}\n{postcode}"
            else:
                text = f"{street}\n{town} {postcode}"
        else:
            street = self._street_name(rng)
            place = town if town == self.country_name else f"{town}\n{self.country_name}"
            text = f"{rng.randint(1, 240)} {street.title()} Street\n{place}"
        text = "\n".join(line.strip().rstrip(",") for line in text.splitlines() if line.strip())
        return ", ".join(text.splitlines()) if one_line else text

    def city(self, rng: random.Random) -> str:
        """Return a town or city in the country (Faker's list, or CLDR's exemplar cities of its time zones)."""
        rng = _own_stream(rng)
        if self.address_locale or self.country_code == "US":
            return _fake(self.address_locale or "en_US", rng, lambda gen: str(gen.city()))
        return rng.choice(_cldr_cities(self.country_code))


_NO_STATE_INCOME_TAX = frozenset({"AK", "FL", "NV", "NH", "SD", "TN", "TX", "WA", "WY"})
"""US states without a state income tax on wages."""

_LARGE_FIRST = frozenset({"KR", "JP", "CN", "TW"})
"""Countries that write an address from the large to the small: postcode, town, then the street and number."""


def _street_line(gen: Any, locale_id: str) -> str:
    """The street and number alone, in the locale's own form: Faker's Korean ``street_address`` starts with a
    province and a city of its own (a Seoul address in 충청남도 예산군), its Japanese one reads "417 山田 Street" and
    its Chinese one "沈阳街h座"."""
    if locale_id == "ko_KR":
        return str(gen.road())  # "석촌호수길 486-81"
    if locale_id == "ja_JP":
        return f"{gen.town()}{gen.random_int(1, 9)}丁目{gen.random_int(1, 30)}番{gen.random_int(1, 20)}号"
    if locale_id == "zh_CN":
        return f"{gen.street_name()}{gen.random_int(1, 400)}号"
    return str(gen.street_address())


_POSTCODE_TABLE_COUNTRIES = frozenset({"FR", "DE", "ES", "IT", "NL", "AU", "GB"})
"""Countries whose postcode says where the town is: a postcode comes from ``data/postcodes.yaml`` or not at all (the
US is handled with its states)."""


@cache
def _postcode_table() -> dict[str, dict[str, Any]]:
    """``data/postcodes.yaml``: country -> town (``"Munich|München"``) -> ranges; the US by state first (read by
    libyaml where PyYAML has it: the same data, ~10x faster than the pure-Python reader)."""
    text = resources.files("synthcomp_agents.computers").joinpath("data/postcodes.yaml").read_text("utf-8")
    return dict(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def _town_entry(table: dict[str, Any], town: str) -> list[str] | None:
    """The ranges of ``town`` in one country's (or state's) table, any of its spellings, case and accents aside."""
    want = _fold(town)
    for names, ranges in table.items():
        if any(_fold(n) == want for n in str(names).split("|")):
            return [str(r) for r in ranges]
    return None


def _fold(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]+", " ", plain.casefold()).strip()


def _au_state(town: str) -> str:
    entry = _town_entry(_postcode_table().get("AU", {}), town)
    return entry[0] if entry else ""


_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a UK inward code uses


def postcode_of(country_code: str, town: str, rng: random.Random, state: str | None = None) -> str | None:
    """A postcode of ``town`` as its country writes it, from the reviewed table; None when the table does not know the
    town (an address then goes without rather than with another town's).

    Example:
        >>> import random
        >>> postcode_of("FR", "Lyon", random.Random(1))[:3], postcode_of("US", "Dayton", random.Random(1), "OH")[:3]
        ('690', '454')
        >>> postcode_of("FR", "Plouzané", random.Random(1)) is None
        True
    """
    table = _postcode_table().get(country_code, {})
    if country_code == "US":
        table = table.get(state or "", {})
    entry = _town_entry(table, town)
    if not entry:
        return None
    if country_code == "AU":
        entry = entry[1:]
    pick = entry[rng.randrange(len(entry))]
    if country_code == "GB":
        return f"{pick} {rng.randint(1, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
    lo, _, hi = pick.partition("-")
    number = str(rng.randint(int(lo), int(hi or lo))).zfill(len(lo))
    if country_code == "NL":
        letters = "ABCDEGHJKLMNPRSTVWXZ"
        return f"{number} {rng.choice(letters)}{rng.choice(letters)}"
    return number


def _draw_postcode(country_code: str, town: str, gen: Any, state: str | None = None) -> str | None:
    """:func:`postcode_of` drawn from a Faker generator's own random stream."""
    return postcode_of(country_code, town, gen.random, state)


# countries that write the postcode before the town ("69003 Lyon", "10115 Berlin"), or on a line of its own
_POSTCODE_FIRST = frozenset({"FR", "DE", "AT", "CH", "BE", "NL", "LU", "ES", "IT", "PT", "DK", "SE", "NO", "FI", "IS",
                             "PL", "CZ", "SK", "HU", "SI", "HR", "GR", "TR", "RO", "BG", "EE", "LV", "LT", "MX", "BR",
                             "AR", "CL", "IL"})  # fmt: skip
_POSTCODE_LINE = frozenset({"GB", "IE"})


def _own_stream(rng: random.Random) -> random.Random:
    """A private generator seeded by one draw from ``rng``: each name, phone or address advances the caller's stream
    by exactly one draw, however many values Faker or the validity retries consume (so a Faker data update changes
    the names, not every later choice of the caller)."""
    return random.Random(rng.getrandbits(64))


@lru_cache(maxsize=256)
def _cldr_cities(country: str) -> tuple[str, ...]:
    zones: Mapping[str, list[str]] = get_global("territory_zones")
    main = _primary_zone(country, None)
    names = [
        babel_dates.get_timezone_location(z, locale="en", return_city=True) for z in sorted(zones.get(country, ()))
    ]
    first = babel_dates.get_timezone_location(main, locale="en", return_city=True) if main != "UTC" else ""
    cities = [first, *(n for n in names if n != first)] if first else names
    return tuple(str(c) for c in cities) or ("the capital",)


_PHONE_TYPES = {
    "mobile": (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE),
    "landline": (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE),
}


def _valid_number(country: str, kind: PhoneKind, rng: random.Random) -> phonenumbers.PhoneNumber:
    """A valid number of the type: the example number's leading digits kept, the rest drawn and validated."""
    example = None
    for number_type in (*_PHONE_TYPES[kind], phonenumbers.PhoneNumberType.MOBILE,
                        phonenumbers.PhoneNumberType.FIXED_LINE):  # fmt: skip
        example = phonenumbers.example_number_for_type(country, number_type)
        if example is not None:
            break
    example = example or phonenumbers.example_number(country) or phonenumbers.example_number("US")
    assert example is not None  # libphonenumber always has a US example
    national = str(example.national_number)
    keep = max(1, min(len(national) - 4, (len(national) + 1) // 2 - 1))
    for attempt in range(40):
        free = len(national) - keep + (1 if attempt >= 30 and keep > 1 else 0)
        prefix = national[: len(national) - free]
        digits = prefix + "".join(str(rng.randrange(10)) for _ in range(free))
        candidate = phonenumbers.PhoneNumber(
            country_code=example.country_code,
            national_number=int(digits),
            italian_leading_zero=example.italian_leading_zero,
            number_of_leading_zeros=example.number_of_leading_zeros,
        )
        if phonenumbers.is_valid_number(candidate):
            return candidate
    return example


def _school(country: str) -> tuple[int, tuple[str, ...]]:
    if country in _SCHOOL:
        return _SCHOOL[country]
    zones: Mapping[str, list[str]] = get_global("territory_zones")
    south = any(z.startswith(("Australia/", "Antarctica/")) for z in zones.get(country, ()))
    return (2, ("Term 1", "Term 2", "Term 3")) if south else (9, ("Term 1", "Term 2", "Term 3"))


@lru_cache(maxsize=512)
def _locale_cached(country: str, region: str | None) -> LocaleInfo:
    number_id, text_id = _babel_ids(country)
    currencies = babel_numbers.get_territory_currencies(country) or ["USD"]
    currency = currencies[0]
    symbol = str(babel_numbers.get_currency_symbol(currency, locale=number_id))
    start_month, terms = _school(country)
    names_locale, address_locale = _faker_locales(country, number_id)
    week_start = Locale.parse(number_id).first_week_day
    if not number_id.endswith(f"_{country}"):  # English fallback locale: week data of the territory itself
        with contextlib.suppress(UnknownLocaleError, ValueError):
            week_start = Locale.parse(f"und_{country}").first_week_day
    return LocaleInfo(
        country_code=country,
        country_name=_territory_names().get(country, country),
        region=region,
        babel_locale=number_id,
        text_locale=text_id,
        faker_locale=names_locale,
        address_locale=address_locale,
        currency=currency,
        currency_symbol=symbol,
        tax=_tax(country, region),
        paper="Letter" if country in LETTER_TERRITORIES else "A4",
        time_zone=_primary_zone(country, region),
        first_day_of_week=int(week_start),
        school_year_start_month=start_month,
        school_terms=terms,
        phone_prefix=f"+{phonenumbers.country_code_for_region(country)}",
    )


def locale_for(country_code: str, region: str | None = None) -> LocaleInfo:
    """Return the locale of a country (ISO alpha-2 code or English name), optionally a US state / Canadian province.

    Raises:
        ValueError: If the country is not a known ISO 3166 territory.

    Example:
        >>> locale_for("Kentucky" and "US", region="Kentucky").time_zone
        'America/New_York'
        >>> locale_for("Spain").school_terms[0]
        'Primer trimestre'
    """
    code = country_code_for(country_code)
    if code is None:
        raise ValueError(f"unknown country {country_code!r}: give an ISO 3166-1 alpha-2 code such as 'DE' or 'US'")
    return _locale_cached(code, _region_code(code, region))
