"""Headlines for articles that arrive without a title.

A derived headline is at most 90 characters of whole words and reads like a
headline, never like a sentence cut off mid-way. It is the lead sentence
trimmed the way a sub-editor would: without its dateline, asides in brackets
or dashes, appositives (", one of Turkey's best-loved singers,"), a leading
subordinate clause ("While addressing reporters, …") and trailing attribution
(", officials said Wednesday"). When that is still too long it is cut at a
clause boundary, but only where the kept part has its subject and main verb:
"A black cat who fell sick" (no main verb: the cut is inside the subject's
relative clause) is refused. Failing that, a subheading the scraper glued on.
"""

from __future__ import annotations

import re

from brief.analysis.datelines import is_stamp, strip_dateline, strip_stamp

MAX_CHARS = 90
MIN_WORDS = 4

# Boundaries where a lead can be cut and still read as a headline.
_CUT = re.compile(
    r",\s|\s[-\u2013\u2014]+\s|\s(?=(?:and|but|as|after|while|saying|amid|because|since|although|when|where|"
    r"with|without|despite|following|over|before|until|in|at|on|for|from|to|by|during|into|under|than|"
    r"so|if|though|who|which|whose)\s)"
)
# Words that need what follows them: a head may not end on one ("originally bound | for the
# Space Station", "have issued a warrant | for the arrest of …", "is set | to …").
_NEEDS_COMPLEMENT = re.compile(
    r"\b(?:bound|due|set|able|unable|likely|unlikely|expected|going|used|headed|destined|aimed|"
    r"designed|intended|scheduled|poised|ready|prior|according|warrant|bid|plans?|calls?|"
    r"ahead|instead|because|such|order)$",
    re.I,
)
_TRAILING_WEAK = re.compile(
    r"(?:\s+(?:the|a|an|of|to|in|on|at|and|or|but|for|with|by|from|about|like|his|her|their|its|is|are|was|were|"
    r"has|have|had|be|been|will|would|that|this|who|which|as|than|so|very|more|most|not|no|"
    r"after|before|while|when|because|since|although|though|amid|until|if|whether))+$",
    re.I,
)
_ASIDES = (
    re.compile(r"\s*\([^()]{0,80}\)"),  # (not pictured), (D-Mass.)
    re.compile(
        r"\s+(?:--|[\u2013\u2014])\s+[^-\u2013\u2014]{1,80}?\s+(?:--|[\u2013\u2014])(?=\s)"
    ),  # -- perhaps … --
)
# Appositives and non-restrictive clauses: ", one of
# Turkey's best-loved singers,", ", whose …, has died".
_APPOSITIVE = re.compile(
    r",\s+(?:one of|a|an|the|who|which|whose|aged|now|both|himself|herself|when|where|if|though|"
    r"although|perhaps|including|especially|\d+)\b"
)
_ATTRIBUTION = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?:[\w'\u2019.-]+\s+){0,5}?(?:said|says|reported|reports|revealed|announced|"
    r"claimed|confirmed|told\s[^,.]{1,40})(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|today|yesterday|last\s+\w+|this\s+\w+))?\s*$"
    r"|,\s+according\s+to\s+[^,]{1,60}$"
)
_LEADING_CLAUSE = re.compile(
    r"^(?:(?:While|When|After|As|With|Since|Although|Though|Despite|Following|Before|Once|Amid|"
    r"If|Ahead of|In|On|At|During|Speaking|Addressing|Having|Bringing|Of all)\b"
    r"|[A-Z][a-z]+ing\b|[A-Z][a-z]+ly,)[^,]{0,120},\s+"
)
_LABEL = re.compile(
    r"^(?:[A-Z][\w'\u2019-]*\s+){0,2}[A-Z][\w'\u2019-]*:\s+(?=[A-Z])"
)  # "Wanted: Police …"
_PRONOUN = re.compile(r"(?:it|he|she|they|this|that|these|those|we|you|i)\b", re.I)
_CONNECTOR_OPENER = re.compile(r"^(?:But|And|So|Yet|Or)\s+", re.I)

