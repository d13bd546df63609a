"""Article extraction on the corpus of real-shaped pages (tests/helpers/pages.py): what is kept, what leaks, and
the time per page; readability-lxml beside it for comparison when it is installed (it is not a dependency)."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable

from bench.common import Result
from tests.helpers.pages import PAGES
from tui.core.items import html_to_text

_SPACES = re.compile(r"\s+")
_ACTIVE = re.compile(r"<(?:script|iframe|frame|form|input|style|object|embed)\b|\son\w+\s*=", re.I)


def _score(name: str, extract: Callable[[str], str], repeats: int) -> list[Result]:
    kept = total = leaks = 0
    worst_leaks = active = 0
    seconds = 0.0
    for page in PAGES:
        times = []
        for _ in range(repeats):
            began = time.perf_counter()
            found = extract(page.html)
            times.append(time.perf_counter() - began)
        seconds += sorted(times)[len(times) // 2]
        text = _SPACES.sub(" ", html.unescape(html_to_text(found)))
        kept += sum(sentence in text for sentence in page.keep)
        total += len(page.keep)
        leaked = sum(piece in text for piece in page.boilerplate)
        leaks += leaked
        # Scripts, frames, forms and event attributes in the kept HTML, and the hostile page's payloads anywhere.
        active += len(_ACTIVE.findall(found)) + sum(piece in found or piece in text for piece in page.never)
        worst_leaks = max(worst_leaks, leaked)
    pages = len(PAGES)
    return [
        Result(f"{name}: must-keep sentences kept", round(100 * kept / total, 1), "%",
               limit=90 if name == "wiredesk" else None, higher_is_better=True),
        Result(f"{name}: boilerplate leaks per page (mean)", round(leaks / pages, 2), "pieces"),
        Result(f"{name}: boilerplate leaks on the worst page", worst_leaks, "pieces",
               limit=1 if name == "wiredesk" else None),
        Result(f"{name}: script, iframe, form and event-attribute pieces kept", active, "pieces",
               limit=0 if name == "wiredesk" else None),
        Result(f"{name}: time per page (median of {repeats}, mean over {pages} pages)",
               round(1000 * seconds / pages, 1), "ms"),
    ]


def run(args) -> list[Result]:
    from tui.fetch.extract import extract_page

    results = _score("wiredesk", lambda page: extract_page(page).html, args.repeats)
    try:
        from readability import Document
    except ImportError:
        return results
    return results + _score("readability-lxml", lambda page: Document(page).summary(html_partial=True), args.repeats)
