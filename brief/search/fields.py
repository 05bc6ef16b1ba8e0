"""Which parts of a briefing a search looks in, and how much a match in each is worth."""

from __future__ import annotations

# Postings, term -> document numbers, per field: h headline, E entity names and
# aliases, s summary, b body, O source, P place entities (GPE/LOC), T thread title.
# A word is posted under s or b only when no stronger field of that document has it
# (fewer postings to build; a search only wants each document's best field anyway).
FIELDS = "hEsbOPT"
WORD_FIELDS = "hEsbO"
CLAUSE_FIELDS: dict[str, dict[str, float]] = {
    "word": {"h": 1.0, "E": 0.95, "s": 0.6, "O": 0.5, "b": 0.35},
    "entity": {"E": 1.0},
    "place": {"P": 1.0, "h": 0.8, "E": 0.7, "s": 0.5, "O": 0.3, "b": 0.3},
    "source": {"O": 1.0},
    "thread": {"T": 1.0},
}
# The commonest English words, and single characters, are not posted for summaries and bodies:
# they are a fifth of all postings and tell no story apart. A query word that is one of them
# is optional (matched where it is indexed, never required) unless the query has nothing else.
STOP_WORDS = frozenset(
    "the and a an of to in that was s t d for on with said he she is it as at his her be from by has have "
    "had but not are who they this will were been would we i you or their there which when".split()
) | frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
NEAR_WHEN_EXACT = (
    0.3  # weight kept by completions and near misses of a finished word that exists as typed
)
PREFIX_CAP = 300  # prefix expansions kept for one word, the shortest completions first
# A word being typed completes to longer words in the long fields only once it has a
# few letters: "th" completing every "the..." of every body is slow and no help.
MIN_COMPLETION = {"s": 3, "b": 4}
INITIAL_SIM = 0.75  # a one-letter word matches initials of headline words and entity names only
PHRASE_WEIGHT = {True: 1.0, False: 0.6}  # phrase found in the headline, or elsewhere
