"""Tests of keyword, dense and fused retrieval on a tiny fixture corpus (tests/fixtures/tiny_knowledge).

The fixture has four sources and six passages (passage size 2):

- garden:0.0     "This is not a film, just tomatoes growing slowly ..."
- kitchen:0.0    "A film about a grandmother who makes marmalade ..."
- kitchen:0.1    "In the end the grandmother leaves the recipe ..." (a spoiler)
- music:0.0      "The film has a soundtrack of soft piano ..."
- road-trip:0.0  "This film opens on a long desert road at dawn."
- road-trip:1.0  "The automobile broke down on the highway ..."

"film" is in four of the six passages; "marmalade" in one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from samantha import fusion
from samantha.errors import ModelError, SamanthaError
from samantha.knowledge import load_knowledge
from samantha.lexical import VARIANTS, LexicalIndex, LexicalSettings
from samantha.search import Hit, Retriever, SearchSettings
from samantha.tokenizer import tokens

TINY_KNOWLEDGE = Path(__file__).resolve().parent / "fixtures" / "tiny_knowledge"
BROKE_DOWN = "road-trip:1.0"


@pytest.fixture(scope="module")
def tiny():
    return load_knowledge(TINY_KNOWLEDGE)


@pytest.fixture(scope="module")
def bm25(tiny):
    return Retriever(tiny, SearchSettings(mode="bm25", passage_size=2))


def passage_text(retriever: Retriever, passage_id: str) -> str:
    (passage,) = [p for p in retriever.passages if p.id == passage_id]
    return passage.text


def test_fixture_shape(tiny):
    ids = [p.id for p in tiny.passages(2)]
    assert ids == ["garden:0.0", "kitchen:0.0", "kitchen:0.1", "music:0.0", "road-trip:0.0", "road-trip:1.0"]
    assert sum("film" in p.text for p in tiny.passages(2)) == 4


# --------------------------------------------------------------------------- #
# Keyword search


def test_bm25_finds_the_passage_with_a_rare_word(bm25):
    hits = bm25.search("Who makes marmalade?")
    assert [h.passage_id for h in hits] == ["kitchen:0.0"]
    assert "marmalade" in passage_text(bm25, hits[0].passage_id)
    assert hits[0].lexical > 0 and hits[0].dense == 0
    assert hits[0].score == pytest.approx(hits[0].lexical)


def test_bm25_finds_nothing_for_unknown_words(bm25):
    assert bm25.search("zeppelin xylophone") == []
    assert bm25.search("") == []
    assert bm25.search("the of and") == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_word_in_most_passages_still_scores_and_ranks_matches_first(tiny, variant):
    texts = [p.text for p in tiny.passages(2)]
    scores = LexicalIndex(texts, LexicalSettings(variant=variant)).scores("film")
    assert (scores >= 0).all()
    matching = [s for s, t in zip(scores, texts) if "film" in t]
    others = [s for s, t in zip(scores, texts) if "film" not in t]
    assert len(matching) == 4 and len(others) == 2
    assert min(matching) > max(others)


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_retriever_returns_every_passage_with_a_common_word(tiny, variant):
    retriever = Retriever(tiny, SearchSettings(mode="bm25", lexical=LexicalSettings(variant=variant)))
    hits = retriever.search("film", k=10)
    assert sorted(h.passage_id for h in hits) == ["garden:0.0", "kitchen:0.0", "music:0.0", "road-trip:0.0"]
    assert all(h.score > 0 for h in hits)


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_passage_sharing_no_word_with_the_query_scores_zero(tiny, variant):
    texts = [p.text for p in tiny.passages(2)]
    scores = LexicalIndex(texts, LexicalSettings(variant=variant)).scores("marmalade tomatoes")
    for score, text in zip(scores, texts):
        if "marmalade" in text or "tomatoes" in text:
            assert score > 0
        else:
            assert score == 0


HALF = [
    "The film was long.",
    "A film about love.",
    "Tomatoes in the garden.",
    "Music for dancing.",
]


@pytest.mark.parametrize(
    "variant",
    [
        "okapi",
        "bm25l",
        "bm25plus",
    ],
)
def test_a_word_in_exactly_half_the_passages_finds_them(variant):
    scores = LexicalIndex(HALF, LexicalSettings(variant=variant)).scores("film")
    assert (scores >= 0).all()
    assert min(scores[:2]) > max(scores[2:])


def test_unknown_bm25_variant_is_refused():
    with pytest.raises(ValueError, match="bm25plus"):
        LexicalIndex(HALF, LexicalSettings(variant="bm26"))


def test_unknown_retrieval_mode_is_refused(tiny):
    with pytest.raises(ValueError, match="hybrid"):
        Retriever(tiny, SearchSettings(mode="telepathy"))


def test_best_sentences_in_bm25_mode(bm25, tiny):
    hits = bm25.search("grandmother recipe")
    assert {h.passage_id for h in hits} == {"kitchen:0.0", "kitchen:0.1"}
    best = bm25.best_sentences("grandmother recipe", hits)
    top = tiny.sentences[best[0].index]
    assert top.text == "In the end the grandmother leaves the recipe to her neighbour."
    assert best[0].spoiler is True
    assert all(not s.spoiler for s in best[1:])
    assert [s.score for s in best] == sorted((s.score for s in best), reverse=True)
    allowed = bm25.best_sentences("grandmother recipe", hits, allowed=lambda i: not tiny.sentences[i].spoiler)
    assert allowed and not any(s.spoiler for s in allowed)


def test_bm25_mode_never_loads_a_model():
    script = (
        "import json, sys\n"
        "from samantha.knowledge import load_knowledge\n"
        "from samantha.search import Retriever, SearchSettings\n"
        f"r = Retriever(load_knowledge({str(TINY_KNOWLEDGE)!r}), SearchSettings(mode='bm25'))\n"
        "hits = r.search('marmalade')\n"
        "print(json.dumps({'hits': [h.passage_id for h in hits], 'dense': r.uses_dense,\n"
        "    'st': 'sentence_transformers' in sys.modules, 'torch': 'torch' in sys.modules}))\n"
    )
    env = dict(os.environ, SAMANTHA_MODEL=str(TINY_KNOWLEDGE / "no-such-model"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"hits": ["kitchen:0.0"], "dense": False, "st": False, "torch": False}


# --------------------------------------------------------------------------- #
# Model errors


@pytest.mark.parametrize("mode", ["hybrid", "dense"])
def test_a_missing_model_folder_is_a_clear_model_error(tiny, tmp_path, mode):
    missing = tmp_path / "models" / "no-such-model"
    with pytest.raises(ModelError) as caught:
        Retriever(tiny, SearchSettings(mode=mode), model=str(missing))
    assert isinstance(caught.value, SamanthaError)
    assert str(missing) in str(caught.value)
    assert "does not exist" in str(caught.value)


def test_a_missing_model_folder_from_the_environment_is_a_clear_model_error(tiny, tmp_path, monkeypatch):
    missing = tmp_path / "no-such-model"
    monkeypatch.setenv("SAMANTHA_MODEL", str(missing))
    with pytest.raises(ModelError, match="no-such-model"):
        Retriever(tiny, SearchSettings(mode="hybrid"))


def test_a_folder_that_holds_no_model_is_a_clear_model_error(tiny, tmp_path):
    empty = tmp_path / "not-a-model"
    empty.mkdir()
    with pytest.raises(ModelError) as caught:
        Retriever(tiny, SearchSettings(mode="dense"), model=str(empty))
    assert str(empty) in str(caught.value)
    assert "retrieval='bm25'" in str(caught.value)  # it says what still works


# --------------------------------------------------------------------------- #
# Dense search (the real model)


@pytest.fixture(scope="module")
def dense_retriever(tiny, shared_model, tmp_path_factory):
    return Retriever(tiny, SearchSettings(mode="dense", passage_size=2), cache_dir=tmp_path_factory.mktemp("dense-cache"))


@pytest.fixture(scope="module")
def hybrid(tiny, shared_model, tmp_path_factory):
    # Two-sentence passages and reciprocal rank fusion: the ids and scores below assume them.
    settings = SearchSettings(mode="hybrid", passage_size=2, fusion="rrf")
    return Retriever(tiny, settings, cache_dir=tmp_path_factory.mktemp("hybrid-cache"))


@pytest.mark.parametrize("query", ["car trouble", "vehicle breakdown"])
def test_dense_finds_a_paraphrase_with_no_shared_word(dense_retriever, query):
    assert dense_retriever.uses_dense
    hits = dense_retriever.search(query)
    assert hits[0].passage_id == BROKE_DOWN
    assert not set(tokens(query)) & set(tokens(passage_text(dense_retriever, BROKE_DOWN)))
    assert hits[0].lexical == 0
    assert hits[0].dense > hits[1].dense


def test_bm25_alone_misses_the_paraphrase(bm25):
    assert bm25.search("car trouble") == []


def test_hybrid_hits_carry_their_parts(hybrid, encoder, tiny):
    query = "Who makes marmalade?"
    hits = hybrid.search(query, k=4)
    assert len(hits) == 4
    assert all(isinstance(h, Hit) for h in hits)
    passages = {p.id: p for p in hybrid.passages}
    lexical = LexicalIndex([p.text for p in hybrid.passages], hybrid.settings.lexical).scores(query)
    vectors = encoder.encode([query] + [p.text for p in hybrid.passages])
    cosine = vectors[1:] @ vectors[0]
    fused = fusion.reciprocal_rank(lexical, np.maximum(cosine, 1e-9))
    for hit in hits:
        passage = passages[hit.passage_id]
        assert hybrid.passages[hit.index] is passage
        assert hit.source_id == passage.source_id
        assert tiny.source(hit.source_id).text[passage.start : passage.end] == passage.text
        assert hit.lexical == pytest.approx(float(lexical[hit.index]))
        assert hit.dense == pytest.approx(float(cosine[hit.index]), abs=1e-4)
        assert hit.score == pytest.approx(float(fused[hit.index]), rel=1e-6)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    # Best by both keyword and meaning: first.
    assert hits[0].passage_id == "kitchen:0.0"
    assert hits[0].lexical > 0 and hits[0].dense == max(h.dense for h in hits)


def test_hybrid_finds_both_keyword_and_paraphrase_matches(hybrid):
    assert hybrid.search("car trouble")[0].passage_id == BROKE_DOWN
    assert hybrid.search("marmalade")[0].passage_id == "kitchen:0.0"


def test_hybrid_with_weighted_fusion(tiny, shared_model, tmp_path):
    retriever = Retriever(tiny, SearchSettings(mode="hybrid", fusion="weighted", dense_weight=0.5), cache_dir=tmp_path)
    hits = retriever.search("Who makes marmalade?", k=6)
    assert hits[0].passage_id == "kitchen:0.0"
    # The passage best by both gets the full weight of both lists.
    assert hits[0].score == pytest.approx(1.0, abs=1e-6)
    assert all(0 < h.score <= 1.0 + 1e-6 for h in hits)


# --------------------------------------------------------------------------- #
# Fusion


def test_rrf_item_ranked_well_by_both_beats_items_ranked_first_by_one():
    lexical = np.array([9.0, 0.0, 5.0, 1.0])  # item 0 first, item 2 second
    dense = np.array([0.0, 0.9, 0.8, 0.1])  # item 1 first, item 2 second
    fused = fusion.reciprocal_rank(lexical, dense)
    assert int(np.argmax(fused)) == 2
    assert fused[2] > fused[0] and fused[2] > fused[1]


def test_rrf_is_one_over_k_plus_rank_and_zero_scores_get_nothing():
    lexical = np.array([3.0, 0.0, 1.0])
    dense = np.array([0.0, 0.0, 0.5])
    fused = fusion.reciprocal_rank(lexical, dense, k=60)
    assert fused[0] == pytest.approx(1 / 61)  # first in lexical, nothing from dense
    assert fused[1] == 0.0  # zero in both lists
    assert fused[2] == pytest.approx(1 / 62 + 1 / 61)
    assert fusion.RRF_K == 60
    assert fusion.reciprocal_rank(np.zeros(3), np.zeros(3)).tolist() == [0.0, 0.0, 0.0]


def test_rrf_negative_scores_get_nothing():
    fused = fusion.reciprocal_rank(np.array([-0.2, 0.3]))
    assert fused[0] == 0.0 and fused[1] > 0


def test_weighted_fusion_is_a_weighted_sum_of_min_max_scores():
    lexical = np.array([4.0, 0.0, 2.0])
    dense = np.array([0.2, 0.6, 0.6])
    fused = fusion.weighted(lexical, dense, dense_weight=0.25)
    assert fused.tolist() == pytest.approx([0.75, 0.25, 0.75 * 0.5 + 0.25])
    # Zero keyword score (the lowest a keyword score can be): nothing from that list.
    assert fused[1] == pytest.approx(0.25 * 1.0)
    # The item best in both gets the whole weight.
    assert fusion.weighted(np.array([2.0, 1.0, 0.0]), np.array([0.9, 0.1, 0.0])).tolist()[0] == pytest.approx(1.0)


def test_weighted_fusion_ignores_a_flat_list_and_respects_the_weight():
    dense = np.array([0.1, 0.5, 0.3])
    assert fusion.weighted(np.zeros(3), dense, dense_weight=0.5).tolist() == pytest.approx([0.0, 0.5, 0.25])
    assert fusion.weighted(np.array([1.0, 0.0, 0.0]), dense, dense_weight=0.0).tolist() == pytest.approx([1, 0, 0])
    assert fusion.weighted(np.array([1.0, 0.0, 0.0]), dense, dense_weight=1.0).tolist() == pytest.approx([0, 1, 0.5])
    assert fusion.min_max(np.array([3.0, 3.0])).tolist() == [0.0, 0.0]
