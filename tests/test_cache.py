"""Tests of the embeddings cache (samantha.cache, dense.embed_with_cache) with the real model.

Reuse is proven without timing: the cache files keep their inode and mtime, and
a counting wrapper around the real encoder (it delegates every call) sees no call.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from samantha import cache, dense
from samantha.dense import ModelSpec, embed_with_cache, resolve_model
from samantha.knowledge import load_knowledge
from samantha.search import Retriever, SearchSettings

TINY_KNOWLEDGE = Path(__file__).resolve().parent / "fixtures" / "tiny_knowledge"
NAME = "passages"
# These tests are about the embeddings cache: questions are encoded with the same
# sentence-transformers model, not the ONNX export (tests/test_query_encoder.py covers that).
DOCUMENTS_ONLY = SearchSettings(mode="hybrid", fast_queries=False)
DENSE_DOCUMENTS_ONLY = SearchSettings(mode="dense", fast_queries=False)


class CountingEncoder:
    """Delegates to the real encoder and counts how many texts it was asked to encode."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.calls = 0
        self.texts = 0

    def encode(self, texts):
        self.calls += 1
        self.texts += len(texts)
        return self.inner.encode(texts)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [p.text for p in load_knowledge(TINY_KNOWLEDGE).passages(2)]


@pytest.fixture
def counting(encoder) -> CountingEncoder:
    return CountingEncoder(encoder)


@pytest.fixture
def folder(private_cache_dir) -> Path:
    """The cache folder the user's settings name: SAMANTHA_CACHE_DIR, a private tmp dir here."""
    assert cache.default_cache_dir() == private_cache_dir
    return cache.default_cache_dir() / "embeddings"


def files(folder: Path) -> tuple[Path, Path]:
    return folder / f"{NAME}.npy", folder / f"{NAME}.json"


def identity(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def samantha_records(caplog, level=logging.WARNING):
    return [r for r in caplog.records if r.name == "samantha" and r.levelno >= level]


# --------------------------------------------------------------------------- #
# Written once, reused


def test_cache_is_written_on_first_build_and_reused_on_the_second(texts, counting, model_spec, folder):
    first = embed_with_cache(texts, counting, model_spec, folder, NAME)
    assert counting.texts == len(texts)
    assert first.shape == (len(texts), 384) and first.dtype == np.float32
    npy, meta = files(folder)
    assert npy.is_file() and meta.is_file()
    before = identity(npy), identity(meta)

    second = embed_with_cache(texts, counting, model_spec, folder, NAME)
    assert counting.texts == len(texts)  # not one more text encoded
    assert np.array_equal(first, second)
    assert (identity(npy), identity(meta)) == before


def test_the_retriever_reuses_its_cache(model_spec, shared_model, folder, monkeypatch):
    tiny = load_knowledge(TINY_KNOWLEDGE)
    calls = []
    real_encode = dense.SentenceTransformerEncoder.encode

    def counted(self, batch):
        calls.append(len(batch))
        return real_encode(self, batch)

    monkeypatch.setattr(dense.SentenceTransformerEncoder, "encode", counted)
    first = Retriever(tiny, DOCUMENTS_ONLY, cache_dir=folder)
    assert sum(calls) == len(tiny.sentences) + len(first.passages)
    written = {p.name: identity(p) for p in folder.iterdir()}
    assert set(written) == {"sentences.npy", "sentences.json", "passages.npy", "passages.json"}

    calls.clear()
    second = Retriever(tiny, DOCUMENTS_ONLY, cache_dir=folder)
    assert calls == []
    assert {p.name: identity(p) for p in folder.iterdir()} == written
    assert [h.passage_id for h in second.search("car trouble")] == [h.passage_id for h in first.search("car trouble")]


def test_cache_is_rebuilt_when_a_passage_changes(model_spec, shared_model, tmp_path, folder, monkeypatch):
    knowledge_dir = tmp_path / "knowledge"
    shutil.copytree(TINY_KNOWLEDGE, knowledge_dir)
    calls = []
    real_encode = dense.SentenceTransformerEncoder.encode
    monkeypatch.setattr(
        dense.SentenceTransformerEncoder,
        "encode",
        lambda self, batch: calls.append(len(batch)) or real_encode(self, batch),
    )
    Retriever(load_knowledge(knowledge_dir), DENSE_DOCUMENTS_ONLY, cache_dir=folder)
    key_before = json.loads((folder / "passages.json").read_text())["key"]

    review = knowledge_dir / "kitchen.md"
    review.write_text(review.read_text(encoding="utf-8").replace("marmalade", "apricot jam"), encoding="utf-8")
    calls.clear()
    retriever = Retriever(load_knowledge(knowledge_dir), DENSE_DOCUMENTS_ONLY, cache_dir=folder)
    assert sum(calls) > 0
    assert json.loads((folder / "passages.json").read_text())["key"] != key_before
    assert retriever.search("apricot jam")[0].passage_id == "kitchen:0.0"


def test_cache_is_rebuilt_when_the_model_identity_changes(texts, counting, model_spec, folder):
    embed_with_cache(texts, counting, model_spec, folder, NAME)
    key_before = json.loads(files(folder)[1].read_text())["key"]
    other = ModelSpec(model_spec.location, model_spec.identity + "-retrained")
    embed_with_cache(texts, counting, other, folder, NAME)
    assert counting.texts == 2 * len(texts)
    assert json.loads(files(folder)[1].read_text())["key"] != key_before
    # And back: the first model's vectors are not taken from the other model's cache.
    embed_with_cache(texts, counting, model_spec, folder, NAME)
    assert counting.texts == 3 * len(texts)


def linked_copy(folder: Path, copy: Path) -> Path:
    """A copy of a model folder made of symbolic links (the 90 MB of weights are not copied)."""
    for path in folder.rglob("*"):
        target = copy / path.relative_to(folder)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)
    return copy


