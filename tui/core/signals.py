"""What survives translation in a wire item: its dateline place, names, numbers, and (within a language) words.

`signals(item)` reads these once per item from its title and summary; `tui.core.stories` compares them.
Names are capitalised words that do not open a sentence, keyed so that transliterations meet (Klitschko,
Klitsjko; Selenskyj, Zelenskiy) and places and countries by their gazetteer keys (MOSKOU and MOSCOW).
"""

from __future__ import annotations

import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from tui.core import dateline
from tui.core.gazetteer import fold, place_keys
from tui.core.items import Item

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?")
_OPENERS = tuple('.!?:;"“”„«»(') + ("-", "–", "—")
_THOUSANDS = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_TITLE_NUMBER = re.compile(r"(?<![\d.,])\d{1,6}(?![\d.,]\d)")
_POSSESSIVE = ("'s", "’s")

# Words that carry no event: articles, pronouns, auxiliaries, days and months, in the four wire languages.
_STOP = frozenset(fold(w) for w in """
the and for with from that this have been were will would said says after before over into their there which
about than more also only other they when while against under between during could should since today
de het een van en voor met aan naar door over bij zijn heeft hebben wordt werd worden maar ook nog niet
volgens tegen onder tussen tijdens omdat zoals zegt meldt aldus
der die das und mit von dem den des ein eine einer einem eines nicht sich sind wird wurde wurden hat haben
nach durch gegen unter zwischen seit sagte teilte
le la les des une dans pour avec sur par est sont été avait selon après avant entre contre lors leurs
monday tuesday wednesday thursday friday saturday sunday maandag dinsdag woensdag donderdag vrijdag zaterdag
zondag montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi
dimanche january february march april june july august september october november december januari
februari maart augustus oktober januar februar juli oktober dezember janvier fevrier mars avril juin
juillet aout septembre octobre novembre decembre
president minister premier prime chief mayor burgemeester bundeskanzler präsident chancelier
american british dutch german french russian ukrainian european chinese japanese spanish polish turkish
italian belgian greek indian israeli iranian
""".split())
_AGENCY = {"reuters": "RTR", "rtr": "RTR", "ap": "AP", "afp": "AFP", "dpa": "DPA", "anp": "ANP"}
# One organisation, several acronyms: the few that wires write in their own language.
_ALIASES = {"navo": "nato", "otan": "nato", "vn": "un", "onu": "un", "uno": "un", "ezb": "ecb", "bce": "ecb",
            "ue": "eu", "oms": "who", "wgo": "who"}
_NUMBER_WORDS = {fold(w): n for n, words in (
    (3, "three drie drei trois"), (4, "four vier quatre"), (5, "five vijf fünf cinq"), (6, "six zes sechs"),
    (7, "seven zeven sieben sept"), (8, "eight acht huit"), (9, "nine negen neun neuf"), (10, "ten tien zehn dix"),
    (11, "eleven elf onze"), (12, "twelve twaalf zwölf douze"), (15, "fifteen vijftien fünfzehn quinze"),
    (20, "twenty twintig zwanzig vingt"),
) for w in words.split()}
_LANGUAGE_MARKS = {
    "en": frozenset("the and of to was is in on".split()),
    "nl": frozenset("het een van zijn niet ook bij voor naar".split()),
    "de": frozenset("der die das und ist von im mit den".split()),
    "fr": frozenset("le la les des une est du dans pour sur au".split()),
}


_T = TypeVar("_T")
# CPython makes a new empty frozenset each time (216 bytes): most items have no names or numbers.
_NONE: frozenset[Any] = frozenset()


def _set(values: Iterable[_T]) -> frozenset[_T]:
    return frozenset(values) or _NONE


@dataclass(frozen=True, slots=True)
class Signals:
    """An item's evidence for folding. Names map each name's key to itself or to its gazetteer keys."""

    lang: str
    places: frozenset[str]  # the dateline's places, as gazetteer keys (or folded spellings)
    names: tuple[frozenset[str], ...]  # one set of keys per distinct name
    name_keys: frozenset[str]  # all of `names` at once, for lookups
    numbers: frozenset[str]  # "n:12", and "s:3" for small, weak numbers
    title_numbers: frozenset[int]  # every whole number in the headline, as written ("Story 03", "Game 2")
    words: frozenset[str] | tuple[str, ...]  # content-word stems (a tuple once kept: see `kept`)
    shingles: frozenset[int] | array[int]  # hashed word trigrams of the lead: copies share most of them
    agency: str  # the chain an item's versions follow: the dateline's first agency, else the feed


