"""Full text from the command line: `wiredesk fetch` for feeds with `full_text = true`, and `wiredesk fulltext ID...`.

`fetch` takes what each site's budget allows this minute and leaves the rest for the next
`fetch` (a cron job or a status-bar loop never waits minutes on one site); `fulltext` asks for
items by name, so it waits its turn at each site. Either folds an item again with its page's text
(a lone teaser may join another agency's story), and the stored story links say so."""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING

from tui.config import Config
from tui.core.feeds import FeedSource
from tui.core.fulltext import FullText, fetchable
from tui.core.items import Item
from tui.core.stories import StoryLink
from tui.store import Store

if TYPE_CHECKING:
    from tui.fetch.fulltext import PageFetcher


def _fetcher(config: Config, store: Store) -> PageFetcher:
    from tui.fetch.folding import Folding
    from tui.fetch.fulltext import PageFetcher

    return PageFetcher(store, max_bytes=config.max_feed_bytes, per_host=config.full_text_per_minute,
                       folding=Folding(store), on_fold=_joined)


def _joined(links: dict[str, StoryLink]) -> None:
    for item_id, link in links.items():
        print(f"{item_id}: its full text folds it into story {link.story}")


def _line(item: Item, text: FullText) -> str:
    if text.ok:
        words = len(text.html.split())
        return f"{item.id}: full text, about {words} words, from {text.url}" + (f" ({text.note})" if text.note else "")
    return f"{item.id}: {text.note}"


def fetch_pending(sources: list[FeedSource], config: Config, store: Store) -> None:
    """The full text of the newest items of `full_text` feeds still without one, as far as each site's budget goes."""
    from tui.fetch.fulltext import pending

    items = pending(store, [source.url for source in sources if source.full_text])
    done, left = asyncio.run(_fetcher(config, store).fetch_many(items, wait=False))
    kept = sum(1 for _, text in done if text.ok)
    line = f"full text: {kept} fetched"
    if len(done) > kept:
        line += f", {len(done) - kept} kept the teaser"
    if left:
        line += f", {len(left)} left for the next fetch (at most {config.full_text_per_minute} a minute per site)"
    print(line)


def fetch_on_demand(ids: list[str], config: Config, store: Store) -> int:
    """`wiredesk fulltext ID...`: one line per item, as each is done."""
    items, failed = [], False
    for item_id in ids:
        item = store.item(item_id)
        if item is None:
            print(f"wiredesk: no such item: {item_id}", file=sys.stderr)
            failed = True
        elif not fetchable(item):
            print(f"{item_id}: no web link to fetch: the teaser stays")
            failed = True
        else:
            items.append(item)
    done, _ = asyncio.run(_fetcher(config, store).fetch_many(items, lambda item, text: print(_line(item, text))))
    return 1 if failed or not all(text.ok for _, text in done) else 0
