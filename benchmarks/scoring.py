"""Scoring of chatbot replies against question-set cases.

Implements the rules of /work/shared/eval/README.md as pure functions, with no
dependency on the ``samantha`` library:

* ``normalise(text)``: the string comparison used everywhere (case-insensitive,
  typographic quotes and apostrophes as plain ones, dashes as hyphens, Markdown
  ``_`` and ``*`` ignored, runs of whitespace as one space);
* ``excerpt_page(excerpt, pages)``: which review page holds an excerpt verbatim
  (parts split on an ellipsis must all be found, in the same page);
* ``score_case(case, reply, pages)``: the checks of one case plus the rules that
  hold for every reply, giving a ``CaseResult``.

``pages`` is a mapping whose keys start with the page's three-character prefix
(a file name such as ``"000_b2ee2825f15f1a83.txt"`` or just ``"000"``) and
whose values are the raw page text; ``load_pages()`` builds it from a folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

__all__ = [
    "FURNITURE",
    "CaseResult",
    "default_pages_dir",
    "load_pages",
    "normalise",
    "split_excerpt",
    "excerpt_pages",
    "excerpt_page",
    "is_verbatim",
    "is_furniture",
    "score_case",
]

# --------------------------------------------------------------------------- #
# Normalisation

_QUOTE_MAP = {
    # single quotes / apostrophes
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u2032": "'", "\u02bc": "'", "\u00b4": "'", "\u0060": "'",
    # double quotes
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    # dashes and hyphens
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2015": "-", "\u2212": "-", "\ufe58": "-",
    "\ufe63": "-", "\uff0d": "-",
    # Markdown emphasis is ignored
    "_": None, "*": None,
    # invisible characters
    "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\u00ad": None,
}
_TRANSLATE = str.maketrans(_QUOTE_MAP)
_WS = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Normalise *text* for comparison.

    Lower-cases, maps typographic quotes and apostrophes to plain ones and every
    dash to ``-``, drops Markdown ``_`` and ``*`` and collapses whitespace runs
    (including no-break spaces and newlines) to one space, stripped at the ends.
    """
    if not text:
        return ""
    text = text.translate(_TRANSLATE)
    text = _WS.sub(" ", text)
    return text.strip().casefold()


# --------------------------------------------------------------------------- #
# Pages

def default_pages_dir(repo_root: str | Path | None = None) -> Path:
    """``../shared/reviews`` next to the repository if it exists, else
    ``knowledge/pages`` inside the repository."""
    root = Path(repo_root) if repo_root else Path(__file__).resolve().parent.parent
    shared = root.parent / "shared" / "reviews"
    if shared.is_dir() and any(shared.glob("*.txt")):
        return shared
    return root / "knowledge" / "pages"


def load_pages(folder: str | Path | None = None) -> dict[str, str]:
    """Read every ``*.txt`` in *folder* into ``{file name: text}``."""
    folder = Path(folder) if folder else default_pages_dir()
    pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    if not pages:
        raise FileNotFoundError(f"no review pages (*.txt) in {folder}")
    return pages


def _prefix(key: str) -> str:
    return Path(key).name[:3]


# --------------------------------------------------------------------------- #
# Excerpts

_ELLIPSIS = re.compile(r"\u2026|\.\.\.")
_ALNUM = re.compile(r"\w")


def split_excerpt(excerpt: str) -> list[str]:
    """Normalised parts of *excerpt*, split on ``…`` or ``...``.

    Empty parts and parts with no letter or digit (left over from an ellipsis
    written as four or five dots) are dropped.
    """
    parts = (p.strip() for p in _ELLIPSIS.split(normalise(excerpt or "")))
    return [p for p in parts if p and _ALNUM.search(p)]


def excerpt_pages(excerpt: str, pages: Mapping[str, str]) -> list[str]:
    """Prefixes of every page that holds all parts of *excerpt* verbatim."""
    parts = split_excerpt(excerpt)
    if not parts:
        return []
    found = []
    for key, text in pages.items():
        page = normalise(text)
        if all(part in page for part in parts):
            prefix = _prefix(key)
            if prefix not in found:
                found.append(prefix)
    return found


def excerpt_page(excerpt: str, pages: Mapping[str, str]) -> str | None:
    """The prefix (``"000"``..) of the first page holding *excerpt* verbatim,
    or ``None`` when no single page holds all of its parts."""
    found = excerpt_pages(excerpt, pages)
    return found[0] if found else None


def is_verbatim(excerpt: str, pages: Mapping[str, str]) -> bool:
    return excerpt_page(excerpt, pages) is not None


# Page furniture: comment forms, login prompts, adverts, front matter, markup.
# The first group is the list given with the question set; the rest are more
# markers of the same kind found in the five pages.
FURNITURE: tuple[str, ...] = (
    "Leave a Reply", "WordPress.com", "Log Out", "people listening", "Subscribe",
    "BFI Southbank", "stackedit", "Fill in your details", "Connecting to",
    "Your email address", "BECOME A BFI MEMBER", "BFI PLAYER", "LiveReviews",
    # comment forms and login prompts
    "click an icon to log in", "You are commenting using", "Facebook account",
    "Facebook photo", "Required fields are marked", "will not be published",
    "responses to \u201cHer", "One thought on \u201cHer", "For Further Reading",
    # adverts and programme-note boilerplate
    "Never miss an issue", "sightandsoundsubs", "bfi.org.uk", "BFI Riverfront",
    "BFI Shop", "Mediatheque", "priority booking", "BFI mailing list",
    "Create a new account", "Price based on", "Programme notes and credits compiled",
    "Notes may be edited or abridged", "Contact the Programme Notes team",
    # front matter, HTML and editor metadata
    "layout: post", "readtime:", "published: true", "categories: [", "pdf: '",
    "<br", "<img", "<!--", "-->", "&#39;", "&amp;", "her-movie-poster",
)
_FURNITURE_N = tuple(normalise(f) for f in FURNITURE)


