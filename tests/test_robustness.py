"""Robustness: bad input, arbitrary text, damaged or unwritable caches, malformed reviews, threads.

Most tests use the real bot on the bundled reviews. Command-line tests run
``python -m samantha`` in a subprocess, as a user does; they share one cache
folder with tests/test_cli.py, so the index is built once per session. Tests
that need a cache of their own (two processes building at once, damaged and
read-only caches) copy or build one in a private folder.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import samantha
from samantha import KnowledgeError, Reply, Samantha, cache, dense
from samantha.knowledge import load_knowledge
from samantha.understand import MAX_QUESTION_CHARS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(samantha.__file__).resolve().parent
BENCHMARK = json.loads((ROOT / "benchmarks" / "questions.json").read_text(encoding="utf-8"))
TURNS = [turn for case in BENCHMARK for turn in case["turns"]]

# Questions whose answers need the dense part of retrieval (a fact from the credits does not).
DENSE_QUESTION = "What did the critics think of the music?"
TERMINAL_BYTES = (b"\x1b", b"\x07", b"\xc2\x9b", b"\xc2\x9d")  # ESC, BEL, and the C1 CSI and OSC in UTF-8


# --------------------------------------------------------------------------- #
# Fixtures and helpers


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory) -> Path:
    # The same folder tests/test_cli.py uses: one index build for the whole session.
    return tmp_path_factory.getbasetemp() / "samantha-cache"


@pytest.fixture(scope="module")
def keyword_only(shared_cache) -> Samantha:
    return Samantha(retrieval="bm25", cache_dir=shared_cache)


@pytest.fixture(scope="module")
def hybrid(shared_cache, shared_model) -> Samantha:
    return Samantha(cache_dir=shared_cache)


@pytest.fixture(scope="module")
def env(shared_cache, tmp_path_factory) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SAMANTHA_MODEL")}
    return {**clean, "SAMANTHA_CACHE_DIR": str(shared_cache), "SAMANTHA_STATE_DIR": str(tmp_path_factory.mktemp("state")),
            "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"}


def with_cache(env: dict[str, str], folder: Path) -> dict[str, str]:
    return {**env, "SAMANTHA_CACHE_DIR": str(folder)}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "samantha", *args]


def run(env, *args: str, stdin: bytes = b"", prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, *command(*args)], input=stdin, capture_output=True, env=env,
                          timeout=600, check=False)


def decoded(result: subprocess.CompletedProcess) -> tuple[str, str]:
    return result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def answered_json(result: subprocess.CompletedProcess) -> dict:
    out, err = decoded(result)
    assert result.returncode == 0, err
    assert "Traceback" not in err
    return json.loads(out)


def assert_no_terminal_control(data: bytes) -> None:
    for raw in TERMINAL_BYTES:
        assert raw not in data, f"{raw!r} reached the terminal: {data[:300]!r}"


def assert_sound(bot: Samantha, reply: object) -> None:
    """What every reply must be, whatever was asked."""
    assert isinstance(reply, Reply)
    assert isinstance(reply.text, str) and reply.text.strip()
    assert isinstance(reply.found, bool)
    json.dumps(reply.to_dict(), ensure_ascii=False).encode("utf-8")  # JSON-safe, and no lone surrogates
    assert len(reply.question) <= MAX_QUESTION_CHARS
    for text in (reply.text, reply.question):
        odd = {c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co") and c != "\n"}
        assert not odd, f"control characters in a reply: {odd!r}"
    excerpts = [c.excerpt for c in reply.citations]
    assert len(set(excerpts)) == len(excerpts), f"an excerpt is cited twice: {excerpts}"
    for number, citation in enumerate(reply.citations, start=1):
        assert citation.number == number
        source = bot.knowledge.source(citation.source)
        assert citation.label == source.label
        parts = [part.strip() for part in citation.excerpt.split("…") if part.strip()]
        assert parts, f"an empty excerpt: {citation!r}"
        for part in parts:
            assert part in source.text, f"not verbatim in {source.id}: {part!r}"


def file_identities(folder: Path) -> dict[str, tuple[int, int, int]]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            out[path.relative_to(folder).as_posix()] = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    return out


def leftovers(folder: Path) -> list[str]:
    """Temporary files or folders a build left behind."""
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.name.startswith(".")]


def assert_cache_is_good(folder: Path) -> None:
    """Every cached array loads without pickles and matches the record beside it; the ONNX export checks out."""
    arrays = sorted(folder.rglob("*.npy"))
    assert {p.stem for p in arrays} == {"sentences", "passages"}, arrays
    for npy in arrays:
        record = json.loads(npy.with_suffix(".json").read_text(encoding="utf-8"))
        data = npy.read_bytes()
        assert record["sha256"] == hashlib.sha256(data).hexdigest()
        array = np.load(io.BytesIO(data), allow_pickle=False)
        assert array.dtype == np.float32 and array.ndim == 2 and list(array.shape) == record["shape"]
        assert np.isfinite(array).all()
    for record in folder.rglob("bm25/*.json"):  # the keyword statistics, if cached
        assert isinstance(json.loads(record.read_bytes()), dict), record
    exports = [p for p in folder.iterdir() if p.is_dir() and p.name.startswith("onnx-")]
    assert len(exports) == 1, sorted(p.name for p in folder.iterdir())
    from samantha.query_encoder import OnnxQueryEncoder

    vector = OnnxQueryEncoder(exports[0]).encode(["Who plays Samantha?"])
    assert vector.shape == (1, 384)


@contextlib.contextmanager
def samantha_log(level: int = logging.INFO):
    """Every record the samantha logger emits at ``level`` or above, whatever its handlers and propagation."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(level)
    handler.emit = records.append
    logger = logging.getLogger("samantha")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(level)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def bundled_store(folder: Path) -> Path:
    """The part of a cache folder that holds the bundled reviews' embeddings."""
    return folder / cache.key_of(load_knowledge().fingerprint)[:16]


