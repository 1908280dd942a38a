"""The command line: ``samantha ask QUESTION``, and ``samantha`` / ``samantha chat`` to talk.

A thin layer over the library: it parses options, prints replies with their
citations, and turns errors into one-line messages and exit codes (0 answered,
1 failed, 2 misused). prompt_toolkit is imported only when a terminal chat
starts, so a one-shot question stays quick.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

try:
    import termios
except ImportError:  # Windows: no terminal modes to set
    termios = None

from . import __version__
from .bot import Samantha
from .errors import SamanthaError

# Escape sequences (CSI, OSC, and two-byte ones), then lone control characters,
# then the bidirectional overrides that can make text read differently than it is.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same characters that JSON leaves unescaped but a terminal would still act on.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_BOLD, _CYAN, _DIM, _RESET = "\x1b[1m", "\x1b[36m", "\x1b[2m", "\x1b[0m"


def safe(text: str) -> str:
    """``text`` with terminal escape sequences and control characters removed (newlines and tabs kept)."""
    return _CONTROLS.sub("", _ESCAPES.sub("", str(text)))


def one_line(text: object) -> str:
    return " ".join(safe(str(text)).split())


def is_terminal(stream: TextIO | None) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):  # no stream, a closed one, or a file-like without isatty
        return False


def colour_wanted(stream: TextIO | None) -> bool:
    """Colour only on a terminal, and never when the user has asked for none (https://no-color.org)."""
    return not os.environ.get("NO_COLOR") and is_terminal(stream)


# -- rendering -----------------------------------------------------------------------


def citation_line(citation, colour: bool = False, quoted: bool = False) -> str:
    """``[1] Label — “excerpt”``; just ``[1] Label`` when the reply's text already quotes it."""
    number, label, excerpt = f"[{citation.number}]", safe(citation.label), safe(citation.excerpt)
    if colour:
        number, label = f"{_BOLD}{number}{_RESET}", f"{_CYAN}{label}{_RESET}"
    return f"{number} {label}" if quoted else f"{number} {label} — “{excerpt}”"


def already_quoted(reply, citation) -> bool:
    return f"“{citation.excerpt}”" in reply.text


def render(reply, colour: bool = False, spoiler_hint: str = "(Add --spoilers to see it.)") -> str:
    """The reply's text, then a blank line and its citations, one per line."""
    lines = [safe(reply.text)]
    if reply.spoiler_withheld and not reply.citations:
        lines.append(spoiler_hint)
    if reply.citations:
        lines.append("")
        lines.extend(citation_line(c, colour, already_quoted(reply, c)) for c in reply.citations)
    return "\n".join(lines) + "\n"


def as_json(reply) -> str:
    dumped = json.dumps(reply.to_dict(), ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


# -- progress on a terminal ----------------------------------------------------------


class Status:
    """One line on a terminal saying what is happening, rewritten in place and wiped when done.

    Silent when the stream is not a terminal, so pipes and logs stay clean.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.live = is_terminal(stream)
        self.shown = False

    def show(self, text: str) -> None:
        if self.live:
            self.stream.write(f"\r\x1b[K{_DIM}{text}{_RESET}" if colour_wanted(self.stream) else f"\r\x1b[K{text}")
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        if self.live and self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def progress(self, stage: str, done: int, total: int) -> None:
        if stage == "preparing for questions":
            # The one-off export of the model for fast questions takes a few seconds of its own.
            self.show("Getting ready to answer quickly (once only)…" if done < total else "Ready.")
            return
        # Saving after the last batch reports nothing, so a finished count says she is still busy.
        after = ", getting ready…" if done >= total else ""
        self.show(f"Reading the reviews for the first time… {done}/{total} {stage}{after}")


@contextlib.contextmanager
def keys_held(stream: TextIO) -> Iterator[None]:
    """Keys typed while she wakes up wait, unechoed, for the prompt, instead of landing on the status line."""
    if termios is None or not is_terminal(stream):
        yield
        return
    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    quiet = saved[:]
    quiet[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSANOW, quiet)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, saved)


# -- options ---------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    # SUPPRESS defaults let the options go before or after the subcommand
    # without the subcommand's defaults undoing what was given before it.
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--spoilers", action="store_true", help="let her give away the ending")
    common.add_argument("--plain", action="store_true", help="a neutral voice, without Samantha's persona")
    common.add_argument("--no-dense", action="store_true", help="keyword search only: no embedding model")
    common.add_argument("--knowledge", metavar="PATH", help="another folder of reviews to answer from")
    common.add_argument("--model", metavar="PATH_OR_NAME", help="the sentence-transformers model to embed with")
    common.add_argument("--json", action="store_true", help="print each reply as one JSON object")

    parser = argparse.ArgumentParser(
        prog="samantha",
        description="Talk about Spike Jonze's film Her with Samantha, who answers by quoting its reviews.",
        parents=[common],
        epilog="With no command, samantha starts a chat.",
    )
    parser.add_argument("--version", action="version", version=f"samantha {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    ask = commands.add_parser("ask", parents=[common], help="answer one question and exit",
                              description="Answer one question, with citations, and exit.")
    ask.add_argument("question", nargs="*", help="the question (quotes optional)")
    ask.set_defaults(usage_error=ask.error)
    commands.add_parser("chat", parents=[common], help="talk with Samantha (the default)",
                        description="Talk with Samantha. When standard input is not a terminal, "
                                    "each line is a question and each reply is printed in turn.")
    parser.set_defaults(usage_error=parser.error)
    return parser


def option(args: argparse.Namespace, name: str, default=None):
    return getattr(args, name, default)


def make_bot(args: argparse.Namespace, status: Status | None = None) -> Samantha:
    return Samantha(
        option(args, "knowledge"),
        spoilers=option(args, "spoilers", False),
        persona=not option(args, "plain", False),
        retrieval="bm25" if option(args, "no_dense", False) else "hybrid",
        model=option(args, "model"),
        progress=status.progress if status is not None else None,
    )


# -- commands --------------------------------------------------------------------------


def ask(args: argparse.Namespace) -> int:
    question = " ".join(args.question)
    if not question.strip():
        args.usage_error("the question is empty: try samantha ask \"Who directed Her?\"")
    status = Status(sys.stderr)
    status.show("Waking up…")
    try:
        bot = make_bot(args, status)
        reply = bot.ask(question)
    finally:
        status.clear()
    if option(args, "json", False):
        sys.stdout.write(as_json(reply) + "\n")
    else:
        sys.stdout.write(render(reply, colour_wanted(sys.stdout)))
    sys.stdout.flush()
    return 0


def chat(args: argparse.Namespace) -> int:
    line_by_line = option(args, "json", False) or not (is_terminal(sys.stdin) and is_terminal(sys.stdout))
    if line_by_line:
        bot = make_bot(args, Status(sys.stderr))
        return answer_lines(bot, read_lines(), sys.stdout, option(args, "json", False))
    from .chat import run_chat

    status = Status(sys.stdout)
    status.show("Waking up…")
    try:
        with keys_held(sys.stdin):
            bot = make_bot(args, status)
    finally:
        status.clear()
    return run_chat(bot)


def read_lines() -> Iterable[str]:
    """Standard input, line by line, with bytes that are not UTF-8 replaced rather than fatal."""
    if sys.stdin is None:
        return iter(())
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:
        return sys.stdin
    return io.TextIOWrapper(raw, encoding="utf-8", errors="replace")


def answer_lines(bot, lines: Iterable[str], out: TextIO, json_lines: bool = False) -> int:
    """One reply per non-blank line, in one conversation, written as soon as it is ready."""
    conversation = bot.conversation()
    first = True
    for line in lines:
        if not line.strip():
            continue
        reply = conversation.ask(line)
        if json_lines:
            out.write(as_json(reply) + "\n")
        else:
            out.write(("" if first else "\n") + render(reply, colour_wanted(out), "(Say yes to see it.)"))
        out.flush()
        first = False
    return 0


# -- running ---------------------------------------------------------------------------


class _OneLineFormatter(logging.Formatter):
    """A log record as one safe line, never with a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return f"samantha: {one_line(record.getMessage())}"


def show_warnings() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLineFormatter())
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("samantha")
    logger.handlers = [h for h in logger.handlers if not getattr(h, "samantha_cli", False)]
    handler.samantha_cli = True
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False


def complain(message: str) -> None:
    sys.stderr.write(f"samantha: {one_line(message)}\n")
    sys.stderr.flush()


def forgive_encoding() -> None:
    # A terminal or pipe that cannot show “curly quotes” should get a '?', not a crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    forgive_encoding()
    args = build_parser().parse_args(argv)
    show_warnings()
    try:
        return ask(args) if args.command == "ask" else chat(args)
    except SamanthaError as error:
        complain(str(error))
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:
        # Whoever read our output has gone (``| head``); point stdout at nothing so
        # the interpreter's final flush does not complain about it.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 - whatever it is, the user gets one line, not a traceback
        complain(f"internal error: {type(error).__name__}: {error}")
        return 1
