"""Stories on the desk: one row per story with its carriers, expanded into its items with version marks;
marking a story read marks its items; another agency's copy of a read story stays read, a new version does not."""

from __future__ import annotations

from dataclasses import replace

from tests.helpers.story_corpus import T0, corpus
from tui.core import urgency
from tui.core.alerts import Alerts
from tui.core.desk import Desk, PollOutcome
from tui.core.feeds import FeedSource, PollResult
from tui.core.grouping import Header, View
from tui.core.items import Item
from tui.core.marks import Marks
from tui.core.stories import Stories, StoryLink
from tui.core.story_view import StoryRow, also_line, carriers, row_key

WIRES = {wire.key: wire for wire in corpus()}
NOW = T0 + 3 * 86400


def folded(*keys: str) -> tuple[list[Item], dict[str, StoryLink]]:
    stories = Stories()
    items = [WIRES[key].item() for key in keys]
    links = {}
    for item in sorted(items, key=lambda i: i.published):
        assignment = stories.add(item)
        links[item.id] = StoryLink(assignment.story, assignment.supersedes)
    return items, links


def desk_of(*keys: str) -> Desk:
    items, links = folded(*keys)
    desk = Desk(["feed"], opened_at=T0)
    desk.load(items, Marks(), {}, {})
    desk.view = View(mode="flat")
    desk.stories.add(links)
    return desk


def titles(desk: Desk) -> list[str]:
    return [row.title for row in desk.rows(NOW) if isinstance(row, Item)]


def test_a_story_is_one_row_with_its_newest_version_and_every_agency():
    desk = desk_of("quake-rtr", "quake-anp", "quake-dpa", "quake-afp", "quake-rtr-u1", "metro-rtr")
    rows = [row for row in desk.rows(NOW) if isinstance(row, Item)]
    assert len(rows) == 2
    story = next(row for row in rows if isinstance(row, StoryRow))
    assert story.id == "quake-rtr-u1"
    assert story.title == "▸ [updated] UPDATE 1-Turkey quake death toll rises to 19 as rescuers search rubble"
    assert story.agencies == ("Reuters", "ANP", "dpa", "AFP")
    assert story.count == 5 and story.story == "quake-rtr"


def test_more_than_four_agencies_show_three_and_a_count():
    items = [Item(id=str(n), feed="f", title="t", link="", published=n, agencies=(name,))
             for n, name in enumerate(["ANP", "AFP", "Reuters", "dpa", "AP", "Belga"])]
    assert carriers(items) == ("ANP", "AFP", "Reuters", "+3")


def test_an_expanded_story_lists_its_items_with_their_version_marks():
    desk = desk_of("train-spoed", "train-anp", "train-oost", "train-anp-upd")
    assert titles(desk) == ["▸ [updated] Vijftien gewonden bij ontsporing trein bij Zwolle (bijgewerkt)"]
    assert desk.toggle_story("train-anp") is True
    assert titles(desk) == [
        "▾ [updated] Vijftien gewonden bij ontsporing trein bij Zwolle (bijgewerkt)",
        "  · Intercity uit de rails: hulpdiensten massaal naar Zwolle",
        "  · [superseded] Vijftien gewonden bij ontsporing trein bij Zwolle",
        "  · [superseded] Trein ontspoord bij Zwolle",  # SPOED is its badge
    ]
    assert desk.toggle_story("train-oost") is False
    assert len(titles(desk)) == 1


def test_a_correction_is_marked_as_one():
    desk = desk_of("tar-ap", "tar-ap-corr", "tar-rtr")
    desk.toggle_story("tar-ap")
    assert titles(desk)[0].startswith("▾ [correction] Correction:")
    desk.lang = "nl"
    assert titles(desk)[0].startswith("▾ [correctie] Correction:")


def test_the_cursor_holds_a_story_by_its_first_item_whatever_its_newest_version():
    desk = desk_of("pol-rtr", "pol-dpa")
    before = next(row for row in desk.rows(NOW) if isinstance(row, StoryRow))
    _, links = folded("pol-rtr", "pol-dpa", "pol-rtr-u1")
    desk.items["pol-rtr-u1"] = WIRES["pol-rtr-u1"].item()
    desk.stories.add(links)
    after = next(row for row in desk.rows(NOW) if isinstance(row, StoryRow))
    assert after.id == "pol-rtr-u1" != before.id
    assert row_key(after) == row_key(before) == "pol-rtr" == row_key(WIRES["pol-rtr"].item())


def poll(desk: Desk, key: str, links: dict[str, StoryLink]) -> list[str]:
    item = WIRES[key].item()
    result = PollResult(FeedSource(url="feed"), new_ids=[item.id], items=[item], stories={item.id: links[item.id]})
    return desk.poll(result, NOW).quietly_read


