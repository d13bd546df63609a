"""Urgency reading on the labelled corpus (tests/helpers/urgency_corpus.py): recall of flashes and
urgents, false ones among the hard negatives, and the cost of reading one item."""

from __future__ import annotations

from bench.common import Result, median_time


def run(args) -> list[Result]:
    from tests.helpers.urgency_corpus import CORPUS
    from tui.core.urgency import read

    marked = [case for case in CORPUS if case.level]
    plain = [case for case in CORPUS if not case.level]
    found = sum(1 for case in marked if read(case.title, case.body).level)
    exact = sum(1 for case in marked if read(case.title, case.body).level == case.level)
    false = sum(1 for case in plain if read(case.title, case.body).level)
    uncached = read.__wrapped__  # the list's cache would time a dict lookup, not the reading
    per_pass = median_time(args.repeats, lambda: [uncached(case.title, case.body) for case in CORPUS])
    return [
        Result(f"flash and urgent items found ({len(marked)} in the corpus)", 100 * found / len(marked), "%",
               limit=95, higher_is_better=True, command="python -m bench urgency"),
        Result("of those, at the right level", 100 * exact / len(marked), "%"),
        Result(f"false ones among {len(plain)} hard negatives", false, "items", limit=1),
        Result("reading one item (title and body start)", per_pass / len(CORPUS) * 1e6, "µs",
               note="uncached; the list caches 8,192 readings"),
    ]
