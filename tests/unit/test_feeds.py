"""Feeds, OPML lists and pages read from local fixtures (no network): kinds by content,
fields, paragraphs, hostile input, and one story from several feeds."""

from __future__ import annotations

import dataclasses
import resource
import time

import pytest

from brief.model import Article
from brief.sources import load, merge_stories, read_document
from brief.sources.sniff import FEED, HTML, JSON_FEED, OPML, XML, sniff
from brief.sources.xmlsafe import defuse
from tests.helpers import FIXTURES

FEEDS = FIXTURES / "feeds"


def read(name: str):
    return load([FEEDS / name])


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("rss2.xml", FEED),
        ("rss091.xml", FEED),
        ("rss10.rdf", FEED),
        ("atom10.xml", FEED),
        ("atom03.xml", FEED),
        ("channel.cdf", FEED),
        ("feed.json", JSON_FEED),
        ("subscriptions.opml", OPML),
        ("article.html", HTML),
        ("not-a-feed.xml", XML),
    ],
)
def test_kind_is_sniffed_from_content_not_the_name(name, kind):
    data = (FEEDS / name).read_bytes()
    assert sniff(data, ".txt") == kind  # a misleading extension changes nothing


def test_rss_named_txt_is_read_as_a_feed(tmp_path):
    (tmp_path / "news.txt").write_bytes((FEEDS / "rss2.xml").read_bytes())
    result = load([tmp_path])
    assert [a.title for a in result.articles] == [
        "Harbour reopens after the storm",
        "Council approves budget",
    ]


def test_rss2_item_fields_and_paragraphs():
    first, second = read("rss2.xml").articles
    assert first.title == "Harbour reopens after the storm"
    assert first.url == "https://gazette.example/2025/03/harbour-reopens"
    assert first.date == "2025-03-03" and first.author == "Ana Lopes"
    assert first.source == "Harbour Gazette"
    paragraphs = first.text.split("\n\n")
    assert paragraphs[0].startswith("The harbour reopened on Monday after a three-day storm")
    assert "ferries left at dawn & fishing boats" in paragraphs[1]
    assert paragraphs[2] == "Repairs to the north pier will take two weeks."
    assert "<" not in first.text and "alert" not in first.text
    # a short description and a link: the description is the text
    assert (
        second.text
        == "The town council approved next year's budget on Tuesday by seven votes to two."
    )


@pytest.mark.parametrize(
    ("name", "title", "date", "source"),
    [
        ("rss091.xml", "Bridge repairs finished", None, "Valley Weekly"),
        ("rss10.rdf", "Early snow closes the pass", "2025-02-12", "Mountain Post"),
        ("atom03.xml", "Library extends opening hours", "2024-12-01", "Old Atom Times"),
        ("channel.cdf", "Market moves to the square", "2024-10-01", "Desktop Channel"),
    ],
)
def test_every_feed_format(name, title, date, source):
    [a] = read(name).articles
    assert (a.title, a.date, a.source) == (title, date, source)
    assert a.text and a.url and a.url.startswith("http")


def test_atom_html_title_xhtml_content_and_published_before_updated():
    floods, ferry = read("atom10.xml").articles
    assert floods.title == "Flood defences hold" and floods.author == "Kim Berg"
    assert floods.text.count("\n\n") == 1 and floods.date == "2025-04-02"
    assert ferry.date == "2025-03-30"  # published, not updated
    assert ferry.text == (
        "The river ferry will run every half hour from April.\n\nEvening crossings stop at ten."
    )


def test_json_feed():
    light, beach = read("feed.json").articles
    assert light.title == "Lighthouse restored" and light.author == "Jo Hart"
    assert light.date == "2025-05-10" and light.source == "Coast JSON"
    assert light.text.split("\n\n")[1] == "Volunteers raised the money over five years."
    assert beach.date == "2025-05-11" and beach.url is None


def test_html_page_through_trafilatura():
    [page] = read("article.html").articles
    assert page.title == "Tram line opens to the airport"
    assert page.source == "City Courier" and page.author == "Lena Fischer"
    assert page.date == "2025-01-20"
    assert page.text.startswith("The new tram line between the central station")
    assert page.text.count("\n\n") == 3
    assert "Most read" not in page.text and "Cookie" not in page.text


def test_page_without_site_name_is_named_by_its_domain():
    html = (
        (FEEDS / "article.html")
        .read_text()
        .replace('<meta property="og:site_name" content="City Courier">', "")
    )
    doc = read_document(html.encode(), location="x", url="https://www.courier.example/tram")
    [item] = doc.items
    assert item.article.source in ("courier.example", "City Courier".lower()) or (
        item.article.source == "courier.example"
    )


def test_opml_outlines_and_bad_schemes(tmp_path):
    doc = read_document((FEEDS / "subscriptions.opml").read_bytes().replace(
        b"{base}", b"https://feeds.example"), location="subs.opml")  # fmt: skip
    assert [o.url for o in doc.outlines] == [
        "https://feeds.example/rss2.xml",
        "https://feeds.example/atom10.xml",
        "https://feeds.example/feed.json",
    ]
    assert [o.title for o in doc.outlines][0] == "Harbour Gazette"
    assert any("javascript:" in p for p in doc.problems)


