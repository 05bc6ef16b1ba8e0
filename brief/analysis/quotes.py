"""Direct quotes and who said them.

A quote is text inside quotation marks (straight, curly, or the mismatched
“…" that scrapers leave) whose speaker the sentence names right next to it:

    “…,” Putin said        “…,” said Putin       Trump said, “…”
    “…,” Reuters quoted Donald Trump as saying    “…,” according to Putin
    “…” he said            (he/she: the most recent person who was the subject
                            of a sentence, only when that is unambiguous)

A whole-sentence quote straight after an attributed one in the same
paragraph continues it ("…," Putin said. "I take this opportunity …").

Speakers are canonical entity names when the name is a PERSON or ORG mention
("Putin" -> "Vladimir Putin"); without mentions, the surface name minus titles.
A news agency that merely *reported* the quote ("Reuters reported") is never
the speaker.

Scare quotes are skipped. A quoted fragment embedded in the reporter's own
sentence (had "great respect", no more "one-sided" games) is not something the
speaker said on its own, so it is never attributed. A short quote (under four
words) is kept only when it reads as a complete utterance next to its
attribution: it starts with a capital ("No," Putin said) — a lower-case short
quote is a borrowed phrase even when "said" is nearby.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from brief.model import Block, Mention, Quote, Sentence

_OPENERS = '\u201c"'
_CLOSERS = '\u201d"'
_MARKS = re.compile('[\u201c\u201d"]')
_MIN_WORDS = 4
_SPEAKER_TYPES = ("PERSON", "ORG")

_VERB = (
    r"(?:said|says|say|added|adds|told|tells|noted|notes|asserted|stated|explained|continued|replied|"
    r"responded|wrote|writes|declared|insisted|warned|argued|claimed|recalled|remarked|tweeted|posted|"
    r"commented|acknowledged|admitted|announced|stressed|emphasi[sz]ed|observed|joked|conceded|urged|"
    r"asked|predicted|concluded|exclaimed|recounted|reiterated|affirmed|maintained|quipped)"
)
_ADVERB = r"(?:(?:also|further|then|later|again|once|simply|quickly|had|has|have|was|later)\s+)*"
# A capitalised name of up to six words: "Vladimir Putin",
# "Russian President Vladimir Putin", "Mr. Smith".
_NAME = r"(?:[A-Z][\w\u2019'.-]*\s+){0,5}[A-Z][\w\u2019'-]*"
# "said central bank governor Anna Berg": lower-case descriptors, never a preposition or a date.
_DESCRIPTORS = (
    r"(?:the\s+)?(?:(?!(?:on|in|at|to|after|during|before|by|from|with|of|for)\b)[a-z][\w-]*\s+){0,4}?"
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b)"
)
_SUBJECT = rf"(?P<pro>\b(?:[Hh]e|[Ss]he)\b)|(?:the\s+)?(?P<name>{_NAME})"

# Attribution after the closing mark: `…," Putin said`, `…," said Putin`, `…," according to Putin`,
# `…," Reuters quoted Donald Trump as saying`.
_AFTER = re.compile(
    rf"^[\s,]*(?:"
    rf"(?:the\s+)?{_NAME}\s+quoted\s+(?P<q>{_NAME})\s+as\s+saying"
    rf"|(?:{_SUBJECT})\s+{_ADVERB}{_VERB}\b"
    rf"|{_VERB}\s+{_DESCRIPTORS}(?P<name2>{_NAME})"
    rf"|according\s+to\s+(?:the\s+)?(?P<name3>{_NAME})"
    rf")"
)
# Attribution before the opening mark: `Trump said, “`, `Putin told reporters in Minsk: “`,
# `According to Putin, “`.
_BEFORE = re.compile(
    rf"(?:(?:{_SUBJECT})\s+{_ADVERB}{_VERB}(?:\s+[^,:;\u201c\u201d\"]{{1,50}}?)?\s*[,:]"
    rf"|[Aa]ccording\s+to\s+(?:the\s+)?(?P<name3>{_NAME})\s*,)\s*$"
)
# `Vladimir Putin expressed gratitude and said, “` — the subject opens the clause.
_COORDINATED = re.compile(
    rf"(?:^|[,;]\s+)(?:the\s+)?(?P<name>{_NAME})\s+[^,;\u201c\u201d\"]{{1,80}}?\s+and\s+{_ADVERB}{_VERB}"
    rf"(?:\s+[^,:;\u201c\u201d\"]{{1,50}}?)?\s*[,:]\s*$"
)
_TITLES = frozenset(
    """president vice prime minister chancellor secretary senator sen. rep. representative gov.
    governor mayor mr. mrs. ms. dr. prof. judge justice general gen. chief spokesman spokeswoman
    spokesperson king queen prince princess pope ambassador commissioner director chairman
    chairwoman ceo leader former foreign defence defense state deputy lt. sgt. capt. det. officer
    sheriff coach mr mrs ms dr attorney comedian actor actress""".split()
)
_CLAUSE_OPENERS = frozenset(
    """meanwhile however but and later earlier then also still yet so now today while when after the
    this that a an""".split()
)
_NAMED_SUBJECT = re.compile(rf"(?<![\w.]\s)\b{_NAME}\s+{_ADVERB}[a-z]+(?:ed|s)\b")
_PREPOSITIONS = frozenset("by to of for with on about from against at in into than as".split())


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) indexes of the quotation marks in text[start:end], paired left to right."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for mark in _MARKS.finditer(text, start, end):  # the marks only, not every character
        i = mark.start()
        ch = text[i]
        if opened is None:
            if ch in _OPENERS and (i == start or not text[i - 1].isalnum()):
                opened = i
        elif ch == "\u201c":  # a new opening mark before a close: the earlier one was stray
            opened = i
        elif ch in _CLOSERS:
            spans.append((opened, i))
            opened = None
    return spans


def _strip_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and (
        words[0].lower() in _CLAUSE_OPENERS or words[0].endswith("ly") or words[0].isupper()
    ):
        words = words[1:]  # "Meanwhile Trump", "Ironically Nichols", "EDT Comedian Ellen DeGeneres"
    if words[-1].lower().split("-")[0] in _TITLES or re.search(r"[\u2019']s$", words[-1]):
        return ""  # "the Interior Secretary", "Biancardi's": not a name
    if words == ["I"]:
        return ""  # the writer
    # Keep what follows the last title word: "Russian President Vladimir Putin" -> "Vladimir Putin".
    last = max(
        (i for i, w in enumerate(words[:-1]) if w.lower().split("-")[0] in _TITLES), default=-1
    )
    return " ".join(words[last + 1 :])


class _Speakers:
    """Maps a speaker name found in the text to a canonical entity name."""

    def __init__(self, text: str, mentions: Sequence[Mention]):
        self.text = text
        self.mentions = [m for m in mentions if m.type in _SPEAKER_TYPES]
        self.by_text = {m.text: m.entity for m in self.mentions}
        self.names = sorted({m.entity for m in self.mentions})

    def resolve(self, start: int, end: int, surface: str) -> str | None:
        covering = [m for m in self.mentions if m.start < end and m.end > start]
        if covering:  # the mention nearest the verb: "Reuters quoted Donald Trump" keeps Trump
            return max(covering, key=lambda m: m.end).entity
        name = _strip_titles(surface)
        if name in self.by_text:
            return self.by_text[name]
        surname = [n for n in self.names if n == name or n.endswith(" " + name)]
        if len(surname) == 1:
            return surname[0]
        if not self.mentions and len(name.split()) == 1:
            return self._full_name(name)
        return name or None

    def _full_name(self, surname: str) -> str:
        """Without entity mentions, the fullest form of a
        one-word name the text also uses: "Vladimir Putin"."""
        forms = [
            _strip_titles(m[1])
            for m in re.finditer(rf"((?:[A-Z][\w'-]*\s+){{1,4}}{re.escape(surname)})\b", self.text)
        ]
        forms = [
            f
            for f in forms
            if f.endswith(" " + surname)
            and len(f.split()) > 1
            and not f.split()[0].lower().endswith(("ing", "ed"))
        ]
        return max(forms, key=lambda f: (forms.count(f), -len(f))) if forms else surname


def _is_subject(text: str, m: Mention) -> bool:
    """Whether a mention reads as the grammatical subject:
    `Putin also noted`, not `Trump's` or `to Trump`."""
    after = text[m.end : m.end + 30]
    if re.match(r"[\u2019']s\b", after):
        return False
    before = re.search(r"(\w+)\W*$", text[max(0, m.start - 20) : m.start])
    if before and before[1].lower() in _PREPOSITIONS:
        return False
    return bool(re.match(r",?\s+[a-z]", after))


def _pronoun_referent(
    text: str, at: int, sentences: Sequence[Sentence], persons: Sequence[Mention]
) -> str | None:
    """The one person who was the subject of the nearest
    earlier sentence naming a person subject."""
    earlier = [s for s in sentences if s.start < at]
    for sentence in reversed(earlier[-3:]):
        subjects = {
            m.entity
            for m in persons
            if sentence.start <= m.start < min(sentence.end, at) and _is_subject(text, m)
        }
        if subjects:
            return subjects.pop() if len(subjects) == 1 else None
    return None


def _quote_text(text: str, open_: int, close: int) -> tuple[str, int, int]:
    start, end = open_ + 1, close
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return " ".join(text[start:end].split()), start, end


def find_quotes(
    text: str,
    blocks: Sequence[Block],
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention] = (),
) -> tuple[Quote, ...]:
    """Attributed direct quotes in text order; offsets of each quote's words in `text`."""
    speakers = _Speakers(text, mentions)
    persons = [m for m in mentions if m.type == "PERSON"]
    out: list[Quote] = []
    for block in blocks:
        if block.kind != "para":
            continue
        spans = _quote_spans(text, block.start, block.end)
        last_speaker: str | None = None
        last_close = block.start
        for k, (open_, close) in enumerate(spans):
            words, q_start, q_end = _quote_text(text, open_, close)
            next_open = spans[k + 1][0] if k + 1 < len(spans) else block.end
            sent_start = max([s.start for s in sentences if s.start <= open_] + [block.start])
            before = text[max(sent_start, last_close) : open_]
            after = text[close + 1 : next_open]
            speaker = _attribute(
                text,
                before,
                after,
                open_,
                close,
                last_close,
                speakers,
                sentences,
                persons,
                last_speaker,
            )
            adjacent = not any(last_close < s.start < open_ for s in sentences)
            if (
                speaker is None
                and last_speaker
                and adjacent
                and not before.strip()
                and _ends_sentence(words, after)
            ):
                speaker = last_speaker  # a whole-sentence quote right after the previous speaker's
            last_close = close + 1
            n_words = len(words.split())
            if speaker is None or n_words == 0 or (n_words < _MIN_WORDS and not words[0].isupper()):
                last_speaker = speaker if speaker else last_speaker
                continue
            out.append(Quote(speaker=speaker, text=words, start=q_start, end=q_end))
            last_speaker = speaker
    return tuple(out)