@pytest.fixture
def built_cache(env, shared_cache, tmp_path) -> Path:
    """A private copy of the session's built cache (built first if need be), to damage or lock."""
    answered_json(run(env, "ask", "--json", DENSE_QUESTION))
    copy = tmp_path / "cache"
    shutil.copytree(shared_cache, copy)
    return copy


# --------------------------------------------------------------------------- #
# Bad input: the library


@pytest.mark.parametrize("question", ["", " ", "\n\t  \r\n", "\x00", "\x1b[0m", "\u200b\u200b", "\x07\x07"])
def test_an_empty_or_blank_question_gets_a_nudge_not_an_error(keyword_only, question):
    reply = keyword_only.ask(question)
    assert_sound(keyword_only, reply)
    assert reply.found is False
    assert reply.citations == ()
    assert reply.intent == "empty"
    assert "?" in reply.text  # a nudge suggests a question


def test_a_blank_question_in_a_conversation_leaves_it_as_it_was(keyword_only):
    straight = keyword_only.conversation()
    straight.ask("Who plays Amy?")
    expected = straight.ask("What did critics think of her?")

    interrupted = keyword_only.conversation()
    interrupted.ask("Who plays Amy?")
    assert interrupted.ask("   ").found is False
    assert interrupted.ask("What did critics think of her?").to_dict() == expected.to_dict()


def test_a_question_with_lone_surrogates_as_from_a_non_utf8_command_line_is_answered(keyword_only):
    # Python decodes undecodable argv bytes to lone surrogates ("\udcff").
    reply = keyword_only.ask("Who directed \udcff\udcfe Her?")
    assert_sound(keyword_only, reply)
    assert "Spike Jonze" in reply.text


def _random_words(count: int, seed: int = 7) -> str:
    import random

    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    return " ".join("".join(rng.choice(letters) for _ in range(rng.randint(5, 9))) for _ in range(count))


HUGE = {
    "random words": _random_words(15_000)[:100_000],
    "one long word": "x" * 100_000,
    "a real question, repeated": ("Who plays Samantha? " * 6_000)[:100_000],
    "controls and escapes": ("\x1b[31m\x07 who plays amy \x00" * 5_000)[:100_000],
}