def test_model_identity_follows_the_model_folder(model_spec, tmp_path):
    """A copy of the model folder has the same identity; changing a settings file changes it."""
    copy = linked_copy(Path(model_spec.location), tmp_path / "model-copy")
    assert resolve_model(copy).identity == model_spec.identity
    config = copy / "config_sentence_transformers.json"
    settings = json.loads(config.read_text())
    config.unlink()
    config.write_text(json.dumps({**settings, "note": "fine-tuned"}))
    assert resolve_model(copy).identity != model_spec.identity


def test_model_identity_changes_when_the_weights_change(model_spec, tmp_path):
    copy = linked_copy(Path(model_spec.location), tmp_path / "model-copy")
    weights = copy / "model.safetensors"
    size = weights.stat().st_size
    weights.unlink()
    with open(weights, "wb") as stream:  # different bytes, same size (a sparse file: nothing is really written)
        stream.truncate(size)
    assert weights.stat().st_size == size
    assert resolve_model(copy).identity != model_spec.identity


def test_cache_key_depends_on_every_text_and_their_boundaries():
    assert cache.key_of("model", "ab", "c") != cache.key_of("model", "a", "bc")
    assert cache.key_of("model", "a", "b") != cache.key_of("model", "b", "a")
    assert cache.key_of("model", "a") != cache.key_of("other", "a")
    assert cache.key_of("model", "a", "b") == cache.key_of("model", "a", "b")


# --------------------------------------------------------------------------- #
# Damaged or foreign caches are detected and rebuilt


