"""Which items are new versions of an agency's earlier item, read from the markers agencies put on them.

A version marker stands where the agency puts it, in its own form: Reuters' ``UPDATE 1-``, ``REFILE-`` and
``CORRECTED-`` heads, AP's ``Correction:``, dpa's ``Berichtigung:`` and trailing ``(Neu: ...)``, ANP's
``(bijgewerkt)``. The same words elsewhere are ordinary words: "Software update bricks phones", "Correction
officers strike", a newsletter's "Update: your morning briefing". A FACTBOX or a live page belongs to the event and
replaces nothing. An urgent one-liner (``URGENT -``, ``SPOED:``, ``EILMELDUNG:``) is replaced by the full story
from the same agency.
"""

from __future__ import annotations

import re
from enum import Enum


class Kind(Enum):
    """What an item is to its agency's chain."""

    STORY = "story"
    UPDATE = "updated"
    CORRECTION = "correction"
    URGENT = "urgent"  # a one-liner that the full story replaces
    COMPANION = "companion"  # factbox, live page, explainer: belongs to the event, replaces nothing


_HEADS = (
    (re.compile(r"^(?:UPDATE\s*\d+|REFILE)\s*-\s*"), Kind.UPDATE),
    (re.compile(r"^(?:CORRECTED|CORRECTION|CORRECTIE)\s*-\s*|^(?:Correction|Correctie|Berichtigung|Korrektur):\s*"),
     Kind.CORRECTION),
    (re.compile(r"^(?:URGENT|FLASH|BREAKING|SPOED|EILMELDUNG|Eilmeldung|Eil)\s*(?:[-:]|\+\+\+)\s*"), Kind.URGENT),
    (re.compile(r"^(?:FACTBOX|EXPLAINER|ANALYSIS|TIMELINE|LIVE|Live|Liveblog|LIVEBLOG)\s*[-:]\s*"),
     Kind.COMPANION),
)
_TAILS = (
    (re.compile(r"\s*\((?:update|updated|bijgewerkt|neu|Neu:[^)]*|aktualisiert|actualisé|mise à jour)\)\s*$", re.I),
     Kind.UPDATE),
    (re.compile(r"\s*\((?:gecorrigeerd|correctie|correction|corrected|berichtigt|korrigiert|rectifié)\)\s*$", re.I),
     Kind.CORRECTION),
)


def kind(title: str) -> Kind:
    """The item's place in its agency's chain, from the markers on its title."""
    for pattern, found in _HEADS:
        if pattern.match(title):
            return found
    for pattern, found in _TAILS:
        if pattern.search(title):
            return found
    return Kind.STORY


def bare_title(title: str) -> str:
    """The headline without its version or urgency marker, for comparing an item with its earlier versions."""
    for pattern, _ in _HEADS:
        title = pattern.sub("", title, count=1)
    for pattern, _ in _TAILS:
        title = pattern.sub("", title, count=1)
    return title.strip().casefold()


def is_version(found: Kind) -> bool:
    return found in (Kind.UPDATE, Kind.CORRECTION)
