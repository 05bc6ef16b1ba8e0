"""Turning one `Article` into a `Briefing`."""

from __future__ import annotations

from pathlib import PurePath

from brief.analysis.blocks import split_blocks
from brief.analysis.datelines import (
    Dateline,
    find_dateline,
    is_stamp,
    leading_stamp,
    strip_stamp,
)
from brief.analysis.entities import find_entities
from brief.analysis.headline import derive_headline
from brief.analysis.quotes import find_quotes
from brief.analysis.sentences import split_sentences
from brief.analysis.summary import clean_sentence, summarise
from brief.analysis.textdates import find_dates, full_dates, is_full
from brief.model import Article, Briefing, Entity, Mention


def analyse(article: Article) -> Briefing:
    text = article.text
    blocks = split_blocks(text)
    sentences = split_sentences(text, blocks)
    sentence_texts = [text[s.start : s.end] for s in sentences]
    subheads = [text[b.start : b.end] for b in blocks if b.kind == "subhead"]
    related = tuple(text[b.start : b.end] for b in blocks if b.kind == "furniture")
    mentions, entities = find_entities(text)
    dateline = find_dateline(text)
    if dateline and dateline.city:
        mentions, entities = _dateline_place(text, dateline.city, mentions, entities)
    written = None if article.date else _written_on(article, dateline)
    headline = _title(article.title) or derive_headline(
        [clean_sentence(s) for s in sentence_texts[:4]], subheads
    )
    return Briefing(
        article=article,
        headline=headline,
        summary=summarise(sentence_texts),
        date=article.date or written,
        date_inferred=written is not None,
        source=_source(article, dateline),
        blocks=blocks,
        sentences=sentences,
        related=related,
        mentions=mentions,
        entities=entities,
        quotes=find_quotes(text, blocks, sentences, mentions),
        dates=find_dates(text, article.date or written),
    )


def _title(title: str | None) -> str | None:
    """The given title, without a date stamp a site put in front of it ("27 / 09 / 2013 - …")."""
    if not title or is_stamp(title):
        return None
    rest = strip_stamp(title)
    return rest if len(rest.split()) >= 3 else title


def _written_on(article: Article, dateline: Dateline | None) -> str | None:
    """When an undated article was written, from its own evidence: a full date in its dateline
    ("WASHINGTON, March 3, 2014 (AP) --"), or a publication stamp in front of the story or in
    place of its title ("Friday August 2, 2013 @ 8:13am PDT …"). Dates mentioned in the story
    are not evidence of when it was written: they may be a birth, a war or next year's summit."""
    if dateline and dateline.date and is_full(dateline.date):
        return dateline.date
    stamp = leading_stamp(article.text)
    found = full_dates(find_dates(article.text[:stamp])) if stamp else []
    title = article.title or ""
    if not found and is_stamp(title):  # a scraper took the page's timestamp for the title
        found = full_dates(find_dates(title))
    return max(found) if found else None


def _source(article: Article, dateline: Dateline | None) -> str:
    """The input's source; else the agency of the dateline, which says more than the name of the
    folder a file happens to sit in."""
    source = article.source or ""
    if dateline and dateline.agency and (not source or source == _folder(article.path)):
        return dateline.agency
    return source


def _folder(path: str | None) -> str:
    return PurePath(path).parent.name if path else ""


def _dateline_place(
    text: str,
    span: tuple[int, int],
    mentions: tuple[Mention, ...],
    entities: tuple[Entity, ...],
) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """The dateline's city is a place ("FRANKFURT (Reuters) -" is not an organisation), named as
    the story names it elsewhere ("Frankfurt"), else in ordinary case."""
    start, end = span
    written = " ".join(text[start:end].split())
    same = [e for e in entities if e.name.casefold() == written.casefold()]
    name = next((e.name for e in same if e.name != written), written.title())
    counts = {e.name: e.count for e in entities}
    kept = []
    for m in mentions:
        if m.start < end and start < m.end:
            counts[m.entity] -= 1
        else:
            kept.append(m)
    kept.append(Mention(start, end, "GPE", text[start:end], name))
    kept.sort(key=lambda m: (m.start, m.end))
    out = [
        Entity(e.name, "GPE" if e.name == name else e.type, counts[e.name], e.aliases)
        for e in entities
        if counts[e.name] > 0 or e.name == name
    ]
    if name not in counts:
        out.append(Entity(name, "GPE", 0))
    out = [Entity(e.name, e.type, e.count + (e.name == name), e.aliases) for e in out]
    out.sort(key=lambda e: -e.count)  # stable: salience order otherwise kept
    return tuple(kept), tuple(out)
