"""Read the dateline at the head of a wire story.

``KYIV (ANP/RTR) - Het leger...`` becomes places ``("KYIV",)``, agencies
``("ANP", "RTR")`` and the body after the dash.

Rules, in the order they apply:

* Only the first ``WINDOW`` characters are examined; leading whitespace
  (including NBSP and newlines) is skipped.
* An optional prefix may stand in front: a relative time as news sites list
  it, Dutch or English, glued or spaced (``20 minuten geleden``,
  ``2 hours ago``), or a date (``4 maart``, ``Mar 4, 2024``) followed by
  whitespace.
* A place is 1-3 words of letters, where a word may contain hyphens,
  apostrophes and dots (``MEXICO-STAD``, ``'S-HERTOGENBOSCH``, ``ST. LOUIS``)
  and has at least two letters in all.  Several places are joined by ``/``.
* Agencies are 1-6 tokens of 2-12 letters joined by ``/`` inside
  parentheses; a group holding commas, spaces between words or digits is not
  an agency list.  ``, <region or date>`` (1-4 short tokens) may follow the
  first place only when an agency group follows.
* The separator is ``-``, ``--``, en dash or em dash.  After an agency group
  it may be spaced or not (EFE writes ``).-``); without one it needs
  whitespace on both sides, so compounds such as ``VVD-Kamerlid`` never split.
* An all-caps place may stand with or without an agency.  A place in mixed
  case must start with a capital and name a known wire agency, because
  ``Rutte (VVD) - ...`` is a politician and his party, not a dateline.
* Headline kickers (``BREAKING NEWS - ``, ``LIVE - ``) are not places.
* Without an agency the shape alone is weak evidence, so more must hold: the
  text after the dash starts a sentence (a capital or a digit), and no place
  is an organisation or a word that headlines use (``NATO - leaders agree``,
  ``EU - Mercosur deal``, ``THE END - ``, ``OK - fine``).
"""

import re
from dataclasses import dataclass

__all__ = ["WINDOW", "Dateline", "find", "parse"]

WINDOW = 300

_LETTER = r"[^\W\d_]"
_HSPACE = r"[ \t\xa0]"

# Atomic words and possessive repeats: nothing can be re-split on failure,
# so the match is linear in the window whatever the input.
_WORD = rf"(?>['’]?{_LETTER}++(?:[-'’.]{_LETTER}++)*+\.?+)"
_PLACE = rf"{_WORD}(?:{_HSPACE}{_WORD}){{0,2}}"
_REGION = r"(?>[^\W_]++\.?+)(?:[ ,\xa0]++(?>[^\W_]++\.?+)){0,3}"
_AGENCY = rf"{_LETTER}{{2,12}}+"
_DASH = r"(?:--|[-–—])"

_UNITS_NL = r"seconden?|minuut|minuten|uur|dagen|dag|weken|week|maanden|maand|jaar"
_UNITS_EN = r"seconds?|minutes?|hours?|days?|weeks?|months?|years?"
_RELATIVE = (
    rf"(?i:(?:\d{{1,3}}\s*+|een\s++)(?:{_UNITS_NL})\s*+geleden"
    rf"|(?:\d{{1,3}}\s*+|an?\s++)(?:{_UNITS_EN})\s++ago)"
)
_MONTH = (
    r"(?i:januari|februari|maart|april|mei|juni|juli|augustus|september"
    r"|oktober|november|december|january|february|march|may|june|july"
    r"|august|october|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct"
    r"|nov|dec)\.?"
)
_DATE = (
    rf"(?:\d{{1,2}}\s++{_MONTH}|{_MONTH}\s++\d{{1,2}}(?:st|nd|rd|th)?,?)"
    rf"(?:\s++\d{{4}})?"
)