@pytest.mark.parametrize("persona", [True, False], ids=["persona", "plain"])
@pytest.mark.parametrize("kind", list(HUGE))
def test_a_100kb_question_is_answered_within_a_second_cut_with_a_note(keyword_only, hybrid, kind, persona):
    question = HUGE[kind]
    assert len(question) == 100_000
    for bot in (keyword_only, hybrid):
        bot.ask("Who plays Amy?")  # warm
        started = time.perf_counter()
        reply = bot.ask(question, persona=persona)
        elapsed = time.perf_counter() - started
        assert elapsed < 1.0, f"{kind}: {elapsed:.2f} s"
        assert_sound(bot, reply)
        assert len(reply.question) <= MAX_QUESTION_CHARS
        short = bot.ask(reply.question, persona=persona)
        # The cut question is answered as if it had been asked, with a note first.
        assert reply.text.endswith(short.text)
        note = reply.text[: -len(short.text)].strip()
        assert note and "\n" not in note, reply.text
        assert reply.citations == short.citations
    if kind == "a real question, repeated":
        assert "Scarlett Johansson" in reply.text


@pytest.mark.parametrize("shorthand", ["idk", "u", "whats"])
def test_a_long_question_of_shorthand_is_still_cut_to_size(keyword_only, shorthand):
    reply = keyword_only.ask(f"{shorthand} " * 30_000)
    assert_sound(keyword_only, reply)
    assert len(reply.question) <= MAX_QUESTION_CHARS


PUNCTUATION = ["?", "?!?!", "...", "¿¡", "—–-", "()[]{}", "#$%&*", "«»", "„“”", "、。！？"]
EMOJI = ["😀", "🎬🍿❤️", "👍", "🤖💬", "🙂 🙃", "👩‍❤️‍👨"]
FOREIGN = [
    "Wer hat den Film gedreht?", "Qui a réalisé ce film ?", "¿Quién dirigió la película?",
    "Chi ha diretto il film?", "Кто снял фильм?", "谁导演了这部电影？", "誰がこの映画を監督しましたか？",
    "من أخرج الفيلم؟", "מי ביים את הסרט?", "फिल्म का निर्देशन किसने किया?", "영화 감독이 누구예요?",
    "Hvem instruerte filmen?", "asdfghjkl qwertyuiop", "lorem ipsum dolor sit amet", "1234567890",
]
APOSTROPHES = ["'", "''", "’", "‘’", "\"'\"", "?'?", "' ' '"]


@pytest.mark.parametrize("question", PUNCTUATION + EMOJI + FOREIGN + APOSTROPHES)
def test_punctuation_emoji_and_other_languages_get_a_sensible_reply(keyword_only, hybrid, question):
    for bot in (keyword_only, hybrid):
        reply = bot.ask(question)
        assert_sound(bot, reply)
        assert reply.citations == (), f"{question!r} cited {[c.excerpt for c in reply.citations]}"
        assert reply.found is False or reply.intent == "smalltalk"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("wh0 pl@ys teh b!ind d8 😂😂🔥🔥 in HER??", "Olivia Wilde"),
        ("🎬🎬 wh0 d1rected th1s 🤔🤔 movie??? her 2013 😍😍", "Spike Jonze"),
        ("what is OS1", "OS1"),
        ("🤖❤️🤖 whooo plaaays the OS voice?!?! 😭😭 scarjo?? ✨✨", "Scarlett Johansson"),
    ],
)
def test_digits_and_signs_typed_for_letters_are_read_as_the_word(keyword_only, question, expected):
    reply = keyword_only.ask(question)
    assert_sound(keyword_only, reply)
    assert reply.found and expected in reply.text


@pytest.mark.parametrize("question", ["the", "of the", "is it", "a", "s"])
def test_a_question_of_only_small_words_cites_nothing(keyword_only, question):
    reply = keyword_only.ask(question)
    assert_sound(keyword_only, reply)
    assert reply.citations == ()


def test_no_two_citations_of_a_reply_quote_the_same_words(keyword_only, hybrid):
    overlapping = []
    for bot in (keyword_only, hybrid):
        for question in ("Is there world in the film?", "Is there presence in the film?", "his what like",
                         "get did", "Is there assistance in the film?", "other Samantha? Was like the"):
            cited = bot.ask(question).citations
            overlapping += [
                (question, a.number, b.number)
                for i, a in enumerate(cited) for b in cited[i + 1:]
                if a.source == b.source and a.start < b.end and b.start < a.end
            ]
    assert not overlapping


# --------------------------------------------------------------------------- #
# Bad input: the command line


@pytest.mark.parametrize("question", ["", "   ", "\t"])
def test_cli_empty_question_exits_2_with_a_usage_message(env, question):
    result = run(env, "ask", question)
    out, err = decoded(result)
    assert result.returncode == 2
    assert out == ""
    assert "usage:" in err and "empty" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("json_flag", [(), ("--json",)], ids=["text", "json"])
