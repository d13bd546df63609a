"""UI strings in English and Dutch. English text is the key; Dutch is looked up.

Relative times come from babel in the same language (tui.core.timefmt)."""

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
    "Narrower list": "Smallere lijst",
    "Wider list": "Bredere lijst",
    "No browser could open": "Geen browser kon openen:",
    "y copies it": "y kopieert hem",
    "Exported to": "Geëxporteerd naar",
    "Full text": "Volledige tekst",
    "Full text fetched": "Volledige tekst opgehaald",
    "from": "van",
    "Fetching the full text from": "Volledige tekst ophalen van",
    "No web link to fetch": "Geen weblink om op te halen",
    "Already fetching this page": "Deze pagina wordt al opgehaald",
    "Nothing to undo": "Niets om terug te draaien",
    "Polling now…": "Nu ophalen…",
    "Polling is off (--no-poll)": "Ophalen staat uit (--no-poll)",
    "Feed list not re-read": "Feedlijst niet opnieuw gelezen",
    "added": "toegevoegd",
    "removed": "verwijderd",
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
    "Urgent": "Spoed",
    "URGENT": "SPOED",
    "Theme": "Thema",
    # Textual's own palette entries
    "Change the current theme": "Het thema van de desk wisselen",
    "Quit the application as soon as possible": "wiredesk meteen afsluiten",
    "Minimize": "Verkleinen",
    "Minimize the widget and restore to normal size": "Het paneel terug op zijn gewone grootte",
    "Maximize": "Maximaliseren",
    "Maximize the focused widget": "Het actieve paneel schermvullend",
    "Screenshot": "Schermafdruk",
    "Save an SVG 'screenshot' of the current screen": "Het scherm bewaren als SVG-afbeelding",
    "Read-only": "Alleen lezen",
    # The help screen (key names stay English, as in the footer)
    "wiredesk keys": "wiredesk-toetsen",
    "Esc closes": "Esc sluit",
    "Wire list": "Berichtenlijst",
    "Desk": "Desk",
    "Everywhere": "Overal",
    "Next item": "Volgend bericht",
    "Previous item": "Vorig bericht",
    "First item": "Eerste bericht",
    "Last item": "Laatste bericht",
    "Keys": "Toetsen",
    "Read/unread": "Gelezen/ongelezen",
    "Unread only": "Alleen ongelezen",
    "Search": "Zoeken",
    "Group by": "Groeperen op",
    "Poll": "Nu ophalen",
    "Feeds": "Feeds",
    "Pane": "Ander paneel",
    "Read article": "Artikel lezen",
    "Back to the list": "Terug naar de lijst",
    "Scroll": "Artikel verder",
    "Scroll up": "Artikel terug",
    "Quit": "Stoppen",
    "Mark group read": "Groep gelezen",
    "Collapse group": "Groep in- of uitklappen",
    "Refresh group order": "Groepsvolgorde verversen",
    "Expand story": "Verhaal open- of dichtklappen",
    "Stories on/off": "Verhalen aan/uit",
    "Stories on": "Verhalen aan",
    "Stories off": "Verhalen uit: elk bericht een eigen regel",
    "updated": "bijgewerkt",
    "correction": "correctie",
    "superseded": "vervangen",
    "Also": "Ook",
    "earlier": "eerder",
    "same minute": "zelfde minuut",
    "Previous carrier": "Vorig persbureau van het verhaal",
    "Next carrier": "Volgend persbureau van het verhaal",
    "Undo bulk marks": "Groepsmarkering terugdraaien",
    "Star": "Ster",
    "Starred only": "Alleen met ster",
    "Open link": "Link openen",
    "Copy link": "Link kopiëren",
    "Export as Markdown": "Exporteren als Markdown",
    "Fetch full text": "Volledige tekst ophalen",
    "Command palette: actions, themes": "Opdrachtpalet: acties, thema's",
    "Search: keep the filter": "Zoeken: filter houden",
    "Search: clear it; close a screen": "Zoeken: wissen; scherm sluiten",
    # The command palette
    "Search for commands…": "Zoek een opdracht…",
    "Search for themes…": "Zoek een thema…",
    "key": "toets",
    "Mark all read": "Alles gelezen",
    "every item in the list; U undoes": "elk bericht in de lijst; U draait terug",
    "Only this feed": "Alleen deze feed",
    "Only this agency": "Alleen dit agentschap",
    "Only this place": "Alleen deze plaats",
    "show only the current item's feed": "toon alleen de feed van dit bericht",
    "show only the current item's agency": "toon alleen het agentschap van dit bericht",
    "show only the current item's place": "toon alleen de plaats van dit bericht",
    "Clear filters": "Filters wissen",
    "unread only, starred only, search and only-this": "alleen ongelezen, alleen met ster, zoeken en alleen-deze",
    # The feed screen
    "Status": "Status",
    "Last ok": "Laatst ok",
    "Last error": "Laatste fout",
    "Items": "Items",
    "Next poll": "Volgende",
    "ETag": "ETag",
    "Feed": "Feed",
    "ok": "ok",
    "failing": "faalt",
    "waiting": "wacht",
    "never": "nooit",
    "moved to": "verhuisd naar",
    "file": "bestand",
    "yes": "ja",
    "no": "nee",
    "The cache is read-only: marks and new items are not saved":
        "De cache is alleen-lezen: markeringen en nieuwe berichten worden niet bewaard",
}


# The footer's Dutch is shorter than help's: seven keys and the palette fit 80 columns.
FOOTER_DUTCH = {"Read/unread": "Gelezen", "Unread only": "Ongelezen", "Group by": "Groeperen", "Quit": "Stop"}


def tr(lang: str, text: str) -> str:
    return DUTCH.get(text, text) if lang == "nl" else text


def footer_label(lang: str, text: str) -> str:
    return FOOTER_DUTCH.get(text) or tr(lang, text) if lang == "nl" else text


def language(configured: str | None, demo: bool) -> str:
    """The config's language; else Dutch for the (Dutch) demo wire; else the locale's, else English."""
    if configured:
        return configured
    if demo:
        return "nl"  # the bundled wire is an ANP page: it starts in its own language
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if not value:
            continue
        # The first one set decides, as in C's setlocale: LC_ALL=C overrides an nl_NL LANG.
        if value in ("C", "POSIX") or value.startswith("C."):
            break
        return "nl" if value.lower().startswith("nl") else "en"
    return "en"
