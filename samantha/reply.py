"""What a reply is: the text a person reads, whether the reviews answered, and the cited excerpts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .excerpts import Excerpt
from .knowledge import Knowledge


@dataclass(frozen=True)
class Citation:
    """One cited excerpt: which source, who said it, and the words quoted."""

    number: int
    source: str
    label: str
    excerpt: str
    kind: str = ""
    page: str = ""
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Reply:
    """What samantha says: the text, whether the reviews answered, and the citations."""

    text: str
    found: bool
    citations: tuple[Citation, ...] = ()
    intent: str = ""
    question: str = ""
    spoiler_withheld: bool = False
    subject: str = ""

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "found": self.found,
            "citations": [c.to_dict() for c in self.citations],
            "intent": self.intent,
            "question": self.question,
            "spoiler_withheld": self.spoiler_withheld,
            "subject": self.subject,
        }


@dataclass
class Draft:
    """A reply being written: lines of text and the excerpts they cite."""

    knowledge: Knowledge
    lines: list[str] = field(default_factory=list)
    cited: list[Excerpt] = field(default_factory=list)

    def cite(self, excerpt: Excerpt) -> str:
        for number, earlier in enumerate(self.cited, start=1):
            if earlier.shown == excerpt.shown:
                return f"[{number}]"
        self.cited.append(excerpt)
        return f"[{len(self.cited)}]"

    def quote(self, excerpt: Excerpt, lead: str = "") -> None:
        label = self.knowledge.source(excerpt.source_id).label
        marker = self.cite(excerpt)
        self.lines.append(f"{lead}{label}: “{excerpt.shown}” {marker}")

    def citations(self) -> tuple[Citation, ...]:
        out = []
        for number, excerpt in enumerate(self.cited, start=1):
            source = self.knowledge.source(excerpt.source_id)
            out.append(
                Citation(number, source.id, source.label, excerpt.shown, source.kind, source.page, excerpt.start, excerpt.end)
            )
        return tuple(out)
