"""Search: the fuzzy index over briefings and the query language (no I/O, no UI).

index = SearchIndex.build(briefings, threads)
found = index.search("putn minsk @putin after:2025-01-01", limit=50)
"""

from brief.search.index import SearchIndex
from brief.search.query import Clause, ParseError, Query, parse_query
from brief.search.results import SearchResult, SearchResults, Snippet

__all__ = [
    "Clause",
    "ParseError",
    "Query",
    "SearchIndex",
    "SearchResult",
    "SearchResults",
    "Snippet",
    "parse_query",
]
