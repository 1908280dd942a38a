"""Keyword search over passages with rank-bm25.

rank-bm25 builds the statistics (document lengths, idf); scoring is done here with
the same arithmetic as its ``get_scores``, term by term, but from postings lists
instead of a Python loop over every document's word counts, so a question costs a
few array operations whatever the size of the corpus. The statistics can be cached
on disk (JSON beside the embeddings), so a warm start neither tokenises the corpus
nor imports rank-bm25.
"""

from __future__ import annotations

import json
import logging
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from . import tokenizer
from .tokenizer import tokens

log = logging.getLogger("samantha")

VARIANTS = ("okapi", "bm25l", "bm25plus")

#: Bumped whenever the cached statistics change layout or meaning.
CACHE_FORMAT = 2


@dataclass(frozen=True)
class LexicalSettings:
    """Which BM25 variant and parameters; the defaults were chosen on the question set."""

    variant: str = "bm25plus"
    k1: float = 1.2
    b: float = 0.5
    delta: float = 1.0


class LexicalIndex:
    """BM25 over a list of texts; scores every text for a query.

    With ``cache_dir``, the statistics are read from ``<cache_dir>/<name>.json`` when
    they were built from the same texts, settings and tokenizer, and written there
    when they were not.
    """

    def __init__(
        self,
        texts: Sequence[str],
        settings: LexicalSettings = LexicalSettings(),
        cache_dir: Path | None = None,
        name: str = "",
    ) -> None:
        self.settings = settings
        self.size = len(texts)
        path = Path(cache_dir) / f"{name or 'lexical'}.json" if cache_dir is not None else None
        key = _cache_key(texts, settings) if path is not None else ""
        stats = _load_stats(path, key, self.size) if path is not None else None
        if stats is None:
            stats = _build_stats(texts, settings)
            if path is not None and stats.terms:
                _save_stats(path, key, stats)
        self._stats = stats
        self._vocabulary = frozenset(stats.terms)
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if stats.terms:
            # The part of rank-bm25's formulas that depends only on the document, computed
            # once with the very same expression (so every score is bit for bit the same).
            k1, b = settings.k1, settings.b
            doc_len = np.array(stats.doc_len)
            if settings.variant == "bm25l":
                self._norm = 1 - b + b * doc_len / stats.avgdl
            else:
                self._norm = k1 * (1 - b + b * doc_len / stats.avgdl)

    def scores(self, query: str) -> np.ndarray:
        """One score per text; zeros when no query word is in the index."""
        wanted = [t for t in tokens(query) if t in self._vocabulary]
        if not wanted:
            return np.zeros(self.size, dtype=np.float32)
        raw = np.asarray(self._bm25_scores(wanted), dtype=np.float32)
        # BM25+ gives every text the same floor for each query word it lacks;
        # removing it keeps "matched nothing" at zero, which the answerer relies on.
        if self.settings.variant == "bm25plus":
            raw = raw - np.float32(sum(self._stats.idf[t] * self.settings.delta for t in wanted))
        return np.maximum(raw, 0.0)

    def known(self, token: str) -> bool:
        return token in self._vocabulary

    def _bm25_scores(self, query: list[str]) -> np.ndarray:
        """rank-bm25's ``get_scores(query)``, the same operations on the same values."""
        settings = self.settings
        k1, delta = settings.k1, settings.delta
        idf = self._stats.idf
        norm = self._norm
        score = np.zeros(self.size)
        for q in query:
            q_freq = self._frequencies(q)
            if settings.variant == "bm25plus":
                score += (idf.get(q) or 0) * (delta + (q_freq * (k1 + 1)) / (norm + q_freq))
            elif settings.variant == "okapi":
                score += (idf.get(q) or 0) * (q_freq * (k1 + 1) / (q_freq + norm))
            else:  # bm25l
                ctd = q_freq / norm
                score += (idf.get(q) or 0) * q_freq * (k1 + 1) * (ctd + delta) / (k1 + ctd + delta)
        return score

    def _frequencies(self, term: str) -> np.ndarray:
        """How often ``term`` occurs in each text (int64, like rank-bm25's)."""
        postings = self._postings.get(term)
        if postings is None:
            docs, counts = self._stats.postings[term]
            postings = (np.asarray(docs, dtype=np.intp), np.asarray(counts, dtype=np.int64))
            self._postings[term] = postings  # a race only computes the same arrays twice
        q_freq = np.zeros(self.size, dtype=np.int64)
        q_freq[postings[0]] = postings[1]
        return q_freq


