"""The list's compact columns: a short agency form and a short age, so the headline takes the rest."""

from __future__ import annotations

from collections.abc import Sequence

AGENCY_COLUMN = 5  # "ANP", "RTR+2", "BELG…"
AGE_COLUMN = 3  # "3m", "22h", "6d", "now"
# Agencies as the wires abbreviate them; the rest keep their name, cut short.
SHORT_NAMES = {
    "reuters": "RTR", "associated press": "AP", "agence france-presse": "AFP", "bloomberg": "BBG",
    "deutsche presse-agentur": "DPA", "dpa": "DPA", "belga": "BLG", "ansa": "ANSA", "efe": "EFE",
}
UNITS = {"en": ("now", "m", "h", "d", "w"), "nl": ("nu", "m", "u", "d", "w")}


def short_agency(agencies: Sequence[str]) -> str:
    """ "ANP", "RTR", "ANP+2" (two more follow); at most AGENCY_COLUMN cells."""
    if not agencies:
        return ""
    first = agencies[0]
    short = SHORT_NAMES.get(first.casefold(), first)
    more = f"+{len(agencies) - 1}" if len(agencies) > 1 else ""
    room = AGENCY_COLUMN - len(more)
    if len(short) > room:
        short = short[: room - 1] + "…"
    return short + more


def column(text: str, width: int) -> str:
    """`text` in a column `width` characters wide (`wiredesk list`): padded, or cut with "…" so it says so."""
    return f"{text:<{width}}" if len(text) <= width else text[: width - 1] + "…"


def age(seconds: float, lang: str = "en") -> str:
    """ "now", "3m", "2h", "1d", "5w": whole units, rounded down, at most AGE_COLUMN cells up to 999 weeks."""
    now, minute, hour, day, week = UNITS.get(lang, UNITS["en"])
    seconds = int(max(0.0, seconds))
    for size, unit in ((7 * 86400, week), (86400, day), (3600, hour), (60, minute)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return now
