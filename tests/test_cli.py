"""The command line, run as a user runs it: ``python -m samantha`` in a subprocess."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import samantha
from samantha import Samantha
from samantha.cli import Status, safe, show_warnings

# "[1] Label — “excerpt”", or "[1] Label" when the answer above already quotes the excerpt.
CITATION_LINE = re.compile(r"^\[\d+\] \S.*(?: — “.+”)?$", re.MULTILINE)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    # One cache for the whole test session, so the index is built once however many tests run.
    cache = tmp_path_factory.getbasetemp() / "samantha-cache"
    state = tmp_path_factory.mktemp("state")
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SAMANTHA_MODEL")}
    return {**clean, "SAMANTHA_CACHE_DIR": str(cache), "SAMANTHA_STATE_DIR": str(state),
            "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"}


@pytest.fixture(scope="module")
def knowledge():
    return Samantha(retrieval="bm25").knowledge


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A knowledge folder whose only review tries to drive the terminal."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.md").write_text(
        "---\nid: hostile\nlabel: Evil \x1b[31mCritic\x1b[0m\nkind: critic review\n---\n\n"
        "Joaquin Phoenix is \x1b]0;pwned\x07wonderful as Theodore\x1b[2J in this film.\n",
        encoding="utf-8",
    )
    return folder


def run(env, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "samantha", *args],
        input=stdin, capture_output=True, env=env, timeout=300, check=False,
    )


def text(result: subprocess.CompletedProcess) -> tuple[str, str]:
    return result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def assert_clean_failure(result, code: int) -> str:
    out, err = text(result)
    assert result.returncode == code, err
    assert out == ""
    assert "Traceback" not in err
    return err


# -- one question --------------------------------------------------------------------


def test_ask_answers_with_citations_using_hybrid_search(env):
    result = run(env, "ask", "Who directed Her?")
    out, err = text(result)
    assert result.returncode == 0, err
    assert "Spike Jonze" in out
    assert CITATION_LINE.search(out), out
    assert "“Directed by: Spike Jonze”" in out
    assert "\x1b" not in out, "no colour when standard output is not a terminal"
    assert "Traceback" not in err


def test_ask_json_is_one_object_with_verbatim_excerpts(env, knowledge):
    result = run(env, "ask", "--no-dense", "--json", "Who directed Her?")
    out, err = text(result)
    assert result.returncode == 0, err
    reply = json.loads(out)
    assert out.count("\n") == 1
    assert {"text", "found", "citations"} <= set(reply)
    assert reply["found"] is True
    assert "Spike Jonze" in reply["text"]
    assert reply["citations"]
    for citation in reply["citations"]:
        assert citation["label"]
        assert citation["excerpt"] in knowledge.source(citation["source"]).text


def test_ask_takes_the_question_unquoted(env):
    out, _ = text(run(env, "ask", "--no-dense", "who", "directed", "her"))
    assert "Spike Jonze" in out


def test_options_may_come_before_the_command(env):
    result = run(env, "--no-dense", "--json", "ask", "who directed her")
    assert json.loads(text(result)[0])["found"] is True


@pytest.mark.parametrize("question", [[], [""], ["   "]])
def test_empty_question_is_a_usage_error(env, question):
    err = assert_clean_failure(run(env, "ask", "--no-dense", *question), 2)
    assert "usage:" in err
    assert "empty" in err


def test_bad_option_is_a_usage_error(env):
    err = assert_clean_failure(run(env, "ask", "--frobnicate", "Who directed Her?"), 2)
    assert "usage:" in err


def test_missing_knowledge_folder_is_one_line(env, tmp_path):
    missing = tmp_path / "no-such-reviews"
    err = assert_clean_failure(run(env, "ask", "--no-dense", "--knowledge", str(missing), "Who directed Her?"), 1)
    assert err.startswith("samantha: ")
    assert err.count("\n") == 1
    assert str(missing) in err


def test_version(env):
    out, _ = text(run(env, "--version"))
    assert out.strip() == f"samantha {samantha.__version__}" == "samantha 0.1.0"


def test_unanswerable_question_exits_zero_not_found(env):
    result = run(env, "ask", "--no-dense", "--json", "What is the capital of France?")
    out, err = text(result)
    assert result.returncode == 0, err
    reply = json.loads(out)
    assert reply["found"] is False
    assert reply["citations"] == []


def test_review_text_cannot_drive_the_terminal(env, hostile):
    result = run(env, "ask", "--no-dense", "--knowledge", str(hostile), "What did critics think of Joaquin Phoenix?")
    out, err = text(result)
    assert result.returncode == 0, err
    assert "Evil Critic" in out and "wonderful as Theodore" in out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)


def test_ask_does_not_load_the_chat_machinery(env):
    code = (
        "import sys\n"
        "from samantha.cli import main\n"
        "assert main(['ask', '--no-dense', 'Who directed Her?']) == 0\n"
        "assert 'prompt_toolkit' not in sys.modules, 'ask imported prompt_toolkit'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr.decode()


# -- piped chat ----------------------------------------------------------------------


def test_piped_chat_replies_to_each_line_in_one_conversation(env):
    result = run(env, "chat", stdin=b"Who plays Amy?\n\nWhat did critics say about her?\n")
    out, err = text(result)
    assert result.returncode == 0, err
    first_text, _first_citations, second_text, second_citations = out.strip().split("\n\n")
    assert "Amy Adams plays Amy" in first_text
    assert second_citations.startswith("[1] ")
    assert "Amy" in second_text or "female pal" in second_text, "the follow-up should know 'her' is Amy"


def test_piped_chat_json_is_one_object_per_line(env):
    result = run(env, "chat", "--no-dense", "--json", stdin=b"Who plays Amy?\n   \nWho directed Her?\n")
    out, err = text(result)
    assert result.returncode == 0, err
    replies = [json.loads(line) for line in out.splitlines()]
    assert len(replies) == 2
    assert all(r["found"] and r["citations"] for r in replies)
    assert "Spike Jonze" in replies[1]["text"]


def test_bare_samantha_with_piped_input_chats(env):
    out, _ = text(run(env, "--no-dense", stdin=b"Who directed Her?\n"))
    assert "Spike Jonze" in out


def test_invalid_utf8_on_stdin_is_replaced(env):
    result = run(env, "chat", "--no-dense", "--json", stdin=b"Who directed Her?\n\xff\xfe caf\xe9?\n")
    out, err = text(result)
    assert result.returncode == 0, err
    replies = [json.loads(line) for line in out.splitlines()]
    assert len(replies) == 2
    assert "\ufffd" in replies[1]["question"]


# -- pieces ----------------------------------------------------------------------------


def test_safe_strips_escapes_and_control_characters():
    assert safe("a\x1b[31mred\x1b[0m\x07 b\r\n\tc\x9b\u202eé") == "ared b\n\tcé"
    assert safe("\x1b]0;title\x07plain") == "plain"


def test_warnings_are_one_line_on_stderr(capsys):
    logger = logging.getLogger("samantha")
    saved = logger.handlers[:], logger.level, logger.propagate
    try:
        show_warnings()
        logger.warning("cache %s is damaged\n(rebuilding)", "/tmp/x\x1b[2J")
        logger.info("not shown")
    finally:
        logger.handlers, logger.level, logger.propagate = saved
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "samantha: cache /tmp/x is damaged (rebuilding)\n"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_first_run_progress_is_shown_in_place_and_wiped(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    screen = FakeTerminal()
    status = Status(screen)
    status.show("Waking up…")
    status.progress("sentences", 120, 335)
    status.progress("passages", 140, 140)
    status.clear()
    shown = screen.getvalue()
    assert "\r\x1b[KReading the reviews for the first time… 120/335 sentences" in shown
    assert "140/140 passages, getting ready…" in shown
    assert shown.endswith("\r\x1b[K")


def test_progress_stays_off_pipes():
    quiet = io.StringIO()
    Status(quiet).progress("sentences", 1, 2)
    assert quiet.getvalue() == ""


def test_a_quote_is_printed_once_and_a_credit_line_under_its_number(env):
    out, _ = text(run(env, "ask", "--no-dense", "Who said it would make a good radio play?"))
    assert out.count("Take away 20 minutes and it would make a good radio play.") == 1
    assert "[1] Time Out reader review — sonia Claris" in out
    out, _ = text(run(env, "ask", "--no-dense", "Who designed the costumes?"))
    assert out.count("“Costume Designer: Casey Storm”") == 1
    assert "[1] BFI programme notes — credits" in out
