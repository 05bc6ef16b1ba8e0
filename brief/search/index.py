"""Fuzzy search over briefings: an inverted index with field weights (no I/O, no UI).

A query word is first matched against the index's vocabulary (exact, prefix
while the user is mid-word, and typo-tolerant through rapidfuzz's OSA
distance); only the documents posted under those terms are scored, so a
keystroke costs work proportional to the matches, not to the corpus.

    index = SearchIndex.build(briefings, threads)
    found = index.search("putn minsk", limit=50, state={"starred": ids})
    found.results[0].id, .score, .headline_spans, .snippet

`search` only reads the index and may run in several worker threads at once;
`add` appends under a lock, and a search running meanwhile sees either side of
each added document, never a broken one.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Mapping
from itertools import compress, filterfalse, islice, repeat
from operator import attrgetter

from brief.analysis.lexicon import SEARCH_STOP_WORDS
from brief.gc_pause import paused_gc
from brief.model import Briefing, Thread
from brief.search.fields import (
    BODY,
    CLAUSE_FIELDS,
    ENTITY,
    FIELDS,
    HEADLINE,
    INITIAL_SIM,
    MIN_COMPLETION,
    NEAR_WHEN_EXACT,
    PHRASE_WEIGHT,
    PLACE,
    SOURCE,
    SUMMARY,
    THREAD,
    WORD_FIELDS,
)
from brief.search.highlight import merge_spans, phrase_hits, snippet, token_hits
from brief.search.matching import TermMatch, starting_with, term_matches
from brief.search.query import Clause, Query, parse_query
from brief.search.ranking import newest_of, sum_common, top
from brief.search.results import SearchResult, SearchResults
from brief.search.terms import field_terms, terms


def _group(
    groups: defaultdict[str, list[int]], keys: Iterable[str], numbers: Iterable[int]
) -> None:
    """Append numbers[k] to groups[keys[k]] (a C-level loop)."""
    deque(map(list.append, map(groups.__getitem__, keys), numbers), maxlen=0)


_SOURCE = attrgetter("source")


State = Mapping[str, Callable[[str], bool] | Collection[str]]


class SearchIndex:
    def __init__(self) -> None:
        self._docs: list[Briefing] = []
        self._ids: list[str] = []
        self._numbers: dict[str, int] = {}  # id -> doc number, for the reader's state sets
        # (newest first, their dates oldest first): one
        # attribute, so a reader never sees one side new
        self._by_date: tuple[list[int], list[str]] = ([], [])
        self._filter_cache: dict[tuple[str, str], frozenset[int]] = {}  # after:/before: doc sets
        self._dates: list[str] = []  # "" when undated, so it sorts oldest
        self._newest_first: list[int] = []  # doc numbers, newest first (undated last)
        self._post: dict[str, defaultdict[str, list[int]]] = {f: defaultdict(list) for f in FIELDS}
        self._thread_ids: dict[str, list[int]] = {}
        self._by_source: defaultdict[str, list[int]] = defaultdict(list)
        self._thread_titles: dict[str, str] = {}
        self._sorted: list[str] = []  # the vocabulary, for prefix look-ups
        self._by_len: dict[int, list[str]] = {}  # the vocabulary by length, for typo look-ups
        self._initials: dict[str, dict[int, float]] = {}  # cache for one-letter words
        self._lock = threading.Lock()

    # -- building ---------------------------------------------------------

    @classmethod
    def build(cls, briefings: Iterable[Briefing], threads: Iterable[Thread] = ()) -> SearchIndex:
        index = cls()
        index.add(briefings, threads)
        return index

    def __len__(self) -> int:
        return len(self._docs)

    def add(self, briefings: Iterable[Briefing], threads: Iterable[Thread] = ()) -> None:
        """Index more briefings (and the titles of their threads)."""
        with self._lock:
            for t in threads:
                self._thread_titles[t.id] = t.title
            post = self._post
            sizes = {f: len(p) for f, p in post.items()}
            start = len(self._docs)
            # millions of short-lived sets and lists: collections would only rescan the corpus
            with paused_gc():
                self._post_words(briefings)
            numbers = range(start, len(self._docs))
            self._numbers.update(zip(self._ids[start:], numbers))
            _group(self._by_source, map(_SOURCE, self._docs[start:]), numbers)
            post[SOURCE] = source_post = defaultdict(list)  # few distinct sources: rebuilt whole
            for name, docs in self._by_source.items():
                for term in set(terms(name)):
                    source_post[term].extend(docs)
            known = set(self._sorted)
            new_terms = set()
            for f, p in post.items():  # dicts keep insertion order: the new terms are at the end
                new_terms.update(islice(p, sizes[f], None) if f != SOURCE else p)
            new_terms -= known
            if new_terms:
                for term in new_terms:
                    self._by_len.setdefault(len(term), []).append(term)
                # swapped in whole: readers never see it half-built
                self._sorted = sorted(known | new_terms)
            self._initials = {}
            self._filter_cache = {}
            # Timsort merges the old order with the sorted new run in linear time.
            dates = self._dates
            newest = sorted(
                self._newest_first + sorted(numbers, key=dates.__getitem__, reverse=True),
                key=dates.__getitem__,
                reverse=True,
            )
            self._newest_first = newest
            self._by_date = (newest, list(map(dates.__getitem__, reversed(newest))))

    def _post_words(self, briefings: Iterable[Briefing]) -> None:
        """Each word of each briefing once, under the best
        field it appears in (set arithmetic runs in C)."""
        post = self._post
        h_post, ent_post, s_post, b_post = (post[f] for f in (HEADLINE, ENTITY, SUMMARY, BODY))
        place_post, thread_post = post[PLACE], post[THREAD]
        docs, dates, ids = self._docs, self._dates, self._ids
        titles, thread_ids = self._thread_titles, self._thread_ids
        is_stop = SEARCH_STOP_WORDS.__contains__
        # a thread's title is tokenised once, not once per briefing
        title_terms: dict[str, set[str]] = {}
        for b in briefings:
            i = len(docs)
            # A search running meanwhile may meet i in a posting: its date and id are there first.
            dates.append(b.date or "")
            ids.append(b.article.id)
            docs.append(b)
            names = (
                " ".join(n for e in b.entities for n in (e.name, *e.aliases)) if b.entities else ""
            )
            head, names, summary, body = field_terms(b.headline, names, b.summary, b.article.text)
            head, names = set(head), set(names)
            for term in head:
                h_post[term].append(i)
            for term in names:
                ent_post[term].append(i)
            summary = set(filterfalse(is_stop, summary))
            summary -= head
            summary -= names
            for term in summary:
                s_post[term].append(i)
            body = set(filterfalse(is_stop, body))
            body -= head
            body -= names
            body -= summary
            for term in body:
                b_post[term].append(i)
            if b.entities:
                places = " ".join(
                    n for e in b.entities if e.type in ("GPE", "LOC") for n in (e.name, *e.aliases)
                )
                for term in set(terms(places)):
                    place_post[term].append(i)
            if b.thread:
                if b.thread in titles:
                    if b.thread not in title_terms:
                        title_terms[b.thread] = set(terms(titles[b.thread]))
                    for term in title_terms[b.thread]:
                        thread_post[term].append(i)
                thread_ids.setdefault(b.thread.lower(), []).append(i)

    # -- matching terms ---------------------------------------------------

    def _term_matches(self, word: str) -> dict[str, TermMatch]:
        """Vocabulary terms that `word` may stand for: itself, words it begins, and near misses."""
        return term_matches(word, self._sorted, self._by_len)

    def _initial_weights(self, letter: str) -> dict[int, float]:
        """Documents with a headline word or entity name
        starting with `letter` (cached until `add`)."""
        cache = self._initials
        if letter not in cache:
            starting = starting_with(self._sorted, letter)
            out: dict[int, float] = {}
            for f in (ENTITY, HEADLINE):  # headline last, so its weight wins
                field_post = self._post[f]
                w = round(INITIAL_SIM * CLAUSE_FIELDS["word"][f], 3)
                for term in starting:
                    docs = field_post.get(term)
                    if docs:
                        out.update(zip(docs, repeat(w)))
            cache[letter] = out
        return cache[letter]

    def _weights(
        self, matches: dict[str, TermMatch], fields: Mapping[str, float]
    ) -> dict[int, float]:
        """doc -> best weight of any matching term in any of `fields`."""
        pairs = []
        for term, m in matches.items():
            for f, fw in fields.items():
                if m.prefix and m.prefix < MIN_COMPLETION.get(f, 0):
                    continue
                docs = self._post[f].get(term)
                if docs:
                    pairs.append((round(m.sim * fw, 3), docs))
        if len(pairs) == 1:
            return dict.fromkeys(pairs[0][1], pairs[0][0])
        pairs.sort(key=lambda p: p[0])  # ascending, so the best weight is written last
        out: dict[int, float] = {}
        for w, docs in pairs:
            out.update(zip(docs, repeat(w)))
        return out

    def _words_weights(
        self, text: str, fields: Mapping[str, float], found: list, complete: bool = False
    ) -> dict[int, float] | None:
        """All of `text`'s words must match; the weight
        is their mean. None when `text` has no words."""
        words = terms(text)
        if not words:
            return None
        if len(words) > 1 and not SEARCH_STOP_WORDS.issuperset(words):
            words = [w for w in words if w not in SEARCH_STOP_WORDS]
        per_word = []
        for w in words:
            if len(w) == 1 and fields is CLAUSE_FIELDS["word"]:
                found.append({w: TermMatch(1.0, 1)})  # highlight the initial
                exact = self._weights({w: TermMatch(1.0, 0)}, fields)
                weights = dict(self._initial_weights(w))
                weights.update(exact)
                per_word.append(weights)
                continue
            matches = self._term_matches(w)
            if complete and w in matches:
                # Typed out (a space follows) and a word in its own right: a longer word or a near
                # miss in a headline should not outrank the word itself in a body.
                matches = {
                    t: m if t == w else TermMatch(round(m.sim * NEAR_WHEN_EXACT, 3), m.prefix)
                    for t, m in matches.items()
                }
            found.append(matches)
            per_word.append(self._weights(matches, fields))
        if len(per_word) == 1:
            return per_word[0]
        n = len(per_word)
        return {i: round(s / n, 3) for i, s in sum_common(per_word).items()}

    def _phrase_docs(self, phrase: str) -> dict[int, float]:
        words = terms(phrase)
        if not words:
            return {}
        # stop words alone: they are indexed in headlines and names only
        indexed = [w for w in words if w not in SEARCH_STOP_WORDS] or words
        lists = sorted((self._exact_docs(w) for w in indexed), key=len)
        common = lists[0].intersection(*lists[1:])
        needle = " " + " ".join(words) + " "
        out = {}
        for i in common:
            b = self._docs[i]
            if needle in " " + " ".join(terms(b.headline)) + " ":
                out[i] = PHRASE_WEIGHT[True]
            elif any(
                needle in " " + " ".join(terms(t)) + " "
                for t in (b.summary, b.article.text, _names(b))
            ):
                out[i] = PHRASE_WEIGHT[False]
        return out

    def _exact_docs(self, term: str) -> set[int]:
        docs: set[int] = set()
        for f in WORD_FIELDS:
            docs.update(self._post[f].get(term, ()))
        return docs

    def _excluded(self, clause: Clause) -> set[int]:
        if clause.kind == "word":  # exact or as a prefix, since the user may still be typing it
            out: set[int] = set()
            for w in terms(clause.value):
                for term in starting_with(self._sorted, w):
                    out |= self._exact_docs(term)
            return out
        weights = self._clause_weights(clause, [])
        return set(weights) if weights is not None else set()

    def _clause_weights(
        self, clause: Clause, found: list, complete: bool = False
    ) -> dict[int, float] | None:
        if clause.kind == "phrase":
            found.append(clause.value)
            return self._phrase_docs(clause.value)
        if clause.kind == "thread":
            exact = self._thread_ids.get(clause.value.lower())
            if exact:
                return dict.fromkeys(exact, 1.0)
        return self._words_weights(clause.value, CLAUSE_FIELDS[clause.kind], found, complete)

    # -- searching --------------------------------------------------------

    def search(
        self, query: str | Query, limit: int = 50, state: State | None = None
    ) -> SearchResults:
        """Best matches first: match quality, then the newest. Never raises on a bad query."""
        if isinstance(query, str):
            query, errors = parse_query(query)
        else:
            errors = []
        found: list = []  # term matches and phrases, for highlighting
        scored: list[dict[int, float]] = []
        excluded: set[int] = set()
        kept: list[Collection[int]] = []  # after:/before:/is: as sets of document numbers
        optional: list[Clause] = []  # words that are all stop words
        for clause in query.clauses:
            if clause.kind in ("after", "before", "is"):
                docs, keep = self._filter_docs(clause, state)
                if keep:
                    kept.append(docs)
                else:
                    excluded |= docs
            elif clause.negated:
                excluded |= self._excluded(clause)
            elif clause.kind == "word" and SEARCH_STOP_WORDS.issuperset(terms(clause.value)):
                optional.append(clause)
            else:
                weights = self._clause_weights(clause, found, complete=clause.end < len(query.text))
                if weights is not None:
                    scored.append(weights)
        if not scored:  # only stop words: then they are what there is to match
            scored = [
                w for w in (self._clause_weights(c, found) for c in optional) if w is not None
            ]
        allowed = _kept_by_filters(kept, excluded)
        if scored:
            totals = scored[0] if len(scored) == 1 else sum_common(scored)
            if allowed is not None:
                allowed = (
                    allowed & totals.keys()
                    if len(allowed) < len(totals)
                    else totals.keys() & allowed
                )
            elif excluded:
                allowed = totals.keys() - excluded
            best = top(self._dates, self._newest_first, totals, allowed, limit)
            total = len(totals if allowed is None else allowed)
            n_scored = len(scored)
        else:  # only filters: every document they keep scores alike, so the newest come first
            totals = {}
            best, total = newest_of(
                len(self._docs), self._dates, self._newest_first, allowed, excluded, limit
            )
            n_scored = 1
        results = tuple(self._result(i, totals.get(i, 1.0) / n_scored, found) for i in best)
        return SearchResults(query=query, results=results, errors=tuple(errors), total=total)

    def _filter_docs(self, clause: Clause, state: State | None) -> tuple[Collection[int], bool]:
        """The documents an after:/before:/is: clause names,
        and whether to keep them (else exclude them)."""
        if clause.kind == "is":
            name, flip = {"unread": ("read", True), "unstarred": ("starred", True)}.get(
                clause.value, (clause.value, False)
            )
            return self._state_docs((state or {}).get(name)), flip == clause.negated
        key = (clause.kind, clause.value)
        docs = self._filter_cache.get(key)
        if docs is None:
            # Dates sorted: the days on or after a bound are a run at the head of _newest_first.
            newest, oldest = self._by_date
            n = len(newest)
            on_or_after = n - bisect_left(oldest, clause.value)
            if clause.kind == "after":
                docs = frozenset(newest[:on_or_after])
            else:  # before: dated, and strictly before the day
                docs = frozenset(newest[on_or_after : n - bisect_right(oldest, "")])
            if len(self._filter_cache) > 32:
                self._filter_cache.clear()
            self._filter_cache[key] = docs
        return docs, not clause.negated

    def _state_docs(self, value: Callable[[str], bool] | Collection[str] | None) -> set[int]:
        """Document numbers of the ids in a state set (or for which a state test is true)."""
        if value is None:
            return set()
        if callable(value):
            return set(compress(range(len(self._ids)), map(bool, map(value, self._ids))))
        # ids unique: look them up, without touching every document
        if len(self._numbers) == len(self._ids):
            docs = set(map(self._numbers.get, value))
            docs.discard(None)
            return docs
        return set(compress(range(len(self._ids)), map(value.__contains__, self._ids)))

    # -- presenting -------------------------------------------------------

    def _result(self, i: int, score: float, found: list) -> SearchResult:
        b = self._docs[i]
        hits = token_hits(b.headline, found) + phrase_hits(b.headline, found)
        covered = {w for _, _, w in hits}
        missing = [f for w, f in enumerate(found) if w not in covered]
        return SearchResult(
            id=b.id,
            score=round(min(score, 1.0), 3),
            headline=b.headline,
            date=b.date,
            headline_spans=merge_spans((a, z) for a, z, _ in hits),
            snippet=snippet(b, missing) if missing else None,
        )


def _kept_by_filters(kept: list[Collection[int]], excluded: set[int]) -> Collection[int] | None:
    """The documents every filter keeps and none excludes; None when no filter keeps a set."""
    if len(kept) == 1 and not excluded:
        return kept[0]
    if kept:
        kept.sort(key=len)
        return set(kept[0]).intersection(*kept[1:]) - excluded
    return None


def _names(b: Briefing) -> str:
    return " ; ".join(n for e in b.entities for n in (e.name, *e.aliases))
