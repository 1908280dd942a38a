"""Retrieval benchmark: recall@1/3/5 and MRR of BM25 alone, dense alone and the fused retriever.

    python benchmarks/retrieval.py              # the chosen settings, one table
    python benchmarks/retrieval.py --sweep      # also the passage sizes, BM25 variants and fusions tried

A hit is a passage that contains one of a case's ``expect_any`` strings and comes
from one of its ``expect_sources`` pages. Cases that expect no answer, or that are
follow-ups (their wording needs the conversation), are left out.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samantha.cache import default_cache_dir  # noqa: E402
from samantha.knowledge import load_knowledge  # noqa: E402
from samantha.lexical import LexicalSettings  # noqa: E402
from samantha.search import Retriever, SearchSettings  # noqa: E402


def plain(text: str) -> str:
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return re.sub(r"\s+", " ", text.replace("_", "").replace("*", "")).lower()


def load_cases(path: Path) -> list[dict]:
    cases = json.loads(path.read_text(encoding="utf-8"))
    return [
        c
        for c in cases
        if c.get("expect_any") and c.get("expect_sources") and len(c["turns"]) == 1 and c.get("expect_found", True)
        and c["kind"] not in ("spoiler", "followup")
    ]


def is_hit(retriever: Retriever, passage_index: int, case: dict) -> bool:
    """The passage holds an expected string (or names, in its source's label, who said it)."""
    passage = retriever.passages[passage_index]
    source = retriever.knowledge.source(passage.source_id)
    text = plain(passage.text + " " + source.label)
    return source.page[:3] in case["expect_sources"] and any(plain(e) in text for e in case["expect_any"])


def evaluate(retriever: Retriever, cases: list[dict], mode: str) -> dict[str, float]:
    settings = replace(retriever.settings, mode=mode)
    original, retriever.settings = retriever.settings, settings
    try:
        ranks = []
        for case in cases:
            hits = retriever.search(case["turns"][0], k=len(retriever.passages))
            rank = next((n for n, h in enumerate(hits, 1) if is_hit(retriever, h.index, case)), None)
            ranks.append(rank)
    finally:
        retriever.settings = original
    total = len(cases)
    return {
        "recall@1": sum(1 for r in ranks if r and r <= 1) / total,
        "recall@3": sum(1 for r in ranks if r and r <= 3) / total,
        "recall@5": sum(1 for r in ranks if r and r <= 5) / total,
        "MRR": sum(1 / r for r in ranks if r) / total,
    }


def table(rows: list[tuple[str, dict[str, float]]]) -> str:
    lines = ["| retriever | recall@1 | recall@3 | recall@5 | MRR |", "|---|---|---|---|---|"]
    for name, m in rows:
        lines.append(f"| {name} | {m['recall@1']:.3f} | {m['recall@3']:.3f} | {m['recall@5']:.3f} | {m['MRR']:.3f} |")
    return "\n".join(lines)


def run(settings: SearchSettings, knowledge, cases, label: str = "") -> list[tuple[str, dict[str, float]]]:
    retriever = Retriever(knowledge, replace(settings, mode="hybrid"), cache_dir=default_cache_dir())
    rows = []
    for mode, name in (("bm25", "BM25 alone"), ("dense", "dense alone"), ("hybrid", "fused")):
        rows.append((f"{name}{label}", evaluate(retriever, cases, mode)))
    return rows


def sweep(knowledge, cases) -> None:
    base = SearchSettings()
    print("\nPassage size (sentences per passage; 0 = whole paragraph):")
    rows = []
    for size in (1, 2, 3, 5, 0):
        rows += run(replace(base, passage_size=size), knowledge, cases, f", size {size}")
    print(table(rows))
    print("\nBM25 variant and parameters (keyword search alone):")
    rows = []
    for variant in ("okapi", "bm25l", "bm25plus"):
        for k1 in (0.9, 1.2, 1.5):
            for b in (0.5, 0.75):
                lexical = LexicalSettings(variant=variant, k1=k1, b=b, delta=0.5 if variant == "bm25l" else 1.0)
                retriever = Retriever(knowledge, replace(base, mode="bm25", lexical=lexical))
                rows.append((f"{variant} k1={k1} b={b}", evaluate(retriever, cases, "bm25")))
    print(table(rows))
    print("\nFusion:")
    retriever = Retriever(knowledge, base, cache_dir=default_cache_dir())
    rows = [("rrf k=60", evaluate(retriever, cases, "hybrid"))]
    for weight in (0.3, 0.5, 0.7):
        retriever.settings = replace(base, fusion="weighted", dense_weight=weight)
        rows.append((f"weighted, dense {weight}", evaluate(retriever, cases, "hybrid")))
    print(table(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_questions = ROOT / "benchmarks" / "questions.json"
    parser.add_argument("--questions", type=Path, default=default_questions)
    parser.add_argument("--sweep", action="store_true", help="also print the settings that were tried")
    args = parser.parse_args()
    knowledge = load_knowledge()
    cases = load_cases(args.questions)
    print(f"{len(cases)} single-turn answerable cases from {args.questions.name}, {len(knowledge.sources)} sources")
    settings = SearchSettings()
    print(f"settings: {settings}")
    print(table(run(settings, knowledge, cases)))
    if args.sweep:
        sweep(knowledge, cases)


if __name__ == "__main__":
    main()
