"""The reading pane's text: headline, key quotes, the article by blocks, related links.

Built as Rich `Text` with explicit styles; article text is never parsed as markup.
Mentions are highlighted by entity type using offsets into `Article.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text

from brief.model import Block, Briefing
from brief.ui.widgets.card import one_line
from brief.views.labels import date_label
from brief.views.links import safe_url


@dataclass(frozen=True)
class ArticleStyles:
    headline: Style = Style(bold=True)
    meta: Style = Style(dim=True)
    section: Style = Style(bold=True)
    subhead: Style = Style(bold=True)
    furniture: Style = Style(dim=True)
    speaker: Style = Style(bold=True)
    quote: Style = Style(italic=True)
    link: Style = Style(underline=True)
    entities: dict[str, Style] = field(default_factory=dict)


def _body_blocks(briefing: Briefing) -> tuple[Block, ...]:
    text = briefing.article.text
    return briefing.blocks or ((Block("para", 0, len(text)),) if text.strip() else ())


def _highlighted(briefing: Briefing, block: Block, styles: ArticleStyles, base: Style) -> Text:
    # Newlines inside a block become spaces (same length), so mention offsets still line up.
    chunk = briefing.article.text[block.start : block.end].replace("\n", " ")
    text = Text(chunk, style=base)
    for mention in briefing.mentions:
        style = styles.entities.get(mention.type)
        if style is None or mention.end <= block.start or mention.start >= block.end:
            continue
        text.stylize(
            style, max(0, mention.start - block.start), min(len(chunk), mention.end - block.start)
        )
    return text


def _related(briefing: Briefing) -> list[str]:
    text = briefing.article.text
    links = [one_line(text[b.start : b.end]) for b in briefing.blocks if b.kind == "furniture"]
    links += [one_line(r) for r in briefing.related]
    return list(dict.fromkeys(link for link in links if link))


def _section(title: str, lines: list[Text], styles: ArticleStyles) -> Text:
    """A heading with its lines directly under it (no blank lines between)."""
    return Text("\n").join([Text(title, style=styles.section), *lines])


def _quote_line(speaker: str, words: str, styles: ArticleStyles) -> Text:
    line = Text()  # not Text(speaker, style=...): that style would cover the whole line
    line.append(one_line(speaker), style=styles.speaker)
    line.append(": ")
    line.append(f"“{one_line(words)}”", style=styles.quote)
    return line


INVOLVED_MAX = 8


def _involved(briefing: Briefing, styles: ArticleStyles) -> Text | None:
    """The most salient entities, each in its type's style: who, where, which organisations."""
    names = [e for e in briefing.entities if e.type in styles.entities][:INVOLVED_MAX]
    if not names:
        return None
    line = Text()
    for i, entity in enumerate(names):
        if i:
            line.append(" · ", style=styles.meta)
        line.append(one_line(entity.name), style=styles.entities[entity.type])
    return line


@dataclass(frozen=True)
class ArticleParts:
    """The pane shows these in separate boxes so quotes get a hanging indent."""

    head: Text
    quotes: Text | None
    body: Text


def short_summary(summary: str, words: int = 0) -> str:
    """The summary cut to `words` whole words (with …); 0 keeps it all."""
    parts = one_line(summary).split(" ")
    return " ".join(parts[:words]) + "…" if 0 < words < len(parts) else one_line(summary)


def link_line(briefing: Briefing, styles: ArticleStyles) -> Text | None:
    """The briefing's link as a terminal hyperlink (OSC 8): http(s) only, or nothing."""
    url = safe_url(briefing.article.url)
    if url is None:
        return None
    line = Text("link ", style=styles.meta)
    line.append(url, style=styles.link + Style(link=url))
    return line


def article_parts(
    briefing: Briefing, styles: ArticleStyles, thread_note: str = "", summary_words: int = 0
) -> ArticleParts:
    """Everything the reading pane shows for one briefing; `thread_note` says where it sits in
    its thread, `summary_words` cuts the summary (0: whole)."""
    meta = date_label(briefing) + (f" · {one_line(briefing.source)}" if briefing.source else "")
    meta += f" · {thread_note}" if thread_note else ""
    lines = [
        Text(one_line(briefing.headline), style=styles.headline),
        Text(meta, style=styles.meta),
    ]
    # The briefing itself (summary, who and where) comes before the full text it was drawn from.
    link = link_line(briefing, styles)
    if link is not None:
        lines.append(link)
    if briefing.summary:
        lines += [Text(), Text(short_summary(briefing.summary, summary_words))]
    involved = _involved(briefing, styles)
    if involved:
        lines += [Text(), involved]
    head = Text("\n").join(lines)

    quotes = None
    if briefing.quotes:
        quotes = Text("\n").join(_quote_line(q.speaker, q.text, styles) for q in briefing.quotes)

    parts = []
    for block in _body_blocks(briefing):
        if block.kind == "subhead":
            parts.append(_highlighted(briefing, block, styles, styles.subhead))
        elif block.kind != "furniture":  # furniture is listed under Related instead
            parts.append(_highlighted(briefing, block, styles, Style()))
    related = _related(briefing)
    if related:
        parts.append(
            _section(
                "Related", [Text(f"  {link}", style=styles.furniture) for link in related], styles
            )
        )
    return ArticleParts(head=head, quotes=quotes, body=Text("\n\n").join(parts))
