"""Which parts of a briefing a search looks in, and how much a match in each is worth."""

from __future__ import annotations

# The fields, each a one-letter key of the postings (term -> document numbers). Plain strings,
# not an enum: they key dicts in the hot loops, and a str hashes and compares fastest.
HEADLINE = "h"
ENTITY = "E"  # entity names and aliases
SUMMARY = "s"
BODY = "b"
SOURCE = "O"
PLACE = "P"  # place entities (GPE/LOC)
THREAD = "T"  # the thread's title
# A word is posted under SUMMARY or BODY only when no stronger field of that document has it
# (fewer postings to build; a search only wants each document's best field anyway).
FIELDS = (HEADLINE, ENTITY, SUMMARY, BODY, SOURCE, PLACE, THREAD)
WORD_FIELDS = (HEADLINE, ENTITY, SUMMARY, BODY, SOURCE)
CLAUSE_FIELDS: dict[str, dict[str, float]] = {
    "word": {HEADLINE: 1.0, ENTITY: 0.95, SUMMARY: 0.6, SOURCE: 0.5, BODY: 0.35},
    "entity": {ENTITY: 1.0},
    "place": {PLACE: 1.0, HEADLINE: 0.8, ENTITY: 0.7, SUMMARY: 0.5, SOURCE: 0.3, BODY: 0.3},
    "source": {SOURCE: 1.0},
    "thread": {THREAD: 1.0},
}
# the weight kept by completions and near misses of a finished word that exists as typed
NEAR_WHEN_EXACT = 0.3
PREFIX_CAP = 300  # prefix expansions kept for one word, the shortest completions first
# A word being typed completes to longer words in the long fields only once it has a
# few letters: "th" completing every "the..." of every body is slow and no help.
MIN_COMPLETION = {SUMMARY: 3, BODY: 4}
INITIAL_SIM = 0.75  # a one-letter word matches initials of headline words and entity names only
PHRASE_WEIGHT = {True: 1.0, False: 0.6}  # phrase found in the headline, or elsewhere