def test_cli_question_escapes_never_reach_the_terminal(env, json_flag):
    result = run(env, "ask", *json_flag, "Who \x1b[31mdirected\x1b[0m Her?\x07 \x1b]0;pwned\x07 \u009b2J")
    assert result.returncode == 0, result.stderr
    assert_no_terminal_control(result.stdout + result.stderr)
    assert "Spike Jonze" in result.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A knowledge folder whose review tries to drive the terminal, in its label and its text."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.md").write_text(
        "---\nid: hostile\nlabel: Evil \x1b[31mCritic\x1b[0m\x07\nkind: critic review\n---\n\n"
        "Joaquin Phoenix is \x1b]0;pwned\x07wonderful\x07 as Theodore\x1b[2J in this film.\n\n"
        "The music by Arcade Fire is \x1b[5mhaunting\x1b[0m and \u009b31mlovely\u009b0m, a gentle \x1bcscore.\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("args", [
    ("ask", "What did the critics think of Joaquin Phoenix?"),
    ("ask", "--json", "What did the critics think of Joaquin Phoenix?"),
    ("ask", "--plain", "What did they say about the music by Arcade Fire?"),
    ("chat",),
    ("chat", "--json"),
], ids=["ask", "ask-json", "ask-plain", "chat", "chat-json"])
def test_cli_review_text_escapes_never_reach_the_terminal(env, hostile, args):
    stdin = b"What did the critics think of Joaquin Phoenix?\nwho said that?\nWhat about the music by Arcade Fire?\n"
    result = run(env, *args, "--no-dense", "--knowledge", str(hostile), stdin=stdin)
    out, err = decoded(result)
    assert result.returncode == 0, err
    assert_no_terminal_control(result.stdout + result.stderr)
    assert "wonderful" in out or "haunting" in out, out  # the hostile review was quoted, not skipped


@pytest.mark.parametrize("json_flag", [(), ("--json",)], ids=["text", "json"])
def test_cli_invalid_utf8_on_standard_input_is_replaced_not_fatal(env, json_flag):
    stdin = (b"Who plays Amy?\n"
             b"\xff\xfe\xc3( who directed it\n"
             b"\x80\x80\x80\n"
             b"\xed\xa0\x80 lone surrogate, encoded\n"
             b"\x1b[2J\x07\x00\n"
             b"Who plays Samantha?")  # and no newline at the end
    result = run(env, "chat", "--no-dense", *json_flag, stdin=stdin)
    out, err = decoded(result)
    assert result.returncode == 0, err
    assert "Traceback" not in err
    assert_no_terminal_control(result.stdout)
    assert "Amy Adams" in out and "Spike Jonze" in out and "Scarlett Johansson" in out
    if json_flag:
        replies = [json.loads(line) for line in out.splitlines()]
        assert len(replies) == 6
        assert "\ufffd" in replies[1]["question"]


def test_cli_a_100kb_line_on_standard_input_is_answered(env):
    stdin = HUGE["a real question, repeated"].encode() + b"\nWho plays Amy?\n"
    result = run(env, "chat", "--no-dense", "--json", stdin=stdin)
    out, err = decoded(result)
    assert result.returncode == 0, err
    first, second = (json.loads(line) for line in out.splitlines())
    assert len(first["question"]) <= MAX_QUESTION_CHARS and "Scarlett Johansson" in first["text"]
    assert "Amy Adams" in second["text"]


# --------------------------------------------------------------------------- #
# Arbitrary text (hypothesis)

_NOISE = ["\x1b[31m", "\x1b[0m", "\x1b]0;title\x07", "\x07", "\x00", "\r\n", "\t", "\u202e", "\u200b", "\ufeff",
          "…", "’", "'", '"', "?", "!", "😀", "🎬", "\u0301", "ﬁ", "İ", "ß", "\u2028", "\u00a0", "\x9b", "\x85"]
_WORDS = sorted({w for turn in TURNS for w in turn.split()}) + ["yes", "more", "tell me more", "who said that?",
                                                                "and", "her", "she", "he", "they", "spoilers"]
_CONTROLS_AND_SPACES = st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"])

