"""Background: dotfiles, app folders and the OS's own small files (hidden from the realism statistics except
the visible Windows library folders Favorites, Links and Searches, which hold their usual shortcuts)."""

from __future__ import annotations

import struct
from datetime import timedelta

from .._background import text_bytes
from .context import GenerationContext

__all__ = ["build_dotfiles", "shell_link"]

_LINK_CLSID = bytes.fromhex("0114020000000000c000000000000046")


def shell_link(name: str) -> bytes:
    """A minimal MS-SHLLINK file: the 76-byte header (HasName, unicode) and the name string.

    Example:
        >>> shell_link("Desktop")[:4]
        b'L\\x00\\x00\\x00'
    """
    flags = 0x04 | 0x80  # HasName | IsUnicode
    header = struct.pack("<I16sII", 0x4C, _LINK_CLSID, flags, 0x10) + bytes(24) + struct.pack("<IIIHH", 0, 0, 1, 0, 0)
    header += bytes(76 - len(header))
    return header + struct.pack("<H", len(name)) + name.encode("utf-16-le")


def build_dotfiles(ctx: GenerationContext) -> None:
    """.gitconfig, a shell profile or AppData settings, and the app folders of the OS."""
    rng, led, ident = ctx.rng, ctx.ledger, ctx.identity
    me = ident.user.name
    t = led.clock.at(ctx.now.date() - timedelta(days=rng.randint(300, 900)))
    git = (
        f"[user]\n\tname = {me}\n\temail = {ident.user.email}\n"
        "[core]\n\tautocrlf = input\n[init]\n\tdefaultBranch = main\n"
    )
    led.add(".gitconfig", git.encode(), purpose="git configuration", author=me, created=t, role="background")
    if ident.os == "windows":
        led.add(
            "AppData/Roaming/Microsoft/Teams/settings.json",
            text_bytes('{"theme": "default", "language": "en-us", "notifications": true}'),
            purpose="Teams settings",
            author="Microsoft Teams",
            created=t,
            role="background",
        )
        led.add(
            "AppData/Local/Temp/setup.log",
            text_bytes("Install completed with exit code 0"),
            purpose="Installer log",
            author="Windows",
            created=t,
            role="background",
        )
        for path, data in (
            ("Favorites/Bing.url", "[InternetShortcut]\r\nURL=http://go.microsoft.com/fwlink/p/?LinkId=255142\r\n"),
            ("Searches/everywhere.search-ms", '<?xml version="1.0"?><persistedQuery version="1.0"/>'),
            (
                "Searches/Indexed Locations.search-ms",
                '<?xml version="1.0"?><persistedQuery version="1.0"><query/></persistedQuery>',
            ),
        ):
            led.add(
                path,
                data.encode(),
                purpose="Windows library shortcut",
                author="Windows",
                created=t,
                role="background",
                archetype="os_shortcut",
            )
        for name in ("Desktop", "Downloads"):
            led.add(
                f"Links/{name}.lnk",
                shell_link(name),
                purpose="Windows library shortcut",
                author="Windows",
                created=t,
                role="background",
                archetype="os_shortcut",
            )
        for person in ctx.team.people:  # Windows Contacts: one small XML file per person
            xml = (
                f'<?xml version="1.0" encoding="UTF-8"?>\n<c:contact xmlns:c="http://schemas.microsoft.com/Contact">'
                f"<c:NameCollection><c:Name><c:FormattedName>{person.name}</c:FormattedName></c:Name>"
                f"</c:NameCollection><c:EmailAddressCollection><c:EmailAddress><c:Address>{person.email}"
                f"</c:Address></c:EmailAddress></c:EmailAddressCollection><c:PositionCollection><c:Position>"
                f"<c:Company>{person.org}</c:Company><c:JobTitle>{person.role}</c:JobTitle></c:Position>"
                "</c:PositionCollection></c:contact>\n"
            )
            led.add(
                f"Contacts/{person.name}.contact",
                xml.encode(),
                purpose="Contact card",
                author=me,
                created=t,
                role="background",
                archetype="contact_card",
            )
        led.folder("Documents/Scanned Documents", empty=True)
        ctx.dotfiles = [".gitconfig"]
        ctx.app_folders = ["AppData/Roaming/Microsoft/Teams", "AppData/Local/Temp"]
        led.folder("Documents/Custom Office Templates", empty=True)
        return
    shell = ".zshrc" if ident.os == "macos" else ".bashrc"
    led.add(
        shell,
        text_bytes("export EDITOR=nano\nalias ll='ls -la'\nexport PATH=\"$HOME/.local/bin:$PATH\""),
        purpose="Shell configuration",
        author=me,
        created=t,
        role="background",
    )
    lib = "Library/Application Support/Zoom" if ident.os == "macos" else ".config/libreoffice/4/user"
    led.add(
        f"{lib}/settings.ini" if ident.os == "macos" else f"{lib}/registrymodifications.xcu",
        text_bytes("[General]\nautoStart=false\nlanguage=en"),
        purpose="App settings",
        author="app",
        created=t,
        role="background",
    )
    ctx.dotfiles = [".gitconfig", shell]
    ctx.app_folders = [lib]
    if ident.os == "macos":
        led.folder("Documents/Zoom", empty=True)
