"""Words that tell no story apart, and the one way tokens are folded to compare them (no I/O).

Each stage skips different words, for its own reason, so there are several named
sets built up from one shared core rather than one merged list (merging them
would change what each stage finds):

- `COMMONEST_WORDS`: the shared core, in every set below.
- `SEARCH_STOP_WORDS` (search.index): not posted for summaries and bodies; optional in a query.
- `SUMMARY_STOP_WORDS` (analysis.summary): not a sentence's content words (centrality, overlap).
- `THREAD_STOP_WORDS` (threads.features): no feature of a story.
- `NAME_OPENERS` (threads.features): open a capitalised run without being part of the name.

`fold` is the one token fold (case, curly apostrophe, possessive, plural), with
one bounded cache; `content_words` is the threader's use of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

# The commonest English words: every stage above skips them.
COMMONEST_WORDS = frozenset(
    """a an and are as at be been but by for from had has have he her
    his i in is it not of on or said she that the their there they
    this to was we were when which who will with would you""".split()
)

# Search: the commonest words and single characters are a fifth of all postings of summaries
# and bodies and tell no story apart.
SEARCH_STOP_WORDS = COMMONEST_WORDS | frozenset("abcdefghijklmnopqrstuvwxyz0123456789")

# Summaries: a sentence's content words, which decide how central it is to the article.
SUMMARY_STOP_WORDS = COMMONEST_WORDS | frozenset(
    """about after also before being could did do does here him if into its more most no one our
    out over say says should so than them then these those two up what where your""".split()
)

# Threads: function words and newsroom furniture say nothing about which story this is.
_FUNCTION_WORDS = frozenset(
    """above again against all although am any aren't because below between both can doing don't
    down during each either else ever every few further having hers herself himself how however
    itself just least less like many may me might much must my myself near neither never nor now
    off often once only other ours own per perhaps quite rather same saying since some still such
    theirs themselves though through thus too toward under until upon us very whether while whom
    whose why within without yet yours""".split()
)
_NEWSROOM = frozenset(
    """according click new news posted published read report reported reports told updated
    am pm et gmt est pst pdt edt ist mr mrs ms dr""".split()
)
_COMMON_VERBS_AND_FILLER = frozenset(
    """get got make made go going went come came take took see seen know known want think
    well back even way people""".split()
)
_NUMBERS_AND_CALENDAR = frozenset(
    """three four five six seven eight nine ten first last year years day days week weeks time
    times today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
THREAD_STOP_WORDS = (
    SUMMARY_STOP_WORDS
    | _FUNCTION_WORDS
    | _NEWSROOM
    | _COMMON_VERBS_AND_FILLER
    | _NUMBERS_AND_CALENDAR
)
# Threads: words that open a capitalised run ("Meanwhile Putin") without being part of a name.
NAME_OPENERS = THREAD_STOP_WORDS | frozenset(("earlier", "later", "meanwhile"))


def stem(word: str) -> str:
    """A crude plural fold, enough to meet "pirates" with "pirate"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


CACHE_LIMIT = 500_000  # bounded caches: a corpus of odd tokens must not grow them forever
# token -> (its fold, its fold or "" when it is a function word); tokens repeat, so this pays
_FOLDED: dict[str, tuple[str, str]] = {}


def _folded(token: str) -> tuple[str, str]:
    entry = _FOLDED.get(token)
    if entry is None:
        base = token.lower().replace("’", "'")
        if base.endswith("'s"):
            base = base[:-2]
        key = stem(base)
        # the stop test is on the unstemmed word: "wells" is content, "well" is not
        entry = (key, key if len(base) > 2 and base not in THREAD_STOP_WORDS else "")
        if len(_FOLDED) < CACHE_LIMIT:
            _FOLDED[token] = entry
    return entry


def fold(token: str) -> str:
    """`token` lower-cased, without a possessive 's, plural folded: "Pirates" and "pirate" meet."""
    return _folded(token)[0]


_CONTENT = itemgetter(1)


def content_words(tokens: Sequence[str]) -> list[str]:
    """The folds of `tokens` that are content words
    (longer than two letters, no thread stop word)."""
    try:  # the common case, every token seen before: C-level loops only
        return list(filter(None, map(_CONTENT, map(_FOLDED.__getitem__, tokens))))
    except KeyError:
        return list(filter(None, map(_CONTENT, map(_folded, tokens))))
