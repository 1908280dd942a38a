"""Fusing keyword and dense scores into one ranking."""

from __future__ import annotations

import numpy as np

RRF_K = 60  # Cormack, Clarke and Buettcher (2009)


def reciprocal_rank(*score_lists: np.ndarray, k: int = RRF_K) -> np.ndarray:
    """Reciprocal rank fusion: each list adds 1 / (k + rank) for the items it scores above zero."""
    fused = np.zeros(len(score_lists[0]), dtype=np.float64)
    for scores in score_lists:
        order = np.argsort(-scores, kind="stable")
        ranks = np.empty(len(scores), dtype=np.float64)
        ranks[order] = np.arange(1, len(scores) + 1)
        fused += np.where(scores > 0, 1.0 / (k + ranks), 0.0)
    return fused


def min_max(scores: np.ndarray) -> np.ndarray:
    """Scale to [0, 1]; a flat list becomes all zeros."""
    low, high = float(np.min(scores)), float(np.max(scores))
    if high - low <= 1e-12:
        return np.zeros(len(scores), dtype=np.float64)
    return (scores - low) / (high - low)


def weighted(lexical: np.ndarray, dense: np.ndarray, dense_weight: float = 0.5) -> np.ndarray:
    """A weighted sum of min-max normalised scores."""
    return (1.0 - dense_weight) * min_max(lexical) + dense_weight * min_max(dense)
