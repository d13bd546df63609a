"""Stories: the items that report one event, across feeds, agencies and languages, folded online.

Each new item joins the story whose items it matches best, or starts its own; a story's id is the id of the item
that started it, so it never changes. Precision comes first: a wrongly hidden story is worse than a duplicate
row, so a match needs several kinds of evidence at once (see `match`). Within a story, a marked version
(`tui.core.versions`) supersedes the newest earlier item of the same agency chain.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from itertools import chain, islice
from typing import NamedTuple, TypeVar

from tui.core import versions
from tui.core.items import Item
from tui.core.signals import Signals, kept, signals
from tui.core.versions import Kind

_T = TypeVar("_T")
WINDOW = 36 * 3600.0  # items further apart never fold
THRESHOLD = 3.0  # evidence a match needs (see `match`)
COPY = 0.6  # share of the shorter lead's word trigrams that makes a copy
_CANDIDATES = 20  # items scored in full per new item: those sharing the most keys (10 fold the corpus alike)
_PER_KEY = 64  # a key many recent items share ranks only the last added (newest): older ones lose on time anyway
_SPECIFIC_WORDS = 0.5  # shared words worth this much are evidence beyond places
_URGENT_FOLLOW = 3 * 3600.0  # the full story follows an urgent one-liner within this


class StoryLink(NamedTuple):
    """What the cache keeps of an item's folding: its story, and the item it supersedes."""

    story: str
    supersedes: str | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where an item went: its story, the item it supersedes (same agency), and what it is to its chain."""

    story: str
    supersedes: str | None
    kind: Kind


@dataclass(slots=True)
class _Member:
    id: str
    published: float
    feed: str
    signals: Signals
    kind: Kind
    bare_title: str
    story: str
    superseded: bool = False


def _countries(keys: frozenset[str]) -> bool:
    return all(key.startswith("country:") for key in keys)


def _geographic(keys: frozenset[str]) -> bool:
    return all(key.startswith(("city:", "country:")) for key in keys)


def _templated(new: _Member, old: _Member) -> bool:
    """One source's two headlines on one pattern with other numbers: two events (results, stories 3 and 4).

    An agency's own later item on an event with new figures comes as a marked version, not as this."""
    a, b = new.signals, old.signals
    return (a.agency == b.agency and new.kind == old.kind == Kind.STORY
            and bool(a.title_numbers) and bool(b.title_numbers) and not a.title_numbers & b.title_numbers)


def _shared(new: Collection[_T], old: Collection[_T]) -> int:
    """How many elements two items share; the new item's are a set (see `signals.kept`)."""
    return len((new if isinstance(new, frozenset) else frozenset(new)).intersection(old))


def _copy(a: Signals, b: Signals) -> bool:
    shorter = min(len(a.shingles), len(b.shingles))
    return shorter >= 6 and _shared(a.shingles, b.shingles) >= COPY * shorter


def match(new: _Member, old: _Member) -> float:
    """Evidence that two items report one event; THRESHOLD or more folds them.

    A copy (most of the shorter lead's word trigrams) is enough alone. Otherwise each kind of evidence adds:
    the dateline place, each shared name (a place named in the text counts as a name), each shared distinctive
    number, and word overlap within one language; a different dateline place and time apart take away."""
    a, b = new.signals, old.signals
    hours = abs(new.published - old.published) / 3600.0
    if hours * 3600.0 > WINDOW:
        return 0.0
    if _templated(new, old):
        return 0.0
    # One feed's items sharing a lead under other headlines are boilerplate or a template, not copies.
    same_feed = new.feed == old.feed
    if (not same_feed or new.bare_title == old.bare_title) and _copy(a, b):
        return THRESHOLD + 1.0
    if a.agency == b.agency and new.bare_title == old.bare_title and new.kind != Kind.STORY:
        return THRESHOLD + 1.0  # one agency's marked version of its own headline
    score = 0.0
    if a.places & b.places:
        score += 1.5
    elif a.places & b.name_keys or b.places & a.name_keys:
        score += 0.5  # one wire datelines from the capital, the other from the place it names
    elif a.places and b.places:
        score -= 0.5
    specific = False  # evidence beyond geography: a name that is no place, a distinctive number, shared words
    if not a.name_keys.isdisjoint(b.name_keys):
        german = a.lang == b.lang == "de"  # German capitalises every noun: its shared "names" are weaker
        datelines = a.places | b.places
        for keys in a.names:
            common = keys & b.name_keys
            if common and not keys & datelines:  # the dateline place counted once, above
                score += 0.5 if german or _countries(common) else 1.0
                specific = specific or not _geographic(common)
    for number in a.numbers & b.numbers:
        score += 0.5 if number.startswith("s:") else 1.0
        specific = specific or number.startswith("n:")
    shared = _shared(a.words, b.words)
    if shared:  # Jaccard overlap; a word or two of a short item is chance
        weight = (1.0 if same_feed else 4.0) if a.lang == b.lang else 2.0
        words = weight * (shared / (len(a.words) + len(b.words) - shared)) * min(1.0, shared / 3)
        score += words
        specific = specific or words >= _SPECIFIC_WORDS
    if not specific:  # two events in one region share every place: places alone never fold
        return min(score, THRESHOLD - 0.5)
    if hours > 24:
        score -= 3.0
    elif hours > 12:
        score -= 1.5
    elif hours > 6:
        score -= 0.5
    return score


