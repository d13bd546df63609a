# ruff: noqa: E501
# (the pages are HTML as sites write it, long lines and all)
"""A teaser that only its article shows to be another agency's story, written for wiredesk's tests.

ANP reports that the sea locks at IJmuiden closed for a storm; a regional site's feed carries only a teaser
under a headline that shares nothing with it ("Ships wait off the coast"), and its page tells the same event in
its own words. A second teaser, from the same site and the same town on the same day, is about something else
(a new fish auction hall): its page must not fold it into the locks story.
"""

from __future__ import annotations

from tests.helpers.feeds import Entry, FeedServer, rss
from tests.helpers.ids import ids_of
from tui.core.fulltext import FullText
from tui.core.items import Item

T0 = 1_780_000_000.0
ANP_FEED, REGIONAL_FEED = "ANP Binnenland", "Omroep Kust"

LOCKS_ANP = Item(
    id="locks-anp", feed=ANP_FEED, title="Zeesluizen IJmuiden dicht door zware storm",
    link="https://anp.test/sluizen", published=T0,
    summary=("IJMUIDEN (ANP) - De zeesluizen bij IJmuiden zijn dinsdagochtend gesloten vanwege de zware storm "
             "langs de kust. Rijkswaterstaat verwacht de sluizen woensdagmiddag weer te openen. Zeker veertig "
             "schepen liggen voor anker op de Noordzee en wachten om het Noordzeekanaal in te varen."),
    places=("IJMUIDEN",), agencies=("ANP",),
)
TEASER = Item(
    id="locks-teaser", feed=REGIONAL_FEED, title="Schepen moeten wachten voor de kust",
    link="https://kust.test/schepen", published=T0 + 25 * 60, summary="Lees het hele verhaal op onze site.",
)
OTHER_TEASER = Item(
    id="auction-teaser", feed=REGIONAL_FEED, title="Nieuwe hal voor de vismijn",
    link="https://kust.test/vismijn", published=T0 + 40 * 60, summary="Lees het hele verhaal op onze site.",
)

_FURNITURE_TOP = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title} | Omroep Kust</title></head>
<body><nav class="main-nav"><a href="/">Home</a> <a href="/regio">Regio</a> <a href="/sport">Sport</a></nav>
<div class="cookie-consent"><p>Wij gebruiken cookies.</p><button>Akkoord</button></div>
<main><article><h1>{title}</h1><time datetime="2026-06-02T09:30:00+02:00">2 juni 2026</time>
<div class="article-body">"""
_FURNITURE_BOTTOM = """</div></article>
<aside class="read-also"><h4>Lees ook:</h4><ul><li><a href="/strand">Strandpaviljoen opent later</a></li></ul></aside>
<div class="share-buttons"><a href="#">Deel dit artikel</a></div></main>
<footer><p>Omroep Kust is de regionale omroep van de kuststreek.</p></footer></body></html>"""

LOCKS_PAGE = _FURNITURE_TOP.format(title=TEASER.title) + """
<p>IJMUIDEN - Door de zware storm zijn de zeesluizen bij IJmuiden sinds dinsdagochtend gesloten. Zeker veertig schepen liggen op de Noordzee voor anker en kunnen het Noordzeekanaal niet op.</p>
<p>Volgens Rijkswaterstaat gaan de sluizen woensdagmiddag weer open, als de wind is gaan liggen. Kapiteins van de wachtende schepen zeggen dat ze een dag vertraging voor lief nemen.</p>
<p>Ook de veerboot naar Newcastle bleef dinsdag in de haven.</p>""" + _FURNITURE_BOTTOM

AUCTION_PAGE = _FURNITURE_TOP.format(title=OTHER_TEASER.title) + """
<p>IJMUIDEN - De vismijn in IJmuiden krijgt een nieuwe hal. De gemeente Velsen en de haven tekenden dinsdag een overeenkomst voor de bouw, die in het voorjaar begint.</p>
<p>De oude hal uit de jaren zestig voldoet niet meer aan de eisen voor koeling. In de nieuwe hal komt ook ruimte voor een visrestaurant en een kleine expositie over de visserij.</p>""" + _FURNITURE_BOTTOM


def page_text(page: str, url: str) -> FullText:
    """A fetched page as the cache keeps it: the article's paragraphs (what extraction keeps of these pages)."""
    start, end = page.index('<div class="article-body">'), page.index("</div></article>")
    return FullText(page[start + len('<div class="article-body">'): end], url, T0 + 3600)


def serve_story(server: FeedServer, now: float) -> tuple[str, str, dict[str, str]]:
    """ANP's feed and the regional teaser feed on a started loopback server, their newest item a few minutes
    before `now`, and the regional pages behind the teasers: (ANP's feed URL, the teasers' feed URL, and
    each item's cache id by its id here)."""
    shift = now - 300 - OTHER_TEASER.published
    pages = {TEASER.id: ("/pages/locks", LOCKS_PAGE), OTHER_TEASER.id: ("/pages/auction", AUCTION_PAGE)}
    for path, page in pages.values():
        server.set(path, page.encode("utf-8"), content_type="text/html; charset=utf-8")

    def entry(item: Item) -> Entry:
        link = server.url(pages[item.id][0]) if item.id in pages else item.link
        return Entry(item.title, guid=f"urn:{item.id}", link=link, date=item.published + shift,
                     body=f"<p>{item.summary}</p>")

    server.set("/anp.xml", rss([entry(LOCKS_ANP)], title=ANP_FEED))
    server.set("/kust.xml", rss([entry(OTHER_TEASER), entry(TEASER)], title=REGIONAL_FEED))
    anp, kust = server.url("/anp.xml"), server.url("/kust.xml")
    ids = dict(zip((LOCKS_ANP.id, TEASER.id, OTHER_TEASER.id),
                   ids_of(anp, f"urn:{LOCKS_ANP.id}") + ids_of(kust, f"urn:{TEASER.id}", f"urn:{OTHER_TEASER.id}"),
                   strict=True))
    return anp, kust, ids
