"""Dates and datelines a reader can trust: an inferred date only on evidence.

Through `brief list --json` on articles written for these tests
(tests/fixtures/trust-dates.README.md) and on an ECB+ excerpt, and through the
threading API for dates that need a thread to give them a year.
"""

from __future__ import annotations

import json
import re

from brief.analysis.briefing import analyse
from brief.model import Article
from brief.threads import build_threads
from tests.helpers import FIXTURES, run_brief

TRUST = FIXTURES / "trust-dates.jsonl"


def _listed(path) -> dict[str, dict]:
    done = run_brief("list", "--json", str(path))
    assert done.returncode == 0, done.stderr
    return {b["id"]: b for b in json.loads(done.stdout)}


def test_wire_datelines_leave_headline_and_summary_and_name_place_agency_and_date():
    got = _listed(TRUST)
    frankfurt = got["wire-frankfurt"]
    assert "FRANKFURT" not in frankfurt["title"] and "Reuters" not in frankfurt["title"]
    assert frankfurt["summary"].startswith("The European Central Bank cut interest rates")
    assert frankfurt["source"] == "Reuters"
    types = {e["name"]: e["type"] for e in frankfurt["entities"]}
    assert types.get("Frankfurt") == "GPE" and "FRANKFURT" not in types
    london = got["wire-london"]
    assert london["title"].startswith("British house prices rose")
    assert "LONDON" not in london["summary"] and "Jan 5" not in london["summary"]
    assert {e["name"]: e["type"] for e in london["entities"]}.get("London") == "GPE"
    washington = got["wire-washington"]
    assert (washington["date"], washington["date_inferred"]) == ("2014-03-03", True)
    assert washington["title"].startswith("The Senate voted") and washington["source"] == "AP"
    kiev = got["wire-kiev"]
    assert kiev["source"] == "AP" and not kiev["summary"].startswith("KIEV")
    assert {e["name"]: e["type"] for e in kiev["entities"]}.get("Kiev") == "GPE"
    new_york = got["wire-newyork"]
    assert new_york["source"] == "Market Desk"  # a source the input names stays
    assert new_york["title"].startswith("Stocks fell sharply")


def test_dates_in_a_past_or_future_context_date_nothing():
    got = _listed(TRUST)
    for key in ("past-obituary", "past-911", "past-release", "past-years", "past-born-day"):
        assert got[key]["date"] is None, (key, got[key]["date"])


def test_a_reported_day_takes_its_year_from_the_thread():
    dated = Article(
        id="a1",
        date="2025-03-02",
        title="Harbour strike halts Rotterdam port",
        text="Dockers at the port of Rotterdam walked out on Sunday over pay, halting container "
        "traffic. The Rotterdam port authority said talks with the FNV union would resume.",
    )
    follow_up = Article(
        id="a2",
        title="Rotterdam dockers end strike",
        text="Dockers at the port of Rotterdam returned to work after the FNV union told reporters "
        "on March 9 that a pay deal with the Rotterdam port authority had been reached. "
        "Container traffic at the port of Rotterdam resumed.",
    )
    out, threads = build_threads([analyse(dated), analyse(follow_up)])
    assert len(threads) == 1, [t.title for t in threads]
    by_id = {b.id: b for b in out}
    assert (by_id["a2"].date, by_id["a2"].date_inferred) == ("2025-03-09", True)
    # alone, nothing gives the day a year: it stays undated
    [alone], _ = build_threads([analyse(follow_up)])
    assert alone.date is None


def test_an_undated_report_of_a_dated_happening_takes_its_date(tmp_path):
    """ECB+: the given dates of the excerpt hidden from one article of each dated event; it
    must get its event's date back from the other articles."""
    rows = [json.loads(line) for line in (FIXTURES / "ecb_rehab_deaths.jsonl").open()]
    hidden = {"ecb-4_2ecbplus": "2013-06-06"}
    for r in rows:
        if r["id"] in hidden:
            r["date"] = None
    path = tmp_path / "hidden.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    got = _listed(path)
    for key, day in hidden.items():
        assert got[key]["date"] == day and got[key]["date_inferred"] is True
    inferred = [b for b in got.values() if b["date_inferred"]]
    assert all(b["date"][:4] == "2013" for b in inferred), [(b["id"], b["date"]) for b in inferred]


STAMPED = [
    "Posted 1 year, 160 days ago [downloaded on 2 October 2013] Gary Ross will not direct "
    "the sequel, the studio said on Tuesday. The search for a new director has begun.",
    "04 / 04 / 2012\n\nThe studio said the film had broken box office records. Its sequel "
    "is planned for next year, and casting has begun.",
    "Updated: 04 / 9 / 2012 8: 33 am According to the trade press, the director has left "
    "the project. The studio declined to comment on the report.",
    "FRIDAY, MAY 3, 2013, 9: 56 AM The actress checked into a clinic in California. Her "
    "lawyer told the court she would stay there for ninety days.",
    "Sat Nov 12 2011, 01: 19 hrs Warship crews foiled a pirate attack in the Gulf of Aden. "
    "The navy said the crew of the tanker were safe.",
]


def test_timestamps_and_bylines_never_reach_headlines_or_summaries(tmp_path):
    path = tmp_path / "stamped.jsonl"
    path.write_text(
        "".join(json.dumps({"id": f"s{i}", "text": t}) + "\n" for i, t in enumerate(STAMPED))
    )
    got = _listed(path)
    for b in got.values():
        for field in ("title", "summary"):
            text = b[field]
            assert not re.search(r"\d\s*/\s*\d|\d\s*:\s*\d|\bago\b|downloaded|Updated|hrs", text), (
                field,
                text,
            )


def test_a_teaser_question_is_not_a_summary_sentence(tmp_path):
    path = tmp_path / "teaser.jsonl"
    text = (
        "(CNN)Think it's hard to redeem your miles for an award ticket? It depends on the "
        "airline, the route and when you book, a new study of 70 million trips found. The "
        "study compared award-seat availability on the five biggest airlines."
    )
    path.write_text(json.dumps({"id": "q", "text": text}) + "\n")
    summary = _listed(path)["q"]["summary"]
    assert "?" not in summary and summary.startswith("It depends on the airline")
