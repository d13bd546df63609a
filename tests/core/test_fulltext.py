"""The pure side of full text (tui/core/fulltext.py): the per-site budget, asking twice, and how a fetched
text is shown and exported."""

from __future__ import annotations

from tui.core.exporting import item_markdown
from tui.core.fulltext import Asked, FullText, HostBudget, fetchable, full_text_markdown
from tui.core.items import Item


def _item(link: str, item_id: str = "a1") -> Item:
    return Item(id=item_id, feed="Teasers", title="Dykes raised", link=link, published=1_764_000_000.0)


def test_the_budget_allows_a_few_requests_per_host_in_any_minute():
    budget = HostBudget(per_minute=3)
    assert [budget.take("news.example", t) for t in (0.0, 1.0, 2.0)] == [0.0, 0.0, 0.0]
    assert budget.take("news.example", 10.0) == 50.0, "the fourth waits until the first is a minute old"
    assert budget.take("other.example", 10.0) == 0.0, "each host has its own"
    assert budget.take("news.example", 60.0) == 0.0
    assert budget.take("news.example", 60.5) == 0.5


def test_asking_twice_fetches_once_and_a_link_is_needed():
    asked = Asked()
    item = _item("https://news.example/a")
    assert asked.start(item) is None
    assert asked.start(item) == "Already fetching this page"
    asked.done(item.id)
    assert asked.start(item) is None
    assert asked.start(_item("javascript:alert(1)", "b")) == "No web link to fetch"
    assert not fetchable(_item("file:///etc/passwd")) and not fetchable(_item(""))


def test_a_full_text_shows_where_it_came_from_and_its_words_stay_literal():
    text = FullText("<p>Water board says *all* is [bold]fine[/bold] # not a heading</p>",
                    "https://news.example/dykes", 1_764_000_000.0, "Paywalled: only the part the site shows")
    shown = full_text_markdown(text)
    assert shown.startswith("_Full text fetched ") and "from https://news.example/dykes" in shown.splitlines()[0]
    assert "Paywalled: only the part the site shows" in shown
    assert r"\*all\*" in shown and r"\[bold\]" in shown
    assert "Volledige tekst opgehaald" in full_text_markdown(text, "nl")


def test_export_writes_the_full_text_when_there_is_one():
    item = _item("https://news.example/dykes")
    teaser = "<p>Only the first lines.</p>"
    assert "Only the first lines." in item_markdown(item, teaser)
    full = FullText("<p>The whole article.</p>", item.link, 1_764_000_000.0)
    exported = item_markdown(item, teaser, full)
    assert "The whole article." in exported and "Only the first lines." not in exported
    failed = FullText("", item.link, 1_764_000_000.0, "HTTP 404: the teaser stays")
    assert "Only the first lines." in item_markdown(item, teaser, failed)