_AUXILIARIES = frozenset(
    """is are was were be been being has have had will would can could may might must should shall
    do does did won't can't isn't aren't wasn't weren't hasn't haven't hadn't didn't doesn't
    don't""".split()
)
_IRREGULAR = frozenset(
    """said told took made went came saw gave found got left won lost broke fell hit shot put set
    held led met ran sent spent stood struck thought became began brought built bought caught
    chose drew drove ate fought flew forgot grew hid kept knew laid paid rose sold shook sank
    spoke stole swore threw wore wrote think say says sees wants gets makes takes faces plans
    calls warns urges claims admits reveals denies insists vows slams backs tells knows believes
    likes loves hopes fears leads wins loses hits shows""".split()
)
# Words that open a subordinate or relative clause; a
# cut inside such a clause leaves a dangling fragment.
_SUBORDINATE = re.compile(
    r"\s(?:after|when|while|because|since|before|until|if|though|although|where|who|which|whose|whereas|"
    r"once|unless|as(?=\s(?:he|she|they|it|we|i|his|her|their|its)\s))\s"
)


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    return re.sub(r"^[\"'\u201c\u2018]+|[\s.,;:\"'\u201d\u2019]+$", "", text)


def _is_verb(word: str, first: bool = False) -> bool:
    w = word.lower().strip(",;:'\u2019\"")
    if w in _AUXILIARIES or w in _IRREGULAR:
        return True
    return not first and w.endswith("ed") and len(w) > 3 and word[0].islower()


def _drop_appositives(text: str) -> str:
    """Remove ", <appositive>," when what follows its
    closing comma continues the main clause with a verb."""
    while True:
        m = _APPOSITIVE.search(text)
        if not m:
            return text
        close = None
        for c in re.finditer(r",\s+(\S+)", text[m.end() : m.end() + 160]):
            if _is_verb(c[1]):
                close = m.end() + c.start()
                break
        if close is None:
            return text
        text = text[: m.start()] + text[close + 1 :]


_DETERMINERS = frozenset("a an the this that these those his her their its our my your".split())


def _verb_at(words: list[str], i: int) -> bool:
    """Whether words[i] is a verb here: an -ed word after a determiner is an adjective
    ("An unmanned spacecraft", "the injured man")."""
    if not _is_verb(words[i], i == 0):
        return False
    w = words[i].lower()
    return not (
        i > 0 and w.endswith("ed") and w not in _IRREGULAR and words[i - 1].lower() in _DETERMINERS
    )


def _verb_groups(words: list[str]) -> list[int]:
    """Indexes where runs of verbs start ("was convicted"
    is one run); the first word is never a verb."""
    starts = []
    for i in range(len(words)):
        if _verb_at(words, i) and not (i > 0 and _verb_at(words, i - 1)):
            starts.append(i)
    return starts


def _main_verb(head: str) -> int | None:
    """Word index of the main verb: the first verb, or when a relative clause comes first
    ("A black cat who fell sick … is now nursing"), the next verb run after the clause's own."""
    words = head.split()
    groups = _verb_groups(words)
    if not groups:
        return None
    rel = next(
        (i for i, w in enumerate(words) if w.lower() in ("who", "which", "whose", "that")), None
    )
    if rel is None or rel > groups[0]:
        return groups[0]
    later = [g for g in groups if g > rel]
    if len(later) < 2:
        return None
    between = " " + " ".join(words[later[0] : later[1]]) + " "
    if _SUBORDINATE.search(between) or re.search(r"\s(?:he|she|they|it|we|i)\s", between, re.I):
        return None  # the second verb belongs to another clause: "… after claiming he was …"
    return later[1]


def _has_main_clause(head: str) -> bool:
    """Subject and main verb present, not only a verb inside the subject's relative clause."""
    return _main_verb(head) is not None


