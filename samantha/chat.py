"""The terminal chat: a prompt_toolkit prompt over one Conversation, with slash commands.

``run_chat`` takes its input, output and history as parameters so a test (or
another front end) can drive it with prompt_toolkit's pipe input and dummy output.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import textwrap
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TextIO

from prompt_toolkit import PromptSession, print_formatted_text
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition, completion_is_selected, has_completions
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.output import Output, create_output
from prompt_toolkit.output.plain_text import PlainTextOutput
from prompt_toolkit.styles import Style

from .cli import Status, colour_wanted, is_terminal, one_line, safe
from .errors import SamanthaError
from .reply import Reply

log = logging.getLogger("samantha")

COMMANDS = (
    ("/help", "", "what you can type here"),
    ("/sources", "", "everything I've read"),
    ("/source", "N", "the whole paragraph around citation [N] of my last answer"),
    ("/spoilers", "on|off", "whether I may give away the ending"),
    ("/persona", "on|off", "my own voice, or a plain one"),
    ("/reset", "", "forget what we've talked about"),
    ("/save", "PATH", "save our conversation as Markdown"),
    ("/quit", "", "leave (Ctrl-D works too)"),
)
SWITCHES = ("on", "off")
LEAVING = ("/quit", "/exit", "/bye")

# Warm red for her and for what matters, teal for who said it, grey for the quotes:
# mid-tones that read on dark and light terminals alike.
STYLE = Style.from_dict({
    "prompt": "#d75f5f bold",
    "marker": "#d75f5f bold",
    "number": "#d75f5f bold",
    "label": "#5fafaf",
    "excerpt": "#949494 italic",
    "quoted": "bold",
    "hint": "#8a8a8a",
    "error": "#d75f5f",
    "bottom-toolbar": "noreverse #8a8a8a bg:default",
})
PROMPT = FormattedText([("class:prompt", "you › ")])
MARKER = re.compile(r"(\[\d+\])")
# Private-use characters that bracket the quoted words of a passage while it is folded.
OPEN, CLOSE = "\ue000", "\ue001"
SLOW = 0.4  # seconds an answer may take before she says she's on it


# -- completion ----------------------------------------------------------------------


class ChatCompleter(Completer):
    """Slash commands (and on/off after a switch) at the start of a line; names anywhere else."""

    def __init__(self, names: tuple[str, ...] | list[str]) -> None:
        self.names = sorted(set(names), key=str.lower)

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterator[Completion]:
        before = document.text_before_cursor
        if before.startswith("/"):
            yield from self._commands(before)
        else:
            yield from self._names(before)

    def _commands(self, before: str) -> Iterator[Completion]:
        name, space, rest = before.partition(" ")
        if not space:
            for command, _, meaning in COMMANDS:
                if command.startswith(name.lower()):
                    yield Completion(command, -len(name), display_meta=meaning)
        elif name.lower() in ("/spoilers", "/persona") and " " not in rest:
            for switch in SWITCHES:
                if switch.startswith(rest.lower()):
                    yield Completion(switch, -len(rest))

    def _names(self, before: str) -> Iterator[Completion]:
        # A name may have several words: match the longest run of last words typed, so
        # "Scarlett Jo" offers Scarlett Johansson and not every name starting "Jo".
        for start in [m.start() for m in re.finditer(r"\S+", before)][-4:]:
            typed = before[start:]
            matches = [n for n in self.names if n.lower().startswith(typed.lower()) and n != typed]
            if matches:
                yield from (Completion(name, -len(typed)) for name in matches)
                return


# -- history ---------------------------------------------------------------------------


class ForgivingFileHistory(FileHistory):
    """File history that carries on in memory when the file stops being readable or writable."""

    def load_history_strings(self) -> Iterable[str]:
        try:
            return list(super().load_history_strings())
        except OSError:
            return []

    def store_string(self, string: str) -> None:
        with suppress(OSError):
            super().store_string(string)


def history_path() -> Path:
    override = os.environ.get("SAMANTHA_STATE_DIR")
    if override:
        return Path(override).expanduser() / "history"
    from platformdirs import user_state_dir

    return Path(user_state_dir("samantha", appauthor=False)) / "history"


def default_history() -> History:
    path = history_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Questions are the user's own business: the file is theirs alone to read.
        os.close(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))
    except OSError as error:
        log.warning("cannot keep chat history in %s (%s); it will last this session only",
                    path, error.strerror or error)
        return InMemoryHistory()
    return ForgivingFileHistory(str(path))


# -- printing ----------------------------------------------------------------------------


class Printer:
    """Where the chat writes: a terminal (coloured, wrapped to its width) or any text stream."""

    def __init__(self, stream: TextIO | None = None, colour: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self.colour = colour_wanted(self.stream) if colour is None else colour
        self.output = create_output(self.stream) if self.colour else PlainTextOutput(self.stream)
        self.terminal = is_terminal(self.stream)

    def width(self) -> int | None:
        if not self.terminal:
            return None
        return min(shutil.get_terminal_size().columns, 100) - 1

    def show(self, fragments: list[tuple[str, str]]) -> None:
        print_formatted_text(FormattedText(fragments), style=STYLE, output=self.output)

    def blank(self) -> None:
        self.show([])

    def lines(self, text: str, style: str = "", indent: str = "  ") -> None:
        for line in wrap(safe(text), indent, self.width()):
            self.show(marked(line, style))

    def hint(self, text: str) -> None:
        self.lines(text, "class:hint")

    def note(self, text: str) -> None:
        """A hint on its own, set apart like a reply."""
        self.blank()
        self.hint(text)
        self.blank()

    def error(self, text: str) -> None:
        self.blank()
        self.lines(one_line(text), "class:error")
        self.blank()

    def reply(self, reply: Reply) -> None:
        self.blank()
        self.lines(reply.text)
        if reply.spoiler_withheld and not reply.citations:
            self.lines("(Type yes, or /spoilers on.)", "class:hint")
        if reply.citations:
            self.blank()
            for citation in reply.citations:
                # An excerpt the answer already quotes is not printed twice: its label is enough.
                self.citation(citation, excerpt=f"“{citation.excerpt}”" not in reply.text)
        self.blank()

    def passage(self, text: str, quote: str, indent: str = "      ") -> None:
        """A paragraph, with the words that were quoted from it picked out."""
        text = safe(text).replace(OPEN, "").replace(CLOSE, "")
        quote = safe(quote)
        if quote and quote in text:
            text = text.replace(quote, OPEN + quote + CLOSE, 1)
        inside = False
        for line in wrap(text, indent, self.width()):
            fragments = []
            for part in re.split(f"([{OPEN}{CLOSE}])", line):
                if part in (OPEN, CLOSE):
                    inside = part == OPEN
                elif part:
                    fragments.append(("class:quoted" if inside else "", part))
            self.show(fragments)

    def citation(self, citation, excerpt: bool = True) -> None:
        number = f"[{citation.number}]"
        self.show([("", "  "), ("class:number", number), ("", " "), ("class:label", safe(citation.label))])
        if not excerpt:
            return
        indent = " " * (len(number) + 3)
        for line in wrap(f"“{safe(citation.excerpt)}”", indent, self.width()):
            self.show([("class:excerpt", line)])


def wrap(text: str, indent: str, width: int | None) -> list[str]:
    """``text`` indented, and folded to ``width`` when there is one, keeping its own line breaks."""
    if width is None:
        return [indent + line for line in text.split("\n")]
    folded = []
    for line in text.split("\n"):
        folded.extend(textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent,
                                    break_long_words=False, break_on_hyphens=False) or [indent])
    return folded


def marked(line: str, style: str) -> list[tuple[str, str]]:
    """A line as fragments, with the citation markers in it picked out."""
    return [("class:marker" if MARKER.fullmatch(part) else style, part) for part in MARKER.split(line) if part]


# -- the chat ----------------------------------------------------------------------------


class Chat:
    """One person's chat: the conversation, what was said, and the slash commands."""

    def __init__(self, bot, printer: Printer) -> None:
        self.bot = bot
        self.printer = printer
        self.conversation = bot.conversation()
        self.turns: list[tuple[str, Reply]] = []
        self.last_cited: Reply | None = None
        self.awake = False

    def greet(self) -> None:
        self.printer.blank()
        self.printer.lines(self.small_talk("hello"))
        self.printer.hint("/help lists what you can type · Tab completes names · Ctrl-D leaves")
        self.printer.blank()

    def goodbye(self) -> None:
        self.printer.blank()
        self.printer.lines(self.small_talk("bye"))
        self.printer.blank()

    def small_talk(self, text: str) -> str:
        # Asked of the bot, not the conversation, so greetings don't become part of it.
        return self.bot.ask(text, persona=self.conversation.persona).text

    def toolbar(self) -> FormattedText:
        spoilers = "on" if self.conversation.spoilers else "off"
        persona = "on" if self.conversation.persona else "off"
        return FormattedText([("class:hint", f" spoilers {spoilers} · persona {persona} · /help")])

    def handle(self, line: str) -> bool:
        """Act on one line typed; False when it is time to leave."""
        text = line.strip()
        if not text:
            return True
        if text.startswith("/"):
            return self.command(text)
        self.answer(text)
        return True

    def answer(self, question: str) -> None:
        try:
            with self.waiting():
                reply = self.conversation.ask(question)
        except SamanthaError as error:
            self.printer.error(str(error))
            return
        except KeyboardInterrupt:
            self.printer.note("(Stopped.)")
            return
        except Exception as error:  # noqa: BLE001 - one bad answer should not end the whole chat
            self.printer.error(f"internal error: {type(error).__name__}: {error}")
            return
        self.turns.append((question, reply))
        if reply.citations:
            self.last_cited = reply
        self.printer.reply(reply)

    @contextmanager
    def waiting(self) -> Iterator[None]:
        """Say she's on it when an answer is slow (the first one may load the model)."""
        status = Status(self.printer.stream)
        words = "Thinking…" if self.awake else "Waking up…"
        timer = threading.Timer(SLOW, status.show, (words,))
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()
            timer.join()
            status.clear()
            self.awake = True

    # -- slash commands --------------------------------------------------------------

    def command(self, text: str) -> bool:
        name, _, rest = text.partition(" ")
        name, rest = name.lower(), rest.strip()
        if name in LEAVING:
            self.goodbye()
            return False
        action = {
            "/help": self.help,
            "/sources": self.sources,
            "/source": self.source,
            "/spoilers": self.spoilers,
            "/persona": self.persona,
            "/reset": self.reset,
            "/save": self.save,
        }.get(name)
        if action is None:
            commands = ", ".join(f"{c} {a}".strip() for c, a, _ in COMMANDS)
            self.printer.note(f"There's no {name} command. Try {commands}.")
        else:
            action(rest)
        return True

    def help(self, rest: str = "") -> None:
        self.printer.blank()
        self.printer.lines("Ask me anything about Her. Or type:")
        for command, argument, meaning in COMMANDS:
            self.printer.show([("", "    "), ("class:prompt", f"{command} {argument}".strip().ljust(18)),
                               ("class:hint", meaning)])
        self.printer.blank()

    def sources(self, rest: str = "") -> None:
        found = self.bot.knowledge.sources
        self.printer.blank()
        self.printer.lines(f"I've read {len(found)} things about Her:")
        for source in found:
            self.printer.show([("", "    "), ("class:label", safe(source.label)),
                               ("class:hint", f"  {safe(source.kind)}")])
        self.printer.blank()

    def source(self, rest: str) -> None:
        if self.last_cited is None:
            self.printer.note("I haven't quoted anyone yet. Ask me something first.")
            return
        citations = {c.number: c for c in self.last_cited.citations}
        wanted = rest.strip("[]")
        number = int(wanted) if wanted.isdigit() else None
        if number not in citations:
            numbers = ", ".join(str(n) for n in citations)
            self.printer.note(f"Try /source N, where N is one of the citations of my last answer: {numbers}.")
            return
        citation = citations[number]
        self.printer.blank()
        self.printer.show([("", "  "), ("class:number", f"[{number}]"), ("", " "),
                           ("class:label", safe(citation.label)), ("class:hint", f"  {safe(citation.kind)}")])
        self.printer.passage(self.bot.passage_for(citation), citation.excerpt)
        self.printer.blank()

    def spoilers(self, rest: str) -> None:
        if rest.lower() not in SWITCHES:
            state = "on" if self.conversation.spoilers else "off"
            self.printer.note(f"Spoilers are {state}. Say /spoilers on or /spoilers off.")
            return
        self.conversation.spoilers = rest.lower() == "on"
        self.printer.note("Spoilers on: I'll tell you everything, the ending too." if self.conversation.spoilers
                          else "Spoilers off: I'll keep the ending to myself.")

    def persona(self, rest: str) -> None:
        if rest.lower() not in SWITCHES:
            state = "on" if self.conversation.persona else "off"
            self.printer.note(f"My persona is {state}. Say /persona on or /persona off.")
            return
        self.conversation.persona = rest.lower() == "on"
        self.printer.note("Persona on: it's me again." if self.conversation.persona
                          else "Persona off: plain answers from now on.")

    def reset(self, rest: str = "") -> None:
        self.conversation.reset()
        self.last_cited = None
        self.printer.note("Fresh start: I've forgotten what we were talking about (though /save still has it all).")

    def save(self, rest: str) -> None:
        if not rest:
            self.printer.note("Say where: /save PATH, for example /save her.md")
            return
        if not self.turns:
            self.printer.note("There's nothing to save yet. Ask me something first.")
            return
        path = Path(rest).expanduser()
        try:
            path.write_text(transcript(self.turns), encoding="utf-8")
        except OSError as error:
            self.printer.error(f"I couldn't save to {path}: {error.strerror or error}")
            return
        self.printer.note(f"Saved our conversation to {path}.")


