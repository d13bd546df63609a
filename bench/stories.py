"""Story folding on the labelled corpus: BCubed precision, recall and F1, versions found, and time per item.

The corpus (tests/helpers/story_corpus.py) is folded whole, oldest first, as a desk would; the figures are given
for the events the rules were set on and, apart, for the held-out events, never looked at while setting them.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterable

from bench.common import Result
from tests.helpers.story_corpus import Wire, corpus
from tui.core.items import Item
from tui.core.stories import WINDOW, Stories

BCUBED_P, BCUBED_F1 = 0.97, 0.90
VERSIONS_P, VERSIONS_R = 0.95, 0.85
BACKLOG = 50_000


def fold(wires: list[Wire]) -> tuple[dict[str, str], dict[str, str | None]]:
    """Each item's story and the item it supersedes, folding the wires in order."""
    stories = Stories()
    story: dict[str, str] = {}
    supersedes: dict[str, str | None] = {}
    for wire in wires:
        assignment = stories.add(wire.item())
        story[wire.key] = assignment.story
        supersedes[wire.key] = assignment.supersedes
    return story, supersedes


def bcubed(wires: Iterable[Wire], story: dict[str, str], everyone: list[Wire]) -> tuple[float, float]:
    """BCubed precision and recall over `wires`, each compared with all items (`everyone`) it was folded with."""
    precision = recall = 0.0
    count = 0
    for wire in wires:
        same_story = [other for other in everyone if story[other.key] == story[wire.key]]
        same_event = [other for other in everyone if other.event == wire.event]
        correct = sum(other.event == wire.event for other in same_story)
        precision += correct / len(same_story)
        recall += correct / len(same_event)
        count += 1
    return precision / count, recall / count


def version_scores(wires: Iterable[Wire], supersedes: dict[str, str | None]) -> tuple[float, float]:
    found = {(w.key, supersedes[w.key]) for w in wires if supersedes[w.key]}
    truth = {(w.key, w.supersedes) for w in wires if w.supersedes}
    right = len(found & truth)
    return (right / len(found) if found else 1.0), (right / len(truth) if truth else 1.0)


def figures(part: str, wires: list[Wire], everyone: list[Wire], story: dict[str, str],
            supersedes: dict[str, str | None], targets: bool) -> list[Result]:
    precision, recall = bcubed(wires, story, everyone)
    f1 = 2 * precision * recall / (precision + recall)
    v_precision, v_recall = version_scores(wires, supersedes)
    events = len({w.event for w in wires})
    note = f"{events} events, {len(wires)} items"
    return [
        Result(f"BCubed precision, {part}", precision, "", BCUBED_P if targets else None, True, note=note),
        Result(f"BCubed recall, {part}", recall, "", None, True, note=note),
        Result(f"BCubed F1, {part}", f1, "", BCUBED_F1 if targets else None, True, note=note),
        Result(f"versions precision, {part}", v_precision, "", VERSIONS_P if targets else None, True),
        Result(f"versions recall, {part}", v_recall, "", VERSIONS_R if targets else None, True),
    ]


def _copies(wires: list[Wire], first: int, count: int) -> list[Item]:
    """`count` items from corpus copies `first`, `first` + 1, ...: each copy new ids, re-timed two hours later
    than the one before, so that a busy desk's window (36 h) holds many copies of every event."""
    items = []
    for copy in range(first, first + count // len(wires) + 1):
        for wire in wires:
            item = wire.item()
            item.id = f"{copy}:{item.id}"
            item.published += copy * 7200.0
            items.append(item)
    return items[:count]


def per_item_ms(wires: list[Wire], repeats: int) -> tuple[float, float, int]:
    """Median and 95th percentile milliseconds to fold one new item into a desk holding a 50k backlog, and how
    many were timed: the backlog is folded untimed, then each new item (copies after it, so that they meet their
    earlier copies in the window) is timed alone. The gazetteer is loaded before, as a desk's warm-up does."""
    backlog = _copies(wires, 0, BACKLOG)
    stories = Stories()
    for item in backlog:
        stories.add(item)
    times = []
    for item in _copies(wires, BACKLOG // len(wires) + 1, len(wires) * max(1, repeats)):
        began = time.perf_counter()
        stories.add(item)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1], len(times)


def run(args: argparse.Namespace) -> list[Result]:
    everyone = corpus()
    story, supersedes = fold(everyone)
    tuned = [w for w in everyone if not w.held_out]
    held = [w for w in everyone if w.held_out]
    median, p95, timed = per_item_ms(everyone, args.repeats)
    command = "Stories().add(item), each timed alone, after 50,000 re-timed corpus items"
    window = int(WINDOW // 7200) * len(everyone)  # copies two hours apart
    note = f"{timed} new items; the {WINDOW / 3600:.0f} h window holds about {window:,} of the backlog"
    return [
        *figures("tuned on", tuned, everyone, story, supersedes, targets=False),
        *figures("held out", held, everyone, story, supersedes, targets=True),
        *figures("all", everyone, everyone, story, supersedes, targets=False),
        Result("fold one new item, 50k backlog: median", median, "ms", 2.0, command=command, note=note),
        Result("fold one new item, 50k backlog: 95th percentile", p95, "ms", command=command, note=note),
    ]
