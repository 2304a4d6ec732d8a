"""The applications a computer's files were made with, per operating system, as those files name them.

Real files carry the name of the program that wrote them: a calendar export its ``PRODID``, a sent message its
``X-Mailer``/``User-Agent``, a PDF its ``Producer``/``Creator``, a photo its camera's make and model. These tables
hold the strings real programs write (each seen in real messages and calendar files; Apple Mail's build matches its
macOS release family), so the files of a macOS user read like Apple Calendar's and Apple Mail's and a Windows user's
like Outlook's, and nothing names this generator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "OSName",
    "SoftwareProfile",
    "outside_pdf_producer",
    "software_for",
]

OSName = Literal["macos", "windows", "linux"]


@dataclass(frozen=True)
class SoftwareProfile:
    """What one computer's own files say about the software that made them.

    Example:
        >>> sw = software_for("macos", random.Random(1))
        >>> sw.calendar_prodid.startswith("-//Apple Inc.//macOS 1"), sw.mail_header
        (True, 'X-Mailer')
    """

    os_name: OSName
    os_version: str
    """``"14.4.1"`` (macOS), ``"11 23H2"`` (Windows), ``"Ubuntu 24.04"`` (Linux)."""
    calendar_prodid: str
    """PRODID of the calendar application that exports the user's .ics files."""
    mail_client: str
    """How the user's mail client names itself in sent messages."""
    mail_header: Literal["X-Mailer", "User-Agent"]
    """The header that carries ``mail_client``."""
    pdf_producer: str
    """``Producer`` of PDFs the user saves from their office application."""
    pdf_creator: str
    """``Creator`` of those PDFs."""


# macOS releases: (version, build, Apple Mail's X-Mailer build).
_MACOS = (
    ("13.6.7", "22G720", "2.3731.700.6"),
    ("14.4.1", "23E224", "2.3774.500.171.1.1"),
    ("14.5", "23F79", "2.3774.600.62"),
    ("14.6.1", "23G93", "2.3776.700.51"),
    ("15.1", "24B83", "2.3818.100.11.1.3"),
    ("15.3.1", "24D70", "2.3826.400.131.1.6"),
)
_WINDOWS = ("10 22H2", "11 22H2", "11 23H2", "11 24H2")
_LINUX = (  # (distribution, LibreOffice as its PDF export names itself, Evolution package version)
    ("Ubuntu 22.04", "7.3", "3.44.4-0ubuntu2"),
    ("Ubuntu 24.04", "24.2", "3.52.3-0ubuntu1"),
    ("Fedora 40", "24.2", "3.52.4 (3.52.4-1.fc40)"),
    ("Debian 12", "7.4", "3.46.4-2"),
)
_THUNDERBIRD = ("102.15.1", "115.16.0")  # older releases still send their full user agent on Linux
_MAC_OUTLOOK = ("16.75.23071400", "16.96.25042021")


