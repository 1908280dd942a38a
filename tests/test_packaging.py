"""The wheel a user installs carries the bundled knowledge (and not the raw pages) and py.typed.

The wheel is built offline with the venv's own setuptools (pip wheel --no-deps
--no-build-isolation) from a clean copy of the project, so the build never writes
into the working tree and stale build/ folders cannot leak into it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from samantha.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".mypy_cache",
    "*.pyc",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=IGNORE)
    out = base / "dist"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, f"pip wheel failed:\n{done.stdout}\n{done.stderr}"
    (built,) = out.glob("samantha-*.whl")
    return built


@pytest.fixture(scope="module")
def names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_wheel_contains_every_knowledge_file(names):
    expected = sorted(f"samantha/_bundled/{p.relative_to(KNOWLEDGE).as_posix()}" for p in KNOWLEDGE.rglob("*.md"))
    assert "samantha/_bundled/facts.md" in expected
    bundled = sorted(n for n in names if n.startswith("samantha/_bundled/") and n.endswith(".md"))
    assert bundled == expected


def test_wheel_does_not_contain_the_raw_pages(names):
    assert not [n for n in names if n.endswith(".txt") and "_bundled" in n]
    assert not [n for n in names if "/pages/" in n]


def test_wheel_is_typed(names):
    assert "samantha/py.typed" in names


def test_wheel_contains_the_package_and_no_tests(names):
    assert "samantha/__init__.py" in names
    assert "samantha/knowledge.py" in names
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/"))]


def test_bundled_knowledge_from_the_wheel_loads(wheel, tmp_path):
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path)
    from_wheel = load_knowledge(tmp_path / "samantha" / "_bundled")
    from_tree = load_knowledge(KNOWLEDGE)
    assert len(from_wheel.sources) == 25
    assert [s.id for s in from_wheel.sources] == [s.id for s in from_tree.sources]
    assert [f.quote for f in from_wheel.facts] == [f.quote for f in from_tree.facts]
    assert from_wheel.fingerprint == from_tree.fingerprint


def test_installed_wheel_finds_its_bundled_knowledge(wheel, tmp_path):
    target = tmp_path / "site"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    script = (
        "import sys\n"
        f"sys.path.insert(0, {str(target)!r})\n"
        "import samantha.knowledge as k\n"
        "knowledge = k.load_knowledge()\n"
        "print(k.__file__)\n"
        "print(knowledge.root)\n"
        "print(len(knowledge.sources))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False, timeout=600
    )
    assert run.returncode == 0, run.stderr
    module_file, root, count = run.stdout.strip().splitlines()[-3:]
    assert Path(module_file).is_relative_to(target)
    assert Path(root) == target / "samantha" / "_bundled"
    assert count == "25"