def test_another_agency_joining_a_read_story_leaves_it_read_and_a_version_brings_it_back():
    desk = desk_of("quake-rtr", "quake-anp")
    desk.bulk_mark(desk.stories.ids("quake-rtr", desk.items), True, NOW)
    assert desk.unread == 0
    _, links = folded("quake-rtr", "quake-anp", "quake-dpa", "quake-rtr-u1")
    assert poll(desk, "quake-dpa", links) == ["quake-dpa"]
    assert desk.unread == 0
    assert poll(desk, "quake-rtr-u1", links) == []
    assert desk.unread == 1
    story = next(row for row in desk.rows(NOW) if isinstance(row, StoryRow))
    assert story.id == "quake-rtr-u1" and story.title.startswith("▸ [updated]")


def test_items_of_no_story_and_filters_stay_as_they_were():
    desk = desk_of("metro-rtr", "court-rtr")
    assert all(not isinstance(row, StoryRow) for row in desk.rows(NOW))
    desk = desk_of("metro-rtr", "metro-anp")
    desk.view = replace(desk.view, query="Moskou")  # only one of the story's items is left: a plain row
    assert [type(row) for row in desk.rows(NOW)] == [Item]


def test_a_group_whose_items_all_joined_stories_elsewhere_loses_its_header():
    desk = desk_of("metro-rtr", "metro-anp", "metro-dpa", "court-dpa")
    desk.view = View(mode="place")
    shape = [row.group if isinstance(row, Header) else row.id for row in desk.rows(NOW)]
    assert shape == ["MOSKAU", "court-dpa", "metro-dpa"]  # MOSCOW's items are in the story's row


def test_a_storys_urgency_is_the_highest_of_its_items_and_its_marker_stays_out_of_the_title():
    flash = Item(id="a", feed="f", title="FLASH - Quake hits Malatya", link="", published=T0, agencies=("Reuters",))
    full = Item(id="b", feed="f", title="Quake in Malatya kills 12", link="", published=T0 + 60, agencies=("ANP",))
    desk = Desk(["feed"], opened_at=T0)
    desk.load([flash, full], Marks(), {}, {})
    desk.view = View(mode="flat")
    desk.stories.add({"a": StoryLink("a", None), "b": StoryLink("a", None)})
    [story] = [row for row in desk.rows(NOW) if isinstance(row, Item)]
    assert isinstance(story, StoryRow) and story.id == "b"
    assert urgency.of(story).level == urgency.FLASH, "the flash one-liner makes the story a flash"
    assert story.title == "▸ Quake in Malatya kills 12"
    desk.toggle_story("b")
    inside = [row for row in desk.rows(NOW) if isinstance(row, StoryRow) and row.count == 1]
    assert [(row.title, urgency.of(row).level) for row in inside] == [("  · Quake hits Malatya", urgency.FLASH)]
    assert flash.title == "FLASH - Quake hits Malatya", "the item keeps its original title"


def test_another_agencys_copy_of_a_read_story_is_no_news_and_a_version_is():
    desk = desk_of("quake-rtr", "quake-anp")
    desk.poll(PollResult(FeedSource(url="feed")), NOW)  # the feed has answered: what comes next is news
    desk.bulk_mark(desk.stories.ids("quake-rtr", desk.items), True, NOW)
    _, links = folded("quake-rtr", "quake-anp", "quake-dpa", "quake-rtr-u1")
    assert poll(desk, "quake-dpa", links) == ["quake-dpa"]
    assert "quake-dpa" not in desk.marks.arrived, "a copy changes the count, nothing more: no new mark, no alert"
    poll(desk, "quake-rtr-u1", links)
    assert "quake-rtr-u1" in desk.marks.arrived, "a new version is news"
def test_the_article_names_the_storys_other_carriers_with_their_times_against_the_item_shown():
    desk = desk_of("quake-rtr", "quake-anp", "quake-dpa", "quake-afp", "quake-dpa-neu")
    afp = desk.items["quake-afp"]
    mark, also = desk.story_note(afp)
    assert mark == ""
    assert also == ("Also: Reuters 20 min earlier, ANP 8 min earlier, dpa (superseded) 5 min earlier, "
                    "dpa (updated) 2 hr later")
    mark, also = desk.story_note(desk.items["quake-dpa-neu"])
    assert mark == "updated" and also.startswith("Also: Reuters 2 hr earlier") and "dpa (updated)" not in also
    desk.lang = "nl"
    assert desk.story_note(afp)[1].startswith("Ook: Reuters 20 min eerder, ANP 8 min eerder, dpa (vervangen)")
    desk.folding = False  # stories off: no carriers, but a version is still one
    assert desk.story_note(desk.items["quake-dpa-neu"]) == ("updated", "")
    assert desk_of("metro-rtr").story_note(WIRES["metro-rtr"].item()) == ("", "")


