"""The fast path for questions: the same answers as sentence-transformers gives, without torch.

Questions are encoded at run time by the ONNX export of the model (samantha/query_encoder.py);
``SearchSettings(fast_queries=False)`` encodes them with sentence-transformers instead. Both
bots here share one knowledge base and one cache (so the same document embeddings), and every
turn of every case of benchmarks/questions.json must get the same reply from both. Also: a
one-shot ``samantha ask`` on built caches never imports torch (nor the other heavy modules), and
the speed-ups behind the fast path (cached keyword statistics, the cache folder found without
platformdirs) change nothing. No timings are asserted here: benchmarks/speed.py measures them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from samantha import Samantha, cache, lexical
from samantha.knowledge import load_knowledge
from samantha.lexical import VARIANTS, LexicalIndex, LexicalSettings
from samantha.search import SearchSettings
from samantha.tokenizer import tokens

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "benchmarks" / "questions.json"
CASES = json.loads(QUESTIONS.read_text(encoding="utf-8"))
DENSE_QUESTION = "What did the critics think of the music?"
# Modules a one-shot question on built caches must not import (top-level package names).
HEAVY = ("torch", "sentence_transformers", "transformers", "scipy", "sklearn", "prompt_toolkit")


@pytest.fixture(scope="module")
def built(tmp_path_factory, shared_model) -> Path:
    """A cache folder with the bundled reviews' index and the ONNX export built.

    It is ``<base>/samantha``, so that ``XDG_CACHE_HOME=<base>`` names it too (on Linux).
    """
    folder = tmp_path_factory.mktemp("xdg-cache") / "samantha"
    Samantha(cache_dir=folder)  # builds the embeddings with sentence-transformers, and the export
    return folder


@pytest.fixture(scope="module")
def fast_bot(built) -> Samantha:
    """A bot started on built caches, as every run after the first: questions go through ONNX."""
    return Samantha(cache_dir=built)


@pytest.fixture(scope="module")
def slow_bot(built) -> Samantha:
    """The same bot, questions encoded by sentence-transformers."""
    return Samantha(cache_dir=built, _settings=SearchSettings(fast_queries=False))


def query_encoder_name(bot: Samantha) -> str:
    bot._retriever.encode_query("warm up")
    encoder = bot._retriever._encoder
    return type(getattr(encoder, "chosen", encoder)).__name__


def test_the_two_bots_encode_questions_differently(fast_bot, slow_bot):
    # Otherwise the comparison below would compare a path with itself.
    assert query_encoder_name(fast_bot) == "OnnxQueryEncoder"
    assert query_encoder_name(slow_bot) == "SentenceTransformerEncoder"
    question = "Is the film about loneliness?"
    fast, slow = fast_bot._retriever.encode_query(question), slow_bot._retriever.encode_query(question)
    assert float(fast @ slow) > 0.9999


@pytest.mark.parametrize("case", CASES, ids=[str(c.get("id")) for c in CASES])
def test_every_turn_gets_the_same_reply_on_both_paths(fast_bot, slow_bot, case):
    spoilers = bool((case.get("flags") or {}).get("spoilers", False))
    fast = fast_bot.conversation(spoilers=spoilers)
    slow = slow_bot.conversation(spoilers=spoilers)
    for turn in case["turns"]:
        fast_reply, slow_reply = fast.ask(turn), slow.ask(turn)
        assert fast_reply.text == slow_reply.text, turn
        assert fast_reply.citations == slow_reply.citations, turn
        assert fast_reply.to_dict() == slow_reply.to_dict(), turn
    assert fast.to_dict() == slow.to_dict()


def samantha_command() -> list[str]:
    script = Path(sys.executable).parent / "samantha"
    return [sys.executable, "-X", "importtime", *([str(script)] if script.exists() else ["-m", "samantha"])]


def imported_modules(stderr: str) -> set[str]:
    """Top-level names of the modules ``python -X importtime`` reports."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name and name != "imported package":
                names.add(name.split(".")[0])
    return names


def ask_in_subprocess(env: dict[str, str], question: str) -> tuple[dict, set[str]]:
    result = subprocess.run(
        [*samantha_command(), "ask", "--json", question],
        capture_output=True, env=env, timeout=600, check=False, cwd=ROOT,
    )
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, stderr[-3000:]
    return json.loads(result.stdout), imported_modules(stderr)


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMANTHA_")}
    env["HF_HUB_OFFLINE"] = env["TRANSFORMERS_OFFLINE"] = "1"
    return env


def expected_reply(built: Path, question: str) -> dict:
    """The library's reply on the built caches (a new bot: it also makes sure they are built
    for the knowledge as it is now, not as it was when the module started)."""
    return Samantha(cache_dir=built).ask(question).to_dict()


def test_a_one_shot_question_on_built_caches_does_not_import_torch(built):
    expected = expected_reply(built, DENSE_QUESTION)
    env = {**clean_env(), "SAMANTHA_CACHE_DIR": str(built)}
    reply, modules = ask_in_subprocess(env, DENSE_QUESTION)
    assert reply["found"] and reply["citations"]
    assert reply == expected
    assert "onnxruntime" in modules, "the question was not encoded by the ONNX export"
    assert "numpy" in modules and "samantha" in modules  # the report is read right
    assert not [name for name in HEAVY if name in modules]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the platformdirs shortcut is for Linux")
