"""Background: the Downloads folder, mostly outside material with its own content (installers for the OS,
statements, tickets, order confirmations, manuals, forms, exports, images) plus the few re-downloaded mail
attachments a person really ends up with (`` (1)`` only for users who do not rename downloads)."""

from __future__ import annotations

import posixpath
import random
from datetime import datetime, timedelta

from synthcomp_agents.office import (
    ColumnSpec,
    DocProperties,
    DocumentSpec,
    Heading,
    NumberedList,
    Paragraph,
    SheetSpec,
    SpreadsheetSpec,
    Table,
    write_pdf,
    write_xlsx,
)

from .._background import cheap_jpeg, installer_for, installer_zip
from .._content import fmt_num
from .._names import company_name
from .context import GenerationContext
from .pension import postal_line
from .text import safe_name

__all__ = ["build_downloads"]

_APPS = {  # downloads vendors publish as zip archives, per OS (name, app)
    "windows": [
        ("vlc-3.0.21-win64", "VLC"),
        ("npp.8.7.1.portable.x64", "Notepad++"),
        ("7z2408-extra", "7-Zip"),
        ("Firefox-132.0-win64-portable", "Firefox"),
        ("PortableGit-2.47.0-64-bit", "Git"),
        ("sumatrapdf-3.5.2-64", "SumatraPDF"),
    ],
    "macos": [
        ("VSCode-darwin-universal", "Visual Studio Code"),
        ("Rectangle0.84", "Rectangle"),
        ("Itsycal-0.15.5", "Itsycal"),
        ("Slack-4.41.97-macOS", "Slack"),
        ("iTerm2-3_5_10", "iTerm2"),
    ],
    "linux": [
        ("VSCode-linux-x64-1.95.3", "Visual Studio Code"),
        ("Obsidian-1.7.4", "Obsidian"),
        ("zotero-7.0.8_linux-x86_64", "Zotero"),
        ("joplin-3.1.24", "Joplin"),
        ("gnome-shell-extension-dash", "Dash"),
    ],
}
_MANUALS = (
    (
        "Printer",
        "LaserJet Pro M404 user guide",
        ["Load paper", "Replace the toner cartridge", "Clear a paper jam", "Connect to Wi-Fi", "Print on both sides"],
    ),
    (
        "Monitor",
        "27in monitor quick start",
        ["Attach the stand", "Connect the cables", "Adjust height and tilt", "On-screen menu", "Cleaning and care"],
    ),
    (
        "Router",
        "Home router setup guide",
        ["Unpack and connect", "First log-in", "Change the Wi-Fi password", "Parental controls", "Firmware updates"],
    ),
    (
        "Headset",
        "Wireless headset manual",
        ["Charging", "Pairing with a laptop", "Mute and volume", "Battery indicator", "Safety information"],
    ),
    (
        "Dock",
        "USB-C dock user manual",
        ["Ports overview", "Connecting two displays", "Charging the laptop", "Driver installation", "Troubleshooting"],
    ),
)
_SHOP_ITEMS = (
    "USB-C charger 65W",
    "Laptop sleeve 14in",
    "Wireless mouse",
    "Desk lamp",
    "Notebooks A5 (3 pack)",
    "HDMI cable 2m",
    "Ink cartridges",
    "Backpack",
    "Phone case",
    "Keyboard",
    "Webcam",
    "Power strip",
)
_MERCHANTS = (
    "Paypal",
    "Amazon",
    "Supermarket",
    "Petrol station",
    "Pharmacy",
    "Rent",
    "Electricity",
    "Internet",
    "Mobile phone",
    "Restaurant",
    "Bookshop",
    "Cinema",
    "Gym",
    "Insurance",
    "Train tickets",
    "Salary",
)


def _pdf(title: str, blocks: list[object], author: str, t: datetime) -> bytes:
    return write_pdf(
        DocumentSpec(
            title=title, blocks=blocks, properties=DocProperties(author=author, title=title, created=t, modified=t)
        )
    )