def is_furniture(excerpt: str) -> bool:
    """True when *excerpt* contains a piece of page furniture."""
    text = normalise(excerpt or "")
    return any(marker in text for marker in _FURNITURE_N)


# --------------------------------------------------------------------------- #
# Cases

@dataclass
class CaseResult:
    """Outcome of one case: ``passed`` and, when not, the ``failures``."""

    id: str
    kind: str
    passed: bool
    failures: list[str] = field(default_factory=list)
    n_citations: int = 0
    n_verbatim: int = 0
    found: bool | None = None
    expect_found: bool | None = None
    citation_pages: list[list[str]] = field(default_factory=list)

    @property
    def reasons(self) -> str:
        return "; ".join(self.failures)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "passed": self.passed,
            "failures": list(self.failures), "n_citations": self.n_citations,
            "n_verbatim": self.n_verbatim, "found": self.found,
            "expect_found": self.expect_found, "citation_pages": self.citation_pages,
        }


def _as_dict(reply: Any) -> dict[str, Any]:
    if isinstance(reply, Mapping):
        return dict(reply)
    to_dict = getattr(reply, "to_dict", None)
    if callable(to_dict):
        return dict(to_dict())
    raise TypeError(f"cannot read a reply of type {type(reply).__name__}")


def _short(text: str, n: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def score_case(case: Mapping[str, Any], reply: Any, pages: Mapping[str, str]) -> CaseResult:
    """Score the (last) *reply* of a conversation against *case*.

    Case checks: ``expect_any`` (on the reply text), ``expect_sources`` (some
    citation's excerpt is verbatim in one of those pages), ``expect_found``,
    ``expect_cites_none``, ``expect_not`` (on the text and every excerpt).
    Rules for every reply: each excerpt verbatim in one page, no furniture
    excerpt, no two citations with the same excerpt.
    """
    r = _as_dict(reply)
    text = r.get("text") or ""
    text_n = normalise(text)
    citations = list(r.get("citations") or [])
    excerpts = [str((c or {}).get("excerpt") or "") for c in citations]
    failures: list[str] = []

    # -- rules for every reply ------------------------------------------------
    cit_pages = [excerpt_pages(e, pages) for e in excerpts]
    n_verbatim = 0
    for c, e, found_in in zip(citations, excerpts, cit_pages):
        num = (c or {}).get("number", "?")
        if not e.strip():
            failures.append(f"citation [{num}] has no excerpt")
            continue
        if found_in:
            n_verbatim += 1
        else:
            failures.append(f"citation [{num}] excerpt not verbatim: \u201c{_short(e)}\u201d")
        if is_furniture(e):
            failures.append(f"citation [{num}] excerpt is page furniture: \u201c{_short(e)}\u201d")
    seen: dict[str, Any] = {}
    for c, e in zip(citations, excerpts):
        key = " ".join(split_excerpt(e)) or normalise(e)
        if not key:
            continue
        num = (c or {}).get("number", "?")
        if key in seen:
            failures.append(f"citations [{seen[key]}] and [{num}] have the same excerpt")
        else:
            seen[key] = num

    # -- the case's own checks ----------------------------------------------
    expect_any = _strings(case.get("expect_any"))
    if expect_any and not any(normalise(s) in text_n for s in expect_any):
        failures.append(f"expect_any: none of {expect_any} in the reply text")

    expect_sources = _strings(case.get("expect_sources"))
    if expect_sources:
        wanted = {s[:3] for s in expect_sources}
        if not any(wanted.intersection(p) for p in cit_pages):
            got = sorted({p for ps in cit_pages for p in ps})
            failures.append(
                f"expect_sources: no verbatim excerpt from {sorted(wanted)} (cited pages: {got or 'none'})"
            )

    found = r.get("found")
    expect_found = case.get("expect_found")
    if expect_found is not None and bool(found) != bool(expect_found):
        failures.append(f"expect_found: found is {found}, expected {expect_found}")

    if case.get("expect_cites_none") and citations:
        failures.append(f"expect_cites_none: reply has {len(citations)} citation(s)")

    for s in _strings(case.get("expect_not")):
        sn = normalise(s)
        if not sn:
            continue
        if sn in text_n:
            failures.append(f"expect_not: \u201c{s}\u201d in the reply text")
        for c, e in zip(citations, excerpts):
            if sn in normalise(e):
                failures.append(
                    f"expect_not: \u201c{s}\u201d in the excerpt of citation [{(c or {}).get('number', '?')}]"
                )

    return CaseResult(
        id=str(case.get("id", "?")),
        kind=str(case.get("kind", "?")),
        passed=not failures,
        failures=failures,
        n_citations=len(citations),
        n_verbatim=n_verbatim,
        found=None if found is None else bool(found),
        expect_found=None if expect_found is None else bool(expect_found),
        citation_pages=cit_pages,
    )


def score_many(
    cases: Iterable[Mapping[str, Any]], replies: Iterable[Any], pages: Mapping[str, str]
) -> list[CaseResult]:
    return [score_case(c, r, pages) for c, r in zip(cases, replies)]
