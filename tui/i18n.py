"""UI strings in English and Dutch. English text is the key; Dutch is looked up.

Relative times come from babel in the same language (tui.timefmt)."""

from __future__ import annotations

import os

LANGUAGES = ("en", "nl")

DUTCH = {
    "unread": "ongelezen",
    "new": "nieuw",
    "new since you looked": "nieuw sinds je keek",
    "polled": "opgehaald",
    "polling off": "ophalen uit",
    "polling…": "ophalen…",
    "feed failing": "feed faalt",
    "feeds failing": "feeds falen",
    "No item selected.": "Geen bericht gekozen.",
    "Link copied": "Link gekopieerd",
    "Exported to": "Geëxporteerd naar",
    "Nothing to undo": "Niets om terug te draaien",
    "Polling now…": "Nu ophalen…",
    "Polling is off (--no-poll)": "Ophalen staat uit (--no-poll)",
    "place": "plaats",
    "agency": "agentschap",
    "time": "tijd",
    "feed": "feed",
    "flat": "zonder groepen",
    "by place": "op plaats",
    "by agency": "op agentschap",
    "by time": "op tijd",
    "by feed": "op feed",
    "no groups": "zonder groepen",
    "Grouping": "Groepering",
    "starred": "met ster",
    "search titles and articles; Enter keeps it, Esc clears": "zoek in koppen en artikelen; Enter houdt vast, Esc wist",
    "marked read; U undoes": "gelezen gemarkeerd; U draait terug",
    "marked unread; U undoes": "ongelezen gemarkeerd; U draait terug",
    "marked read again": "weer gelezen gemarkeerd",
    "marked unread again": "weer ongelezen gemarkeerd",
    "the list": "de lijst",
    "items of": "berichten van",
    "A damaged cache file was moved aside as": "Een beschadigd cachebestand is opzijgezet als",
    "Feed failing": "Feed faalt",
    "Could not save": "Kon niet opslaan",
    "Alert": "Alarm",
    "Theme": "Thema",
    "Read-only": "Alleen lezen",
    "The cache is read-only: marks and new items are not saved":
        "De cache is alleen-lezen: markeringen en nieuwe berichten worden niet bewaard",
}


def tr(lang: str, text: str) -> str:
    return DUTCH.get(text, text) if lang == "nl" else text


def language(configured: str | None, demo: bool) -> str:
    """The config's language, else the locale's, else Dutch for the (Dutch) demo wire, else English."""
    if configured:
        return configured
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if not value:
            continue
        # The first one set decides, as in C's setlocale: LC_ALL=C overrides an nl_NL LANG.
        if value in ("C", "POSIX") or value.startswith("C."):
            break
        return "nl" if value.lower().startswith("nl") else "en"
    return "nl" if demo else "en"
