"""HTML to readable text with the standard library's HTML parser (e-mail bodies, .msg HTML, saved web pages).

Script, style and head content are dropped, entities decoded, block elements and ``<br>`` become line breaks, list
items get ``- ``, table cells are separated by `` | `` and link targets follow their text when they differ.

Example:
    >>> html_to_text("<style>p{}</style><p>Q3 &amp; Q4</p><ul><li>Ship</li></ul><script>x()</script>")
    'Q3 & Q4\\n\\n- Ship'
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ._limits import checkpoint

__all__ = ["html_to_text"]

_SKIP = {"script", "style", "head", "title", "noscript", "template", "svg"}
_BLOCK = {"p", "div", "section", "article", "header", "footer", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5",
          "h6", "table", "tr", "ul", "ol", "dl", "dt", "dd", "hr", "address", "center", "form", "fieldset"}  # fmt: skip
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.href: list[str | None] = []
        self.link_text: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        checkpoint()
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in ("td", "th"):
            self.out.append(" | ")
        elif tag in _BLOCK:
            self.out.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt and alt.strip():
                self.out.append(f"[image: {' '.join(alt.split())}]")
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))
            self.link_text.append(len(self.out))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in _BLOCK:
            self.out.append("\n")
        elif tag == "a" and self.href:
            href = self.href.pop()
            start = self.link_text.pop()
            text = "".join(self.out[start:]).strip()
            if href and href.startswith(("http://", "https://")) and href not in text and text:
                self.out.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)


def html_to_text(html: str) -> str:
    """Readable text of an HTML document or fragment (never raises on malformed markup)."""
    parser = _Text()
    try:
        parser.feed(html)
        parser.close()
    except AssertionError:  # pragma: no cover - html.parser's internal asserts on pathological input
        pass
    text = "".join(parser.out).replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    lines = [line[2:].strip() if line.startswith("| ") else line for line in lines]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
