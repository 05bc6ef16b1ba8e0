"""HTML fragments (feed content and descriptions) to plain text with paragraphs kept.

Block elements end a paragraph, `<br>` ends a line, scripts and styles are dropped,
and entities are decoded once: the result is text, never markup. Input and output
are both capped, so one enormous item costs bounded time and memory.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from brief.sources.clean import strip_controls

MAX_HTML_CHARS = 1_000_000  # an item's HTML beyond this is not read
MAX_TEXT_CHARS = 300_000  # an item's text is cut here

_BLOCKS = frozenset(
    "address article aside blockquote caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr legend li main nav ol p pre "
    "section summary table tbody td th thead tfoot tr ul".split()
)
_SKIP = frozenset("script style noscript template iframe object embed svg math head title".split())
_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?\s*>|&[#a-zA-Z0-9]+;")


class _TextMaker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.lines: list[str] = []
        self.words: list[str] = []
        self.skipping = 0
        self.size = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "br":
            self._end_line()
        elif tag in _BLOCKS:
            self._end_paragraph()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self._end_line()
        elif tag in _BLOCKS:
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._end_paragraph()

    def handle_data(self, data: str) -> None:
        if self.skipping or self.size > MAX_TEXT_CHARS:
            return
        self.words.append(data)
        self.size += len(data)

    def _end_line(self) -> None:
        line = " ".join("".join(self.words).split())
        self.words = []
        if line:
            self.lines.append(line)
        elif self.lines:  # <br><br>: a paragraph break
            self._end_paragraph()

    def _end_paragraph(self) -> None:
        self._end_line()
        if self.lines:
            self.paragraphs.append(" ".join(self.lines))
            self.lines = []

    def text(self) -> str:
        self._end_paragraph()
        return "\n\n".join(self.paragraphs)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text[:20000]))


def html_to_text(html: str) -> str:
    """Readable text of an HTML fragment: paragraphs separated by one blank line."""
    maker = _TextMaker()
    try:
        maker.feed(html[:MAX_HTML_CHARS])
        maker.close()
    except (AssertionError, ValueError):  # html.parser gives up on some malformed input
        pass
    return strip_controls(maker.text())[:MAX_TEXT_CHARS]


def plain_to_text(text: str) -> str:
    """Plain text (a `text/plain` item): paragraphs by blank lines, controls stripped."""
    text = strip_controls(text[:MAX_HTML_CHARS])
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)[:MAX_TEXT_CHARS]
