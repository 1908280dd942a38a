#!/usr/bin/env python
"""Speed benchmark: how long samantha takes, and how much memory, against its targets.

    python benchmarks/speed.py [--runs 5] [--import-runs 3] [--sizes 1000,10000,100000] [--skip-fresh]

Prints Markdown tables (for the README):

* the targets: a one-shot ``samantha ask`` with caches built (median wall time, and as a
  ratio to ``python -c "import sentence_transformers"`` measured in the same run), a warm
  question in the library over every turn of benchmarks/questions.json, the first run on
  a fresh machine (nothing cached: index built, first answer given, progress shown) and
  the peak memory of a one-shot ``samantha ask``;
* how retrieval time per question grows over synthetic corpora (real review sentences
  recombined into passages, random unit vectors standing in for their embeddings);
* the machine it ran on.

Every ``samantha`` run is a subprocess of the venv's own ``samantha`` executable, with a
private SAMANTHA_CACHE_DIR (the user's cache is never touched). Children run with
bytecode caching on, as after a normal install, even when this shell has
PYTHONDONTWRITEBYTECODE set; one extra row shows a one-shot question without it.
This is a benchmark, not a test: the exit code is 0 unless the harness itself fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pty
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import namedtuple
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BIN = Path(sys.executable).parent
SAMANTHA = BIN / "samantha"
PYTHON = BIN / "python"
QUESTIONS = HERE / "questions.json"

# A question that goes through the whole retrieval path (keywords, the ONNX query
# encoder, fusion, sentence ranking); a credits question is answered from the facts
# table without encoding anything, so it is shown separately.
QUESTION = "What did the critics think of the music?"
FACT_QUESTION = "Who directed Her?"
# As benchmarks/eval.py: one question per path, untimed, before the warm latencies.
WARMUP_QUESTIONS = ["Who directed Her?", "What did the critics think of it?", "What happens on the blind date?"]

TARGETS = {
    "oneshot_s": 0.8,
    "ratio": 0.2,
    "warm_p50_ms": 30.0,
    "warm_p95_ms": 60.0,
    "fresh_s": 30.0,
    "rss_mb": 400.0,
}


# -- running children ---------------------------------------------------------------------


class Child(namedtuple("Child", "wall returncode maxrss_mb stdout stderr")):
    """One finished subprocess: wall seconds, exit code, peak RSS (MB), its output."""


def run_child(argv: list[str], env: dict[str, str], *, tty_stderr: bool = False, timeout: float = 600) -> Child:
    """Run ``argv`` to completion; its own peak RSS comes from wait4, not from the other children.

    With ``tty_stderr``, standard error is a pseudo-terminal (so the CLI shows its progress
    line, which it only does on a terminal) and everything written to it is returned.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        chunks: list[bytes] = []
        reader = None
        if tty_stderr:
            master, slave = pty.openpty()
            stderr_target = slave
        else:
            stderr_target = err
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=stderr_target, env=env)
        if tty_stderr:
            os.close(slave)

            def drain() -> None:
                while True:
                    try:
                        data = os.read(master, 4096)
                    except OSError:  # EIO once the child has closed its end
                        break
                    if not data:
                        break
                    chunks.append(data)

            reader = threading.Thread(target=drain, daemon=True)
            reader.start()
        killer = threading.Timer(timeout, child.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if reader is not None:
            reader.join(timeout=5)
            os.close(master)
            stderr_text = b"".join(chunks).decode("utf-8", "replace")
        else:
            err.seek(0)
            stderr_text = err.read().decode("utf-8", "replace")
        out.seek(0)
        stdout_text = out.read().decode("utf-8", "replace")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 / (1024 * 1024) if sys.platform == "darwin" else 1 / 1024
    return Child(wall, child.returncode, usage.ru_maxrss * scale, stdout_text, stderr_text)


def child_env(cache_dir: Path, *, bytecode: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env["SAMANTHA_CACHE_DIR"] = str(cache_dir)
    env.pop("SAMANTHA_MODEL", None)
    env["NO_COLOR"] = "1"
    env["HF_HUB_OFFLINE"] = "1"
    env["TRANSFORMERS_OFFLINE"] = "1"
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def ask_argv(question: str) -> list[str]:
    return [str(SAMANTHA), "ask", question]


def checked(child: Child, what: str) -> Child:
    if child.returncode != 0:
        raise SystemExit(f"{what} failed (exit {child.returncode}):\n{child.stderr[-2000:]}")
    return child


# -- the measurements ---------------------------------------------------------------------


def measure_fresh(cache_dir: Path) -> dict:
    """Nothing cached: build the index and give the first answer, stderr on a terminal."""
    child = checked(run_child(ask_argv(QUESTION), child_env(cache_dir), tty_stderr=True), "fresh samantha ask")
    updates = re.findall(r"Reading the reviews for the first time… (\d+)/(\d+) (\w+)", child.stderr)
    return {
        "wall": child.wall,
        "maxrss_mb": child.maxrss_mb,
        "progress_updates": len(updates),
        "progress_stages": sorted({stage for _, _, stage in updates}),
        "waking_shown": "Waking up" in child.stderr,
        "answer": child.stdout.strip().splitlines()[0] if child.stdout.strip() else "",
    }


def measure_oneshot(cache_dir: Path, question: str, runs: int, *, bytecode: bool = True) -> dict:
    env = child_env(cache_dir, bytecode=bytecode)
    checked(run_child(ask_argv(question), env), "warm-up samantha ask")  # page cache, bytecode
    children = [checked(run_child(ask_argv(question), env), "samantha ask") for _ in range(runs)]
    walls = [c.wall for c in children]
    return {
        "walls": walls,
        "median": statistics.median(walls),
        "min": min(walls),
        "max": max(walls),
        "maxrss_mb": max(c.maxrss_mb for c in children),
    }


def measure_import_baseline(runs: int, cache_dir: Path) -> dict:
    env = child_env(cache_dir)
    argv = [str(PYTHON), "-c", "import sentence_transformers"]
    checked(run_child(argv, env), "import sentence_transformers")  # warm-up: page cache
    walls = [checked(run_child(argv, env), "import sentence_transformers").wall for _ in range(runs)]
    return {"walls": walls, "median": statistics.median(walls)}


def percentile(values: list[float], q: float) -> float:
    xs = sorted(values)
    k = (len(xs) - 1) * q / 100.0
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def measure_warm_library(cache_dir: Path) -> dict:
    """Every turn of every case, through conversations with the case's spoilers flag, as eval does."""
    os.environ["SAMANTHA_CACHE_DIR"] = str(cache_dir)
    from samantha import Samantha

    cases = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    start = time.perf_counter()
    bot = Samantha(cache_dir=cache_dir)
    load = time.perf_counter() - start
    start = time.perf_counter()
    bot.conversation(spoilers=False).ask(QUESTION)  # the first question that needs a vector opens the encoder
    first = time.perf_counter() - start
    for question in WARMUP_QUESTIONS:
        bot.conversation(spoilers=False).ask(question)
    times: list[float] = []
    for case in cases:
        conversation = bot.conversation(spoilers=bool((case.get("flags") or {}).get("spoilers", False)))
        for turn in case["turns"]:
            t0 = time.perf_counter()
            conversation.ask(turn)
            times.append((time.perf_counter() - t0) * 1000.0)
    return {
        "load_s": load,
        "first_s": first,
        "n": len(times),
        "cases": len(cases),
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "max": max(times),
        "mean": statistics.fmean(times),
        "torch_loaded": "torch" in sys.modules,
    }


# -- retrieval over synthetic corpora -----------------------------------------------------

SyntheticPassage = namedtuple("SyntheticPassage", "id source_id sentences")


def synthetic_retriever(passage_texts: list[str], vectors, settings):
    """A Retriever over synthetic passages, assembled without a Knowledge or a model.

    Only what ``Retriever.search`` reads is set: the passages, their keyword index and
    their dense index (sentences are not indexed: search() does not use them).
    """
    from samantha import dense
    from samantha.lexical import LexicalIndex
    from samantha.search import Retriever

    t0 = time.perf_counter()
    lexical = LexicalIndex(passage_texts, settings.lexical)
    lexical_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    dense_index = dense.DenseIndex(vectors)
    dense_s = time.perf_counter() - t0
    retriever = object.__new__(Retriever)
    retriever.knowledge = None
    retriever.settings = settings
    retriever.passages = [SyntheticPassage(f"p{i}", f"s{i % 97}", ()) for i in range(len(passage_texts))]
    retriever._passage_lexical = lexical
    retriever._sentence_lexical = None
    retriever._passage_dense = dense_index
    retriever._sentence_dense = None
    retriever._encoder = None
    retriever._lock = threading.Lock()
    return retriever, lexical_s, dense_s


def measure_scaling(sizes: list[int], queries_limit: int = 0) -> list[dict]:
    import numpy as np

    from samantha.knowledge import load_knowledge
    from samantha.search import SearchSettings

    knowledge = load_knowledge(None)
    credits = {s.id for s in knowledge.sources if s.kind == "credits"}
    pool = [s.text for s in knowledge.sentences if s.source_id not in credits]
    cases = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    queries = [turn for case in cases for turn in case["turns"]]
    if queries_limit:
        queries = queries[:queries_limit]
    settings = SearchSettings()
    dimension = 384  # all-MiniLM-L6-v2
    rng = np.random.default_rng(2013)
    query_vectors = rng.standard_normal((len(queries), dimension)).astype(np.float32)
    query_vectors /= np.linalg.norm(query_vectors, axis=1, keepdims=True)
    rows = []
    for size in sizes:
        picks = rng.integers(0, len(pool), size=(size, 3))
        t0 = time.perf_counter()
        texts = [" ".join(pool[j] for j in row) for row in picks]
        vectors = rng.standard_normal((size, dimension)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        generate_s = time.perf_counter() - t0
        retriever, lexical_s, dense_s = synthetic_retriever(texts, vectors, settings)
        parts = {"bm25": [], "dense": [], "fusion": [], "topk": [], "search": []}
        for query, vector in zip(queries, query_vectors):
            t0 = time.perf_counter()
            lexical = retriever._passage_lexical.scores(query)
            t1 = time.perf_counter()
            dense_scores = retriever._passage_dense.scores(vector)
            t2 = time.perf_counter()
            fused = retriever._fuse(lexical, dense_scores)
            t3 = time.perf_counter()
            order = np.argsort(-fused, kind="stable")[:12]
            [int(i) for i in order if fused[i] > 0]
            t4 = time.perf_counter()
            hits = retriever.search(query, k=12, query_vector=vector)
            t5 = time.perf_counter()
            assert len(hits) <= 12
            for name, seconds in (("bm25", t1 - t0), ("dense", t2 - t1), ("fusion", t3 - t2),
                                  ("topk", t4 - t3), ("search", t5 - t4)):
                parts[name].append(seconds * 1000.0)
        rows.append({
            "size": size,
            "queries": len(queries),
            "generate_s": generate_s,
            "lexical_build_s": lexical_s,
            "dense_build_s": dense_s,
            **{f"{name}_ms": statistics.fmean(values) for name, values in parts.items()},
            "search_p50_ms": percentile(parts["search"], 50),
            "search_p95_ms": percentile(parts["search"], 95),
        })
        del retriever, texts, vectors
    return rows


def measure_query_encoding(cache_dir: Path, repeats: int = 50) -> dict | None:
    """The ONNX query encoder alone (independent of corpus size)."""
    from samantha import Samantha

    bot = Samantha(cache_dir=cache_dir)
    retriever = bot._retriever
    cases = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    queries = [turn for case in cases for turn in case["turns"]][:repeats]
    retriever.encode_query(queries[0])
    encoder = getattr(retriever, "_encoder", None)
    encoder = getattr(encoder, "chosen", encoder)  # the encoder a lazy one opened
    times = []
    for query in queries:
        t0 = time.perf_counter()
        retriever.encode_query(query)
        times.append((time.perf_counter() - t0) * 1000.0)
    return {"p50": percentile(times, 50), "p95": percentile(times, 95),
            "encoder": type(encoder).__name__ if encoder is not None else "?"}


# -- the machine ---------------------------------------------------------------------------


def machine() -> dict:
    model = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except (OSError, ValueError):
        pass
    versions = {}
    for name in ("numpy", "onnxruntime", "rank_bm25", "sentence-transformers", "torch"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:  # noqa: BLE001 - a missing package is just not shown
            pass
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


def load_average() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


# -- the report ----------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "yes" if ok else "**NO**"


def report(results: dict) -> str:
    lines = []
    m = results["machine"]
    lines.append("### Speed")
    lines.append("")
    lines.append(
        f"Measured on {m['cores']} cores ({m['cpu'] or 'unknown CPU'}, {m['memory']}), Python {m['python']}, "
        f"{m['platform']}; " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()) + "."
    )
    lines.append(f"Load average (1/5/15 min) at start {results['load_start']}, at end {results['load_end']}.")
    lines.append("")
    lines.append("| what | target | measured | meets it |")
    lines.append("|---|---|---|---|")
    one = results["oneshot"]
    base = results["import_baseline"]
    ratio = one["median"] / base["median"]
    lines.append(
        f"| `samantha ask \"{QUESTION}\"`, caches built, wall time, median of {len(one['walls'])} "
        f"(min {one['min']:.2f}, max {one['max']:.2f}) | ≤ 0.8 s | {one['median']:.2f} s | "
        f"{verdict(one['median'] <= TARGETS['oneshot_s'])} |"
    )
    lines.append(
        f"| the same, as a ratio to `python -c \"import sentence_transformers\"` "
        f"({base['median']:.2f} s, median of {len(base['walls'])}) | ≤ 0.2 | {ratio:.3f} | "
        f"{verdict(ratio <= TARGETS['ratio'])} |"
    )
    warm = results["warm"]
    lines.append(
        f"| a warm question in the library (`conversation.ask`), {warm['n']} turns of {warm['cases']} cases "
        f"| p50 ≤ 30 ms, p95 ≤ 60 ms | p50 {warm['p50']:.1f} ms, p95 {warm['p95']:.1f} ms (max {warm['max']:.0f}) "
        f"| {verdict(warm['p50'] <= TARGETS['warm_p50_ms'] and warm['p95'] <= TARGETS['warm_p95_ms'])} |"
    )
    fresh = results.get("fresh")
    if fresh is not None:
        progress_ok = fresh["progress_updates"] > 0
        lines.append(
            f"| first run, nothing cached: index built, first answer given (`samantha ask`, stderr a terminal) "
            f"| ≤ 30 s, progress shown | {fresh['wall']:.1f} s; {fresh['progress_updates']} progress updates "
            f"({', '.join(fresh['progress_stages']) or 'none'}) | "
            f"{verdict(fresh['wall'] <= TARGETS['fresh_s'] and progress_ok)} |"
        )
    else:
        lines.append("| first run, nothing cached | ≤ 30 s, progress shown | skipped (--skip-fresh) | - |")
    lines.append(
        f"| peak memory (max RSS) of a one-shot `samantha ask`, caches built | ≤ 400 MB | "
        f"{one['maxrss_mb']:.0f} MB | {verdict(one['maxrss_mb'] <= TARGETS['rss_mb'])} |"
    )
    lines.append("")
    lines.append("Other figures from the same run (no targets):")
    lines.append("")
    lines.append("| what | measured |")
    lines.append("|---|---|")
    fact = results["oneshot_fact"]
    lines.append(f"| `samantha ask \"{FACT_QUESTION}\"` (answered from the facts table: no query encoding), "
                 f"median of {len(fact['walls'])} | {fact['median']:.2f} s, max RSS {fact['maxrss_mb']:.0f} MB |")
    nobc = results["oneshot_nobytecode"]
    lines.append(f"| `samantha ask \"{QUESTION}\"` with PYTHONDONTWRITEBYTECODE=1 (samantha's own modules "
                 f"compiled on every start), median of {len(nobc['walls'])} | {nobc['median']:.2f} s |")
    if fresh is not None:
        lines.append(f"| first run: peak memory (it loads torch to build the index) | {fresh['maxrss_mb']:.0f} MB |")
    lines.append(f"| library: `Samantha()` with caches built | {warm['load_s'] * 1000:.0f} ms |")
    lines.append(f"| library: its first question that needs a vector (opens the ONNX encoder) | {warm['first_s'] * 1000:.0f} ms |")
    lines.append(f"| library: mean warm question | {warm['mean']:.1f} ms |")
    lines.append(f"| library: torch imported by the warm run | {'yes' if warm['torch_loaded'] else 'no'} |")
    enc = results.get("encoding")
    if enc:
        lines.append(f"| one query encoded ({enc['encoder']}), p50 / p95 | {enc['p50']:.1f} / {enc['p95']:.1f} ms |")
    lines.append("")
    lines.append("### Retrieval as the corpus grows")
    lines.append("")
    lines.append(
        "Synthetic passages of 3 real review sentences picked at random; random unit vectors (384 dimensions) "
        "stand in for their embeddings. Per question (every turn of questions.json, query vector given, so "
        "no encoding): BM25 scoring, the dense matrix product, fusion, top-12, and the whole `Retriever.search()` "
        "(mean, and p50 / p95 of the whole)."
    )
    lines.append("")
    lines.append("| passages | BM25 index build | vectors made (not a cost of the bot) | BM25 | dense | fusion | top-k | search() mean | search() p50 / p95 |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for row in results["scaling"]:
        lines.append(
            f"| {row['size']:,} | {row['lexical_build_s']:.2f} s | {row['generate_s']:.2f} s | "
            f"{row['bm25_ms']:.2f} ms | {row['dense_ms']:.2f} ms | {row['fusion_ms']:.2f} ms | "
            f"{row['topk_ms']:.2f} ms | {row['search_ms']:.2f} ms | "
            f"{row['search_p50_ms']:.2f} / {row['search_p95_ms']:.2f} ms |"
        )
    lines.append("")
    lines.append(f"Benchmark wall time: {results['elapsed_s']:.0f} s.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="one-shot runs to take the median of (default 5)")
    parser.add_argument("--import-runs", type=int, default=3,
                        help="runs of `import sentence_transformers` for the ratio (default 3)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="synthetic corpus sizes")
    parser.add_argument("--skip-fresh", action="store_true", help="do not measure the first run (saves ~20 s)")
    parser.add_argument("--json", metavar="PATH", help="also write the raw figures to PATH")
    args = parser.parse_args(argv)
    if not SAMANTHA.exists():
        raise SystemExit(f"no samantha executable beside {sys.executable}; run with the venv's python")

    started = time.perf_counter()
    results: dict = {"machine": machine(), "load_start": load_average()}
    work = Path(tempfile.mkdtemp(prefix="samantha-speed-"))
    try:
        cache = work / "cache"
        progress = (lambda text: print(f"… {text}", file=sys.stderr, flush=True))
        # samantha's own bytecode first (not the index): a fresh install has it compiled.
        run_child([str(SAMANTHA), "--version"], child_env(work / "unused"))
        if not args.skip_fresh:
            progress("first run on an empty cache (builds the index)")
            results["fresh"] = measure_fresh(cache)
        else:
            progress("building the index (not timed)")
            checked(run_child(ask_argv(QUESTION), child_env(cache)), "samantha ask")
        progress(f"one-shot questions, {args.runs} runs each")
        results["oneshot"] = measure_oneshot(cache, QUESTION, args.runs)
        results["oneshot_fact"] = measure_oneshot(cache, FACT_QUESTION, args.runs)
        results["oneshot_nobytecode"] = measure_oneshot(cache, QUESTION, 3, bytecode=False)
        progress(f"import sentence_transformers, {args.import_runs} runs")
        results["import_baseline"] = measure_import_baseline(args.import_runs, work / "unused")
        progress("warm questions in the library")
        results["warm"] = measure_warm_library(cache)
        results["encoding"] = measure_query_encoding(cache)
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        progress(f"retrieval over synthetic corpora of {', '.join(f'{s:,}' for s in sizes)} passages")
        results["scaling"] = measure_scaling(sizes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["load_end"] = load_average()
    results["elapsed_s"] = time.perf_counter() - started
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
