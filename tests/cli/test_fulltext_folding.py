"""`wiredesk fulltext ID` folds the item again with its page's text: a regional teaser that only its article
shows to be ANP's story joins that story, and `wiredesk list --json` shows the shared story id. The feeds and
pages are on a loopback server; wiredesk runs as a subprocess."""

from __future__ import annotations

from tests.helpers.cli import NOW, records, run
from tests.helpers.teaser_story import LOCKS_ANP, OTHER_TEASER, TEASER, serve_story


def test_fulltext_folds_a_teaser_into_the_story_its_page_tells(feed_server, data_dir):
    anp, kust, ids = serve_story(feed_server, NOW)
    fetched = run("fetch", "--feed", anp, "--feed", kust, data_dir=data_dir)
    assert fetched.returncode == 0, fetched.stderr
    story, teaser, other = ids[LOCKS_ANP.id], ids[TEASER.id], ids[OTHER_TEASER.id]

    def stories() -> dict[str, str]:
        return {record["id"]: record["story"] for record in records(run("list", "--json", data_dir=data_dir))}

    assert stories() == {story: story, teaser: teaser, other: other}, "by the teasers alone: three stories"
    result = run("fulltext", teaser, other, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert f"{teaser}: its full text folds it into story {story}" in result.stdout.splitlines()
    assert stories() == {story: story, teaser: story, other: other}, "the locks teaser joined; the auction stayed"
    assert "2 stories" in run("status", data_dir=data_dir).stdout
