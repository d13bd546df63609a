"""The article body as the desk shows it: HTML structure kept, the feed's own words literal."""

from __future__ import annotations

import time

from textual.widgets import Markdown

from tests.helpers.desk import settle
from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import ids_of
from tui.core.bodies import to_markdown
from tui.fetch.parse import parse_feed
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.wire_list import WireList

STRUCTURED = (
    "<p>KYIV (ANP) - Eerste alinea met een <a href='https://wire.example/dossier'>dossier</a>.</p>"
    "<h3>Tussenkop</h3><p>Tweede alinea.</p>"
    "<ul><li>Charkiv</li><li>Sumy</li></ul><ol><li>eerst</li><li>dan</li></ol>"
    "<script>alert(1)</script><style>p {}</style><form>Naam<input></form>"
)
# Markdown and HTML that a writer typed as text: shown as typed, never formatted.
LITERAL = (
    "<p>Koers 5*3 *ster* `code` _laag_ [a](https://x.example/) &lt;b&gt;vet&lt;/b&gt; &#42;ref&#42; "
    "~~weg~~ AT&amp;T &amp;lt;</p><p># geen kop</p><p>1. geen lijst</p><p>- geen punt</p>"
)
LITERAL_SHOWN = [
    "Koers 5*3 *ster* `code` _laag_ [a](https://x.example/) <b>vet</b> *ref* ~~weg~~ AT&T &lt;",
    "# geen kop",
    "1. geen lijst",
    "- geen punt",
]


def _blocks(markdown: Markdown) -> list[tuple[str, str]]:
    """(block kind, its text) for every block the Markdown widget made, in order."""
    return [
        (type(block).__name__, str(block._content))
        for block in markdown.query("*")
        if hasattr(block, "_content")
    ]


def _desk(data_dir, *bodies: str) -> WireDesk:
    now = time.time()
    entries = [Entry(f"Stuk {n}", guid=f"urn:body:{n}", date=now - 60 * (n + 1), body=b) for n, b in enumerate(bodies)]
    open_store(data_dir).ingest(parse_feed(rss(entries), "https://wire.example/feed", now))
    return WireDesk(open_store(data_dir), [], poll=False, mark_read_delay=3600)


async def _article(app: WireDesk, pilot, item_id: str) -> list[tuple[str, str]]:
    wire = app.query_one(WireList)
    await pilot.press("g")
    while wire.current.id != item_id:
        await pilot.press("j")
    await settle(app, pilot)
    return _blocks(app.query_one("#article-body", Markdown))


async def test_paragraphs_subheads_links_and_lists_reach_the_article_pane(data_dir):
    app = _desk(data_dir, STRUCTURED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        blocks = await _article(app, pilot, *ids_of("https://wire.example/feed", "urn:body:0"))
    kinds = [kind for kind, _ in blocks]
    assert ("MarkdownH3", "Tussenkop") in blocks
    assert kinds.count("MarkdownBulletList") == 1 and kinds.count("MarkdownOrderedList") == 1
    texts = [text for _, text in blocks]
    for shown in ("KYIV (ANP) - Eerste alinea met een dossier.", "Tweede alinea.", "Charkiv", "Sumy", "eerst", "dan"):
        assert shown in texts, texts
    assert not [t for t in texts if "alert" in t or "p {}" in t or "Naam" in t]
    assert "[dossier](https://wire.example/dossier)" in to_markdown(STRUCTURED)


async def test_markdown_and_html_typed_in_the_text_show_as_typed(data_dir):
    app = _desk(data_dir, LITERAL)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        blocks = await _article(app, pilot, *ids_of("https://wire.example/feed", "urn:body:0"))
    assert [block for block in blocks if block[1]] == [("MarkdownParagraph", text) for text in LITERAL_SHOWN]


def test_code_keeps_its_characters_without_escapes():
    assert "a*b <c>" in to_markdown("<pre>a*b &lt;c&gt;</pre>")
    assert "\\" not in to_markdown("<p><code>x_y</code></p>")
