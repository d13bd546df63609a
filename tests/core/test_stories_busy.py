"""Folding on a busy wire: a rare name still finds an item that hundreds of newer ones bury under shared keys, and
the outcome never depends on Python's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from tests.helpers.story_corpus import corpus
from tui.core.items import Item
from tui.core.stories import Stories

BY_KEY = {wire.key: wire for wire in corpus()}
ROOT = Path(__file__).resolve().parents[2]


def _council_meeting(n: int, published: float) -> Item:
    """Moscow's city council on its budget, one item a minute: the same dateline as the metro blast, other news."""
    lead = (f"MOSCOW (Reuters) - Moscow's city council met for session {n + 100} to debate the budget of its "
            f"district offices, officials said, adding that a vote on the housing plan was postponed.")
    return Item(id=f"council-{n}", feed="Reuters World", title=f"Moscow council debates district budget, session "
                f"{n + 100}", link="", published=published, summary=lead, places=("MOSCOW",), agencies=("Reuters",))


def test_a_rare_name_finds_its_event_under_hundreds_of_newer_items_sharing_the_dateline():
    stories = Stories()
    blast = BY_KEY["metro-rtr"].item()
    stories.add(blast)
    for n in range(300):  # every one of them newer, all datelined Moscow: the place alone no longer finds the blast
        stories.add(_council_meeting(n, blast.published + 60 + n))
    dutch = replace(BY_KEY["metro-anp"].item(), published=blast.published + 1200)
    assert stories.add(dutch).story == blast.id  # Kurskaya and Koerskaja: one name
    assert all(stories.story_of(f"council-{n}") != blast.id for n in range(300))


_FOLD = """
from tests.helpers.story_corpus import corpus
from tui.core.stories import Stories
stories = Stories()
for wire in corpus():
    assignment = stories.add(wire.item())
    print(wire.key, assignment.story, assignment.supersedes)
"""


def test_the_same_wire_folds_the_same_whatever_the_hash_seed():
    outcomes = set()
    for seed in ("0", "1", "2"):
        done = subprocess.run([sys.executable, "-c", _FOLD], cwd=ROOT, capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)})
        outcomes.add(done.stdout)
    assert len(outcomes) == 1