questions = st.one_of(
    st.text(),                                    # all of Unicode but surrogates, control characters included
    st.text(max_size=4000),
    st.text(alphabet=_CONTROLS_AND_SPACES, max_size=300),
    st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from(_NOISE), st.text(max_size=4)), max_size=40)
    .map(" ".join),                               # words the bot knows, among noise: answers with citations
    st.lists(st.sampled_from(_WORDS), min_size=400, max_size=900).map(" ".join),  # very long, cut to size
)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
])


@PROPERTY
@given(question=questions, spoilers=st.booleans(), persona=st.booleans())
@example(question="Who plays Samantha?", spoilers=False, persona=True)
@example(question="What did the critics think of Scarlett Johansson's performance?", spoilers=True, persona=False)
@example(question="How does it end?", spoilers=True, persona=True)
def test_ask_never_raises_and_cites_only_verbatim_distinct_excerpts(keyword_only, question, spoilers, persona):
    reply = keyword_only.ask(question, spoilers=spoilers, persona=persona)
    assert_sound(keyword_only, reply)


@PROPERTY
@given(turns=st.lists(questions, min_size=1, max_size=6), spoilers=st.booleans())
def test_a_conversation_of_arbitrary_text_never_raises_and_resumes_from_json(keyword_only, turns, spoilers):
    conversation = keyword_only.conversation(spoilers=spoilers)
    for turn in turns:
        assert_sound(keyword_only, conversation.ask(turn))
        state = json.loads(json.dumps(conversation.to_dict(), ensure_ascii=False))
        conversation = keyword_only.conversation(state)


@settings(PROPERTY, max_examples=40)
@given(question=questions, spoilers=st.booleans())
@example(question="What did the critics think of the music?", spoilers=False)
def test_hybrid_ask_never_raises_and_cites_only_verbatim_distinct_excerpts(hybrid, question, spoilers):
    reply = hybrid.ask(question, spoilers=spoilers)
    assert_sound(hybrid, reply)


@settings(PROPERTY, max_examples=60)
@given(question=st.text(alphabet=st.characters(categories=["P", "S", "Z", "Cc", "Cf"]), max_size=60))
@example(question="'")
def test_text_without_letters_or_digits_never_cites_anything(keyword_only, question):
    reply = keyword_only.ask(question)
    assert_sound(keyword_only, reply)
    assert reply.citations == ()


# --------------------------------------------------------------------------- #
# Caches


def test_the_package_never_unpickles():
    """No pickle, shelve, marshal, joblib or torch.load anywhere; every np.load says allow_pickle=False."""
    forbidden_modules = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "joblib", "shelve", "marshal"}
    problems = []
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 10
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            where = f"{path.name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Import):
                problems += [where for alias in node.names if alias.name.split(".")[0] in forbidden_modules]
            elif (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in forbidden_modules) or (
                isinstance(node, ast.Name) and node.id in forbidden_modules
            ):
                problems.append(where)
            elif isinstance(node, ast.Call):
                name = ast.unparse(node.func)
                keywords = {k.arg: k.value for k in node.keywords}
                if name in ("np.load", "numpy.load"):
                    flag = keywords.get("allow_pickle")
                    if not (isinstance(flag, ast.Constant) and flag.value is False):
                        problems.append(f"{where} np.load without allow_pickle=False")
                if name.endswith("torch.load") or name in ("load_state_dict_from_url",):
                    problems.append(f"{where} {name}")
                if isinstance(keywords.get("allow_pickle"), ast.Constant) and keywords["allow_pickle"].value is True:
                    problems.append(f"{where} allow_pickle=True")
    assert not problems, problems


class _Trap:
    """Unpickling this creates a file: proof that something unpickled."""

    marker = ""

    def __reduce__(self):
        return (open, (self.marker, "w"))


