"""Tests of samantha.knowledge: the bundled knowledge as a user gets it, and clear errors for bad folders."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from samantha.errors import KnowledgeError, SamanthaError
from samantha.knowledge import bundled_knowledge_path, load_knowledge

TINY_KNOWLEDGE = Path(__file__).resolve().parent / "fixtures" / "tiny_knowledge"

FURNITURE = (
    "Leave a Reply",
    "WordPress.com",
    "BFI Southbank",
    "Subscribe",
    "stackedit",
    "people listening",
    "Log Out",
    "<br",
    "<img",
    "LiveReviews",
    "Fill in your details",
)

TIME_OUT_READERS = (
    "jimbo g",
    "Augis S",
    "Desmond F",
    "kp",
    "david glowacki",
    "Maria Costa",
    "sonia Claris",
    "Linda Popcorn Royles",
)


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def verbatim_form(text: str) -> str:
    """The comparison form of the verbatim rule: whitespace runs become one space, '_' and '*' go."""
    return re.sub(r"\s+", " ", text.replace("_", "").replace("*", ""))


# --------------------------------------------------------------------------- #
# The bundled knowledge


def test_bundled_knowledge_has_25_sources(knowledge):
    assert len(knowledge.sources) == 25
    assert len({s.id for s in knowledge.sources}) == 25


def test_raw_pages_are_not_indexed(knowledge):
    assert all(Path(s.path).suffix == ".md" for s in knowledge.sources)
    assert all(Path(s.path).parent.name != "pages" for s in knowledge.sources)


@pytest.mark.parametrize("size", [1, 2, 3, 0])
def test_passages_are_spans_of_their_source(knowledge, size):
    passages = knowledge.passages(size)
    assert passages
    for passage in passages:
        source = knowledge.source(passage.source_id)
        assert passage.text == source.text[passage.start : passage.end]
        assert passage.text.strip() == passage.text != ""
        members = [knowledge.sentences[i] for i in passage.sentences]
        assert members and all(s.source_id == passage.source_id for s in members)
        assert len({s.paragraph for s in members}) == 1
        if size > 0:
            assert len(members) <= size
        assert (members[0].start, members[-1].end) == (passage.start, passage.end)
        assert passage.spoiler == any(s.spoiler for s in members)
    # Every sentence is in exactly one passage.
    covered = sorted(i for p in passages for i in p.sentences)
    assert covered == list(range(len(knowledge.sentences)))


def test_passage_size_one_is_one_sentence_each(knowledge):
    passages = knowledge.passages(1)
    assert len(passages) == len(knowledge.sentences)
    assert [p.text for p in passages] == [s.text for s in knowledge.sentences]


def test_paragraph_passages_are_fewer_than_sentence_passages(knowledge):
    assert len(knowledge.passages(0)) < len(knowledge.passages(3)) < len(knowledge.passages(1))


def test_sentences_are_spans_of_their_source(knowledge):
    assert knowledge.sentences
    for number, sentence in enumerate(knowledge.sentences):
        assert sentence.index == number
        source = knowledge.source(sentence.source_id)
        assert sentence.text == source.text[sentence.start : sentence.end]
        assert sentence.text.strip() == sentence.text != ""


@pytest.mark.parametrize("size", [1, 2, 3, 0])
def test_passage_ids_are_unique_and_stable(knowledge, size):
    first = [p.id for p in knowledge.passages(size)]
    assert len(set(first)) == len(first)
    again = [p.id for p in load_knowledge().passages(size)]
    assert again == first
    assert load_knowledge().fingerprint == knowledge.fingerprint


def test_no_page_furniture_is_indexed(knowledge):
    texts = [s.text for s in knowledge.sentences]
    for size in (1, 2, 3, 0):
        texts += [p.text for p in knowledge.passages(size)]
    found = sorted({(word, text[:60]) for text in texts for word in FURNITURE if word in text})
    assert found == []


def test_every_fact_quote_is_verbatim_in_its_source(knowledge):
    assert knowledge.facts
    for fact in knowledge.facts:
        assert fact.quote in knowledge.source(fact.source_id).text, fact


def test_every_sentence_is_verbatim_in_its_raw_page(knowledge):
    pages = bundled_knowledge_path() / "pages"
    normalised: dict[str, str] = {}
    missing = []
    for sentence in knowledge.sentences:
        source = knowledge.source(sentence.source_id)
        assert source.page, f"{source.id} names no raw page"
        if source.page not in normalised:
            normalised[source.page] = verbatim_form((pages / source.page).read_text(encoding="utf-8"))
        if verbatim_form(sentence.text) not in normalised[source.page]:
            missing.append((source.id, sentence.text[:80]))
    assert missing == []


def test_linda_popcorn_royles_is_indexed_once(knowledge):
    hers = [s for s in knowledge.sources if s.author == "Linda Popcorn Royles"]
    assert len(hers) == 1
    first = next(s for s in knowledge.sentences if s.source_id == hers[0].id)
    assert first.text.startswith("This was probably the best movie of 2013")
    assert sum(first.text in s.text for s in knowledge.sentences) == 1
    assert sum(first.text in s.text for s in knowledge.sources) == 1


def test_each_time_out_reader_review_is_its_own_source(knowledge):
    readers = [s for s in knowledge.sources if s.kind == "reader review" and s.outlet == "Time Out"]
    assert sorted(s.author for s in readers) == sorted(TIME_OUT_READERS)
    assert len({s.id for s in readers}) == len(TIME_OUT_READERS)
    for author in TIME_OUT_READERS:
        (source,) = [s for s in knowledge.sources if s.author == author]
        assert author in source.label
        # One reader's text is never inside another's.
        others = [s for s in readers if s.id != source.id]
        first = next(s for s in knowledge.sentences if s.source_id == source.id)
        assert not any(first.text in other.text for other in others)


def _sentence_with(knowledge, fragment: str):
    (sentence,) = [s for s in knowledge.sentences if fragment in s.text]
    return sentence


def test_spoiler_marks(knowledge):
    assert _sentence_with(knowledge, "8000").spoiler
    assert _sentence_with(knowledge, "spaces between them").spoiler
    assert not _sentence_with(knowledge, "You’re a very creepy person").spoiler


def _facts(knowledge, relation, value, character=None):
    return [
        f
        for f in knowledge.facts
        if f.relation == relation and f.value == value and (character is None or f.character == character)
    ]


@pytest.mark.parametrize(
    ("relation", "value", "character"),
    [
        ("director", "Spike Jonze", None),
        ("cast", "Joaquin Phoenix", "Theodore Twombly"),
        ("runtime", "126 mins", None),
        ("certificate", "15", None),
        ("release date", "Friday February 14 2014", None),
        ("country", "USA", None),
        ("country", "China", None),
    ],
)
def test_structured_facts(knowledge, relation, value, character):
    found = _facts(knowledge, relation, value, character)
    assert found, (relation, value, character)
    ids = {s.id for s in knowledge.sources}
    for fact in found:
        assert fact.source_id in ids
        assert fact.quote in knowledge.source(fact.source_id).text


# --------------------------------------------------------------------------- #
# The small fixture folder


def test_fixture_folder_loads():
    tiny = load_knowledge(TINY_KNOWLEDGE)
    assert sorted(s.id for s in tiny.sources) == ["garden", "kitchen", "music", "road-trip"]
    assert tiny.source("road-trip").author == "Ada Critic"
    assert tiny.source("road-trip").rating == "3/5"
    assert [f.source_id for f in tiny.facts] == ["road-trip"]
    spoilers = [s.text for s in tiny.sentences if s.spoiler]
    assert spoilers == ["In the end the grandmother leaves the recipe to her neighbour."]


def test_a_file_with_windows_line_endings_and_a_bom_loads_like_a_plain_one(tmp_path):
    plain = "---\nid: a\nlabel: A\nkind: comment\n---\n\nFirst line. Second line.\n\nNext paragraph.\n"
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "a.md").write_text(plain, encoding="utf-8")
    (tmp_path / "windows").mkdir()
    (tmp_path / "windows" / "a.md").write_bytes(b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").encode("utf-8"))
    one, two = load_knowledge(tmp_path / "plain"), load_knowledge(tmp_path / "windows")
    assert [s.text for s in one.sentences] == [s.text for s in two.sentences]
    assert [s.text for s in one.sentences] == ["First line.", "Second line.", "Next paragraph."]


# --------------------------------------------------------------------------- #
# Bad knowledge folders: a KnowledgeError naming the file and the problem

GOOD = "---\nid: {id}\nlabel: A review\nkind: critic review\n---\n\nA fine film. It is about love.\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_error(folder: Path) -> KnowledgeError:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    assert isinstance(caught.value, SamanthaError)
    return caught.value


def test_missing_front_matter(tmp_path):
    write(tmp_path, "review.md", "A fine film. It is about love.\n")
    error = load_error(tmp_path)
    assert "review.md" in str(error)
    assert "front matter" in str(error)


def test_unclosed_front_matter(tmp_path):
    write(tmp_path, "review.md", "---\nid: a\nlabel: A\nkind: comment\n\nA fine film.\n")
    error = load_error(tmp_path)
    assert "review.md" in str(error)
    assert "not closed" in str(error)


@pytest.mark.parametrize("field", ["id", "label", "kind"])
def test_missing_required_field(tmp_path, field):
    lines = GOOD.format(id="a").split("\n")
    write(tmp_path, "review.md", "\n".join(line for line in lines if not line.startswith(f"{field}:")))
    error = load_error(tmp_path)
    assert "review.md" in str(error)
    assert f"'{field}'" in str(error)
    assert "missing" in str(error)


@pytest.mark.parametrize("field", ["id", "label", "kind"])
def test_empty_required_field(tmp_path, field):
    text = re.sub(rf"^{field}: .*$", f"{field}:", GOOD.format(id="a"), flags=re.MULTILINE)
    write(tmp_path, "review.md", text)
    error = load_error(tmp_path)
    assert "review.md" in str(error)
    assert f"'{field}'" in str(error)


@pytest.mark.parametrize("content", ["", "   \n\n", "\ufeff"])
def test_empty_file(tmp_path, content):
    write(tmp_path, "good.md", GOOD.format(id="good"))
    write(tmp_path, "empty.md", content)
    error = load_error(tmp_path)
    assert "empty.md" in str(error)
    assert "empty" in error.problem


def test_front_matter_without_text(tmp_path):
    write(tmp_path, "bare.md", "---\nid: a\nlabel: A\nkind: comment\n---\n\n")
    error = load_error(tmp_path)
    assert "bare.md" in str(error)
    assert "no review text" in str(error)


def test_file_that_is_not_utf8(tmp_path):
    (tmp_path / "latin.md").write_bytes(GOOD.format(id="a").replace("fine", "naïve").encode("latin-1"))
    error = load_error(tmp_path)
    assert "latin.md" in str(error)
    assert "UTF-8" in str(error)


def test_duplicate_id_across_two_files(tmp_path):
    write(tmp_path, "one.md", GOOD.format(id="same"))
    write(tmp_path, "sub/two.md", GOOD.format(id="same"))
    error = load_error(tmp_path)
    assert "one.md" in str(error) and "two.md" in str(error)
    assert "'same'" in str(error)
    assert "already used" in str(error)


def test_unknown_kind(tmp_path):
    write(tmp_path, "review.md", GOOD.format(id="a").replace("kind: critic review", "kind: podcast"))
    error = load_error(tmp_path)
    assert "review.md" in str(error)
    assert "'podcast'" in str(error)
    assert "critic review" in str(error)  # it says which kinds are allowed


def test_bad_id(tmp_path):
    write(tmp_path, "review.md", GOOD.format(id="Not An Id"))
    error = load_error(tmp_path)
    assert "review.md" in str(error)
    assert "'Not An Id'" in str(error)


def test_spoiler_fragment_not_in_text(tmp_path):
    text = GOOD.format(id="a").replace("kind: critic review", "kind: critic review\nspoilers:\n  - he dies at the end")
    write(tmp_path, "review.md", text)
    error = load_error(tmp_path)
    assert "review.md" in str(error)
    assert "spoiler" in str(error)
    assert "he dies at the end" in str(error)


FACTS_HEAD = "---\nkind: facts\n---\n| relation | value | character | source | quote |\n|---|---|---|---|---|\n"


def test_facts_row_quote_not_in_source(tmp_path):
    write(tmp_path, "review.md", GOOD.format(id="a"))
    write(tmp_path, "facts.md", FACTS_HEAD + "| director | Spike Jonze |  | a | Directed by Spike Jonze |\n")
    error = load_error(tmp_path)
    assert "facts.md" in str(error)
    assert "row" in str(error)
    assert "Directed by Spike Jonze" in str(error)
    assert "not word for word" in str(error)


def test_facts_row_naming_unknown_source(tmp_path):
    write(tmp_path, "review.md", GOOD.format(id="a"))
    write(tmp_path, "facts.md", FACTS_HEAD + "| director | Spike Jonze |  | nobody | A fine film. |\n")
    error = load_error(tmp_path)
    assert "facts.md" in str(error)
    assert "'nobody'" in str(error)


def test_facts_table_with_wrong_columns(tmp_path):
    write(tmp_path, "review.md", GOOD.format(id="a"))
    write(tmp_path, "facts.md", "---\nkind: facts\n---\n| relation | value |\n|---|---|\n| director | Spike Jonze |\n")
    error = load_error(tmp_path)
    assert "facts.md" in str(error)
    assert "columns" in str(error)


def test_facts_row_with_wrong_number_of_cells(tmp_path):
    write(tmp_path, "review.md", GOOD.format(id="a"))
    write(tmp_path, "facts.md", FACTS_HEAD + "| director | Spike Jonze | a | A fine film. |\n")
    error = load_error(tmp_path)
    assert "facts.md" in str(error)
    assert "4 cells" in str(error)


def test_nonexistent_folder(tmp_path):
    missing = tmp_path / "no-such-folder"
    error = load_error(missing)
    assert "no-such-folder" in str(error)
    assert "does not exist" in str(error)


def test_folder_with_no_md_files(tmp_path):
    write(tmp_path, "pages/page.txt", "A fine film.\n")
    write(tmp_path, "notes.markdown", GOOD.format(id="a"))
    error = load_error(tmp_path)
    assert str(tmp_path) in str(error)
    assert ".md" in str(error)


def test_a_file_instead_of_a_folder(tmp_path):
    path = write(tmp_path, "review.md", GOOD.format(id="a"))
    error = load_error(path)
    assert "review.md" in str(error)


def test_a_file_that_cannot_be_read(tmp_path):
    write(tmp_path, "good.md", GOOD.format(id="good"))
    locked = write(tmp_path, "locked.md", GOOD.format(id="locked"))
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user (root) who can read a 0o000 file")
        error = load_error(tmp_path)
        assert "locked.md" in str(error)
        assert "cannot be read" in str(error)
    finally:
        locked.chmod(0o600)


def test_a_front_matter_line_that_is_not_key_value(tmp_path):
    write(tmp_path, "review.md", GOOD.format(id="a").replace("label: A review", "label: A review\nthis is prose"))
    error = load_error(tmp_path)
    assert "review.md" in str(error)
    assert "line 4" in str(error)  # the line number in the file
    assert "this is prose" in str(error)


def test_a_facts_file_without_a_table(tmp_path):
    write(tmp_path, "review.md", GOOD.format(id="a"))
    write(tmp_path, "facts.md", "---\nkind: facts\n---\nDirected by Spike Jonze.\n")
    error = load_error(tmp_path)
    assert "facts.md" in str(error)
    assert "no table" in str(error)


def test_folder_with_only_a_facts_file_holds_no_reviews(tmp_path):
    write(tmp_path, "facts.md", FACTS_HEAD)
    error = load_error(tmp_path)
    assert str(tmp_path) in str(error)