@dataclass
class _Stats:
    """What scoring needs: every term with its idf and postings, and the document lengths."""

    terms: list[str]
    idf: dict[str, float]
    doc_len: list[int]
    avgdl: float
    postings: dict[str, tuple[Sequence[int], Sequence[int]]]  # term -> (texts, counts): lists or arrays


def _build_stats(texts: Sequence[str], settings: LexicalSettings) -> _Stats:
    corpus = [tokens(t) for t in texts]
    vocabulary = {t for doc in corpus for t in doc}
    if not vocabulary:
        return _Stats([], {}, [], 0.0, {})
    bm25 = _make_bm25(corpus, settings)
    lists: dict[str, tuple[list[int], list[int]]] = {}
    for index, frequencies in enumerate(bm25.doc_freqs):
        for term, count in frequencies.items():
            entry = lists.get(term)
            if entry is None:
                entry = lists[term] = ([], [])
            entry[0].append(index)
            entry[1].append(count)
    postings = {t: (np.array(d, dtype=np.intp), np.array(c, dtype=np.int64)) for t, (d, c) in lists.items()}
    terms = sorted(vocabulary)
    return _Stats(terms, {t: bm25.idf[t] for t in terms}, list(bm25.doc_len), bm25.avgdl, postings)


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


# -- the cache -----------------------------------------------------------------------------


def _cache_key(texts: Sequence[str], settings: LexicalSettings) -> str:
    """Changes with the texts, the settings, the tokenizer's code and rank-bm25's."""
    from .cache import key_of

    return key_of(
        f"lexical-{CACHE_FORMAT}",
        repr(settings),
        _file_identity(tokenizer.__file__),
        unicodedata.unidata_version,
        _rank_bm25_identity(),
        *texts,
    )


def _file_identity(path: str | None) -> str:
    if not path:
        return "?"
    try:
        from .cache import key_of

        return key_of(Path(path).read_text(encoding="utf-8"))
    except OSError:
        return "?"


def _rank_bm25_identity() -> str:
    """rank-bm25's file, by size and time, found without importing it (it imports multiprocessing)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("rank_bm25")
        origin = spec.origin if spec is not None else None
        if not origin:
            return "?"
        stat = os.stat(origin)
        return f"{stat.st_size}:{stat.st_mtime_ns}"
    except (ImportError, ValueError, OSError):
        return "?"


def _load_stats(path: Path, key: str, size: int) -> _Stats | None:
    """The cached statistics, or None if they are absent, for other texts or not well formed."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("cache %s is unreadable (%s); rebuilding it", path, exc)
        return None
    try:
        if data.get("format") != CACHE_FORMAT or data.get("key") != key:
            log.info("cache %s was built from other data; rebuilding it", path)
            return None
        body = data["body"]
        if data.get("sha256") != _checksum(body):
            raise ValueError("checksum mismatch")
        terms, idf, postings, doc_len = body["terms"], body["idf"], body["postings"], body["doc_len"]
        avgdl = float(body["avgdl"])
        if len(doc_len) != size or len(idf) != len(terms) or len(postings) != len(terms):
            raise ValueError("lengths do not match")
        for docs, counts in postings:
            if len(docs) != len(counts) or (docs and not 0 <= min(docs) <= max(docs) < size):
                raise ValueError("postings out of range")
        return _Stats(
            list(terms),
            {t: float(v) for t, v in zip(terms, idf)},
            [int(n) for n in doc_len],
            avgdl,
            {t: (docs, counts) for t, (docs, counts) in zip(terms, postings)},
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        log.warning("cache %s is damaged (%s); rebuilding it", path, exc)
        return None


def _save_stats(path: Path, key: str, stats: _Stats) -> None:
    from .cache import write_atomic

    body = {
        "avgdl": stats.avgdl,
        "doc_len": stats.doc_len,
        "terms": stats.terms,
        "idf": [stats.idf[t] for t in stats.terms],
        "postings": [[np.asarray(part).tolist() for part in stats.postings[t]] for t in stats.terms],
    }
    data = {"format": CACHE_FORMAT, "key": key, "sha256": _checksum(body), "body": body}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    except OSError as exc:
        log.warning("cannot write the cache in %s (%s); carrying on without it", path.parent, exc.strerror or exc)


def _checksum(body: object) -> str:
    """A checksum of the statistics as JSON, so a damaged file is noticed, not trusted."""
    import hashlib

    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
