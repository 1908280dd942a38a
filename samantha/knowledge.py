"""Loading the knowledge folder: review sources, their sentences and passages, and facts.

A knowledge folder holds one Markdown file per voice (a critic, a reader, a
commenter, a credits list), each opening with a small front-matter block, plus
files whose front matter says ``kind: facts`` holding a table of facts that the
credits state. The README's "Adding a review" section documents the format.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KnowledgeError

SOURCE_KINDS = (
    "critic review",
    "reader review",
    "blog post",
    "comment",
    "member quote",
    "credits",
)
REQUIRED_FIELDS = ("id", "label", "kind")
FACT_COLUMNS = ("relation", "value", "character", "source", "quote")
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class Source:
    """One voice: a critic's review, a reader's review, a comment, a credits list."""

    id: str
    label: str
    kind: str
    text: str
    path: str
    page: str = ""
    author: str = ""
    outlet: str = ""
    date: str = ""
    rating: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a credit line) of a source, with its place in the source text."""

    index: int
    source_id: str
    start: int
    end: int
    text: str
    paragraph: int
    spoiler: bool = False

    @property
    def id(self) -> str:
        return f"{self.source_id}:{self.start}-{self.end}"


@dataclass(frozen=True)
class Passage:
    """A run of consecutive sentences of one paragraph: the unit of retrieval."""

    index: int
    id: str
    source_id: str
    start: int
    end: int
    text: str
    sentences: tuple[int, ...]
    spoiler: bool = False


@dataclass(frozen=True)
class Fact:
    """A fact the credits state, with the verbatim line that states it."""

    relation: str
    value: str
    character: str
    source_id: str
    quote: str


@dataclass(frozen=True)
class Knowledge:
    """Everything samantha knows: sources, their sentences, and facts."""

    root: str
    sources: tuple[Source, ...]
    sentences: tuple[Sentence, ...]
    facts: tuple[Fact, ...]
    fingerprint: str
    _by_id: dict = field(default_factory=dict, compare=False, repr=False)

    def source(self, source_id: str) -> Source:
        return self._by_id[source_id]

    def thread(self, source_id: str) -> tuple[str, ...]:
        """The sources of one comment thread: a reply's id is its comment's id and "-reply-…"
        ("blog-hunter-comment-1-reply-2" answers "blog-hunter-comment-1")."""
        root = source_id.split("-reply-")[0]
        return tuple(s.id for s in self.sources if s.id == root or s.id.startswith(root + "-reply-"))

    def passages(self, size: int = 3) -> tuple[Passage, ...]:
        """Split every paragraph into passages of at most ``size`` sentences.

        ``size=0`` keeps whole paragraphs.
        """
        return _passages(self, size)


