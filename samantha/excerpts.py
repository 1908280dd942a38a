"""Cutting a sentence down to the clause that answers, keeping every word verbatim.

An excerpt may drop words at its ends, marked with "…"; what it keeps is an exact
slice of the review, so it can always be found word for word on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tokenizer import tokens

ELLIPSIS = "…"
MAX_WORDS = 42

_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+(?=[–—(])|(?<=[)])\s+|\s+-\s+")


@dataclass(frozen=True)
class Excerpt:
    """A verbatim slice of a source: where it starts and ends, and how it is shown."""

    source_id: str
    start: int
    end: int
    text: str  # the slice itself
    shown: str  # the slice with "…" where words were dropped
    sentence: int = -1
    spoiler: bool = False


def excerpt_of(source_text: str, source_id: str, start: int, end: int, query: str, sentence: int = -1,
               spoiler: bool = False, max_words: int = MAX_WORDS, topic: frozenset[str] = frozenset()) -> Excerpt:
    """The part of ``source_text[start:end]`` that best matches ``query``, at most ``max_words`` long.

    Words of ``topic`` (stems of what the question is about, rather than who) count double.
    """
    text = source_text[start:end]
    # Cutting a few words from a sentence just over the limit saves little and may cut its point.
    if len(text.split()) <= max_words * 1.2:
        return Excerpt(source_id, start, end, text, text, sentence, spoiler)
    clauses = _clauses(text)
    wanted = set(tokens(query))
    scores = [len(wanted & set(tokens(text[a:b]))) + len(topic & set(tokens(text[a:b]))) for a, b in clauses]
    best = max(range(len(clauses)), key=lambda i: (scores[i], -i))
    first = last = best
    count = _words(text, clauses[best])
    # A clause of a word or two ("(1950)") is about what comes before it: grow backwards first.
    order = (-1, 1) if count < 4 else (1, -1)
    while True:
        grown = False
        for candidate in ((first - 1, last + 1) if order[0] < 0 else (last + 1, first - 1)):
            if 0 <= candidate < len(clauses) and not (first <= candidate <= last):
                size = _words(text, clauses[candidate])
                if count + size <= max_words:
                    first, last = min(first, candidate), max(last, candidate)
                    count += size
                    grown = True
                    break
        if not grown:
            break
    a, b = clauses[first][0], clauses[last][1]
    piece = text[a:b].strip(" ,;:–—-")
    offset = text.find(piece, a)
    shown = (ELLIPSIS if offset > 0 else "") + piece + (ELLIPSIS if offset + len(piece) < len(text.rstrip()) else "")
    return Excerpt(source_id, start + offset, start + offset + len(piece), piece, shown, sentence, spoiler)


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, begin = [], 0
    for match in _CLAUSE_BREAK.finditer(text):
        if match.start() > begin:
            spans.append((begin, match.start()))
        begin = match.end()
    if begin < len(text):
        spans.append((begin, len(text)))
    return spans or [(0, len(text))]


def _words(text: str, span: tuple[int, int]) -> int:
    return len(text[span[0] : span[1]].split())