def build_downloads(ctx: GenerationContext) -> None:
    """Fill Downloads (and, for tidy users, file the statements away)."""
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    now_d = ctx.now.date()
    dl = "Downloads"
    cur = ident.currency
    tidy = ident.tidiness == "tidy"
    renames = tidy or "renam" in ctx.persona.text.lower()
    # installers for this OS, in its formats and under the vendors' file names (a portable zip now and then)
    got: set[str] = set()
    for _k in range(rng.randint(2, 4)):
        inst = installer_for(rng, ident.os, exclude=frozenset(got))
        if inst.filename in got:
            continue
        got.add(inst.filename)
        led.add(
            f"{dl}/{inst.filename}",
            inst.data,
            purpose=f"{inst.app} {inst.version} installer",
            author=inst.app,
            created=ctx.ledger.clock.leisure(now_d - timedelta(days=rng.randint(5, 500))),
            role="background",
            archetype="installer",
        )
    if rng.random() < 0.4:
        name, app = rng.choice(_APPS[ident.os])
        ver = "".join(ch for ch in name if ch.isdigit() or ch == ".").strip(".") or "1.0"
        led.add(
            f"{dl}/{name}.zip",
            installer_zip(rng, app, ver, rng.randint(3_000_000, 9_000_000)),
            purpose=f"{app} installer",
            author=app,
            created=ctx.ledger.clock.leisure(now_d - timedelta(days=rng.randint(5, 500))),
            role="background",
            archetype="installer",
        )
    # bank statements: filed by year for tidy users, left in Downloads otherwise
    bank = company_name(rng, ident.names_from, sector="Bank", taken=ident.taken_orgs)
    balance = rng.randint(800, 9000)
    for k in range(rng.randint(3, 6)):
        month_end = (now_d.replace(day=1) - timedelta(days=1 + 31 * k)).replace(day=28)
        rows = []
        for _ in range(rng.randint(8, 16)):
            amount = -rng.randint(5, 400) if rng.random() < 0.85 else rng.randint(1500, 4200)
            balance += amount
            rows.append(
                [
                    (month_end - timedelta(days=rng.randint(0, 27))).isoformat(),
                    rng.choice(_MERCHANTS),
                    fmt_num(amount),
                    fmt_num(balance),
                ]
            )
        rows.sort()
        blocks: list[object] = [
            Paragraph(
                text=f"{bank} - current account of {ident.user.name}, {postal_line(ident)}."
                f" Statement period ending {month_end.isoformat()}. Amounts in {cur}."
            ),
            Table(header=["Date", "Description", "Amount", "Balance"], rows=rows),
            Paragraph(text=f"Closing balance {cur} {fmt_num(balance)}. Questions: see the contact page of {bank}."),
        ]
        where = "Documents/Home/Bank" if tidy else dl
        t_st = ctx.ledger.clock.leisure(month_end + timedelta(days=rng.randint(2, 6)))
        name = f"{month_end.strftime('%Y-%m')} statement.pdf" if tidy else f"Statement_{month_end.strftime('%b%Y')}.pdf"
        led.add(
            f"{where}/{name}",
            _pdf(f"Account statement {month_end.strftime('%B %Y')}", blocks, bank, t_st),
            purpose="Bank statement",
            author=bank,
            created=t_st,
            role="background",
            archetype="bank_statement",
        )
    # order confirmations and tickets
    shop = company_name(rng, ident.names_from, sector="Online", taken=ident.taken_orgs)
    for _ in range(rng.randint(2, 4)):
        day_ = now_d - timedelta(days=rng.randint(3, 400))
        no = rng.randint(100000, 999999)
        t_or = ctx.ledger.clock.leisure(day_)
        items = rng.sample(_SHOP_ITEMS, k=rng.randint(1, 3))
        prices = [rng.randint(8, 180) for _ in items]
        blocks = [
            Paragraph(text=f"Thank you for your order, {ident.user.first}. Order {no} placed on {day_.isoformat()}."),
            Table(
                header=["Item", "Qty", "Price"],
                rows=[[i, 1, f"{cur} {fmt_num(p)}"] for i, p in zip(items, prices, strict=True)]
                + [["Total", "", f"{cur} {fmt_num(sum(prices))}"]],
            ),
            Paragraph(text=f"Delivery to {ident.city}. Returns within 30 days from delivery."),
        ]
        led.add(
            f"{dl}/{'Order ' + str(no) if renames else 'order_confirmation_' + str(no)}.pdf",
            _pdf(f"Order confirmation {no}", blocks, shop, t_or),
            purpose="Online order confirmation",
            author=shop,
            created=t_or,
            role="background",
            archetype="order_confirmation",
        )
    for _ in range(rng.randint(1, 3)):
        day_ = now_d - timedelta(days=rng.randint(5, 300))
        a, b = rng.sample(list(ident.cities), k=2) if len(ident.cities) > 1 else (ident.city, ident.city)
        t_ti = ctx.ledger.clock.leisure(day_ - timedelta(days=rng.randint(3, 20)))
        ref = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6))
        blocks = [
            Paragraph(text=f"E-ticket {ref} for {ident.user.name}."),
            Table(
                header=["Date", "From", "To", "Departs", "Seat"],
                rows=[
                    [
                        day_.isoformat(),
                        a,
                        b,
                        f"{rng.randint(6, 20):02d}:{rng.choice(['05', '20', '35', '50'])}",
                        f"{rng.randint(1, 30)}{rng.choice('ABCD')}",
                    ]
                ],
            ),
            Paragraph(text=f"Booking reference {ref}. Keep this ticket on you for inspection."),
        ]
        led.add(
            f"{dl}/{'Ticket ' + a + ' ' + day_.isoformat() if renames else 'eticket_' + ref}.pdf",
            _pdf(f"E-ticket {ref}", blocks, "Rail and air booking", t_ti),
            purpose="Travel ticket",
            author="booking service",
            created=t_ti,
            role="background",
            archetype="travel_ticket",
        )
    # a manual and a form
    device, title, chapters = rng.choice(_MANUALS)
    t_ma = ctx.ledger.clock.leisure(now_d - timedelta(days=rng.randint(30, 600)))
    blocks = [Heading(text=title)]
    for i, ch in enumerate(chapters, 1):
        blocks += [
            Heading(text=f"{i}. {ch}", level=2),
            Paragraph(
                text=f"{ch}: follow the steps for your {device.lower()} in order; do not skip the"
                f" safety notes. See section {i + 1} if the {device.lower()} does not respond."
            ),
        ]
    led.add(
        f"{dl}/{safe_name(title)}.pdf",
        _pdf(title, blocks, f"{device} maker", t_ma),
        purpose="Device manual",
        author=f"{device} maker",
        created=t_ma,
        role="background",
        archetype="device_manual",
    )
    form_day = now_d - timedelta(days=rng.randint(10, 200))
    t_fo = ctx.ledger.clock.leisure(form_day)
    form_title = rng.choice(
        [
            "Change of address form",
            "Parking permit application",
            "Expense claim form",
            "Direct debit mandate",
            "Consent form",
        ]
    )
    led.add(
        f"{dl}/{safe_name(form_title)}.pdf",
        _pdf(
            form_title,
            [
                Paragraph(text="Please complete in block capitals and sign below."),
                NumberedList(items=["Full name", "Address", "Date of birth", "Reference number", "Signature and date"]),
            ],
            "forms office",
            t_fo,
        ),
        purpose="Blank form to fill in",
        author="forms office",
        created=t_fo,
        role="background",
        archetype="blank_form",
    )
    # exports from the family's tool (no formulas)
    tool = ident.family.tools[0]
    for _ in range(rng.randint(1, 2)):
        day_ = now_d - timedelta(days=rng.randint(5, 300))
        tx = ctx.ledger.clock.at(day_)
        sheets = [
            SheetSpec(
                name=n,
                columns=[ColumnSpec(header=h) for h in ("ID", "Name", "Value", "Date")],
                rows=[
                    [
                        k + 1,
                        f"{rng.choice(ident.family.spreadsheet_columns)} {k + 1}",
                        rng.randint(10, 9000),
                        day_ - timedelta(days=k),
                    ]
                    for k in range(rng.randint(8, 20))
                ],
            )
            for n in ("Export", "Filters", "Summary")
        ]
        led.add(
            f"{dl}/export_{day_.strftime('%Y%m%d')}_{rng.randint(100, 999)}.xlsx",
            write_xlsx(SpreadsheetSpec(sheets=sheets, properties=DocProperties(author=tool, created=tx, modified=tx))),
            purpose=f"Export from {tool}",
            author=tool,
            created=tx,
            role="background",
            archetype="tool_export",
        )
    # images from the web and chats
    for i in range(rng.randint(2, 5)):
        day_ = now_d - timedelta(days=rng.randint(2, 600))
        if i % 2:
            name = f"IMG-{day_.strftime('%Y%m%d')}-WA{rng.randint(0, 99):04d}.jpg"
        else:
            name = f"photo {day_.isoformat()}.jpg" if renames else f"image ({i}).jpg" if i else "image.jpg"
        led.add(
            f"{dl}/{name}",
            cheap_jpeg(rng, 480, 640, quality=80),
            purpose="Photo saved from a chat",
            author=ctx.me,
            created=ctx.ledger.clock.leisure(day_),
            role="background",
            archetype="photo",
        )
    _redownloaded_attachments(ctx, rng, renames)