def _cut_inside_clause(head: str, at_comma: bool) -> bool:
    """Whether the head ends inside a subordinate or relative clause opened after its main verb."""
    if at_comma:
        return False
    main = _main_verb(head)
    if main is None:
        return False
    main_end = len(" ".join(head.split()[: main + 1]))
    return bool(_SUBORDINATE.search(head, main_end))


def simplify(sentence: str) -> str:
    """The sentence as a sub-editor would trim it for a headline (may return it unchanged)."""
    text = strip_stamp(strip_dateline(_tidy(sentence)))
    text = _LABEL.sub("", text)
    for aside in _ASIDES:
        text = aside.sub("", text)
    text = _drop_appositives(text)
    text = _ATTRIBUTION.sub("", text)
    if len(text) > MAX_CHARS:  # a leading clause is context a short headline can afford
        rest = _LEADING_CLAUSE.sub("", text, count=1)
        while (
            rest.startswith("and ") and "," in rest
        ):  # "With two weekends to play, and one in the Conference, …"
            rest = rest.split(",", 1)[1].lstrip()
        if (
            rest != text
            and len(rest.split()) >= MIN_WORDS
            and _has_main_clause(rest)
            and not _PRONOUN.match(rest)
        ):
            text = rest[0].upper() + rest[1:]
    return _tidy(text)


def _balanced(head: str) -> bool:
    return (
        head.count("\u201c") <= head.count("\u201d")
        and head.count('"') % 2 == 0
        and head.count("(") == head.count(")")
    )


def compress(sentence: str, limit: int = MAX_CHARS) -> str | None:
    """The trimmed sentence if it fits, else its longest
    clause-boundary prefix that keeps a main clause."""
    text = simplify(sentence)
    if _CONNECTOR_OPENER.match(text):
        text = _CONNECTOR_OPENER.sub("", text)
        if text[:4].lower() == "that":
            return None  # a fragment of the previous sentence
        text = text[0].upper() + text[1:]
    if len(text) <= limit:
        return text if len(text.split()) >= MIN_WORDS and _has_main_clause(text) else None
    best = None
    for m in _CUT.finditer(text):
        if m.start() > limit:
            break
        head = text[: m.start()]
        while head != (head := _TRAILING_WEAK.sub("", head).rstrip(",;:-\u2013\u2014 ")):
            pass
        if re.search(r"\s(?:and|or)\s+\w+ing$", head):
            continue  # "was fired today and taking": a coordination cut after its first word
        at_comma = not m.group().isspace()
        if (
            len(head.split()) >= MIN_WORDS
            and not _NEEDS_COMPLEMENT.search(head)
            and _balanced(head)
            and _has_main_clause(head)
            and not _cut_inside_clause(head, at_comma)
        ):
            best = head
    return best


def derive_headline(sentences: list[str], subheads: list[str]) -> str:
    """A headline from the lead sentences, else a subheading; never empty."""
    # A quote is a poor headline, and a timestamp line is not one at all.
    leads = [
        s
        for s in sentences[:4]
        if not s.lstrip().startswith(("\u201c", '"')) and not is_stamp(s) and len(s.split()) > 1
    ]
    if leads:
        head = compress(leads[0])
        if head:
            return head
    for sub in subheads:
        sub = _tidy(sub)
        if len(sub.split()) >= 3 and len(sub) <= MAX_CHARS and not sub.endswith("?"):
            return sub
    for sentence in leads[1:]:
        head = compress(sentence)
        if head:
            return head
    for sentence in leads:  # a verbless teaser ("Living under ISIS.") still beats a cut sentence
        if len(simplify(sentence)) <= MAX_CHARS:
            return simplify(sentence)
    if sentences:  # nothing reads as a headline: keep whole words and mark the cut
        words = simplify((leads or sentences)[0])[: MAX_CHARS - 1].rsplit(" ", 1)[0]
        return _TRAILING_WEAK.sub("", words).rstrip(",;:") + "\u2026"
    return "Untitled"
