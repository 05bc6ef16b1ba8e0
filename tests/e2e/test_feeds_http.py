"""Feeds, pages and OPML lists served by a real HTTP server on 127.0.0.1, read by the real
`brief` command and by the library: 200, 304, 404, a stalled response, redirects, gzip."""

from __future__ import annotations

import json
import time

import pytest

from brief.library import Library
from brief.sources import FetchError, Limits
from brief.sources.fetch import fetch
from tests.feed_server import FeedServer, seeds_feed
from tests.helpers import run_brief


@pytest.fixture
def server():
    srv = FeedServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def library(tmp_path):
    return Library.open(tmp_path / "lib" / "cache.sqlite3")


# --- fetching -------------------------------------------------------------------------


def test_fetch_sends_brief_user_agent_and_accepts_gzip(server):
    resp = fetch(server.url("gzip/rss2.xml"))
    assert resp.status == 200 and b"Harbour Gazette" in resp.body  # inflated
    [headers] = server.headers_for("/gzip/rss2.xml")
    assert headers["user-agent"].startswith("brief/")
    assert "gzip" in headers["accept-encoding"]


def test_redirects_are_followed_up_to_five(server):
    assert fetch(server.url("redirect/5/rss2.xml")).status == 200
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(server.url("redirect/6/rss2.xml"))


def test_404_and_stall_and_size_cap(server):
    with pytest.raises(FetchError, match="^HTTP 404"):
        fetch(server.url("gone"))
    server.stall_seconds = 3
    started = time.perf_counter()
    with pytest.raises(FetchError, match=r"timed out after 0\.5 s"):
        fetch(server.url("stall"), limits=Limits(connect_timeout=0.5, total_timeout=0.5))
    assert time.perf_counter() - started < 2
    with pytest.raises(FetchError, match="larger than"):
        fetch(server.url("rss2.xml"), limits=Limits(max_bytes=100))


def test_conditional_get_sends_etag_and_skips_on_304(server, library):
    url = server.url("rss2.xml")
    [added] = library.add([url])
    assert added.added and added.articles == 2 and added.kind == "feed"
    summary = library.refresh()
    assert summary.ok and summary.not_modified == 1 and summary.new == 0
    first, second = server.headers_for("/rss2.xml")[-2:]
    assert "if-none-match" not in first or first is not second
    assert second["if-none-match"].startswith('"')
    assert second["if-modified-since"] == "Mon, 03 Mar 2025 10:00:00 GMT"


# --- the library ------------------------------------------------------------------------


def test_refresh_stores_new_skips_seen_and_updates_edited_items(server, library):
    feed = (server.body("rss2.xml") or b"").decode()
    url = server.put("live.xml", feed)
    library.add([url])
    ids = {a.title: a.id for a in library.articles().articles}
    library.set_read(ids["Council approves budget"])
    server.put("live.xml", feed.replace("seven votes to two", "eight votes to one"))
    summary = library.refresh()
    assert (summary.new, summary.updated) == (0, 1)
    by_title = {a.title: a for a in library.articles().articles}
    assert by_title["Council approves budget"].id == ids["Council approves budget"]  # in place
    assert "eight votes" in by_title["Council approves budget"].text
    assert ids["Council approves budget"] in library.state()[0]  # still read
    extra = (
        "<item><title>Ferry strike</title><guid>g-9</guid>"
        "<description>Ferries stop.</description></item>"
    )
    server.put("live.xml", feed.replace("</channel>", extra + "</channel>"))
    assert library.refresh().new == 1


def test_one_failing_source_never_fails_the_others(server, library):
    library.add([server.url("rss2.xml"), server.url("atom10.xml")])
    server.files["atom10.xml"] = b"<config>not a feed</config>"
    summary = library.refresh()
    assert not summary.ok and [r.error for r in summary.failed] == ["not a feed"]
    assert summary.label() == "nothing new · 1 failed"
    info = {s.source: s for s in library.sources()}
    assert info[server.url("atom10.xml")].last_error == "not a feed"
    assert info[server.url("rss2.xml")].last_error is None
    assert len(library.articles().articles) == 4  # the failing feed keeps what it had


def test_opml_url_adds_each_feed_and_remove_forgets_one(server, library):
    results = library.add([server.url("subscriptions.opml")])
    assert [r.source for r in results] == [
        server.url("rss2.xml"), server.url("atom10.xml"), server.url("feed.json")]  # fmt: skip
    assert sum(r.articles for r in results) == 6
    assert library.remove("River Daily") == server.url("atom10.xml")
    assert len(library.sources()) == 2 and len(library.articles().articles) == 4