def flip_a_byte(npy: Path, marker: Path) -> None:
    data = bytearray(npy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    npy.write_bytes(bytes(data))


def pickle_with_a_matching_record(npy: Path, marker: Path) -> None:
    """A pickle in the .npy, and a record whose checksum vouches for it: only allow_pickle=False stops it."""
    trap = _Trap()
    trap.marker = str(marker)
    buffer = io.BytesIO()
    np.save(buffer, np.array([trap, trap], dtype=object), allow_pickle=True)
    npy.write_bytes(buffer.getvalue())
    meta = npy.with_suffix(".json")
    record = json.loads(meta.read_text(encoding="utf-8"))
    record["sha256"] = hashlib.sha256(buffer.getvalue()).hexdigest()
    meta.write_text(json.dumps(record), encoding="utf-8")


@pytest.mark.parametrize("damage", [flip_a_byte, pickle_with_a_matching_record], ids=lambda d: d.__name__)
def test_cli_damaged_cache_is_rebuilt_with_one_warning_line_on_stderr(env, built_cache, tmp_path, damage):
    normal = answered_json(run(env, "ask", "--json", DENSE_QUESTION))
    npy = bundled_store(built_cache) / "sentences.npy"
    marker = tmp_path / "unpickled"
    damage(npy, marker)

    result = run(with_cache(env, built_cache), "ask", "--json", DENSE_QUESTION)
    assert answered_json(result) == normal  # standard output is the reply and nothing else
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1, lines
    assert "cache" in lines[0] and "sentences" in lines[0], lines[0]
    assert not marker.exists(), "the cache was unpickled"

    # Rebuilt, and good: the next run is silent and leaves the files alone.
    assert_cache_is_good(built_cache)
    before = file_identities(built_cache)
    again = run(with_cache(env, built_cache), "ask", "--json", DENSE_QUESTION)
    assert answered_json(again) == normal
    assert again.stderr == b""
    assert file_identities(built_cache) == before


def test_a_cache_record_that_is_not_a_cache_record_is_warned_about(tmp_path):
    """A .json beside the array that parses but is no record of ours ({} or a list) is damage, not staleness."""
    array = np.arange(6, dtype=np.float32).reshape(2, 3)
    for junk in ("{}", "[]", '"text"', '{"format": 1}'):
        assert cache.save_array(tmp_path, "vectors", "key", array)
        (tmp_path / "vectors.json").write_text(junk, encoding="utf-8")
        with samantha_log() as records:
            assert cache.load_array(tmp_path, "vectors", "key") is None
        warnings = [r for r in records if r.levelno >= logging.WARNING]
        assert len(warnings) == 1 and "vectors" in warnings[0].getMessage(), (junk, records)
    # A record for other data is only stale: rebuilt quietly (logged at INFO).
    assert cache.save_array(tmp_path, "vectors", "other key", array)
    with samantha_log() as records:
        assert cache.load_array(tmp_path, "vectors", "key") is None
    assert records and not [r for r in records if r.levelno >= logging.WARNING]


def test_cli_damaged_onnx_export_is_rebuilt_with_one_warning_line(env, built_cache):
    normal = answered_json(run(env, "ask", "--json", DENSE_QUESTION))
    (export,) = built_cache.glob("onnx-*")
    weights = export / "model.onnx.data"
    weights.write_bytes(weights.read_bytes()[:1000])

    result = run(with_cache(env, built_cache), "ask", "--json", DENSE_QUESTION)
    assert answered_json(result) == normal
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and export.name in lines[0], lines
    assert_cache_is_good(built_cache)


def counts_as_text(record: dict) -> None:
    body = record["body"]
    body["postings"] = [[docs, [str(c) + "x" for c in counts]] for docs, counts in body["postings"]]


def idf_not_a_number(record: dict) -> None:
    record["body"]["idf"] = [float("nan")] * len(record["body"]["idf"])


@pytest.mark.parametrize("damage", [counts_as_text, idf_not_a_number], ids=lambda d: d.__name__)
def test_cli_damaged_keyword_cache_is_rebuilt_with_one_warning_line(env, tmp_path, damage):
    folder = tmp_path / "cache"
    normal = answered_json(run(with_cache(env, folder), "ask", "--no-dense", "--json", DENSE_QUESTION))
    (path,) = bundled_store(folder).glob("bm25/sentences.json")
    record = json.loads(path.read_bytes())
    damage(record)
    path.write_text(json.dumps(record), encoding="utf-8")

    result = run(with_cache(env, folder), "ask", "--no-dense", "--json", DENSE_QUESTION)
    assert answered_json(result) == normal
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and "cache" in lines[0] and "sentences" in lines[0], lines


@pytest.fixture
def locked():
    """Make folders read-only for the subprocesses a test runs, even when the tests run as root."""
    folders: list[Path] = []

    def lock(folder: Path) -> tuple[str, ...]:
        folders.append(folder)
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        prefix: tuple[str, ...] = ()
        if os.geteuid() == 0:
            setpriv = shutil.which("setpriv")
            if setpriv is None:
                pytest.skip("running as root, which can write a read-only folder, and setpriv is not there to stop it")
            prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner")
        probe = subprocess.run([*prefix, sys.executable, "-c", "import pathlib, sys; pathlib.Path(sys.argv[1]).write_text('x')",
                                str(folder / "probe")], capture_output=True, check=False)
        if probe.returncode == 0:
            (folder / "probe").unlink()
            pytest.skip("cannot make a folder read-only here (setpriv could not take root's override away)")
        return prefix

    yield lock
    for folder in folders:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_cli_read_only_cache_with_a_good_cache_is_read_and_left_alone(env, built_cache, locked):
    normal = answered_json(run(env, "ask", "--json", DENSE_QUESTION))
    before = file_identities(built_cache)
    prefix = locked(built_cache)
    result = run(with_cache(env, built_cache), "ask", "--json", DENSE_QUESTION, prefix=prefix)
    assert answered_json(result) == normal
    assert result.stderr == b""
    assert file_identities(built_cache) == before


def test_cli_read_only_empty_cache_works_without_caching(env, tmp_path, locked):
    normal = answered_json(run(env, "ask", "--json", DENSE_QUESTION))
    folder = tmp_path / "read-only-cache"
    folder.mkdir()
    prefix = locked(folder)
    result = run(with_cache(env, folder), "ask", "--json", DENSE_QUESTION, prefix=prefix)
    assert answered_json(result) == normal
    lines = result.stderr.decode("utf-8").splitlines()
    assert lines and all(line.startswith("samantha: ") for line in lines), lines
    assert all("cache" in line or "export" in line for line in lines), lines
    assert list(folder.iterdir()) == []


def test_cli_cache_folder_that_cannot_be_created_works_without_caching(env, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run(with_cache(env, blocker / "cache"), "ask", "--json", "Who directed Her?")
    assert "Spike Jonze" in answered_json(result)["text"]
    assert blocker.read_text() == "not a folder"


def test_two_processes_building_a_missing_cache_at_once_both_answer_and_leave_a_good_cache(
    env, tmp_path, shared_model, monkeypatch
):
    normal = answered_json(run(env, "ask", "--json", DENSE_QUESTION))
    folder = tmp_path / "not" / "there" / "yet"
    first, second = (
        subprocess.Popen(command("ask", "--json", DENSE_QUESTION), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=with_cache(env, folder))
        for _ in range(2)
    )
    outputs = [process.communicate(timeout=900) for process in (first, second)]
    for process, (out, err) in zip((first, second), outputs):
        assert process.returncode == 0, err.decode()
        assert err == b"", err.decode()
        assert json.loads(out) == normal
    assert leftovers(folder) == []
    assert_cache_is_good(folder)

    # A third run loads what they left: silent, and not a file touched.
    before = file_identities(folder)
    third = run(with_cache(env, folder), "ask", "--json", DENSE_QUESTION)
    assert answered_json(third) == normal
    assert third.stderr == b""
    assert file_identities(folder) == before

    # In-process too, at INFO level: no rebuild, so the embedding model is never even loaded.
    def no_model(spec):
        raise AssertionError("the cache was not used: the embedding model was loaded")

    monkeypatch.setattr(dense, "_load_sentence_transformer", no_model)
    with samantha_log(logging.DEBUG) as records:
        bot = Samantha(cache_dir=folder)
        assert bot.ask(DENSE_QUESTION).to_dict() == normal
    assert not [r.getMessage() for r in records if r.levelno >= logging.INFO], [r.getMessage() for r in records]
    assert file_identities(folder) == before


# --------------------------------------------------------------------------- #
# Malformed reviews

FACTS_HEADER = "---\nkind: facts\n---\n| relation | value | character | source | quote |\n|---|---|---|---|---|\n"
GOOD = "---\nid: {id}\nlabel: A critic\nkind: critic review\n---\n\nJoaquin Phoenix is wonderful as Theodore.\n"
MALFORMED = {
    "no-front-matter": ("Joaquin Phoenix is wonderful.\n", "front matter"),
    "unclosed": ("---\nid: x\nlabel: X\nkind: critic review\n\nText.\n", "not closed"),
    "bad-kind": ("---\nid: x\nlabel: X\nkind: poem\n---\nText.\n", "kind"),
    "no-label": ("---\nid: x\nkind: critic review\n---\nText.\n", "label"),
    "bad-id": ("---\nid: Not An Id\nlabel: X\nkind: critic review\n---\nText.\n", "id"),
    "no-text": ("---\nid: x\nlabel: X\nkind: critic review\n---\n\n", "no review text"),
    "empty": ("", "empty"),
    "not-key-value": ("---\nid: x\nthis is not a field\nlabel: X\nkind: critic review\n---\nText.\n", "line 3"),
    "twice": ("---\nid: x\nid: y\nlabel: X\nkind: critic review\n---\nText.\n", "twice"),
    "spoiler-not-in-text": ("---\nid: x\nlabel: X\nkind: critic review\nspoilers:\n  - she leaves\n---\nText.\n",
                            "spoiler"),
    "duplicate-id": (GOOD.format(id="good"), "already used"),
    "facts-bad-quote": (FACTS_HEADER + "| director | Spike Jonze |  | good | Directed by Spike Jonze |\n", "word for word"),
    "facts-bad-source": (FACTS_HEADER + "| director | Spike Jonze |  | nowhere | Joaquin |\n", "nowhere"),
}


@pytest.mark.parametrize("case", list(MALFORMED) + ["not-utf8", "escape-in-name"])
def test_cli_malformed_review_is_one_line_naming_the_file_and_the_problem(env, tmp_path, case):
    folder = tmp_path / "reviews"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.md").write_text(GOOD.format(id="good"), encoding="utf-8")
    name = f"{case}.md"
    if case == "not-utf8":
        (folder / "sub" / name).write_bytes(GOOD.format(id="latin").replace("wonderful", "très bien").encode("latin-1"))
        problem = "UTF-8"
    elif case == "escape-in-name":
        name = "evil\x1b[31m\x07.md"
        (folder / "sub" / name).write_text("no front matter\n", encoding="utf-8")
        problem = "front matter"
    else:
        content, problem = MALFORMED[case]
        (folder / "sub" / name).write_text(content, encoding="utf-8")

    result = run(env, "ask", "--no-dense", "--knowledge", str(folder), "Who plays Theodore?")
    out, err = decoded(result)
    assert result.returncode == 1
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, lines
    assert_no_terminal_control(result.stderr)
    shown_name = "evil.md" if case == "escape-in-name" else name  # the escape sequence is dropped whole
    assert shown_name in lines[0] and problem.lower() in lines[0].lower(), lines[0]

    with pytest.raises(KnowledgeError) as caught:
        Samantha(folder, retrieval="bm25")
    assert Path(caught.value.path).name == name


def test_a_review_file_whose_name_is_not_utf8_loads(env, tmp_path):
    folder = tmp_path / "reviews"
    folder.mkdir()
    path = os.fsdecode(os.path.join(os.fsencode(folder), b"caf\xe9 review.md"))
    Path(path).write_text(GOOD.format(id="cafe"), encoding="utf-8")
    bot = Samantha(folder, retrieval="bm25")
    assert [s.id for s in bot.knowledge.sources] == ["cafe"]
    result = run(env, "ask", "--no-dense", "--knowledge", str(folder), "What did the critic think of Joaquin Phoenix?")
    out, err = decoded(result)
    assert result.returncode == 0, err
    assert "wonderful as Theodore" in out


# --------------------------------------------------------------------------- #
# Threads


def test_one_bot_shared_by_8_threads_answers_each_as_if_alone(hybrid):
    threads, per_thread = 8, 50
    plans = [[TURNS[(t * 29 + i) % len(TURNS)] for i in range(per_thread)] for t in range(threads)]

    def converse(plan: list[str]) -> list[dict]:
        conversation = hybrid.conversation()
        return [conversation.ask(question).to_dict() for question in plan]

    expected = [converse(plan) for plan in plans]  # one by one, first

    results: list[list[dict] | None] = [None] * threads
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def worker(n: int) -> None:
        try:
            start.wait()
            results[n] = converse(plans[n])
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=600)
    assert not errors, errors
    for n in range(threads):
        for i, (got, wanted) in enumerate(zip(results[n], expected[n], strict=True)):
            assert got == wanted, f"thread {n}, question {i}: {plans[n][i]!r}"