_DATELINE = re.compile(
    rf"""
    \s*+
    (?:{_RELATIVE}\s*+|{_DATE}\s++)?
    (?P<places>{_PLACE}(?:\s*+/\s*+{_PLACE}){{0,3}})
    (?:
        (?:,{_HSPACE}*+{_REGION})?
        {_HSPACE}*+\(\s*+(?P<agencies>{_AGENCY}(?:\s*+/\s*+{_AGENCY}){{0,5}})\s*+\)
        {_HSPACE}*+\.?+{_HSPACE}*+{_DASH}
      |
        {_HSPACE}++{_DASH}(?!\S)
    )
    """,
    re.VERBOSE,
)

# An elided Dutch article ('s-Hertogenbosch, 't Zandt) is lower case by rule.
_ELISION = re.compile(r"['’][st][- ]")

_KNOWN_AGENCIES = frozenset(
    """
    aa aap afp afx ansa anp antara ap apa ats belga bernama bna bta ctk dpa
    efe epd gpd hina ians interfax irna jiji kna kuna kyodo lusa mena mti ntb
    pa pap pti qna reuters ria ritzau rtr sda spa stt tanjug tass tt ukrinform
    unian upi wafa wam xinhua yonhap
    """.split()
)

_KICKERS = frozenset(
    {
        "ANALYSE", "ANALYSIS", "BREAKING", "BREAKING NEWS", "BREAKING NIEUWS",
        "COLUMN", "CORRECTIE", "CORRECTION", "EXCLUSIEF", "EXCLUSIVE",
        "EXPLAINER", "FACTBOX", "FLASH", "FOTO", "FOTO'S", "INTERVIEW", "LIVE",
        "OPINIE", "OPINION", "PODCAST", "RECENSIE", "REFILE", "REVIEW",
        "UPDATE", "URGENT", "VIDEO", "WATCH", "RECAP", "NEWS", "NIEUWS", "POLL",
        "ACHTERGROND", "TIJDLIJN", "UITGELICHT", "OVERZICHT", "SAMENVATTING",
    }
)

# Only where no agency vouches for the place: capitals that head a headline, not a dateline.
_NOT_REGIONAL = frozenset(
    """
    AI AND DE EEN EN EU G7 G20 HET IMF IS NAVO NATO OK OPEC THE TV UN US USA VN VS WHO
    """.split()
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """Places upper-cased (accents kept), agencies as written, body after the dash."""

    places: tuple[str, ...]
    agencies: tuple[str, ...]
    body: str


def _starts_capitalised(place: str) -> bool:
    elided = _ELISION.match(place)
    rest = place[elided.end():] if elided else place
    return rest[:1].isupper()


def parse(text: str | None) -> Dateline | None:
    if not text:
        return None
    match = _DATELINE.match(text, 0, WINDOW)
    if match is None:
        return None

    places = tuple(" ".join(p.split()) for p in match["places"].split("/"))
    raw_agencies = match["agencies"]
    agencies = tuple(a.strip() for a in raw_agencies.split("/")) if raw_agencies else ()

    for place in places:
        if sum(c.isalpha() for c in place) < 2 or place.upper() in _KICKERS:
            return None
    body = text[match.end():].lstrip()
    if not agencies and not _regional(places, body):
        return None
    if not all(place.isupper() for place in places):
        if not any(a.casefold() in _KNOWN_AGENCIES for a in agencies):
            return None
        if not all(_starts_capitalised(place) for place in places):
            return None

    return Dateline(
        places=tuple(place.upper() for place in places),
        agencies=agencies,
        body=body,
    )


def _regional(places: tuple[str, ...], body: str) -> bool:
    """A dateline that names no agency: ``GOES - Een brand``, not ``NATO - leaders agree``."""
    first = body.lstrip("\"'“‘„«(")[:1]  # a story may open on a quote
    if not (first.isupper() or first.isdigit()):
        return False
    return not any(word in _NOT_REGIONAL for place in places for word in place.upper().split())


def find(*texts: str | None) -> Dateline | None:
    """Return the first dateline found, trying ``texts`` in order."""
    for text in texts:
        dateline = parse(text)
        if dateline is not None:
            return dateline
    return None