def bundled_knowledge_path() -> Path:
    """The knowledge folder shipped with samantha."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_bundled", here.parent / "knowledge"):
        if candidate.is_dir():
            return candidate
    raise KnowledgeError(here / "_bundled", "the bundled knowledge folder is missing from this installation")


def load_knowledge(root: str | Path | None = None) -> Knowledge:
    """Read every ``*.md`` file below ``root`` (the bundled knowledge by default)."""
    folder = Path(root) if root is not None else bundled_knowledge_path()
    if not folder.is_dir():
        raise KnowledgeError(folder, "this knowledge folder does not exist")
    files = sorted(p for p in folder.rglob("*.md") if p.is_file())
    if not files:
        raise KnowledgeError(folder, "this knowledge folder holds no .md review files")
    digest = hashlib.sha256()
    sources: list[Source] = []
    fact_files: list[tuple[Path, str]] = []
    spoiler_marks: dict[str, list[str]] = {}
    for path in files:
        raw = _read_text(path)
        # os.fsencode: a file name that is not UTF-8 comes back as it was, not as an error.
        digest.update(os.fsencode(path.relative_to(folder).as_posix()) + b"\0" + raw.encode() + b"\0")
        meta, body = _split_front_matter(path, raw)
        if meta.get("kind") == "facts":
            fact_files.append((path, body))
            continue
        source = _make_source(path, meta, body)
        sources.append(source)
        spoiler_marks[source.id] = _as_list(meta.get("spoilers"))
    if not sources:
        raise KnowledgeError(folder, "this knowledge folder holds no review files, only facts")
    by_id = _index_sources(sources)
    sentences = _all_sentences(sources, spoiler_marks)
    facts = tuple(f for path, body in fact_files for f in _parse_facts(path, body, by_id))
    return Knowledge(
        root=str(folder),
        sources=tuple(sources),
        sentences=sentences,
        facts=facts,
        fingerprint=digest.hexdigest(),
        _by_id=by_id,
    )


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KnowledgeError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KnowledgeError(path, f"is not UTF-8 text (bad byte at position {exc.start})") from None
    if not text.strip():
        raise KnowledgeError(path, "is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(path: Path, raw: str) -> tuple[dict, str]:
    lines = raw.split("\n")
    if lines[0].strip() != "---":
        raise KnowledgeError(path, "has no front matter: the file must start with a line '---'")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise KnowledgeError(path, "front matter is not closed by a line '---'") from None
    meta = _parse_front_matter(path, lines[1:end], first_line=2)
    body = "\n".join(lines[end + 1 :]).strip("\n")
    return meta, body


def _parse_front_matter(path: Path, lines: list[str], first_line: int) -> dict:
    meta: dict[str, object] = {}
    key = None
    for number, line in enumerate(lines, start=first_line):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(r"^\s+-\s?(.*)$", line)
        if item and key is not None:
            current = meta.get(key)
            if not isinstance(current, list):
                if current:
                    raise KnowledgeError(path, f"line {number}: '{key}' has both a value and list items")
                current = meta[key] = []
            current.append(_unquote(item.group(1).strip()))
            continue
        pair = re.match(r"^([A-Za-z_][\w-]*):(.*)$", line)
        if not pair:
            raise KnowledgeError(path, f"line {number} of the front matter is not 'key: value': {line.strip()!r}")
        key = pair.group(1).lower()
        if key in meta:
            raise KnowledgeError(path, f"front matter field '{key}' is given twice")
        meta[key] = _unquote(pair.group(2).strip())
    return meta


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _as_list(value: object) -> list[str]:
    if isinstance(value, list):
        return [v for v in value if v]
    return [value] if isinstance(value, str) and value else []


def _make_source(path: Path, meta: dict, body: str) -> Source:
    for name in REQUIRED_FIELDS:
        if not isinstance(meta.get(name), str) or not meta.get(name):
            raise KnowledgeError(path, f"front matter field '{name}' is missing or empty")
    if not _ID_PATTERN.match(meta["id"]):
        raise KnowledgeError(path, f"id {meta['id']!r} must be lower case letters, digits, '.', '-' or '_'")
    if meta["kind"] not in SOURCE_KINDS:
        raise KnowledgeError(path, f"kind {meta['kind']!r} is not one of: {', '.join(SOURCE_KINDS)}")
    if not body.strip():
        raise KnowledgeError(path, "has front matter but no review text")

    def text_field(name: str) -> str:
        value = meta.get(name, "")
        return value if isinstance(value, str) else ""

    return Source(
        id=meta["id"],
        label=meta["label"],
        kind=meta["kind"],
        text=body,
        path=str(path),
        page=text_field("page"),
        author=text_field("author"),
        outlet=text_field("outlet"),
        date=text_field("date"),
        rating=text_field("rating"),
        aliases=tuple(_as_list(meta.get("aliases"))),
    )


def _index_sources(sources: list[Source]) -> dict[str, Source]:
    by_id: dict[str, Source] = {}
    for source in sources:
        if source.id in by_id:
            raise KnowledgeError(source.path, f"id {source.id!r} is already used by {by_id[source.id].path}")
        by_id[source.id] = source
    return by_id


# A sentence ends at . ! ? or … (with any closing quotes or brackets) followed by
# space; some readers type "well.It" with no space, so a full stop directly
# followed by a capitalised word ends a sentence too.
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])[’”'\")\]]*(?=\s+\S)"
    r"|(?<=[a-z0-9][.!?])(?=[A-Z][a-z])"
    r"|(?<=\.\.)(?=[A-Z][a-z])"
)
_ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|vs|etc|Jr|Sr|e\.g|i\.e)|\b[A-Z])\.$")


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Character spans of the sentences of one line of prose."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if _ABBREVIATIONS.search(text[begin:end].rstrip("’”'\")]")):
            continue
        if text[end - 1] == ")" and text[end:].lstrip()[:1].islower():
            continue
        if text[begin:end].strip():
            spans.append((begin, end))
        begin = end
    if text[begin:].strip():
        spans.append((begin, len(text)))
    return [_trimmed(text, a, b, start) for a, b in spans]


def _trimmed(text: str, a: int, b: int, offset: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a + offset, b + offset


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\n\s*\n|\s*$)", text, flags=re.S):
        spans.append((match.start(), match.end()))
    return spans


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    position = start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            left = position + (len(line) - len(line.lstrip()))
            spans.append((left, left + len(stripped)))
        position += len(line) + 1
    return spans


def _all_sentences(sources: list[Source], spoiler_marks: dict[str, list[str]]) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for source in sources:
        spoiler_spans = _spoiler_spans(source, spoiler_marks.get(source.id, []))
        for paragraph, (p_start, p_end) in enumerate(_paragraph_spans(source.text)):
            for l_start, l_end in _line_spans(source.text, p_start, p_end):
                line = source.text[l_start:l_end]
                spans = [(l_start, l_end)] if source.kind == "credits" else split_sentences(line, l_start)
                for s_start, s_end in spans:
                    spoiler = any(a < s_end and s_start < b for a, b in spoiler_spans)
                    sentences.append(
                        Sentence(
                            index=len(sentences),
                            source_id=source.id,
                            start=s_start,
                            end=s_end,
                            text=source.text[s_start:s_end],
                            paragraph=paragraph,
                            spoiler=spoiler,
                        )
                    )
    return tuple(sentences)


def _spoiler_spans(source: Source, fragments: list[str]) -> list[tuple[int, int]]:
    spans = []
    for fragment in fragments:
        found = source.text.find(fragment)
        if found < 0:
            raise KnowledgeError(source.path, f"spoiler fragment not found in the text: {fragment!r}")
        spans.append((found, found + len(fragment)))
    return spans


def _passages(knowledge: Knowledge, size: int) -> tuple[Passage, ...]:
    passages: list[Passage] = []
    groups: dict[tuple[str, int], list[Sentence]] = {}
    for sentence in knowledge.sentences:
        groups.setdefault((sentence.source_id, sentence.paragraph), []).append(sentence)
    for (source_id, paragraph), members in groups.items():
        step = len(members) if size <= 0 else size
        for first in range(0, len(members), step):
            chunk = members[first : first + step]
            start, end = chunk[0].start, chunk[-1].end
            passages.append(
                Passage(
                    index=len(passages),
                    id=f"{source_id}:{paragraph}.{first // step}",
                    source_id=source_id,
                    start=start,
                    end=end,
                    text=knowledge.source(source_id).text[start:end],
                    sentences=tuple(s.index for s in chunk),
                    spoiler=any(s.spoiler for s in chunk),
                )
            )
    return tuple(passages)


def _split_row(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip())
    if cells and cells[0] == "":
        cells = cells[1:]
    if cells and cells[-1] == "":
        cells = cells[:-1]
    return [c.strip().replace("\\|", "|") for c in cells]


def _parse_facts(path: Path, body: str, sources: dict[str, Source]) -> list[Fact]:
    rows = [(n, line) for n, line in enumerate(body.split("\n"), start=1) if line.strip().startswith("|")]
    if not rows:
        raise KnowledgeError(path, "is a facts file but holds no table")
    header = [c.lower() for c in _split_row(rows[0][1])]
    if tuple(header) != FACT_COLUMNS:
        raise KnowledgeError(path, f"the facts table's columns must be: {' | '.join(FACT_COLUMNS)}")
    facts = []
    for number, line in rows[1:]:
        cells = _split_row(line)
        if all(set(c) <= set("-: ") for c in cells):
            continue
        if len(cells) != len(FACT_COLUMNS):
            raise KnowledgeError(path, f"facts row {number} has {len(cells)} cells, not {len(FACT_COLUMNS)}")
        fact = Fact(*cells)
        _check_fact(path, number, fact, sources)
        facts.append(fact)
    return facts


def _check_fact(path: Path, number: int, fact: Fact, sources: dict[str, Source]) -> None:
    if not fact.relation or not fact.value or not fact.quote:
        raise KnowledgeError(path, f"facts row {number} needs a relation, a value and a quote")
    source = sources.get(fact.source_id)
    if source is None:
        raise KnowledgeError(path, f"facts row {number} names source {fact.source_id!r}, which no review file has")
    if fact.quote not in source.text:
        raise KnowledgeError(path, f"facts row {number}: the quote is not word for word in {fact.source_id}: {fact.quote!r}")


def fold(text: str) -> str:
    """Lower case, no accents, plain quotes: for forgiving comparisons."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.translate(_PLAIN).lower()


_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})
