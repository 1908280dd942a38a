"""The terminal chat, driven through prompt_toolkit's pipe input, and once in a real terminal."""

from __future__ import annotations

import io
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from prompt_toolkit.history import FileHistory, InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from samantha import Samantha
from samantha.chat import Chat, ChatCompleter, Printer, default_history, run_chat

CTRL_C, CTRL_D = "\x03", "\x04"
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[=>]")


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    # Shared with the CLI tests, so the index is built once per test session.
    return tmp_path_factory.getbasetemp() / "samantha-cache"


@pytest.fixture(scope="module")
def bot(cache):
    """The real bot with the default hybrid search: spoilers and opinions need it."""
    return Samantha(cache_dir=cache)


def chat(bot, typed: str, history=None) -> str:
    """Everything the chat writes while the user types ``typed`` (the chat ends when the input does)."""
    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(typed)
        pipe.close()
        code = run_chat(bot, pipe, DummyOutput(), stream=out,
                        history=history if history is not None else InMemoryHistory())
    assert code == 0
    return out.getvalue()


def test_greets_then_answers_with_citations(bot):
    out = chat(bot, "Who directed Her?\r")
    greeting = out.strip().splitlines()[0]
    assert "Her" in greeting
    assert "Spike Jonze directed Her" in out
    assert "[1] BFI programme notes — credits" in out
    assert "“Directed by: Spike Jonze”" in out
    assert out.index("Spike Jonze directed Her") < out.index("[1] BFI programme notes")


def test_spoilers_on_reveals_the_ending(bot):
    guarded = chat(bot, "How does the film end?\r")
    assert "spoil" in guarded.lower()
    assert "[1] " not in guarded

    revealed = chat(bot, "/spoilers on\rHow does the film end?\r")
    assert "Spoilers on" in revealed
    answer = revealed.split("Spoilers on", 1)[1]
    assert "[1] " in answer
    assert "Say \"yes\"" not in answer


def test_help_lists_the_commands(bot):
    out = chat(bot, "/help\r")
    for command in ("/help", "/sources", "/source N", "/spoilers on|off", "/persona on|off", "/reset",
                    "/save PATH", "/quit"):
        assert command in out


def test_sources_lists_labels_and_kinds(bot):
    out = chat(bot, "/sources\r")
    assert f"I've read {len(bot.knowledge.sources)} things" in out
    assert "Sight and Sound — Nick James  critic review" in out


def test_source_shows_the_whole_paragraph(bot):
    answer_only = chat(bot, "Who directed Her?\r")
    out = chat(bot, "Who directed Her?\r/source 1\r")
    for line in ("Written by: Spike Jonze", "Production Company: Annapurna Pictures"):
        assert line not in answer_only
        assert line in out


def test_source_before_any_answer_says_so(bot):
    assert "haven't quoted anyone yet" in chat(bot, "/source 1\r")


def test_save_writes_markdown(bot, tmp_path):
    path = tmp_path / "her.md"
    out = chat(bot, f"Who directed Her?\r/save {path}\r")
    assert f"Saved our conversation to {path}" in out
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith("# ")
    assert "## Who directed Her?" in saved
    assert "Spike Jonze directed Her — “Directed by: Spike Jonze” [1], “Director: Spike Jonze” [2]." in saved
    assert "- [1] **BFI programme notes — credits** — “Directed by: Spike Jonze”" in saved


def test_save_to_an_unwritable_place_is_a_message(bot, tmp_path):
    out = chat(bot, f"Who directed Her?\r/save {tmp_path}\r/help\r")
    assert "couldn't save" in out
    assert "/sources" in out, "the chat carries on"


def test_reset_forgets_the_conversation(bot):
    printer = Printer(io.StringIO())
    session = Chat(bot, printer)
    session.handle("Who plays Amy?")
    assert session.conversation.to_dict()["subject"]
    session.handle("/reset")
    assert session.conversation.to_dict()["subject"] == ""
    session.handle("/source 1")
    output = printer.stream.getvalue()
    assert "Fresh start" in output
    assert "haven't quoted anyone yet" in output


def test_persona_off_answers_plainly(bot):
    out = chat(bot, "/persona off\rWho directed Her?\r")
    answer = out.split("Persona off", 1)[1]
    assert "Spike Jonze directed Her" in answer
    assert "Ooh" not in answer


def test_unknown_command_gets_a_short_help_line(bot):
    out = chat(bot, "/frobnicate\r")
    assert "There's no /frobnicate command" in out
    assert "/help" in out


def test_ctrl_d_ends_with_a_goodbye(bot):
    out = chat(bot, CTRL_D + "Who directed Her?\r")
    assert "Bye" in out
    assert "Spike Jonze" not in out, "nothing after Ctrl-D is read"


