"""People, organisations and places in one article, each mention folded under a canonical name.

The tagger (ner_tagger) finds spans; this module makes them trustworthy at document level:
acronyms defined in the text ("Eurasian Economic Union (EAEU)"), short forms of a person's name
("Putin" -> "Vladimir Putin"), known aliases ("US" -> "United States"), and one type per entity,
decided by a vote over its mentions, since a tagger's noise differs from mention to mention.
"""

from __future__ import annotations

import collections
import re

from brief.analysis.ner_tagger import RUN_RE, TITLE_WORDS, resources, tag_runs
from brief.analysis.org_cues import INNINGS_AFTER, cues, strong_cues
from brief.model import Entity, Mention

_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")
# "Valdai discussion club", not "the Ayrshire club" (see _CLUB)
_ORG_TAIL = re.compile(r"\s+[a-z]+\s+(?:club|forum)\b")
_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")
_LOWER_WORDS = frozenset(
    "of de del di da du la le van von der den al el bin and the for on".split()
)
_PREFIX = re.compile(r"(?:(?:the|The)\s+)$")
# a match starts with a capital: looking ahead for one skips the other positions fast
_TITLE_BEFORE = re.compile(r"(?=[A-Z])((?:[A-Z][\w.]*\s+)*?)((?:[A-Z][a-z]+\.?\s+)+)$")


def _initials_match(acronym: str, name: str) -> bool:
    letters = [c for c in acronym if c.isalpha()]
    words = [w for w in _WORD.findall(name) if w not in _LOWER_WORDS]
    capitals = sum(c.isupper() for c in letters)
    return (
        capitals >= 2
        and 2 * capitals >= len(letters)  # "(Spain)" after "Sara Serrano" is no acronym
        and bool(words)
        and letters[0].upper() == words[0][0]
        and len(words) <= len(letters)
    )


# A capitalised word right before one of these is someone speaking: "Zelensky warns Putin …".
_SPEECH_VERB = re.compile(
    r"[ \t]+(?:says|said|warns|warned|tells|told|adds|added|urges|urged|vows|vowed|"
    r"claims|claimed|insists|insisted|denies|denied|admits|admitted|slams|slammed|"
    r"accuses|accused|praises|praised|thanks|thanked|meets|met|"
    r"calls|called|rejects|rejected|announces|announced|wrote|writes)\b"
)
_SPEAKER = re.compile(r"(?<![\w'’.-])[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?=[ \t])")


def _speakers(
    text: str, spans: list[tuple[int, int, str]], taken: set[int]
) -> list[tuple[int, int, str]]:
    """Unknown capitalised words the tagger left out that stand as the subject of a speech verb.

    Names a model has never seen are most often missed at the start of a headline-like line,
    where capitals say nothing; a word that is never written in lower case and speaks is a person.
    """
    res = resources()
    busy = {i for s, e, _ in spans for i in range(s, e)}
    found = []
    for m in _SPEAKER.finditer(text):
        s, e = m.span()
        word = m.group()
        if (
            s in taken
            or s in busy
            or word.lower() in res.lower
            or word in res.phrases
            or word in TITLE_WORDS
        ):
            continue
        if _SPEECH_VERB.match(text, e):
            found.append((s, e, "PERSON"))
            taken.add(s)
    return found


# Head nouns that make a capitalised run one organisation:
# "European Central Bank", "Bank of England".
ORG_HEADS = frozenset(
    """Bank Corporation Corp Company Co Inc Ltd Group Union Council Party Ministry Agency Commission
    Committee University College Institute Association Federation League Organisation Organization
    Authority Board Department Court Fund Foundation Club Airlines Airways Army Navy Police Service
    Services Office Parliament Assembly Congress
    Senate Bureau Reserve Exchange Network Times Post Journal News Press""".split()
)
# Words that end only a company's name: whatever the tagger read, the run is an organisation.
COMPANY_SUFFIXES = frozenset(
    """Corp Corporation Inc Incorporated Ltd Limited Co Cos Plc PLC plc AG AB SA NV BV GmbH
    SpA Bhd Tbk Bancorp Bancshares Holdings Bros S.A. N.V. A.G.""".split()
)
ORG_HEADS = ORG_HEADS | COMPANY_SUFFIXES
_LEADING = frozenset(("The", "A", "An", *TITLE_WORDS))
# An abbreviation whose full stop belongs to the name: "Hartley Bros.", "Norland Corp.".
_ABBREVIATED_END = frozenset("Corp Inc Co Cos Ltd Bros Jr Sr".split())