def test_a_folder_of_xml_and_html_loads_and_reports_the_rest(tmp_path):
    for name in ("rss2.xml", "article.html", "not-a-feed.xml"):
        (tmp_path / name).write_bytes((FEEDS / name).read_bytes())
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    result = load([tmp_path])
    assert len(result.articles) == 3
    assert any("not-a-feed.xml" in p and "not a feed" in p for p in result.problems)
    assert any("photo.png" in p and "skipped" in p for p in result.problems)


# --- hostile feeds -----------------------------------------------------------------


def test_billion_laughs_does_not_expand():
    [a] = read("billion-laughs.xml").articles
    assert "lol" * 10 not in a.text and len(a.text) < 100 and len(a.title or "") < 100


def test_external_entities_are_never_resolved():
    [a] = read("external-entity.xml").articles
    assert "root:" not in a.text and "root:" not in (a.title or "")


def test_quadratic_blowup_is_refused_quickly():
    big = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"x" * 100_000 + b'">]>'
        b'<rss version="2.0"><channel><title>Q</title><item><title>T</title><description>'
        + b"&a;" * 1000
        + b"</description></item></channel></rss>"
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    [item] = read_document(big, location="q").items
    assert time.perf_counter() - started < 2
    assert len(item.article.text) < 10_000 and "xxxxxxxxxx" not in item.article.text
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KB


def test_a_huge_item_is_bounded_in_time_and_size():
    huge = (
        b'<rss version="2.0"><channel><title>H</title><item><title>T</title><description>'
        + b"&lt;p&gt;word word word&lt;/p&gt;" * 300_000
        + b"</description></item></channel></rss>"
    )
    started = time.perf_counter()
    [item] = read_document(huge, location="h").items
    assert time.perf_counter() - started < 5
    assert len(item.article.text) <= 300_000


def test_declarations_are_cut_before_any_parser():
    data = (FEEDS / "billion-laughs.xml").read_bytes()
    safe = defuse(data)
    assert b"<!ENTITY" not in safe and b"<!DOCTYPE" not in safe and b"<rss" in safe


def test_links_with_other_schemes_are_dropped():
    by_title = {a.title: a.url for a in read("javascript-links.xml").articles}
    assert by_title == {
        "Script link": None,
        "File link": None,
        "Data link": None,
        "Good link": "https://links.example/ok",
    }


def test_control_and_escape_sequences_never_survive():
    [a] = read("escapes.xml").articles
    for text in (a.title or "", a.text, a.source or ""):
        assert not any(ord(c) < 32 and c not in "\n\t" for c in text), text
        assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    assert "<b>" not in a.text  # decoded markup stays text, never tags


# --- one story from several feeds ----------------------------------------------------

STORY = (
    "The harbour reopened on Monday after a three-day storm closed it to all shipping. "
    "Harbour master Ana Lopes said the first ferries left at dawn and fishing boats followed "
    "soon after, while repairs to the north pier will take about two weeks to complete."
)


def _article(id_: str, source: str, text: str = STORY, url: str | None = None) -> Article:
    return Article(id=id_, text=text, title="Harbour reopens", source=source, url=url)


def test_same_link_same_hash_or_ninety_percent_overlap_is_one_story():
    same_link = [
        _article("a", "A", url="https://x.example/1"),
        _article("b", "B", text="Other words entirely.", url="https://x.example/1#top"),
    ]
    assert [(a.id, a.also) for a in merge_stories(same_link)] == [("a", ("B",))]
    same_text = [_article("a", "A"), _article("b", "B", text=STORY.upper())]
    assert [(a.id, a.also) for a in merge_stories(same_text)] == [("a", ("B",))]
    weeks = (
        f"In week {i} the harbour handled {i * 13} ships and {i * 7} ferries." for i in range(30)
    )
    long = " ".join([*weeks, STORY])
    edited = long.replace("about two weeks", "roughly a fortnight", 1)
    pair = [_article("a", "A", long), _article("b", "B", edited)]
    assert [a.also for a in merge_stories(pair)] == [("B",)]
    # a short story quoted inside a longer one is not the same story
    assert len(merge_stories([_article("a", "A", long), _article("b", "B")])) == 2


def test_different_stories_stay_apart():
    other = (
        "The town council approved next year's budget on Tuesday by seven votes to two, "
        "after a long debate about the cost of the new swimming pool and repairs to the "
        "old school roof, which the mayor called overdue."
    )
    half = " ".join(STORY.split()[:30]) + " " + " ".join(other.split()[:30])
    kept = merge_stories([_article("a", "A"), _article("b", "B", other), _article("c", "C", half)])
    assert [a.id for a in kept] == ["a", "b", "c"]
    # short headline-only items with different titles are not one story
    short = [dataclasses.replace(_article("x", "X", ""), title="One"),
             dataclasses.replace(_article("y", "Y", ""), title="Two")]  # fmt: skip
    assert len(merge_stories(short)) == 2