def truncate_npy(folder: Path) -> None:
    npy = files(folder)[0]
    npy.write_bytes(npy.read_bytes()[: npy.stat().st_size // 2])


def flip_a_byte(folder: Path) -> None:
    npy = files(folder)[0]
    data = bytearray(npy.read_bytes())
    data[len(data) - 100] ^= 0xFF
    npy.write_bytes(bytes(data))


def remove_npy(folder: Path) -> None:
    files(folder)[0].unlink()


def json_not_json(folder: Path) -> None:
    files(folder)[1].write_text("<html>not a cache</html>")


def forged_json(array_bytes: bytes, key: str, shape) -> str:
    return json.dumps(
        {"format": cache.FORMAT, "key": key, "shape": shape, "sha256": hashlib.sha256(array_bytes).hexdigest()}
    )


def pickled_npy_with_matching_json(folder: Path) -> None:
    """A foreign .npy that holds a pickle, with a JSON forged to match it: it must never be unpickled."""
    npy, meta = files(folder)
    key = json.loads(meta.read_text())["key"]
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"payload": "pickled"}, None], dtype=object), allow_pickle=True)
    npy.write_bytes(buffer.getvalue())
    meta.write_text(forged_json(buffer.getvalue(), key, [2]))


def text_file_as_npy_with_matching_json(folder: Path) -> None:
    npy, meta = files(folder)
    key = json.loads(meta.read_text())["key"]
    npy.write_bytes(b"these are not embeddings\n")
    meta.write_text(forged_json(npy.read_bytes(), key, [6, 384]))


def wrong_shape_in_json(folder: Path) -> None:
    meta = files(folder)[1]
    record = json.loads(meta.read_text())
    record["shape"] = [3, 384]
    meta.write_text(json.dumps(record))


DAMAGE = [
    truncate_npy,
    flip_a_byte,
    remove_npy,
    json_not_json,
    pickled_npy_with_matching_json,
    text_file_as_npy_with_matching_json,
    wrong_shape_in_json,
]


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
def test_damaged_cache_is_detected_rebuilt_and_warned_about(damage, texts, counting, model_spec, folder, caplog):
    good = embed_with_cache(texts, counting, model_spec, folder, NAME)
    damage(folder)
    caplog.clear()
    caplog.set_level(logging.INFO, logger="samantha")

    again = embed_with_cache(texts, counting, model_spec, folder, NAME)
    assert counting.texts == 2 * len(texts)  # rebuilt
    np.testing.assert_allclose(again, good, atol=1e-5)
    warnings = samantha_records(caplog)
    assert warnings, "no warning on the samantha logger"
    assert any(str(folder / NAME) in r.getMessage() for r in warnings)

    # The rebuilt cache is good: a third build encodes nothing.
    assert np.array_equal(embed_with_cache(texts, counting, model_spec, folder, NAME), again)
    assert counting.texts == 2 * len(texts)


def test_json_from_another_key_is_detected_and_rebuilt(texts, counting, model_spec, folder, tmp_path, caplog):
    good = embed_with_cache(texts, counting, model_spec, folder, NAME)
    elsewhere = tmp_path / "elsewhere"
    embed_with_cache(texts[:2], counting, model_spec, elsewhere, NAME)
    shutil.copyfile(files(elsewhere)[1], files(folder)[1])
    encoded = counting.texts
    caplog.clear()
    caplog.set_level(logging.INFO, logger="samantha")

    again = embed_with_cache(texts, counting, model_spec, folder, NAME)
    assert counting.texts == encoded + len(texts)
    np.testing.assert_allclose(again, good, atol=1e-5)
    # Logged (at INFO: the same path as an ordinary stale cache after a review was edited).
    assert any(str(folder / NAME) in r.getMessage() for r in samantha_records(caplog, logging.INFO))
    assert json.loads(files(folder)[1].read_text())["key"] == cache.key_of(model_spec.identity, *texts)


def test_a_cache_from_another_json_shape_is_treated_as_missing(texts, counting, model_spec, folder, caplog):
    embed_with_cache(texts, counting, model_spec, folder, NAME)
    files(folder)[1].write_text(json.dumps(["a", "list", "not", "a", "record"]))
    caplog.set_level(logging.INFO, logger="samantha")
    embed_with_cache(texts, counting, model_spec, folder, NAME)
    assert counting.texts == 2 * len(texts)
    assert samantha_records(caplog, logging.INFO)