def _redownloaded_attachments(ctx: GenerationContext, rng: random.Random, renames: bool) -> None:
    """Attachments saved from mail: once under their own name; the ``(1)`` copy only when saved twice."""
    led = ctx.ledger
    attached = sorted({e.source for e in led.edges if e.type == "attachment_of" and e.target.endswith(".eml")})
    if not attached:
        return
    picks = rng.sample(attached, k=min(len(attached), {"tidy": 2, "average": 4, "messy": 7}[ctx.identity.tidiness]))
    for i, src in enumerate(picks):
        f = led.files[src]
        stem, ext = posixpath.splitext(posixpath.basename(src))
        t = min(f.modified + timedelta(hours=rng.randint(2, 72)), ctx.now - timedelta(hours=1))
        if f"Downloads/{stem}{ext}" in led.files:
            continue  # same name from another project: the user kept the first
        led.add(
            f"Downloads/{stem}{ext}",
            f.data,
            purpose="Saved mail attachment",
            author=f.author,
            created=t,
            role="background",
        )
        if not renames and i % 3 == 0:
            led.add(
                f"Downloads/{stem} (1){ext}",
                f.data,
                purpose="Attachment saved a second time",
                author=f.author,
                created=t + timedelta(days=rng.randint(1, 9)),
                role="background",
            )
