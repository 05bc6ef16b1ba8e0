"""Turning one `Article` into a `Briefing`."""

from __future__ import annotations

from brief.analysis.blocks import split_blocks
from brief.analysis.datelines import is_stamp, strip_stamp
from brief.analysis.entities import find_entities
from brief.analysis.headline import derive_headline
from brief.analysis.quotes import find_quotes
from brief.analysis.sentences import split_sentences
from brief.analysis.summary import clean_sentence, summarise
from brief.analysis.textdates import find_dates
from brief.model import Article, Briefing


def analyse(article: Article) -> Briefing:
    text = article.text
    blocks = split_blocks(text)
    sentences = split_sentences(text, blocks)
    sentence_texts = [text[s.start : s.end] for s in sentences]
    subheads = [text[b.start : b.end] for b in blocks if b.kind == "subhead"]
    related = tuple(text[b.start : b.end] for b in blocks if b.kind == "furniture")
    mentions, entities = find_entities(text)
    headline = _title(article.title) or derive_headline(
        [clean_sentence(s) for s in sentence_texts[:4]], subheads
    )
    return Briefing(
        article=article,
        headline=headline,
        summary=summarise(sentence_texts),
        date=article.date,
        date_inferred=False,
        source=article.source or "",
        blocks=blocks,
        sentences=sentences,
        related=related,
        mentions=mentions,
        entities=entities,
        quotes=find_quotes(text, blocks, sentences, mentions),
        dates=find_dates(text, article.date),
    )


def _title(title: str | None) -> str | None:
    """The given title, without a date stamp a site put in front of it ("27 / 09 / 2013 - …")."""
    if not title or is_stamp(title):
        return None
    rest = strip_stamp(title)
    return rest if len(rest.split()) >= 3 else title