def test_stepping_goes_round_the_storys_carriers_oldest_first():
    desk = desk_of("quake-rtr", "quake-anp", "quake-afp", "metro-rtr")
    order = []
    shown = "quake-anp"
    for _ in range(3):
        step = desk.step_carrier("quake-anp", shown, 1)
        assert step is not None
        shown = step.id
        order.append(shown)
    assert order == ["quake-afp", "quake-rtr", "quake-anp"]
    back = desk.step_carrier("quake-anp", "quake-rtr", -1)
    assert back is not None and back.id == "quake-afp"
    assert desk.step_carrier("metro-rtr", "metro-rtr", 1) is None  # alone in its story
    desk.folding = False
    assert desk.step_carrier("quake-anp", "quake-anp", 1) is None


def arrive(desk: Desk, links: dict[str, StoryLink], *items: Item) -> PollOutcome:
    result = PollResult(FeedSource(url="feed"), new_ids=[i.id for i in items], items=list(items),
                        stories={i.id: links[i.id] for i in items})
    return desk.poll(result, NOW)


def test_an_alert_fires_once_per_story_not_once_per_copy():
    desk = Desk(["feed"], opened_at=T0, alerts=Alerts(["AFAD", "Moscow"]))
    desk.poll(PollResult(FeedSource(url="feed")), T0)  # the start-up backlog: nothing rings
    _, links = folded("quake-rtr", "quake-anp", "quake-dpa", "metro-rtr")
    first = arrive(desk, links, WIRES["quake-rtr"].item(), WIRES["quake-anp"].item())  # two copies, one poll
    assert first.alerts == {"quake-rtr": "AFAD"}
    assert arrive(desk, links, WIRES["quake-dpa"].item()).alerts == {}, "a later copy of the story"
    assert arrive(desk, links, WIRES["metro-rtr"].item()).alerts == {"metro-rtr": "Moscow"}, "another story"
    assert set(desk.marks.alerts) == {"quake-rtr", "metro-rtr"}


def test_a_flash_rings_once_per_story():
    def item(item_id: str, title: str, minute: int) -> Item:
        return Item(id=item_id, feed="f", title=title, link="", published=T0 + 60 * minute, agencies=("X",))

    desk = Desk(["feed"], opened_at=T0)
    desk.poll(PollResult(FeedSource(url="feed")), T0)
    links = {"a": StoryLink("a"), "b": StoryLink("a"), "c": StoryLink("c")}
    assert arrive(desk, links, item("a", "FLASH - Quake hits Malatya", 1)).urgent == {"a": urgency.FLASH}
    later = arrive(desk, links, item("b", "URGENT - Quake in Malatya kills 12", 2),
                   item("c", "FLASH - Blast in Moscow metro", 3))
    assert later.urgent == {"c": urgency.FLASH}


def test_the_new_count_counts_stories_not_copies():
    desk = desk_of("metro-rtr")
    desk.poll(PollResult(FeedSource(url="feed")), NOW)  # the feed has answered: what comes next is news
    desk.looked(NOW - 60)
    _, links = folded("quake-rtr", "quake-anp", "metro-rtr")
    arrivals = [WIRES["quake-rtr"].item(), WIRES["quake-anp"].item()]
    desk.poll(PollResult(FeedSource(url="feed"), new_ids=[i.id for i in arrivals], items=arrivals,
                         stories={i.id: links[i.id] for i in arrivals}), NOW)
    assert len([i for i in arrivals if i.id in desk.marks.arrived]) == 2
    assert desk.new_since_look() == 1, "two agencies' copies of one event are one new story"
    desk.folding = False
    assert desk.new_since_look() == 2, "with stories off every item counts"


def test_an_update_supersedes_its_agencys_copy_of_the_old_text_in_another_feed_too():
    # ANP's one text in two of its feeds; its update names the copy in its own feed.
    old, update, rtr = (WIRES[key].item() for key in ("cab-anp", "cab-anp-upd", "cab-rtr"))
    other_feed = replace(old, id="cab-anp-bu", feed="ANP Buitenland")
    retitled = replace(old, id="cab-anp-ll", feed="ANP Laatste nieuws", title="Kabinet-Schoof gevallen")
    stories, links = Stories(), {}
    for item in sorted((old, other_feed, retitled, rtr, update), key=lambda i: (i.published, i.id)):
        assignment = stories.add(item)
        links[item.id] = StoryLink(assignment.story, assignment.supersedes)
    assert links[update.id].supersedes == old.id and len({link.story for link in links.values()}) == 1
    desk = Desk(["feed"], opened_at=T0)
    desk.load([old, other_feed, retitled, rtr, update], Marks(), {}, {})
    desk.view = View(mode="flat")
    desk.stories.add(links, desk.items)
    assert [desk.stories.mark(item) for item in (old, other_feed, retitled, update)] == [
        "superseded", "superseded", "", "updated"]
    desk.expanded.add(links[old.id].story)
    rows = [row for row in desk.rows(NOW) if isinstance(row, Item)]
    assert rows[0].id == update.id
    assert sum(row.title.startswith("  · [superseded]") for row in rows) == 2
    also = also_line(update, [old, other_feed, retitled, rtr, update], desk.stories, "en")
    assert also.count("ANP (superseded)") == 1 and also.count("ANP ") == 2 and "Reuters" in also, also