def test_the_same_story_in_two_feeds_is_one_briefing(server, library):
    feed = (server.body("rss2.xml") or b"").decode()
    library.add([server.url("rss2.xml"), server.put("copy.xml", feed.replace(
        "Harbour Gazette", "Coast Wire").replace("gazette-1001", "wire-77"))])  # fmt: skip
    corpus = library.load()
    assert len(corpus.briefings) == 2
    both = {"Harbour Gazette", "Coast Wire"}  # whichever was stored first leads
    assert all({b.source, *b.article.also} == both for b in corpus.briefings)


# --- the command ------------------------------------------------------------------------


def test_brief_add_sources_refresh_list_with_the_seeds_as_a_feed(server, tmp_path):
    url = server.put("seeds.xml", seeds_feed())
    added = run_brief("add", url)
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("added Seeds Wire (feed, 2 articles)")
    [source] = json.loads(run_brief("sources", "--json").stdout)
    assert source["title"] == "Seeds Wire" and source["articles"] == 2
    assert source["kind"] == "feed" and source["last_error"] is None and source["last_fetch"]
    refreshed = run_brief("refresh")
    assert refreshed.returncode == 0 and "1 unchanged (304)" in refreshed.stdout
    listed = run_brief("list", "--json")
    items = json.loads(listed.stdout)
    assert {i["source"] for i in items} == {"Seeds Wire"} and len(items) == 2
    assert {i["date"] for i in items} >= {"2024-11-08"}


def test_refresh_names_each_failing_source_and_exits_1(server):
    coast = server.put("coast.json", server.body("feed.json") or b"")
    run_brief("add", server.url("rss2.xml"), coast)
    server.files.pop("coast.json")
    out = run_brief("refresh", "--json", "--timeout", "2")
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == ["brief: Coast JSON: HTTP 404 Not Found"]
    summary = json.loads(out.stdout)
    assert summary["failed"] == 1 and summary["not_modified"] == 1


def test_stalled_source_times_out_with_a_short_timeout(server):
    server.stall_seconds = 6
    server.put("ok.xml", server.body("rss2.xml") or b"")
    slow = server.put("slow.xml", server.body("atom10.xml") or b"")
    assert run_brief("add", server.url("ok.xml"), slow).returncode == 0
    server.stalling.add("slow.xml")
    started = time.perf_counter()
    out = run_brief("refresh", "--timeout", "1")
    assert time.perf_counter() - started < 8
    assert out.returncode == 1
    assert out.stderr.strip() == "brief: River Daily: timed out after 1 s"


def test_urls_as_paths_and_export_round_trip(server, tmp_path):
    urls = [server.url("rss2.xml"), server.url("gzip/atom10.xml"), server.url("article.html")]
    direct = run_brief("list", "--json", *urls)
    assert direct.returncode == 0, direct.stderr
    exported = run_brief("export", *urls)
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(rows) == 5 and rows[0]["author"] == "Ana Lopes"
    assert set(rows[0]) == {"id", "title", "date", "source", "url", "text", "author"}
    again = run_brief("list", "--json", "-", input=exported.stdout)

    def strip_path(items):
        return [{k: v for k, v in i.items() if k != "path"} for i in items]

    assert strip_path(json.loads(again.stdout)) == strip_path(json.loads(direct.stdout))
    page = next(i for i in json.loads(direct.stdout) if i["source"] == "City Courier")
    assert page["url"] == server.url("article.html")  # where it was read


def test_a_url_that_fails_is_one_line_and_status_2(server):
    out = run_brief("list", server.url("gone"))
    assert out.returncode == 2
    assert out.stderr.strip() == f"brief: error: {server.url('gone')}: HTTP 404 Not Found"


def test_opml_path_reads_every_feed_once(server, tmp_path):
    opml = tmp_path / "subs.opml"
    opml.write_bytes(server.body("subscriptions.opml") or b"")
    out = run_brief("list", "--json", str(opml))
    assert out.returncode == 0
    assert {i["source"] for i in json.loads(out.stdout)} == {
        "Harbour Gazette", "River Daily", "Coast JSON"}  # fmt: skip
    assert "javascript:" in out.stderr