# --------------------------------------------------------------------------- #
# Folders that cannot be written


def test_read_only_cache_folder_still_works_without_caching(texts, counting, model_spec, tmp_path, caplog):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user (root) who can write a 0o500 folder")
        caplog.set_level(logging.WARNING, logger="samantha")
        first = embed_with_cache(texts, counting, model_spec, folder, NAME)
        second = embed_with_cache(texts, counting, model_spec, folder, NAME)
        assert first.shape == (len(texts), 384)
        assert np.array_equal(first, second)
        assert counting.texts == 2 * len(texts)  # nothing cached, so encoded twice
        assert list(folder.iterdir()) == []
        assert any("cannot write the cache" in r.getMessage() for r in samantha_records(caplog))
    finally:
        folder.chmod(0o700)


def test_read_only_cache_folder_with_a_good_cache_is_still_read(texts, counting, model_spec, tmp_path):
    folder = tmp_path / "read-only"
    embed_with_cache(texts, counting, model_spec, folder, NAME)
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user (root) who can write a 0o500 folder")
        embed_with_cache(texts, counting, model_spec, folder, NAME)
        assert counting.texts == len(texts)
    finally:
        folder.chmod(0o700)


def test_cache_folder_that_cannot_be_created_still_works(texts, counting, model_spec, tmp_path, caplog):
    """Unwritable even for root: the cache 'folder' would sit under a regular file."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = blocker / "cache"
    caplog.set_level(logging.WARNING, logger="samantha")
    first = embed_with_cache(texts, counting, model_spec, folder, NAME)
    second = embed_with_cache(texts, counting, model_spec, folder, NAME)
    assert np.array_equal(first, second)
    assert counting.texts == 2 * len(texts)
    assert any("cannot write the cache" in r.getMessage() for r in samantha_records(caplog))
    assert blocker.read_text() == "not a folder"


def test_cache_disabled_with_no_folder(texts, counting, model_spec, private_cache_dir):
    embed_with_cache(texts, counting, model_spec, None, NAME)
    embed_with_cache(texts, counting, model_spec, None, NAME)
    assert counting.texts == 2 * len(texts)
    assert list(private_cache_dir.iterdir()) == []


# --------------------------------------------------------------------------- #
# File format and atomic writes


def test_cache_files_are_plain_npy_and_json_never_pickles(texts, counting, model_spec, folder):
    vectors = embed_with_cache(texts, counting, model_spec, folder, NAME)
    npy, meta = files(folder)
    loaded = np.load(npy, allow_pickle=False)
    assert loaded.dtype == np.float32
    assert np.array_equal(loaded, vectors)
    record = json.loads(meta.read_text(encoding="utf-8"))
    assert record["shape"] == [len(texts), 384]
    assert record["sha256"] == hashlib.sha256(npy.read_bytes()).hexdigest()
    assert sorted(p.name for p in folder.iterdir()) == [f"{NAME}.json", f"{NAME}.npy"]


def test_write_atomic_writes_and_replaces_leaving_no_temporary_files(tmp_path):
    target = tmp_path / "data.bin"
    cache.write_atomic(target, b"first")
    cache.write_atomic(target, b"second, longer")
    assert target.read_bytes() == b"second, longer"
    assert [p.name for p in tmp_path.iterdir()] == ["data.bin"]


def test_write_atomic_failure_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "data.bin"
    cache.write_atomic(target, b"old contents")
    with pytest.raises(TypeError):
        cache.write_atomic(target, "text, not bytes")  # fails while writing the temporary file
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["data.bin"]

    occupied = tmp_path / "a-folder"
    occupied.mkdir()
    with pytest.raises(OSError):
        cache.write_atomic(occupied, b"data")  # fails at the rename
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder", "data.bin"]
    assert list(occupied.iterdir()) == []
