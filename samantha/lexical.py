"""Keyword search over passages with rank-bm25."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .tokenizer import tokens

VARIANTS = ("okapi", "bm25l", "bm25plus")


@dataclass(frozen=True)
class LexicalSettings:
    """Which BM25 variant and parameters; the defaults were chosen on the question set."""

    variant: str = "bm25plus"
    k1: float = 1.2
    b: float = 0.5
    delta: float = 1.0


class LexicalIndex:
    """BM25 over a list of texts; scores every text for a query."""

    def __init__(self, texts: Sequence[str], settings: LexicalSettings = LexicalSettings()) -> None:
        self.settings = settings
        self.size = len(texts)
        corpus = [tokens(t) for t in texts]
        self._vocabulary = {t for doc in corpus for t in doc}
        self._bm25 = _make_bm25(corpus, settings) if self._vocabulary else None

    def scores(self, query: str) -> np.ndarray:
        """One score per text; zeros when no query word is in the index."""
        wanted = [t for t in tokens(query) if t in self._vocabulary]
        if not wanted or self._bm25 is None:
            return np.zeros(self.size, dtype=np.float32)
        raw = np.asarray(self._bm25.get_scores(wanted), dtype=np.float32)
        # BM25+ gives every text the same floor for each query word it lacks;
        # removing it keeps "matched nothing" at zero, which the answerer relies on.
        if self.settings.variant == "bm25plus":
            raw = raw - np.float32(sum(self._bm25.idf[t] * self.settings.delta for t in wanted))
        return np.maximum(raw, 0.0)

    def known(self, token: str) -> bool:
        return token in self._vocabulary


def _make_bm25(corpus: list[list[str]], settings: LexicalSettings):
    import rank_bm25

    if settings.variant == "okapi":
        bm25 = rank_bm25.BM25Okapi(corpus, k1=settings.k1, b=settings.b)
        # rank-bm25 floors only negative idf; a word in exactly half the texts keeps an idf of
        # zero and its matches score nothing, so floor that too.
        floor = bm25.epsilon * bm25.average_idf
        for word, idf in bm25.idf.items():
            if idf <= 0:
                bm25.idf[word] = floor
        return bm25
    if settings.variant == "bm25l":
        return rank_bm25.BM25L(corpus, k1=settings.k1, b=settings.b, delta=settings.delta)
    if settings.variant == "bm25plus":
        return rank_bm25.BM25Plus(corpus, k1=settings.k1, b=settings.b, delta=settings.delta)
    raise ValueError(f"unknown BM25 variant {settings.variant!r}; choose one of {', '.join(VARIANTS)}")