def test_the_default_cache_folder_is_found_without_platformdirs(built):
    expected = expected_reply(built, DENSE_QUESTION)
    env = {**clean_env(), "XDG_CACHE_HOME": str(built.parent)}
    reply, modules = ask_in_subprocess(env, DENSE_QUESTION)
    assert reply == expected
    assert "platformdirs" not in modules
    assert not [name for name in HEAVY if name in modules]


def test_a_credits_question_loads_no_model_at_all(built):
    expected_reply(built, "Who directed Her?")
    env = {**clean_env(), "SAMANTHA_CACHE_DIR": str(built)}
    reply, modules = ask_in_subprocess(env, "Who directed Her?")
    assert "Spike Jonze" in reply["text"]
    assert "onnxruntime" not in modules and "tokenizers" not in modules
    assert not [name for name in HEAVY if name in modules]


# --------------------------------------------------------------------------- #
# The pieces the fast path changed: they must change nothing.


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"XDG_CACHE_HOME": "/somewhere/else"},
        {"XDG_CACHE_HOME": "relative/path"},
        {"XDG_CACHE_HOME": ""},
        {"HOME": "/"},
        {"HOME": "/home/someone/"},
        {"HOME": "relative"},
        {"HOME": ""},
    ],
    ids=lambda env: ",".join(f"{k}={v}" for k, v in env.items()) or "as-is",
)
def test_the_default_cache_folder_is_the_one_platformdirs_names(monkeypatch, env):
    platformdirs = pytest.importorskip("platformdirs")
    monkeypatch.delenv("SAMANTHA_CACHE_DIR", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        expected = Path(platformdirs.user_cache_dir("samantha", appauthor=False))
    except RuntimeError:  # platformdirs cannot find a home either
        pytest.skip("platformdirs has no answer here")
    assert cache.default_cache_dir() == expected


def test_an_explicit_cache_folder_still_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("SAMANTHA_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "/elsewhere")
    assert cache.default_cache_dir() == tmp_path


@pytest.fixture(scope="module")
def corpora():
    knowledge = load_knowledge()
    cases = json.loads((ROOT / "benchmarks" / "holdout.json").read_text(encoding="utf-8")) + CASES
    queries = [turn for case in cases for turn in case["turns"]] + ["", "the of and", "film film Theodore"]
    return {
        "passages": [p.text for p in knowledge.passages(3)],
        "sentences": [s.text for s in knowledge.sentences],
        "queries": queries,
    }


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("b", [0.5, 0.75])
@pytest.mark.parametrize("which", ["passages", "sentences"])
def test_keyword_scores_are_rank_bm25s_to_the_bit_built_or_cached(corpora, tmp_path, variant, b, which):
    texts = corpora[which]
    settings = LexicalSettings(variant=variant, b=b)
    reference = lexical._make_bm25([tokens(t) for t in texts], settings)
    built = LexicalIndex(texts, settings, tmp_path, which)
    assert (tmp_path / f"{which}.json").is_file()
    cached = LexicalIndex(texts, settings, tmp_path, which)
    assert cached._stats is not built._stats
    uncached = LexicalIndex(texts, settings)
    for query in corpora["queries"]:
        wanted = [t for t in tokens(query) if built.known(t)]
        if wanted:
            expected = reference.get_scores(wanted)
            for index in (built, cached, uncached):
                got = index._bm25_scores(wanted)
                assert got.dtype == expected.dtype and np.array_equal(got, expected), query
        first = built.scores(query)
        assert np.array_equal(first, cached.scores(query)) and np.array_equal(first, uncached.scores(query))


def test_cached_keyword_statistics_are_rebuilt_when_the_texts_change(tmp_path):
    texts = ["A film about marmalade.", "Tomatoes in the garden.", "Music for dancing."]
    LexicalIndex(texts, LexicalSettings(), tmp_path, "tiny")
    before = json.loads((tmp_path / "tiny.json").read_text())["key"]
    changed = texts[:2] + ["Music for marmalade."]
    index = LexicalIndex(changed, LexicalSettings(), tmp_path, "tiny")
    assert json.loads((tmp_path / "tiny.json").read_text())["key"] != before
    assert np.array_equal(index.scores("marmalade"), LexicalIndex(changed).scores("marmalade"))


@pytest.mark.parametrize("damage", ["truncated", "garbage", "wrong shape", "out of range"])
def test_damaged_keyword_statistics_are_rebuilt(tmp_path, damage):
    texts = ["A film about marmalade.", "Tomatoes in the garden.", "Music for dancing."]
    LexicalIndex(texts, LexicalSettings(), tmp_path, "tiny")
    path = tmp_path / "tiny.json"
    data = json.loads(path.read_text())
    if damage == "truncated":
        path.write_text(path.read_text()[:40])
    elif damage == "garbage":
        path.write_bytes(b"\xff\x00 not json")
    elif damage == "wrong shape":
        data["body"]["doc_len"] = data["body"]["doc_len"][:1]
        path.write_text(json.dumps(data))
    else:
        data["body"]["postings"][0][0] = [99]
        path.write_text(json.dumps(data))
    index = LexicalIndex(texts, LexicalSettings(), tmp_path, "tiny")
    assert np.array_equal(index.scores("marmalade garden"), LexicalIndex(texts).scores("marmalade garden"))
    assert json.loads(path.read_text())["key"] == data["key"]  # written again, whole
