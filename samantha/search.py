"""The retriever: keyword and dense search over passages, fused, then the best sentences in them."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from . import dense, fusion
from .knowledge import Knowledge
from .lexical import LexicalIndex, LexicalSettings

MODES = ("hybrid", "bm25", "dense")
RECENT_QUERIES = 256

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class SearchSettings:
    """Retrieval choices, each picked by measurement on the question set (see benchmarks/)."""

    mode: str = "hybrid"
    fast_queries: bool = True  # encode questions with the ONNX export instead of sentence-transformers
    passage_size: int = 3
    fusion: str = "weighted"
    dense_weight: float = 0.5
    lexical: LexicalSettings = LexicalSettings()


@dataclass(frozen=True)
class Hit:
    """A passage found for a query, with its fused score and the two parts it came from."""

    passage_id: str
    source_id: str
    score: float
    lexical: float
    dense: float
    index: int


@dataclass(frozen=True)
class SentenceHit:
    """A sentence inside a found passage, scored on its own."""

    index: int
    source_id: str
    score: float
    lexical: float
    dense: float
    spoiler: bool


class Retriever:
    """Finds passages and sentences for a question in one knowledge base."""

    def __init__(
        self,
        knowledge: Knowledge,
        settings: SearchSettings = SearchSettings(),
        model: str | None = None,
        cache_dir: Path | None = None,
        progress: Progress | None = None,
        lexical_cache_dir: Path | None = None,
    ) -> None:
        if settings.mode not in MODES:
            raise ValueError(f"retrieval must be one of {', '.join(MODES)}, not {settings.mode!r}")
        self.knowledge = knowledge
        self.settings = settings
        self.passages = knowledge.passages(settings.passage_size)
        sentence_texts = [s.text for s in knowledge.sentences]
        # Keyword statistics are cached in ``lexical_cache_dir``, if one is given.
        self._passage_lexical = LexicalIndex([p.text for p in self.passages], settings.lexical,
                                             lexical_cache_dir, f"passages-{settings.passage_size}")
        self._sentence_lexical = LexicalIndex(sentence_texts, settings.lexical, lexical_cache_dir, "sentences")
        self._passage_dense: dense.DenseIndex | None = None
        self._sentence_dense: dense.DenseIndex | None = None
        self._encoder: dense.Encoder | None = None
        self._lock = threading.Lock()
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        if settings.mode != "bm25":
            self._build_dense(model, cache_dir, progress)

    @property
    def uses_dense(self) -> bool:
        return self._encoder is not None

    def _build_dense(self, model: str | None, cache_dir: Path | None, progress: Progress | None) -> None:
        spec = dense.resolve_model(model)
        documents = dense.SentenceTransformerEncoder(spec)
        sentence_texts = [s.text for s in self.knowledge.sentences]
        passage_texts = [p.text for p in self.passages]
        step = (lambda name: (lambda done, total: progress(name, done, total))) if progress else (lambda name: None)
        sentences = dense.embed_with_cache(sentence_texts, documents, spec, cache_dir, "sentences", step("sentences"))
        self._sentence_dense = dense.DenseIndex(sentences)
        if passage_texts == sentence_texts:
            self._passage_dense = self._sentence_dense
        else:
            self._passage_dense = dense.DenseIndex(
                dense.embed_with_cache(passage_texts, documents, spec, cache_dir, "passages", step("passages"))
            )
        if self.settings.fast_queries and documents.loaded:
            # Building the export needs torch: do it only when the index was just built with it.
            self._encoder = dense.fast_query_encoder(spec, cache_dir, progress) or documents
        elif self.settings.fast_queries:
            # Opened on the first question that needs a vector (a credits question needs none).
            self._encoder = dense.LazyQueryEncoder(spec, cache_dir, documents)
        else:
            self._encoder = documents

    def encode_query(self, query: str) -> np.ndarray | None:
        """The query's embedding; a reply asks for the same text several times, so recent ones are kept."""
        if self._encoder is None:
            return None
        with self._lock:
            vector = self._recent.get(query)
            if vector is None:
                vector = self._encoder.encode([query])[0]
                self._recent[query] = vector
                if len(self._recent) > RECENT_QUERIES:
                    self._recent.popitem(last=False)
            else:
                self._recent.move_to_end(query)
            return vector

    def search(self, query: str, k: int = 8, query_vector: np.ndarray | None = None,
               lexical_query: str | None = None) -> list[Hit]:
        """The ``k`` best passages for ``query`` (``lexical_query``, if given, is what keyword search sees)."""
        lexical = self._passage_lexical.scores(lexical_query if lexical_query is not None else query)
        if self.settings.mode != "bm25" and query_vector is None:
            query_vector = self.encode_query(query)
        dense_scores = (
            self._passage_dense.scores(query_vector)
            if self._passage_dense is not None and query_vector is not None
            else np.zeros(len(self.passages), dtype=np.float32)
        )
        fused = self._fuse(lexical, dense_scores)
        order = np.argsort(-fused, kind="stable")[:k]
        return [
            Hit(
                passage_id=self.passages[i].id,
                source_id=self.passages[i].source_id,
                score=float(fused[i]),
                lexical=float(lexical[i]),
                dense=float(dense_scores[i]),
                index=int(i),
            )
            for i in order
            if fused[i] > 0
        ]

    def _fuse(self, lexical: np.ndarray, dense_scores: np.ndarray) -> np.ndarray:
        mode = self.settings.mode
        if mode == "bm25" or self._passage_dense is None:
            return lexical.astype(np.float64)
        if mode == "dense":
            return np.maximum(dense_scores.astype(np.float64), 1e-9)
        if self.settings.fusion == "rrf":
            return fusion.reciprocal_rank(lexical, np.maximum(dense_scores, 1e-9))
        return fusion.weighted(lexical, dense_scores, self.settings.dense_weight) + 1e-9

    def sentence_scores(self, query: str, query_vector: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Keyword scores of every sentence for the words of ``query``, and dense scores for its vector."""
        lexical = self._sentence_lexical.scores(query)
        if self._sentence_dense is None or query_vector is None:
            return lexical, np.zeros(len(lexical), dtype=np.float32)
        return lexical, self._sentence_dense.scores(query_vector)

    def best_sentences(
        self,
        query: str,
        hits: Sequence[Hit],
        query_vector: np.ndarray | None = None,
        allowed: Callable[[int], bool] | None = None,
    ) -> list[SentenceHit]:
        """Sentences of the found passages, ranked by their own match blended with their passage's."""
        lexical, dense_scores = self.sentence_scores(query, query_vector)
        top_lexical = float(lexical.max()) if len(lexical) and lexical.max() > 0 else 1.0
        ranked: list[SentenceHit] = []
        best_passage = hits[0].score if hits else 1.0
        for hit in hits:
            for index in self.passages[hit.index].sentences:
                if allowed is not None and not allowed(index):
                    continue
                own = 0.5 * float(lexical[index]) / top_lexical + float(dense_scores[index])
                score = own + 0.5 * hit.score / best_passage
                ranked.append(
                    SentenceHit(
                        index=index,
                        source_id=hit.source_id,
                        score=score,
                        lexical=float(lexical[index]),
                        dense=float(dense_scores[index]),
                        spoiler=self.knowledge.sentences[index].spoiler,
                    )
                )
        ranked.sort(key=lambda s: -s.score)
        return ranked
