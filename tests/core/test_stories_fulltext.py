"""Folding with the full text (tui/core/stories.py `take_out`, tui/core/fulltext.py `with_page`): a lone teaser
that only its article shows to be another agency's story joins it once the page is in; one whose page tells
another event stays alone; an item that others joined, or that joined another, is never taken out."""

from __future__ import annotations

from dataclasses import replace

from tests.helpers.teaser_story import AUCTION_PAGE, LOCKS_ANP, LOCKS_PAGE, OTHER_TEASER, TEASER, page_text
from tui.core.fulltext import LEAD_WORDS, page_lead, with_page
from tui.core.stories import Stories


def _desk_of(*items) -> Stories:
    stories = Stories()
    for item in items:
        stories.add(item)
    return stories


def test_a_teaser_joins_the_story_its_page_tells():
    stories = _desk_of(LOCKS_ANP, TEASER, OTHER_TEASER)
    assert stories.story_of(TEASER.id) == TEASER.id, "by its teaser alone it is a story of its own"
    assert stories.take_out(TEASER.id)
    assert stories.story_of(TEASER.id) is None
    joined = stories.add(with_page(TEASER, page_text(LOCKS_PAGE, TEASER.link)))
    assert joined.story == LOCKS_ANP.id and joined.supersedes is None
    assert stories.story_of(TEASER.id) == LOCKS_ANP.id


def test_a_page_about_another_event_in_the_same_town_stays_apart():
    stories = _desk_of(LOCKS_ANP, OTHER_TEASER)
    page = with_page(OTHER_TEASER, page_text(AUCTION_PAGE, OTHER_TEASER.link))
    assert page.places == ("IJMUIDEN",), "the page's dateline is read when the teaser had none"
    assert stories.take_out(OTHER_TEASER.id)
    assert stories.add(page).story == OTHER_TEASER.id


def test_an_item_others_joined_or_that_joined_another_is_never_taken_out():
    copy = replace(LOCKS_ANP, id="locks-anp-copy", feed="ANP Buitenland")  # ANP's text in its second feed
    stories = _desk_of(LOCKS_ANP, copy, TEASER)
    assert stories.story_of(copy.id) == LOCKS_ANP.id
    assert not stories.take_out(LOCKS_ANP.id), "others joined its story"
    assert not stories.take_out(copy.id), "it is in another's story"
    assert stories.story_of(LOCKS_ANP.id) == stories.story_of(copy.id) == LOCKS_ANP.id
    assert not stories.take_out("never-added")
    # The story still takes new members: nothing of it was dropped.
    assert stories.take_out(TEASER.id)
    assert stories.add(with_page(TEASER, page_text(LOCKS_PAGE, TEASER.link))).story == LOCKS_ANP.id


def test_an_item_taken_out_and_added_again_expires_once():
    stories = _desk_of(LOCKS_ANP, TEASER)
    assert stories.take_out(TEASER.id)
    stories.add(with_page(TEASER, page_text(LOCKS_PAGE, TEASER.link)))
    later = replace(OTHER_TEASER, id="much-later", published=TEASER.published + 3 * 86400)
    stories.add(later)  # both earlier items leave the window: each is forgotten once, without error
    assert not stories.take_out(TEASER.id), "out of the window: left as it is"
    assert stories.story_of(TEASER.id) == LOCKS_ANP.id


def test_the_lead_is_the_opening_paragraphs_as_plain_text():
    paragraph = "<p>" + " ".join(f"word{n} &amp; <b>more</b>" for n in range(25)) + "</p>"
    lead = page_lead("<h2>Subhead</h2>" + paragraph * 5)
    assert "Subhead" not in lead and "<b>" not in lead and "word0 & more" in lead
    assert LEAD_WORDS <= len(lead.split()) < 2 * LEAD_WORDS
    assert page_lead("<p>A \x1b[31mred\x1b[0m line</p>") == "A red line"