def software_for(os_name: OSName, rng: random.Random) -> SoftwareProfile:
    """Pick the calendar, mail client and PDF export a user of ``os_name`` plausibly has (one rng draw path).

    Example:
        >>> sw = software_for("windows", random.Random(2))
        >>> sw.calendar_prodid
        '-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN'
    """
    if os_name == "macos":
        version, build, mail_build = rng.choice(_MACOS)
        quartz = f"macOS Version {version} (Build {build}) Quartz PDFContext"
        uses_outlook = rng.random() < 0.3
        return SoftwareProfile(
            os_name="macos",
            os_version=version,
            calendar_prodid=f"-//Apple Inc.//macOS {version}//EN",
            mail_client=f"Microsoft-MacOutlook/{rng.choice(_MAC_OUTLOOK)}"
            if uses_outlook
            else f"Apple Mail ({mail_build})",
            mail_header="User-Agent" if uses_outlook else "X-Mailer",
            pdf_producer=quartz,
            pdf_creator=rng.choice(("Microsoft Word", "Pages", "Microsoft Word")),
        )
    if os_name == "windows":
        version = rng.choice(_WINDOWS)
        word = rng.choice(
            ("Microsoft® Word for Microsoft 365", "Microsoft® Word for Microsoft 365", "Microsoft® Word 2019")
        )
        thunderbird = rng.random() < 0.12
        return SoftwareProfile(
            os_name="windows",
            os_version=version,
            calendar_prodid="-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
            mail_client="Mozilla Thunderbird" if thunderbird else "Microsoft Outlook 16.0",
            mail_header="User-Agent" if thunderbird else "X-Mailer",
            pdf_producer=word,
            pdf_creator=word,
        )
    distro, libreoffice, evolution = rng.choice(_LINUX)
    uses_evolution = distro.startswith("Fedora") or rng.random() < 0.3
    bird = rng.choice(_THUNDERBIRD)
    bird_agent = (
        "Mozilla Thunderbird"  # current releases name no version
        if rng.random() < 0.6
        else f"Mozilla/5.0 (X11; Linux x86_64; rv:{bird.split('.')[0]}.0) Gecko/20100101 Thunderbird/{bird}"
    )
    return SoftwareProfile(
        os_name="linux",
        os_version=distro,
        calendar_prodid=(
            "-//Ximian//NONSGML Evolution Calendar//EN"
            if uses_evolution
            else "-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN"
        ),
        mail_client=f"Evolution {evolution}" if uses_evolution else bird_agent,
        mail_header="X-Mailer" if uses_evolution else "User-Agent",
        pdf_producer=f"LibreOffice {libreoffice}",
        pdf_creator="Writer",
    )


# PDFs that come from elsewhere (statements, tickets, manuals, forms, receipts): (producer, creator) pairs as such
# documents carry them.
_OUTSIDE_PDF: dict[str, tuple[tuple[str, str], ...]] = {
    "statement": (
        ("iText® 7.2.5 ©2000-2023 iText Group NV (AGPL-version)", ""),
        ("Apache FOP Version 2.9", "Apache FOP Version 2.9"),
        ("PDFlib+PDI 9.4.0 (Linux/x86_64)", ""),
    ),
    "ticket": (
        ("Skia/PDF m126", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"),
        ("wkhtmltopdf 0.12.6", "Qt 4.8.7"),
        ("iText® 5.5.13.3 ©2000-2022 iText Group NV (AGPL-version)", ""),
    ),
    "manual": (
        ("Adobe PDF Library 17.0", "Adobe InDesign 19.2 (Macintosh)"),
        ("Adobe PDF Library 16.0.7", "Adobe InDesign 18.5 (Windows)"),
        ("Antenna House PDF Output Library 7.3.1", "AH Formatter V7.3 MR1"),
    ),
    "form": (
        ("Adobe LiveCycle Designer 11.0", "Adobe LiveCycle Designer 11.0"),
        ("Adobe PDF Library 15.0", "Acrobat PDFMaker 23 for Word"),
        ("Microsoft® Word for Microsoft 365", "Microsoft® Word for Microsoft 365"),
    ),
    "receipt": (
        ("Skia/PDF m120", "Chromium"),
        ("Stripe", "Stripe"),
        ("wkhtmltopdf 0.12.6", "Qt 4.8.7"),
    ),
    "scan": (
        ("Canon iR-ADV C5535  PDF", "Canon iR-ADV C5535"),
        ("RICOH IM C3000", "RICOH IM C3000"),
        ("Xerox WorkCentre 7845", "Xerox WorkCentre 7845"),
    ),
}


def outside_pdf_producer(rng: random.Random, kind: str) -> tuple[str, str]:
    """(producer, creator) for a PDF that came from outside: ``statement``, ``ticket``, ``manual``, ``form``,
    ``receipt`` or ``scan`` (other kinds get a form's).

    Example:
        >>> outside_pdf_producer(random.Random(0), "manual")[0].startswith(("Adobe", "Antenna"))
        True
    """
    return rng.choice(_OUTSIDE_PDF.get(kind, _OUTSIDE_PDF["form"]))
