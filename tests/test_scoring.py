"""Tests of benchmarks/scoring.py on small hand-made replies."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("benchmarks_scoring", ROOT / "benchmarks" / "scoring.py")
scoring = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = scoring
_spec.loader.exec_module(scoring)

normalise = scoring.normalise
excerpt_page = scoring.excerpt_page
score_case = scoring.score_case


# Small hand-made pages, in the style of the real ones (typographic quotes,
# Markdown emphasis, no-break spaces, furniture at the end).
PAGES = {
    "000_timeout.txt": (
        "Theodore (Joaquin Phoenix, sad and puppy-doggish) is a lonely writer nursing a broken "
        "heart after his marriage falls apart.\n\n"
        "‘Her’ is a keeper of a film, quietly dazzling. It’s directed by Spike Jonze.\n"
        "Take away 20 minutes and it would make a good radio play. Maybe.\n"
        "2\u00a0people listening\n"
    ),
    "001_blog.txt": (
        "His friends all worry about how withdrawn and “mopey” he is.\n"
        "Long story short: 4/4 stars\n\n"
        "Leave a Reply\n\nFill in your details below or click an icon to log in:\n"
    ),
    "002_bfi.txt": (
        "In other words, _Her_ is an unapologetic modern love story.\n"
        "This is not a criticism – and certainly not a hint.\n"
        "_Costume Designer_: Casey Storm  \n**Nick James, _Sight and Sound_, January 2014**\n"
    ),
}


def reply(text="", excerpts=(), found=True):
    return {
        "text": text,
        "found": found,
        "citations": [
            {"number": i + 1, "source": "x", "label": "X", "excerpt": e} for i, e in enumerate(excerpts)
        ],
    }


# --------------------------------------------------------------------------- #
# normalise

def test_normalise_quotes_dashes_markdown_whitespace():
    assert normalise("‘Her’ is “mopey”") == normalise("'Her' is \"mopey\"")
    assert normalise("a – b — c") == "a - b - c"
    assert normalise("_Her_ is **great**") == "her is great"
    assert normalise("  two\u00a0 people\n\tlistening ") == "two people listening"
    assert normalise("JONZE") == "jonze"


# --------------------------------------------------------------------------- #
# excerpt_page

def test_verbatim_excerpt_found_in_its_page():
    assert excerpt_page("It’s directed by Spike Jonze.", PAGES) == "000"
    assert excerpt_page("how withdrawn and “mopey” he is", PAGES) == "001"


def test_excerpt_across_line_break_and_markdown():
    assert excerpt_page("Her is an unapologetic modern love story", PAGES) == "002"
    assert excerpt_page("Costume Designer: Casey Storm", PAGES) == "002"
    assert excerpt_page("Nick James, Sight and Sound, January 2014", PAGES) == "002"


def test_typographic_and_plain_quotes_compare_equal():
    assert excerpt_page("'Her' is a keeper of a film", PAGES) == "000"
    assert excerpt_page('how withdrawn and "mopey" he is', PAGES) == "001"
    assert excerpt_page("This is not a criticism - and certainly not a hint.", PAGES) == "002"


def test_changed_word_is_not_verbatim():
    assert excerpt_page("It’s produced by Spike Jonze.", PAGES) is None
    assert excerpt_page("Her is a keeper of a movie", PAGES) is None


def test_ellipsis_parts_from_one_page():
    assert excerpt_page("Theodore (Joaquin Phoenix … is a lonely writer", PAGES) == "000"
    assert excerpt_page("…quietly dazzling... good radio play…", PAGES) == "000"


def test_ellipsis_parts_from_two_pages_fail():
    assert excerpt_page("quietly dazzling … unapologetic modern love story", PAGES) is None
    res = score_case({"id": "x", "kind": "plot"},
                     reply("x", ["quietly dazzling … unapologetic modern love story"]), PAGES)
    assert not res.passed
    assert any("not verbatim" in f for f in res.failures)


def test_empty_or_dots_only_excerpt_is_not_verbatim():
    assert excerpt_page("", PAGES) is None
    assert excerpt_page("…", PAGES) is None
    assert excerpt_page(" ... ", PAGES) is None


# --------------------------------------------------------------------------- #
# score_case: always-rules

def test_verbatim_excerpt_passes():
    case = {"id": "dir", "kind": "crew", "expect_any": ["Spike Jonze"], "expect_sources": ["000"]}
    res = score_case(case, reply("It was directed by Spike Jonze [1].", ["It’s directed by Spike Jonze."]), PAGES)
    assert res.passed, res.failures
    assert res.n_citations == 1 and res.n_verbatim == 1


def test_one_changed_word_fails():
    case = {"id": "dir", "kind": "crew", "expect_any": ["Spike Jonze"]}
    res = score_case(case, reply("Spike Jonze [1].", ["It’s produced by Spike Jonze."]), PAGES)
    assert not res.passed
    assert res.n_verbatim == 0
    assert any("not verbatim" in f for f in res.failures)


def test_missing_excerpt_fails():
    r = {"text": "x", "found": True, "citations": [{"number": 1, "source": "x"}]}
    res = score_case({"id": "x", "kind": "plot"}, r, PAGES)
    assert not res.passed


def test_furniture_excerpt_fails_even_if_verbatim():
    for e in ["Leave a Reply", "Fill in your details below", "2 people listening"]:
        assert excerpt_page(e, PAGES) is not None
        res = score_case({"id": "f", "kind": "robust"}, reply("x", [e]), PAGES)
        assert not res.passed
        assert any("furniture" in f for f in res.failures), e


def test_duplicate_excerpts_fail():
    e = "It’s directed by Spike Jonze."
    res = score_case({"id": "d", "kind": "crew"}, reply("Spike Jonze", [e, e]), PAGES)
    assert not res.passed
    assert any("same excerpt" in f for f in res.failures)
    # the same text with plain vs typographic apostrophe is still a duplicate
    res = score_case({"id": "d", "kind": "crew"}, reply("Spike Jonze", [e, e.replace("’", "'")]), PAGES)
    assert any("same excerpt" in f for f in res.failures)


def test_two_different_excerpts_pass():
    res = score_case({"id": "d", "kind": "crew"},
                     reply("Spike Jonze", ["It’s directed by Spike Jonze.", "quietly dazzling"]), PAGES)
    assert res.passed, res.failures


# --------------------------------------------------------------------------- #
# score_case: case checks

def test_expect_any_is_case_insensitive_and_on_text():
    case = {"id": "c", "kind": "cast", "expect_any": ["Joaquin Phoenix"]}
    assert score_case(case, reply("JOAQUIN PHOENIX plays him."), PAGES).passed
    res = score_case(case, reply("Someone plays him.", ["Theodore (Joaquin Phoenix"]), PAGES)
    assert not res.passed  # only in the excerpt, not the text
    assert any("expect_any" in f for f in res.failures)


def test_expect_any_with_typographic_text():
    case = {"id": "c", "kind": "opinion", "expect_any": ["it's directed by"]}
    assert score_case(case, reply("“It’s directed by Spike Jonze.”"), PAGES).passed


def test_expect_sources():
    case = {"id": "s", "kind": "crew", "expect_sources": ["002"]}
    assert score_case(case, reply("x", ["Costume Designer: Casey Storm"]), PAGES).passed
    res = score_case(case, reply("x", ["quietly dazzling"]), PAGES)
    assert not res.passed and any("expect_sources" in f for f in res.failures)
    assert not score_case(case, reply("x"), PAGES).passed


def test_expect_found():
    case = {"id": "a", "kind": "abstain", "expect_found": False}
    assert score_case(case, reply("I can't find that in the reviews.", found=False), PAGES).passed
    assert not score_case(case, reply("It cost a lot.", found=True), PAGES).passed


def test_expect_cites_none():
    case = {"id": "r", "kind": "robust", "expect_cites_none": True}
    assert score_case(case, reply("Hello! Ask me about Her."), PAGES).passed
    res = score_case(case, reply("Hello!", ["quietly dazzling"]), PAGES)
    assert not res.passed and any("cites_none" in f for f in res.failures)


def test_expect_not_catches_text_in_excerpts():
    case = {"id": "sp", "kind": "spoiler", "expect_any": ["spoil"], "expect_not": ["radio play"]}
    ok = reply("That would spoil it.")
    assert score_case(case, ok, PAGES).passed
    bad = reply("That would spoil it, but here: [1]", ["it would make a good radio play"])
    res = score_case(case, bad, PAGES)
    assert not res.passed
    assert any("expect_not" in f and "excerpt" in f for f in res.failures)


def test_expect_not_catches_text_in_reply_text():
    case = {"id": "sp", "kind": "spoiler", "expect_not": ["spaces between them"]}
    res = score_case(case, reply("She goes ‘from words to the spaces between them’."), PAGES)
    assert not res.passed


def test_reply_object_with_to_dict():
    class R:
        def to_dict(self):
            return reply("Casey Storm", ["Costume Designer: Casey Storm"])

    case = {"id": "c", "kind": "crew", "expect_any": ["casey storm"], "expect_sources": ["002"]}
    assert score_case(case, R(), PAGES).passed


# --------------------------------------------------------------------------- #
# the real pages and the question set (skipped when not present)

REAL_DIR = scoring.default_pages_dir(ROOT)


@pytest.mark.skipif(not any(REAL_DIR.glob("*.txt")), reason="review pages not available")
def test_real_pages_known_excerpts():
    pages = scoring.load_pages(REAL_DIR)
    assert excerpt_page("‘Her’ is a keeper of a film, quietly dazzling.", pages) == "000"
    assert excerpt_page("Long story short: 4/4 stars", pages) == "001"
    assert excerpt_page("Her is an unapologetic modern love story", pages) == "002"
    assert excerpt_page("Casting: Ellen Lewis, Cassandra Kulukundis", pages) == "002"
    assert excerpt_page("Her follows Theodore (Joaquin Phoenix), a middle aged man", pages) == "003"
    assert excerpt_page("Lots of the film was shot with Shanghai standing in for a future LA", pages) == "004"
    assert excerpt_page("Rated: 15 … Duration: 126 mins", pages) == "000"
    # Linda Popcorn Royles posted twice: citing both copies is a duplicate
    linda = "This was probably the best movie of 2013"
    res = score_case({"id": "l", "kind": "opinion"}, reply("x", [linda, linda]), pages)
    assert not res.passed


QUESTIONS = ROOT / "benchmarks" / "questions.json"


@pytest.mark.skipif(not QUESTIONS.exists(), reason="question set not written yet")
def test_question_set_is_well_formed():
    cases = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    kinds = {"plot", "cast", "crew", "release", "trivia", "opinion", "followup", "abstain", "spoiler", "robust"}
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids))
    allowed = {"id", "kind", "turns", "flags", "expect_any", "expect_sources", "expect_found",
               "expect_cites_none", "expect_not"}
    for c in cases:
        assert c["kind"] in kinds, c["id"]
        assert c["turns"] and all(isinstance(t, str) for t in c["turns"]), c["id"]
        assert set(c) <= allowed, c["id"]
        for s in c.get("expect_sources", []):
            assert s in {"000", "001", "002", "003", "004"}, c["id"]
    assert {c["kind"] for c in cases} == kinds