def test_quit_ends_with_a_goodbye(bot):
    out = chat(bot, "/quit\rWho directed Her?\r")
    assert "Bye" in out
    assert "Spike Jonze" not in out


def test_ctrl_c_drops_the_line_being_typed(bot):
    out = chat(bot, "What is the capital of" + CTRL_C + "Who directed Her?\r")
    assert "Spike Jonze directed Her" in out
    assert "capital" not in out


def test_completion_of_commands_and_names(bot):
    completer = ChatCompleter(bot.names())

    def offered(text: str) -> list[str]:
        return [c.text for c in completer.get_completions(Document(text), CompleteEvent(completion_requested=True))]

    assert "/spoilers" in offered("/sp")
    assert offered("/spoilers o") == ["on", "off"]
    assert "Scarlett Johansson" in offered("Scar")
    assert offered("What does Scarlett Jo") == ["Scarlett Johansson"]
    assert offered("who directed her ") == []


def test_history_is_kept_in_the_state_directory(bot, tmp_path, monkeypatch):
    monkeypatch.setenv("SAMANTHA_STATE_DIR", str(tmp_path / "state"))
    history = default_history()
    assert isinstance(history, FileHistory)
    chat(bot, "Who directed Her?\r", history=history)
    path = tmp_path / "state" / "history"
    assert "+Who directed Her?" in path.read_text(encoding="utf-8")
    assert path.stat().st_mode & 0o077 == 0, "questions are private to the user"


def test_unwritable_state_directory_keeps_history_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("SAMANTHA_STATE_DIR", str(blocker / "state"))
    assert isinstance(default_history(), InMemoryHistory)


def test_review_text_cannot_drive_the_terminal(tmp_path):
    (tmp_path / "hostile.md").write_text(
        "---\nid: hostile\nlabel: Evil \x1b[31mCritic\x1b[0m\nkind: critic review\n---\n\n"
        "Joaquin Phoenix is \x1b]0;pwned\x07wonderful as Theodore\x1b[2J in this film.\n",
        encoding="utf-8",
    )
    hostile = Samantha(tmp_path, retrieval="bm25")
    out = chat(hostile, "What did critics think of Joaquin Phoenix?\r/source 1\r/sources\r")
    assert "Evil Critic" in out and "wonderful as Theodore" in out
    assert "\x1b" not in out and "\x07" not in out


# -- a real terminal -------------------------------------------------------------------


def read_until(fd: int, wanted: str, seen: bytearray, timeout: float, after: str = "") -> str:
    """Read the terminal until ``wanted`` shows (after ``after``, escape sequences aside), or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        screen = ANSI.sub("", seen.decode("utf-8", errors="replace"))
        if wanted in screen[screen.find(after):] if after in screen else False:
            return screen
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{wanted!r} did not appear within {timeout}s; the screen had:\n{screen[-2000:]}")
        ready, _, _ = select.select([fd], [], [], min(left, 0.2))
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the terminal closes when the program ends
                chunk = b""
            if not chunk:
                raise AssertionError(f"the chat ended before {wanted!r} appeared:\n{screen[-2000:]}")
            if b"\x1b[6n" in chunk:  # answer prompt_toolkit's cursor-position question, as a terminal would
                os.write(fd, b"\x1b[1;1R")
            seen.extend(chunk)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
def test_real_terminal_session(cache, tmp_path, no_color):
    import fcntl
    import pty
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "SAMANTHA_CACHE_DIR": str(cache),
           "SAMANTHA_STATE_DIR": str(tmp_path), "HF_HUB_OFFLINE": "1"}
    env.pop("NO_COLOR", None)
    if no_color:
        env["NO_COLOR"] = "1"
    process = subprocess.Popen([sys.executable, "-m", "samantha", "chat", "--no-dense"],
                               stdin=child, stdout=child, stderr=child, env=env, start_new_session=True)
    os.close(child)
    seen = bytearray()
    try:
        read_until(main, "you ›", seen, timeout=60)
        os.write(main, b"Who directed Her?\r")
        screen = read_until(main, "Spike Jonze directed Her", seen, timeout=60)
        assert "“Directed by: Spike Jonze”" in read_until(main, "BFI programme notes — credits", seen, timeout=10)
        coloured = re.search(rb"\x1b\[(?:[0-9;]*;)?[34][0-8][;m]", seen)
        assert bool(coloured) != no_color, "colour on a terminal, none with NO_COLOR"
        # Keys typed before the next prompt is up would meet the terminal's own line editing.
        read_until(main, "you ›", seen, timeout=10, after="BFI programme notes — credits")
        os.write(main, CTRL_D.encode())
        read_until(main, "Bye", seen, timeout=30)
        assert process.wait(timeout=30) == 0
        assert "Traceback" not in screen
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(main)