# Plural words that end a place's name, not a team's: "Cayman Islands", "Golan Heights".
_PLACE_PLURALS = frozenset(
    """Islands Isles Keys Falls Mountains Hills Heights Lakes Springs Plains Highlands Lowlands
    Territories Provinces States Emirates Alps Rockies Downs Fields Gardens Woods Sands Rapids
    Narrows Straits Glades Dunes Cliffs Valleys Forests Waters Games Olympics Championships
    Series Affairs Relations Rights Times News""".split()
)


def _team_name(words: list[str], res) -> bool:
    """A town or state and a plural nickname: "Denver Comets", "San Jose Pelicans"; the name of
    a side, not of a place ("Golan Heights") or of a town's people ("Texas Democrats")."""
    last = words[-1]
    place = " ".join(words[:-1])
    return (
        len(last) > 3
        and last[0].isupper()
        and last[1:].islower()
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is"))
        and last not in _PLACE_PLURALS
        and last not in res.norp
        and last not in res.phrases
        and bool(known_codes(place, res.phrases).strip("RNOA"))
    )


def _org_runs(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """One ORG span for a capitalised run that ends in an organisation head noun, replacing the
    pieces a tagger may have cut it into ("European" + "Central Bank")."""
    merged = []
    res = resources()
    for run in RUN_RE.finditer(text):
        words = run.group().split()
        if len(words) < 2:
            continue
        team = words[-1][-1:] == "s" and _team_name(words, res)
        if words[-1] not in ORG_HEADS and not team:
            continue
        s, e = run.span()
        while words and words[0] in _LEADING:
            s = text.index(words[1], s + len(words[0])) if len(words) > 1 else e
            words = words[1:]
        if len(words) < 2 or "\n" in text[s:e]:
            continue
        inside = [sp for sp in spans if sp[0] < e and sp[1] > s]
        if (
            inside
            and inside[0][2] == "GPE"
            and inside[0][:2] == (s, s + len(words[0]))
            and len(words) > 2
        ):
            # "US Federal Reserve": the country stays a place, the rest is the organisation
            s = text.index(words[1], s + len(words[0]))
            words = words[1:]
            inside = inside[1:]
        if len(inside) == 1 and inside[0][:2] == (s, e):
            if (inside[0][2] != "ORG" and (words[-1] in COMPANY_SUFFIXES or team)) or (
                inside[0][2] in ("GPE", "LOC") and words[-1] in ORG_HEADS
            ):
                merged.append(((s, e, "ORG"), inside))  # "Hanwol Motor Corp" is no person
            continue  # the tagger already has it whole
        if any(sp[0] < s or sp[1] > e for sp in inside):
            continue  # a span reaching outside the run: the tagger saw something else
        merged.append(((s, e, "ORG"), inside))
    for whole, parts in merged:
        for part in parts:
            spans.remove(part)
        spans.append(whole)
    spans.sort()
    return spans


# Job titles that may stand inside a capitalised run, before the person who holds them:
# "Springfield Mayor Linda Alvarez", "Defence Secretary Ben Wallace", "Coach Jurgen Klopp".
INNER_TITLES = TITLE_WORDS | frozenset(
    """Minister Secretary General Attorney Chief Director Coach Manager Judge Justice
    Commissioner Chairman Chairwoman Spokesman Spokeswoman Leader Captain Commander Officer
    Executive CEO Deputy Lieutenant Colonel Sergeant Inspector Superintendent Detective
    Constable Bishop Rabbi Imam Professor Prof Skipper Striker Midfielder Defender
    Goalkeeper Treasurer Chairperson Envoy Adviser Advisor Prosecutor Sheriff Admiral
    Editor Founder Co-founder Spokesperson""".split()
)
# A department named after its title: "Secretary of State John Kerry".
_DEPARTMENT_BEFORE = re.compile(
    r"\b(?:Secretary|Minister|Ministry|Department|Office)\s+(?:of|for)\s+(?:the\s+)?$"
)
_WORD = re.compile(r"\S+")
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")


def _split_titles(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The person after a job title inside a run is the entity, not the run with its title:
    "Springfield Mayor Linda Alvarez" is Linda Alvarez (and the place Springfield)."""
    out = []
    res = resources()
    places, norp = res.phrases, res.norp
    for s, e, kind in spans:
        if text.count(" ", s, e) < 1:  # one word: no title inside
            if _NAME_AFTER.match(text, e) and _DEPARTMENT_BEFORE.search(text, max(0, s - 40), s):
                continue  # "State" of "Secretary of State John Kerry" is part of the title
            out.append((s, e, kind))
            continue
        words = [(m.start() + s, m.end() + s, m.group()) for m in _WORD.finditer(text[s:e])]
        cut = max(
            (k for k, (_, _, w) in enumerate(words[:-1]) if w in INNER_TITLES and k > 0),
            default=None,
        )
        if cut is None and len(words) > 2 and _DEPARTMENT_BEFORE.search(text, max(0, s - 40), s):
            cut = 0  # "State" of "Secretary of State" is part of the title
        person = words[cut + 1 :] if cut is not None else []
        if (
            not person
            or len(person) > 3
            or not all(w[0].isupper() for _, _, w in person)
            or person[-1][2] in ORG_HEADS
            or text[person[0][0] : person[-1][1]] in places
        ):
            out.append((s, e, kind))
            continue
        out.append((person[0][0], person[-1][1], "PERSON"))
        before = [w for w in words[:cut] if w[2] not in INNER_TITLES and w[2][0].isupper()]
        if before and cut > 0 and len(before) == cut:
            # who gave the title: a place ("Springfield Mayor"), a party or nation ("Labour
            # Chairman"), else an organisation ("Microsoft Chief Executive"); never the person
            name = text[before[0][0] : before[-1][1]]
            owner = "GPE" if places.get(name) else "NORP" if name in norp else "ORG"
            out.append((before[0][0], before[-1][1], owner))
    out.sort()
    return out


# A capitalised word or two, a lower-case word, then "club"/"forum": "the Valdai discussion
# club". Without the word between, the name is a place the club is known by ("the Ayrshire
# club", "the Rugby Park club" in football writing), not the club's name.
_CLUB = re.compile(
    r"(?<![\w.'’-])[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?(?=\s+[a-z]+\s+(?:club|forum)\b)"
)


def _untagged_clubs(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A club or forum the tagger left out: the name with its lower-case tail is one ORG."""
    if "club" not in text and "forum" not in text:
        return []
    found = []
    for m in _CLUB.finditer(text):
        s = m.start()
        if m.group() in TITLE_WORDS or any(a < m.end() and s < b for a, b, _ in spans):
            continue
        found.append((s, _ORG_TAIL.match(text, m.end()).end(), "ORG"))
    return found


# A side in a results line or a table row: a name with a score after it, and a score, a "v" or
# the start of a line before it ("Lindfield 2 Port Kessel 0", "Chelsea 2 1 1 0 4 2 4").
_SCORE_AFTER = re.compile(r"[ \t]+\d{1,3}(?:[ \t]*$|[ \t]+(?:[A-Z(]|\d{1,3}\b))", re.MULTILINE)
_SIDE_BEFORE = re.compile(r"(?:^|\d[ \t]+|[ \t]v\.?[ \t]+|:[ \t]+)$", re.MULTILINE)
_NOT_SIDES = frozenset(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday""".split()
)
_MIN_ROWS = 3  # a document with fewer such rows has no table
# A word, then a score as _SCORE_AFTER or INNINGS_AFTER read one: one pass tells whether a
# story has any row at all.
_RUN_ENDING = re.compile(rf"({RUN_RE.pattern})$")
_ROW_HINT = re.compile(
    r"[^\W\d_][ \t]+\d{1,3}(?:[ \t]*$|[ \t]+(?:[A-Z(]|\d{1,3}\b|and[ \t]+\d)|[-–]\d)",
    re.MULTILINE,
)


def _untagged_sides(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sides in results lines and table rows that the tagger left out: a table has many rows, and
    a name that opens one, with scores after it, is a team ("Lindfield 3 1 2 0 3 2 5"). Where
    the tagger read only part of a side ("Kessel" of "Port Kessel 0"), that part is removed
    from `spans` and the whole side returned."""
    rows = []
    innings = []
    lower = resources().lower
    last = -1
    for hint in _ROW_HINT.finditer(text):  # a word with a score after it: few in most stories
        run = _RUN_ENDING.search(text, max(0, hint.start() - 80), hint.start() + 1)
        if not run or run.start(1) <= last:
            continue
        s, e = run.span(1)
        last = s
        if INNINGS_AFTER.match(text, e):
            innings.append((s, e))  # "Westmere 259 and 207": a side, table or not
        elif _SCORE_AFTER.match(text, e) and _SIDE_BEFORE.search(text, max(0, s - 12), s):
            rows.append((s, e))
    if len(rows) < _MIN_ROWS:
        rows = []
    rows += innings
    if not rows:
        return []
    found = []
    phrases = resources().phrases
    for s, e in rows:
        name = text[s:e]
        first = name.split()[0]
        inside = [sp for sp in spans if sp[0] < e and s < sp[1]]
        if inside and all(s <= a and b <= e and t != "PERSON" for a, b, t in inside):
            # "Port Kessel 0" read as "Kessel": the side is the whole run
            if (
                inside[0][:2] != (s, e)
                and not name.isupper()  # a capitals table runs its headers into the names
                and name.count(" ") < 4
                and not known_codes(name, phrases).strip("TS")
            ):
                for sp in inside:
                    spans.remove(sp)
                found.append((s, e, "ORG"))
            continue
        if (
            inside
            or first in _NOT_SIDES
            or first in TITLE_WORDS
            or (" " not in name and name.lower() in lower)
            or known_codes(name, phrases).strip("TS")  # a country is a place (a national side)
        ):
            continue
        found.append((s, e, "ORG"))
    return found


_NOBLE = frozenset(
    "Duke Duchess Earl Lord Lady Count Countess Marquis Baron Archduke Emperor Empress Sultan "
    "Emir Shah Tsar Czar Bishop Saint".split()
)
_NOT_NAMES_BEFORE_OF = frozenset(
    "shares stock analysts representatives members officials sources units results".split()
)
_OF = re.compile(r"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?")


def _reads_as_full_name(words: list[str]) -> bool:
    """Two words or more, the first a known given name: how a person's full name reads
    ("Brian Little", "Tom Harlow")."""
    return len(words) > 1 and "F" in resources().names.get(words[0].upper(), "")


def _split_of(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two names a tagger ran together over "of"/"for": "Valmont of France", "Norland Chemical Co
    of the United States", "Tom Harlow of the Dayton Fire Department". A name's own "of"
    follows a common word ("Bank of England", "University of Texas", "Sea of Japan"); after a
    company suffix, a person's name, or a proper name before a place, it starts another name."""
    if " of " not in text and " for " not in text:
        return spans
    res = resources()
    out = []
    for s, e, t in spans:
        pieces = []
        start = s
        for m in _OF.finditer(text, s, e):
            left = text[start : m.start()]
            words = left.split()
            nxt = _OF.search(text, m.end(), e)
            right = text[m.end() : nxt.start() if nxt else e]
            if not words or not right[:1].isupper() or left.isupper():
                continue
            last = words[-1]
            proper = (
                last[:1].isupper()
                and last.lower() not in res.lower
                and last not in TITLE_WORDS
                and last not in _NOBLE
            )
            person = _reads_as_full_name(words)
            place_after = bool(known_codes(right, res.phrases).strip("RNOA"))
            place_before = bool(known_codes(last, res.phrases).strip("RNOA"))
            if len(words) == 1 and last.lower() in _NOT_NAMES_BEFORE_OF:
                start = m.end()  # "Shares of Brent & Harlow Co": the name is after "of"
            elif last in COMPANY_SUFFIXES or (
                proper and (person or (place_after and not place_before))
            ):
                pieces.append((start, m.start()))
                start = m.end()
        if not pieces and start == s:
            out.append((s, e, t))
            continue
        pieces.append((start, e))
        for a, b in pieces:
            name = text[a:b]
            codes = known_codes(name, res.phrases)
            if codes.strip("RNOA"):
                kind = "GPE"
            elif _last_word(text, a, b) in ORG_HEADS or "O" in codes:
                kind = "ORG"
            elif _reads_as_full_name(name.split()):
                kind = "PERSON"
            else:
                kind = t
            out.append((a, b, kind))
    return out


_RUN_BEFORE = re.compile(rf"({RUN_RE.pattern})(?:['’]s)?[ \t]+$")


def _untagged_by_cue(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name the tagger left out right before a cue that alone names an organisation ("A
    Bundesbank spokesman said", "Ameren shares fell"): the run before the cue, without a leading
    "The"/"A", when it is no common word."""
    found = []
    lower = resources().lower
    for c in strong_cues(text):
        m = _RUN_BEFORE.search(text, max(0, c - 60), c)
        if not m:
            continue
        s, e = m.span(1)
        words = m.group(1).split()
        while words and words[0] in _LEADING:
            s = text.index(words[1], s + len(words[0])) if len(words) > 1 else e
            words = words[1:]
        if (
            not words
            or (len(words) == 1 and words[0].lower() in lower)
            or any(a < e and s < b for a, b, _ in spans)
        ):
            continue
        found.append((s, e, "ORG"))
    return found


def _raw_spans(text: str) -> list[tuple[int, int, str]]:
    """Tagger spans plus the acronyms the text defines, and lower-case club/forum tails."""
    spans = []
    taken = set()
    phrases = resources().phrases
    for s, e, t in tag_runs(text):
        tail = _ORG_TAIL.match(text, e)
        if tail and t != "NORP":
            e, t = tail.end(), "ORG"
        elif phrases.get(text[s:e]) == "N":
            t = "NORP"  # a known nationality is one, whatever its context ("North Korean leader")
        spans.append((s, e, t))
    spans.extend(_untagged_clubs(text, spans))
    spans.extend(_untagged_sides(text, spans))
    spans.extend(_untagged_by_cue(text, spans))
    spans = _split_titles(text, _split_of(text, _org_runs(text, _split_of(text, spans))))
    taken = {s for s, _, _ in spans}
    spans.extend(_speakers(text, spans, taken))
    for s, e, t in list(spans):  # before the repeats: "NCP" further on is the party too
        m = _ACRONYM_AFTER.match(text, e)
        if m and m.start(1) not in taken and _initials_match(m.group(1), text[s:e]):
            spans.append((m.start(1), m.end(1), t))
            taken.add(m.start(1))
    spans.extend(_repeats(text, spans, taken))
    spans = [
        (s, e + 1, t)
        if text.startswith(".", e) and _last_word(text, s, e) in _ABBREVIATED_END
        else (s, e, t)
        for s, e, t in spans
    ]
    spans.sort()
    return spans


def _last_word(text: str, s: int, e: int) -> str:
    return text[text.rfind(" ", s, e) + 1 : e]


def _repeats(
    text: str, spans: list[tuple[int, int, str]], taken: set[int]
) -> list[tuple[int, int, str]]:
    """Other occurrences of names already found, and of
    a person's surname: one reading per document."""
    lower = resources().lower
    known: dict[str, str] = {}
    for s, e, t in spans:
        surface = text[s:e]
        if len(surface) > 2 and surface.lower() not in lower and "\n" not in surface:
            known.setdefault(surface, t)
            if t == "PERSON" and " " in surface:
                known.setdefault(surface.rsplit(" ", 1)[1], t)
    if not known:
        return []
    busy = bytearray(len(text) + 1)
    for s, e, _ in spans:
        busy[s:e] = b"\x01" * (e - s)
    found = []
    end = 0
    for s, n in _occurrences(text, known):
        if s < end:
            continue
        end = s + n
        if s not in taken and not any(busy[s:end]):
            found.append((s, end, known[text[s:end]]))
            taken.add(s)
    return found


# What may not stand right before a name, and what may not follow it: "Ford" is not the
# name in "Fordham", "Ford-era" or "M.Ford"; a whole word only: "Russia" is not in "Russian".
_JOINED_BEFORE = re.compile(r"[\w.'’-]")
_JOINED_AFTER = re.compile(r"\w|['’-]\w")


def _occurrences(text: str, names: dict[str, str]) -> list[tuple[int, int]]:
    """(start, length) of the longest standalone name at each position, in text order.

    Scanning these left to right, skipping overlaps, is what one regex alternating the names
    (longest first) finds; compiling such a regex for every document cost a fifth of analysis.
    """
    best: dict[int, int] = {}
    find = text.find
    for name in names:
        n = len(name)
        at = find(name)
        while at != -1:
            if (
                n > best.get(at, 0)
                and not (at and _JOINED_BEFORE.match(text, at - 1))
                and not _JOINED_AFTER.match(text, at + n)
            ):
                best[at] = n
            at = find(name, at + 1)
    return sorted(best.items())


def _canonical_names(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    aliases = resources().aliases
    surfaces = [" ".join(text[s:e].split()) for s, e, _ in spans]
    # "Hartley Bros." and "Hartley Bros" are one name
    surfaces = [
        n[:-1] if n.endswith(".") and n[:-1].rsplit(" ", 1)[-1] in _ABBREVIATED_END else n
        for n in surfaces
    ]
    names = []
    for (_, _, t), surface in zip(spans, surfaces):
        name = aliases.get(surface, surface)
        if t == "ORG" and any(w.islower() and w not in _LOWER_WORDS for w in surface.split()):
            name = " ".join(
                w if w in _LOWER_WORDS else w[:1].upper() + w[1:] for w in surface.split()
            )
        names.append(name)
    # Acronyms the text defines: "Eurasian Economic Union (EAEU)".
    defined = {}
    for (_, e, _), name in zip(spans, names):
        m = _ACRONYM_AFTER.match(text, e)
        if m and _initials_match(m.group(1), name):
            defined[m.group(1)] = name
    names = [defined.get(n, n) for n in names]
    # Short forms of a person's name fold into the most frequent full name that contains them;
    # a name with a known given name first is a person's whatever the tagger read ("James
    # Haskell" beside "Haskell posted…").
    counts = collections.Counter(
        n
        for n, (_, _, t) in zip(names, spans)
        if " " in n and (t == "PERSON" or _given_name_first(n))
    )
    full_by_part: dict[str, str] = {}
    for full, _ in sorted(counts.items(), key=lambda kv: -kv[1]):
        parts = full.split()
        for part in (parts[-1], parts[0], " ".join(parts[-2:])):
            full_by_part.setdefault(part, full)
    # Any predicted type: a tagger may call one "Putin"
    # a nationality; the document vote fixes the type.
    places = resources().phrases
    # A place name folds only where the tagger did not read it as a place ("Mr Howard", "Lombard's"
    # beside "Michael Howard", "Cathal Lombard"), not where it is the place ("Washington").
    return [
        full_by_part.get(n, n)
        if n not in counts and (n not in places or t not in ("GPE", "LOC"))
        else n
        for n, (_, _, t) in zip(names, spans)
    ]


# Last words of places and firms named after people: "Grace Road", "Warner Bros".
_PLACE_TAILS = frozenset(
    """Road Street Avenue Lane Park Square Stadium Ground Arena Hall Bridge Hill Heights
    Bay Beach Island Islands Valley Lake River Mountain County City Town Bros Brothers""".split()
)


def _club_after_town(name: str, phrases: dict[str, str]) -> bool:
    """ "Manchester City", "Ipswich Town": a known town and City or Town, which the gazetteer
    does not know as a place itself (as it knows "Mexico City" and "Cape Town"), is a club."""
    town, _, tail = name.rpartition(" ")
    return tail in ("City", "Town") and "T" in known_codes(town, phrases) and name not in phrases


def _given_name_first(name: str) -> bool:
    """A name of two or three capitalised words that starts with a known given name and is
    neither a place nor an organisation by its head noun: "Don McLean", not "Crystal Palace"
    (a place the gazetteer knows) or "George Washington University"."""
    words = name.split()
    if (
        not 1 < len(words) < 4
        or not all(w[:1].isupper() for w in words)
        or name.isupper()  # capitals headlines: "HONG KONG"
        or len(words[0]) < 3  # "Le Matin"
        or words[-1] in _PLACE_TAILS
    ):
        return False
    res = resources()
    return (
        _reads_as_full_name(words)
        and words[0].lower() not in res.lower  # "Major League", "Golden Four", "Grace Road"
        # "Hong Kong Open", "Florida Marlins" (a surname may be a town: "Don McLean")
        and words[0] not in res.phrases
        and " ".join(words[:2]) not in res.phrases
        and name not in res.phrases
        and words[-1] not in ORG_HEADS
    )


def _alias_forms(text: str, s: int, e: int, surface: str) -> list[str]:
    """The surface, plus the title or "the" the text puts
    before it ("President Trump", "the United States")."""
    forms = [surface]
    before = text[max(0, s - 60) : s]
    if _PREFIX.search(before) and (
        " " in surface or surface.isupper()
    ):  # "the US", not "the Ukraine conflict"
        forms.append("the " + surface)
    m = _TITLE_BEFORE.search(before)
    if m and m.group(2).split()[-1].rstrip(".") in TITLE_WORDS:
        titles = m.group(2)
        forms.append(
            " ".join((m.group(1) + titles).split() + [surface])
            if m.group(1)
            else " ".join(titles.split() + [surface])
        )
        if m.group(1):
            forms.append(" ".join(titles.split() + [surface]))
    return forms


_KNOWN_KIND = {"O": "ORG", "C": "GPE"}


def known_codes(name: str, phrases: dict[str, str]) -> str:
    """The gazetteer's codes for a name, reading one in capitals as written in a wire headline
    ("NEW YORK" as "New York"); a short one stays as it is ("US" is no "Us")."""
    codes = phrases.get(name, "")
    if not codes and len(name) > 3 and name.isupper():
        codes = phrases.get(name.title(), "")
    return codes


def _organisations_by_cue(text: str, spans, names: list[str], kind: dict[str, str]) -> None:
    """A name with organisation cues around it in this article is one ("shares of Ameren",
    "Aston Villa beat Leeds 2-1"), unless it reads as a person's full name ("Brian Little":
    a known given name first) or is a country."""
    res = resources()
    business: set[str] = set()
    match: set[str] = set()
    for (s, e, _), name in zip(spans, names):
        b, m = cues(text, s, e)
        if b:
            business.add(name)
        if m:
            match.add(name)
    for name in business | match:
        words = name.split()
        if known_codes(name, res.phrases).strip("TS") or words[0] in _NOT_SIDES:
            continue  # a country or region; "Friday announced its ..."
        # a person's full name stays one ("Brian Little"; "Pryce 8-0-37-2" beside "R. Pryce" is
        # the bowler); a place read as "Crystal Palace" does not
        person_read = (
            name in business
            and kind[name] in ("PERSON", "NORP", "EVENT")
            and not _reads_as_full_name(words)
            and re.search(rf"\b[A-Z]\.[ \t]*{re.escape(words[-1])}\b", text) is None
        )
        if person_read or (name in match and kind[name] in ("GPE", "LOC")):
            kind[name] = "ORG"


def _full_names(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A two- or three-word name read as a place whose last word stands alone as a person in the
    same story is that person's full name ("Vladimir Putin" opening a story, "Putin" after)."""
    persons = {text[s:e] for s, e, t in spans if t == "PERSON" and " " not in text[s:e]}
    if not persons:
        return spans
    phrases = resources().phrases
    out = []
    for s, e, t in spans:
        name = text[s:e]
        if (
            t in ("GPE", "LOC", "NORP")
            and 0 < name.count(" ") < 3
            and name.rsplit(" ", 1)[1] in persons
            and name not in phrases
        ):
            t = "PERSON"
        out.append((s, e, t))
    return out


def find_entities(text: str) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """Mentions in text order, and entities by salience (mention count, then first position)."""
    spans = _full_names(text, _raw_spans(text))
    names = _canonical_names(text, spans)
    votes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    first: dict[str, int] = {}
    weights: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    norp = resources().norp
    for (s, e, t), name in zip(spans, names):
        votes[name][t] += 1
        # Longer mentions are read more reliably ("Vladimir Putin" over a lone "Putin"), and
        # nationalities are a closed class: NORP for a word the gazetteer does not know is weak.
        weights[name][t] += (text.count(" ", s, e) + 1) * (
            0.5 if t == "NORP" and text[s:e] not in norp else 1.0
        )
        first.setdefault(name, s)
    kind = {name: max(w, key=lambda t: (w[t], -list(w).index(t))) for name, w in weights.items()}
    # A name the gazetteer knows as only an organisation or only a country is one, whatever
    # the tagger read in this document ("Twitter" is no person, "Ireland" no organisation).
    phrases = resources().phrases
    for name in kind:
        codes = known_codes(name, phrases)
        known = _KNOWN_KIND.get(codes)
        if known:
            kind[name] = known
        elif name.isupper() and codes.strip("TS") == "" and codes and kind[name] == "ORG":
            # "LAGOS 2024-05-02", "SPAIN BEAT CHILE": a known town or state in capitals is the
            # place unless cues around it say it is a side (below)
            kind[name] = "GPE"
    for name in kind:
        # the tagger read a person's full name as something else; cues may still make it a club
        if kind[name] != "PERSON" and _given_name_first(name):
            kind[name] = "PERSON"
        elif kind[name] in ("GPE", "LOC") and _club_after_town(name, phrases):
            kind[name] = "ORG"
    _organisations_by_cue(text, spans, names, kind)
    mentions = tuple(Mention(s, e, kind[n], text[s:e], n) for (s, e, _), n in zip(spans, names))
    alias_sets: dict[str, dict[str, None]] = collections.defaultdict(dict)
    for m in mentions:
        for form in _alias_forms(text, m.start, m.end, " ".join(m.text.split())):
            if form != m.entity:
                alias_sets[m.entity][form] = None
    order = sorted(votes, key=lambda n: (-sum(votes[n].values()), first[n]))
    entities = tuple(
        Entity(n, kind[n], sum(votes[n].values()), tuple(alias_sets[n])) for n in order
    )
    return mentions, entities
