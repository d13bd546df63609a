"""What a recent item keeps for the folding window: the same evidence as its fresh signals, in less memory."""

from __future__ import annotations

import sys
from array import array

import pytest

from tests.helpers.story_corpus import corpus
from tui.core.signals import Signals, kept, signals

FRESH = [signals(wire.item()) for wire in corpus()]


def _size(found: Signals) -> int:
    """The bytes of words and shingles, less the word strings (the same objects in both forms)."""
    hashes = 0 if isinstance(found.shingles, array) else sum(sys.getsizeof(h) for h in found.shingles)
    return sys.getsizeof(found.words) + sys.getsizeof(found.shingles) + hashes


@pytest.mark.parametrize("fresh", FRESH, ids=[wire.key for wire in corpus()])
def test_kept_signals_hold_the_same_evidence(fresh: Signals) -> None:
    stored = kept(fresh)
    assert set(stored.words) == fresh.words and len(stored.words) == len(fresh.words)
    assert set(stored.shingles) == fresh.shingles and len(stored.shingles) == len(fresh.shingles)
    assert (stored.places, stored.name_keys, stored.numbers, stored.agency) == (
        fresh.places, fresh.name_keys, fresh.numbers, fresh.agency)


def test_kept_signals_take_under_a_fifth_of_the_sets_memory() -> None:
    assert sum(_size(kept(fresh)) for fresh in FRESH) < sum(_size(fresh) for fresh in FRESH) / 5