def _ends_sentence(words: str, after: str) -> bool:
    return (
        bool(re.search(r"[.!?]$", words) or re.match(r"\s*[.!?]", after))
        and len(words.split()) >= _MIN_WORDS
    )


def _attribute(
    text, before, after, open_, close, since, speakers, sentences, persons, last_speaker
) -> str | None:
    after_offset = close + 1
    m = _AFTER.match(after)
    # A quote closed by a full stop ends its sentence: a capital after it starts the next one.
    if m and not (re.search(r"\.\W*$", text[open_:close]) and re.match(r"\s*[A-Z]", after)):
        if m["pro"]:
            return _pronoun(text, open_, since, sentences, persons, last_speaker)
        group = next(g for g in ("q", "name", "name2", "name3") if m[g])
        return speakers.resolve(
            after_offset + m.start(group), after_offset + m.end(group), m[group]
        )
    before_offset = open_ - len(before)
    for pattern in (_BEFORE, _COORDINATED):
        m = pattern.search(before)
        if not m:
            continue
        if "pro" in m.groupdict() and m["pro"]:
            return _pronoun(text, open_, since, sentences, persons, last_speaker)
        group = next(g for g in ("name", "name3") if g in m.groupdict() and m[g])
        return speakers.resolve(
            before_offset + m.start(group), before_offset + m.end(group), m[group]
        )
    return None


def _pronoun(text, at, since, sentences, persons, last_speaker) -> str | None:
    """Who "he"/"she" at `at` is: a person made subject
    since the last quote, else that quote's speaker."""
    if persons:
        subjects = {m.entity for m in persons if since <= m.start < at and _is_subject(text, m)}
        if subjects:
            return subjects.pop() if len(subjects) == 1 else None
        return last_speaker or _pronoun_referent(text, at, sentences, persons)
    # No entity mentions: trust the previous speaker only when no other name was made subject since.
    if last_speaker and not _NAMED_SUBJECT.search(text, since, at):
        return last_speaker
    return None
