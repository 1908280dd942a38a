#!/usr/bin/env python
"""Benchmark harness: run the question set through samantha and score it.

    python benchmarks/eval.py [--questions PATH] [--no-dense] [--json]

Prints the pass rate by kind and overall, the share of citations whose
excerpt is verbatim, abstention accuracy, warm latency per question (p50 and
p95, timed around each ``conv.ask`` after a warm-up question) and the failed
cases with their reasons. Scoring follows /work/shared/eval/README.md (see
benchmarks/scoring.py). The exit code is 0 unless the harness itself crashes:
this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for p in (str(HERE), str(ROOT)):
    if p not in sys.path:
        sys.path.insert(0, p)

import scoring  # noqa: E402  (benchmarks/scoring.py)

KIND_ORDER = ["plot", "cast", "crew", "release", "trivia", "opinion", "followup", "abstain", "spoiler", "robust"]
# warm-up questions (not timed): one per path, so lazy loading (e.g. the dense
# model) is not counted in the latency
WARMUP_QUESTIONS = ["Who directed Her?", "What did the critics think of it?", "What happens on the blind date?"]


def percentile(values: list[float], q: float) -> float:
    """Percentile by linear interpolation (q in 0..100)."""
    if not values:
        return float("nan")
    xs = sorted(values)
    k = (len(xs) - 1) * q / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] if lo == hi else xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def _reply_dict(reply: Any) -> dict[str, Any]:
    if isinstance(reply, dict):
        return reply
    return reply.to_dict()


def run_case(bot: Any, case: dict[str, Any]) -> tuple[dict[str, Any], list[float]]:
    """Ask every turn of *case* in one conversation; the last reply and the
    latency (ms) of each ask."""
    spoilers = bool((case.get("flags") or {}).get("spoilers", False))
    conv = bot.conversation(spoilers=spoilers)
    times: list[float] = []
    reply = None
    for turn in case["turns"]:
        t0 = time.perf_counter()
        reply = conv.ask(turn)
        times.append((time.perf_counter() - t0) * 1000.0)
    return _reply_dict(reply), times


def evaluate(cases: list[dict[str, Any]], bot: Any, pages: dict[str, str]) -> dict[str, Any]:
    # warm-up, not timed
    t0 = time.perf_counter()
    for q in WARMUP_QUESTIONS:
        bot.conversation(spoilers=False).ask(q)
    warmup_ms = (time.perf_counter() - t0) * 1000.0

    results: list[scoring.CaseResult] = []
    replies: dict[str, dict[str, Any]] = {}
    latencies: list[float] = []
    for case in cases:
        try:
            reply, times = run_case(bot, case)
            latencies.extend(times)
            res = scoring.score_case(case, reply, pages)
            replies[res.id] = reply
        except Exception as exc:  # a crash in one case is a failed case
            tb = traceback.format_exception_only(type(exc), exc)[-1].strip()
            res = scoring.CaseResult(id=str(case.get("id")), kind=str(case.get("kind")),
                                     passed=False, failures=[f"exception: {tb}"])
        results.append(res)
    return summarise(cases, results, latencies, warmup_ms, replies)


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


def summarise(cases, results, latencies, warmup_ms, replies) -> dict[str, Any]:
    by_kind: dict[str, list[scoring.CaseResult]] = defaultdict(list)
    for r in results:
        by_kind[r.kind].append(r)
    kinds = [k for k in KIND_ORDER if k in by_kind] + sorted(k for k in by_kind if k not in KIND_ORDER)
    n_cit = sum(r.n_citations for r in results)
    n_verb = sum(r.n_verbatim for r in results)
    abstain = [r for r in results if r.expect_found is False]
    # small talk (expect_cites_none without expect_found) has no answer to find
    small_ids = {c.get("id") for c in cases if c.get("expect_cites_none") and "expect_found" not in c}
    answer = [r for r in results if r.expect_found is not False and r.id not in small_ids]
    return {
        "n_cases": len(results),
        "passed": sum(r.passed for r in results),
        "pass_rate": _rate(sum(r.passed for r in results), len(results)),
        "by_kind": {
            k: {"n": len(by_kind[k]), "passed": sum(r.passed for r in by_kind[k]),
                "pass_rate": _rate(sum(r.passed for r in by_kind[k]), len(by_kind[k]))}
            for k in kinds
        },
        "citations": n_cit,
        "citations_verbatim": n_verb,
        "verbatim_share": _rate(n_verb, n_cit),
        "abstain_accuracy": {
            "expect_found_false": {"n": len(abstain), "found_false": sum(r.found is False for r in abstain),
                                   "rate": _rate(sum(r.found is False for r in abstain), len(abstain))},
            "expect_answer": {"n": len(answer), "excluded_small_talk": len(small_ids), "found_true": sum(r.found is True for r in answer),
                                           "rate": _rate(sum(r.found is True for r in answer), len(answer))},
        },
        "latency_ms": {
            "warmup": warmup_ms,
            "n_asks": len(latencies),
            "p50": percentile(latencies, 50) if latencies else None,
            "p95": percentile(latencies, 95) if latencies else None,
            "max": max(latencies) if latencies else None,
        },
        "failed": [{"id": r.id, "kind": r.kind, "reasons": r.failures} for r in results if not r.passed],
        "results": [r.to_dict() for r in results],
        "replies": replies,
    }


def _pct(x: float | None) -> str:
    return "   n/a" if x is None else f"{100 * x:5.1f}%"


def print_report(s: dict[str, Any], *, label: str, show_replies: bool = False) -> None:
    print(f"samantha benchmark — {label}")
    print()
    print(f"{'kind':<10} {'cases':>5} {'pass':>5} {'rate':>7}")
    print("-" * 30)
    for k, v in s["by_kind"].items():
        print(f"{k:<10} {v['n']:>5} {v['passed']:>5} {_pct(v['pass_rate']):>7}")
    print("-" * 30)
    print(f"{'overall':<10} {s['n_cases']:>5} {s['passed']:>5} {_pct(s['pass_rate']):>7}")
    print()
    print(f"verbatim excerpts: {s['citations_verbatim']}/{s['citations']} citations ({_pct(s['verbatim_share']).strip()})")
    a = s["abstain_accuracy"]
    f0, f1 = a["expect_found_false"], a["expect_answer"]
    print(f"abstention: found=false on {f0['found_false']}/{f0['n']} cases expecting no answer ({_pct(f0['rate']).strip()})")
    print(f"            found=true  on {f1['found_true']}/{f1['n']} other cases ({_pct(f1['rate']).strip()};"
          f" {f1['excluded_small_talk']} small-talk cases not counted)")
    lat = s["latency_ms"]
    if lat["n_asks"]:
        print(f"latency (warm, per ask, n={lat['n_asks']}): p50 {lat['p50']:.1f} ms, p95 {lat['p95']:.1f} ms,"
              f" max {lat['max']:.1f} ms  (warm-up {lat['warmup']:.0f} ms)")
    print()
    if s["failed"]:
        print(f"failed cases ({len(s['failed'])}):")
        for f in s["failed"]:
            print(f"  {f['id']} [{f['kind']}]")
            for reason in f["reasons"]:
                print(f"      - {reason}")
            if show_replies and f["id"] in s["replies"]:
                text = " ".join(str(s["replies"][f["id"]].get("text", "")).split())
                print(f"      reply: {text[:300]}")
    else:
        print("no failed cases")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--questions", type=Path, default=HERE / "questions.json", help="question set (JSON list of cases)")
    ap.add_argument("--no-dense", action="store_true", help="lexical retrieval only (retrieval='bm25')")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--pages", type=Path, default=None, help="folder of review pages (*.txt) to check excerpts against")
    ap.add_argument("--kind", action="append", help="only run cases of this kind (repeatable)")
    ap.add_argument("--id", action="append", dest="ids", help="only run this case id (repeatable)")
    ap.add_argument("--show-replies", action="store_true", help="print the reply text of failed cases")
    args = ap.parse_args(argv)

    cases = json.loads(args.questions.read_text(encoding="utf-8"))
    if args.kind:
        cases = [c for c in cases if c.get("kind") in set(args.kind)]
    if args.ids:
        cases = [c for c in cases if c.get("id") in set(args.ids)]
    pages = scoring.load_pages(args.pages)

    from samantha import Samantha

    retrieval = "bm25" if args.no_dense else "hybrid"
    t0 = time.perf_counter()
    bot = Samantha(retrieval=retrieval)
    load_ms = (time.perf_counter() - t0) * 1000.0
    summary = evaluate(cases, bot, pages)
    summary["retrieval"] = retrieval
    summary["load_ms"] = load_ms
    summary["questions"] = str(args.questions)

    if args.json:
        print(json.dumps(summary, indent=1, ensure_ascii=False, default=str))
    else:
        print_report(summary, label=f"{args.questions.name}, retrieval={retrieval}, load {load_ms:.0f} ms",
                     show_replies=args.show_replies)
    return 0


if __name__ == "__main__":
    sys.exit(main())