def kept(found: Signals) -> Signals:
    """The signals a recent item keeps for the folding window: words as a tuple and shingles as an array, at a
    sixth of their sets' memory (a desk polling 50 busy feeds keeps thousands). A new item keeps its sets while
    it is matched: `frozenset.intersection` takes either form."""
    return replace(found, words=tuple(found.words), shingles=array("q", found.shingles))


def agency_of(item: Item) -> str:
    if item.agencies:
        first = item.agencies[0].casefold()
        return _AGENCY.get(first, first.upper())
    return f"feed:{item.feed}"


def _number(token: str) -> str | None:
    if _THOUSANDS.fullmatch(token):
        return "n:" + re.sub(r"[.,]", "", token)
    if _YEAR.fullmatch(token):
        return None  # years are in every kind of story
    value = float(token.replace(",", "."))
    text = f"{value:g}"
    if value <= 2 and token.isdigit():
        return None  # one and two are in every other sentence
    return _small(value) if value.is_integer() and value <= 10 else "n:" + text


def _small(value: float) -> str:
    return f"{'s' if value <= 10 else 'n'}:{value:g}"


def _lead(item: Item) -> str:
    found = dateline.parse(item.summary)
    return found.body if found else item.summary


def _place_set(name: str) -> frozenset[str]:
    return place_keys(name) or frozenset((fold(name),))


def signals(item: Item) -> Signals:
    lead = _lead(item)
    names: set[frozenset[str]] = set()
    numbers: set[str] = set()
    words: set[str] = set()
    plain: list[str] = []
    for text in (item.title, lead):
        run: list[frozenset[str]] = []  # the keys of consecutive capitalised words: one name
        for match in _TOKEN.finditer(text):
            token = match.group()
            keys = None
            if token[0].isupper():  # most words are not: no name, and no look back
                start = match.start()
                starts = start < 2 or text[max(0, start - 4): start].rstrip().endswith(_OPENERS)
                keys = _name_keys(token, starts)
                if starts and run:
                    _end_name(names, run)
            if keys is not None:
                run.append(keys)
            elif run:
                _end_name(names, run)
            if token[0].isdigit():
                number = _number(token)
                if number:
                    numbers.add(number)
                continue
            folded = token.casefold() if token.isascii() else fold(token)
            plain.append(folded)
            if folded in _NUMBER_WORDS:
                numbers.add(_small(_NUMBER_WORDS[folded]))
            if len(folded) >= 5 and folded not in _STOP and not keys:
                words.add(sys.intern(folded[:6]))  # one copy of each stem, however many items use it
        _end_name(names, run)
    counts = Counter(plain)
    marks = {lang: sum(counts.get(w, 0) for w in m) for lang, m in _LANGUAGE_MARKS.items()}
    places = _set(k for place in item.places for k in _place_set(place))
    name_sets = tuple(names)
    return Signals(
        lang=max(marks, key=marks.__getitem__),
        places=places,
        names=name_sets,
        name_keys=_set(k for keys in name_sets for k in keys),
        numbers=_set(numbers),
        title_numbers=_set(int(n) for n in _TITLE_NUMBER.findall(item.title)),
        words=_set(words),
        shingles=_set(map(hash, zip(plain, plain[1:], plain[2:], strict=False))) if lead else _NONE,
        agency=agency_of(item),
    )


def _name_keys(token: str, starts: bool) -> frozenset[str] | None:
    """The keys of `token` if it is a name: capitalised, not opening a sentence (unless a known place), not a
    stop word. German genitives (Spaniens) and English possessives (Amsterdam's) lose their s."""
    word = token[:-2] if token.endswith(_POSSESSIVE) else token
    if not word[:1].isupper() or len(word) < 2:
        return None
    folded = fold(word)
    if folded in _STOP or folded in _AGENCY:
        return None
    places = place_keys(word) or (place_keys(word[:-1]) if folded.endswith("s") and len(folded) > 4 else None)
    if places:
        return places
    if (not starts and len(folded) >= 3) or word.isupper():
        return frozenset((_ALIASES.get(folded) or skeleton(folded),))
    return None


def _end_name(names: set[frozenset[str]], run: list[frozenset[str]]) -> None:
    if run:
        names.add(frozenset().union(*run))
        run.clear()


_SOUNDS = (("tsch", "c"), ("oe", "u"), ("tch", "c"), ("tsj", "c"), ("sch", "s"), ("sh", "s"), ("sj", "s"), ("ch", "k"),
           ("ck", "k"), ("ph", "f"), ("gu", "g"), ("ou", "u"), ("w", "v"), ("y", "i"), ("j", "i"), ("z", "s"),
           ("c", "k"), ("q", "k"))


def skeleton(name: str) -> str:
    """A spelling key that transliterations share: Klitschko and Klitsjko, Gerasimova and Guerassimova."""
    for old, new in _SOUNDS:
        name = name.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", name)
