"""Full text from the command line: `full_text = true` feeds in `wiredesk fetch`, `wiredesk fulltext ID...` and
`wiredesk export ID`, against a teaser feed and its article pages on a loopback server."""

from __future__ import annotations

from tests.helpers.cli import NOW, config_file, run
from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import entry_id
from tests.helpers.pages import PAGES, serve

WORDPRESS, REGIONAL, TABLES = PAGES[0], PAGES[1], PAGES[6]


def _teaser_feed(server, pages, path="/teasers.xml"):
    urls = serve(server, pages)
    entries = [Entry(f"Teaser {n}", guid=f"urn:ft:{n}", link=urls[page.name], date=NOW - 60 * n,
                     body="<p>The first lines only.</p>") for n, page in enumerate(pages)]
    server.set(path, rss(entries))
    return server.url(path), entries


def test_fetch_gets_full_text_for_full_text_feeds_only(feed_server, data_dir, tmp_path):
    teasers, entries = _teaser_feed(feed_server, (WORDPRESS, REGIONAL))
    feed_server.set("/plain.xml", rss([Entry("Plain", guid="urn:plain", link=feed_server.url("/pages/tables"),
                                             date=NOW, body="<p>Whole story in the feed.</p>")]))
    serve(feed_server, (TABLES,))
    config = config_file(tmp_path, f'[[feeds]]\nurl = "{teasers}"\nfull_text = true\n\n'
                                   f'[[feeds]]\nurl = "{feed_server.url("/plain.xml")}"\n')
    result = run("--config", config, "fetch", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "full text: 2 fetched"
    assert len(feed_server.requests_for("/pages/wordpress")) == 1
    assert feed_server.requests_for("/pages/tables") == [], "a feed without full_text is left as it is"
    exported = run("export", entry_id(entries[0], teasers), data_dir=data_dir)
    assert exported.returncode == 0, exported.stderr
    for sentence in WORDPRESS.keep:
        assert sentence in exported.stdout
    assert "Full text fetched" in exported.stdout and feed_server.url("/pages/wordpress") in exported.stdout
    assert "Leave a Reply" not in exported.stdout
    again = run("--config", config, "fetch", data_dir=data_dir)
    assert again.stdout.splitlines()[-1] == "full text: 0 fetched"
    assert len(feed_server.requests_for("/pages/wordpress")) == 1, "never fetched twice"


def test_fetch_leaves_what_a_site_budget_does_not_allow_for_the_next_fetch(feed_server, data_dir, tmp_path):
    teasers, _ = _teaser_feed(feed_server, PAGES[:5])
    config = config_file(tmp_path, f'full_text_per_minute = 2\n\n[[feeds]]\nurl = "{teasers}"\nfull_text = true\n')
    result = run("--config", config, "fetch", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        "full text: 2 fetched, 3 left for the next fetch (at most 2 a minute per site)"
    )
    pages = [r for r in feed_server.requests if r.path.startswith("/pages/")]
    assert len(pages) == 2, "the server saw two page requests, no more"


def test_fulltext_fetches_on_demand_and_says_why_not(feed_server, data_dir, tmp_path):
    teasers, entries = _teaser_feed(feed_server, (REGIONAL,))
    feed_server.set("/doc.pdf", b"%PDF-1.4", content_type="application/pdf")
    entries.append(Entry("A report", guid="urn:ft:pdf", link=feed_server.url("/doc.pdf"), date=NOW - 600))
    feed_server.set("/teasers.xml", rss(entries))
    assert run("fetch", "--feed", teasers, data_dir=data_dir).returncode == 0
    assert feed_server.requests_for("/pages/regional") == [], "no full_text in the config: fetch leaves pages alone"
    page_id, pdf_id = entry_id(entries[0], teasers), entry_id(entries[1], teasers)
    result = run("fulltext", page_id, pdf_id, "no-such-id", data_dir=data_dir)
    assert result.returncode == 1
    lines = sorted(result.stdout.splitlines())
    assert lines[0].startswith(f"{page_id}: full text, about ") or lines[1].startswith(f"{page_id}: full text")
    assert f"{pdf_id}: Not an article page (application/pdf): the teaser stays" in lines
    assert "wiredesk: no such item: no-such-id" in result.stderr
    assert REGIONAL.keep[0] in run("export", page_id, data_dir=data_dir).stdout
    assert run("fulltext", page_id, data_dir=data_dir).returncode == 0
    assert len(feed_server.requests_for("/pages/regional")) == 1