def transcript(turns: list[tuple[str, Reply]]) -> str:
    """The conversation as Markdown: each question, the answer, and its citations with their labels."""
    parts = ["# A conversation with Samantha about *Her*", "",
             f"_Saved {datetime.now():%Y-%m-%d %H:%M}._", ""]
    for question, reply in turns:
        parts += [f"## {markdown(question)}", ""]
        parts += [line for text in reply.text.split("\n") for line in (markdown(text), "")]
        for citation in reply.citations:
            parts.append(f"- [{citation.number}] **{markdown(citation.label)}** — “{markdown(citation.excerpt)}”")
        if reply.citations:
            parts.append("")
    return "\n".join(parts)


def markdown(text: str) -> str:
    """``text`` as Markdown that shows it as written: no stray emphasis, headings or lists."""
    escaped = re.sub(r"([\\`*_<>])", r"\\\1", safe(text).strip())
    return re.sub(r"^([#+\-=|])", r"\\\1", escaped)


# -- running -----------------------------------------------------------------------------


def completion_keys() -> KeyBindings:
    keys = KeyBindings()

    @keys.add("enter", filter=has_completions & completion_is_selected)
    def _take_completion(event) -> None:
        # Enter on a highlighted name should take the name, not send a half-typed question.
        event.current_buffer.complete_state = None

    return keys


def run_chat(
    bot,
    session_input: Input | None = None,
    output: Output | None = None,
    *,
    stream: TextIO | None = None,
    history: History | None = None,
    colour: bool | None = None,
) -> int:
    """Chat with ``bot`` until the user leaves; 0 when they do.

    ``session_input`` and ``output`` are what the prompt reads and draws on (the
    terminal by default); ``stream`` is where replies are written (standard output
    by default); ``history`` defaults to a file in the user's state directory.
    """
    printer = Printer(stream, colour)
    chat = Chat(bot, printer)
    session: PromptSession = PromptSession(
        key_bindings=completion_keys(),
        input=session_input,
        output=output,
        history=history if history is not None else default_history(),
        auto_suggest=AutoSuggestFromHistory(),
        completer=ChatCompleter(bot.names()),
        # A menu popping up under every word of a question would be noise; for commands it helps.
        complete_while_typing=Condition(lambda: session.default_buffer.text.startswith("/")),
        style=STYLE,
        bottom_toolbar=chat.toolbar,
    )
    chat.greet()
    while True:
        try:
            line = session.prompt(PROMPT)
        except KeyboardInterrupt:
            continue
        except EOFError:
            chat.goodbye()
            return 0
        if not chat.handle(line):
            return 0
