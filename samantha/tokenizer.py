"""Tokenising for keyword search: case, accents, punctuation, possessives, light stemming."""

from __future__ import annotations

import re
import unicodedata

STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
    during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here
    here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself
    let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves
    out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their
    theirs them themselves then there there's these they they'd they'll they're they've this those through
    to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's
    where where's which while who who's whom why why's with won't would wouldn't you you'd you'll you're
    you've your yours yourself yourselves s t just also really will would much many get got
    whats whos wheres hows thats dont doesnt didnt isnt wasnt cant wont im ive youre theyre hes shes
    """.split()
)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Quotes to plain ones, and letters that Unicode does not decompose to their plain spelling.
_QUOTES = str.maketrans({
    "’": "'", "‘": "'", "`": "'", "´": "'",
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
    "ß": "ss", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
})


def normalise(text: str) -> str:
    """Lower case, accents and typographic quotes folded to plain letters."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """The words of ``text``, normalised, possessives and contractions kept whole."""
    return _WORD.findall(normalise(text))


def stem(word: str) -> str:
    """A light suffix stripper, so that 'directed', 'directs' and 'directing' meet."""
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement, minimum in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= minimum:
            if suffix == "s" and word[-2] in "su":
                break
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 3 and word[-1] == "e":
        word = word[:-1]
    elif len(word) > 3 and word[-1] == "y":
        word = word[:-1] + "i"
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


_SUFFIXES = (
    ("sses", "ss", 2),
    ("ies", "i", 2),
    ("ness", "", 4),
    ("ations", "at", 3),
    ("iage", "i", 4),
    ("ation", "at", 3),
    ("ingly", "", 4),
    ("edly", "", 4),
    ("ing", "", 3),
    ("ed", "", 3),
    ("ly", "", 4),
    ("es", "", 3),
    ("s", "", 3),
)


def tokens(text: str) -> list[str]:
    """Stemmed content words: what keyword search indexes and looks up."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and not _is_noise(w)]


def _is_noise(word: str) -> bool:
    return len(word) == 1 and not word.isdigit()