class Stories:
    """The folding state: recent items' evidence by key, and every item's story."""

    def __init__(self) -> None:
        self._story: dict[str, str] = {}  # item id -> story id, for every item ever added
        self._recent: dict[str, _Member] = {}  # items within WINDOW of the newest, by id
        self._by_key: dict[str, dict[str, None]] = {}  # evidence key -> recent item ids, oldest first
        self._members: dict[str, list[str]] = {}  # story id -> its recent items
        self._expiry: list[tuple[float, str]] = []  # (published, id): a heap, oldest first
        self._newest = 0.0

    def story_of(self, item_id: str) -> str | None:
        return self._story.get(item_id)

    def __len__(self) -> int:
        return len(self._story)

    def add(self, item: Item) -> Assignment:
        """Fold one new item: it joins the best-matching story, or starts one."""
        if item.id in self._story:
            return Assignment(self._story[item.id], None, versions.kind(item.title))
        member = self._member(item, story=item.id)
        best, best_score = None, THRESHOLD
        for other in self._candidates(member):
            score = match(member, other)
            if score >= best_score:
                best, best_score = other, score
        urgent = self._urgent_for(member)
        if best is None and urgent is not None:
            best = urgent
        if best is not None:
            member.story = best.story
        supersedes = self._supersedes(member)
        self._remember(member)
        return Assignment(member.story, supersedes, member.kind)

    def restore(self, item: Item, link: StoryLink) -> None:
        """Take back an item folded earlier (its stored link), so that new items can still join its story.

        Items come back oldest first, as they were folded."""
        if item.id not in self._story:
            self._remember(self._member(item, story=link.story))
            replaced = self._recent.get(link.supersedes or "")
            if replaced is not None:
                replaced.superseded = True

    def take_out(self, item_id: str) -> bool:
        """Take a recent item back out if it is alone in its own story (none joined it, it replaced none), so
        that it can be added again with more text (its page's). An item others joined stays: False."""
        member = self._recent.get(item_id)
        if member is None or member.story != item_id or self._members.get(item_id) != [item_id]:
            return False
        if any(story == item_id and other != item_id for other, story in self._story.items()):
            return False  # one that joined it has left the window since: the story stands
        self._drop(member)
        del self._story[item_id]
        self._expiry.remove((member.published, item_id))
        heapq.heapify(self._expiry)
        return True

    def _member(self, item: Item, story: str) -> _Member:
        kind = versions.kind(item.title)
        return _Member(item.id, item.published, item.feed, signals(item), kind, versions.bare_title(item.title), story)

    @staticmethod
    def _keys(member: _Member) -> set[str]:
        s = member.signals
        return {*s.places, *s.name_keys, *(n for n in s.numbers if n.startswith("n:")), *(f"w:{w}" for w in s.words)}

    def _index_keys(self, member: _Member) -> list[str]:
        """The keys an item is found by: its evidence, and its agency if it is an urgent one-liner (`_urgent_for`)."""
        keys = list(self._keys(member))
        if member.kind == Kind.URGENT:
            keys.append(f"agency:{member.signals.agency}")
        return keys

    def _candidates(self, member: _Member) -> list[_Member]:
        # Keys in a fixed order: candidates that tie then come in the same order whatever the hash seed.
        postings = [ids for key in sorted(self._keys(member)) if (ids := self._by_key.get(key))]
        hits = Counter(chain.from_iterable(islice(reversed(ids), _PER_KEY) for ids in postings))
        best = hits if len(hits) <= _CANDIDATES else (other for other, _ in hits.most_common(_CANDIDATES))
        return [self._recent[other] for other in best]

    def _urgent_for(self, member: _Member) -> _Member | None:
        """The same agency's urgent one-liner that this full story follows, if one is recent and unanswered."""
        if member.kind in (Kind.URGENT, Kind.COMPANION):
            return None
        for other in self._by_key.get(f"agency:{member.signals.agency}", ()):
            prior = self._recent[other]
            if (prior.kind == Kind.URGENT and not prior.superseded
                    and 0 <= member.published - prior.published <= _URGENT_FOLLOW
                    and prior.signals.places & member.signals.places):
                return prior
        return None

    def _supersedes(self, member: _Member) -> str | None:
        """The item this one replaces: the newest unsuperseded item of its agency chain in its story."""
        if not versions.is_version(member.kind) and member.kind != Kind.STORY:
            return None
        chain = [
            self._recent[other] for other in self._members.get(member.story, ())
            if self._recent[other].signals.agency == member.signals.agency
            and not self._recent[other].superseded and self._recent[other].kind != Kind.COMPANION
        ]
        if not versions.is_version(member.kind):
            chain = [prior for prior in chain if prior.kind == Kind.URGENT]  # a full story replaces only these
        chain = [prior for prior in chain if prior.published <= member.published]
        if not chain:
            return None
        # The same feed's item first (ANP's two feeds carry one text twice), then the newest.
        prior = max(chain, key=lambda p: (p.feed == member.feed, p.published))
        prior.superseded = True
        return prior.id

    def _remember(self, member: _Member) -> None:
        member.signals = kept(member.signals)
        self._story[member.id] = member.story
        self._recent[member.id] = member
        self._members.setdefault(member.story, []).append(member.id)
        for key in self._index_keys(member):
            self._by_key.setdefault(key, {})[member.id] = None
        heapq.heappush(self._expiry, (member.published, member.id))
        self._newest = max(self._newest, member.published)
        self._forget_before(self._newest - WINDOW)

    def _forget_before(self, cutoff: float) -> None:
        while self._expiry and self._expiry[0][0] < cutoff:
            _, gone = heapq.heappop(self._expiry)
            self._drop(self._recent[gone])

    def _drop(self, member: _Member) -> None:
        """Forget a recent item's evidence (its story id stays known)."""
        gone = member.id
        del self._recent[gone]
        for key in self._index_keys(member):
            ids = self._by_key.get(key)
            if ids is not None:
                ids.pop(gone, None)
                if not ids:
                    del self._by_key[key]
        members = self._members[member.story]
        members.remove(gone)
        if not members:
            del self._members[member.story]
