"""Offline: with no network at all, a first run (model loaded from its folder, index built,
model exported to ONNX) and later questions answer exactly as they do with a network.

Two ways of taking the network away: a separate network namespace (``unshare -n``,
Linux, needs root or user namespaces; skipped with the reason when unavailable), and,
in this process, sockets that refuse to connect.
"""

from __future__ import annotations

import errno
import inspect
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from samantha import Samantha, dense

QUESTIONS = [
    "Who directed Her?",
    "What did the critics think of the music?",
    "What does Theodore do for a living?",
    "What did Nick James think of Scarlett Johansson?",
]


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory) -> Path:
    # The folder tests/test_cli.py and tests/test_robustness.py use: built once per session.
    return tmp_path_factory.getbasetemp() / "samantha-cache"


@pytest.fixture(scope="module")
def env(shared_cache) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SAMANTHA_MODEL")}
    return {**clean, "SAMANTHA_CACHE_DIR": str(shared_cache), "HF_HUB_OFFLINE": "1", "PYTHONIOENCODING": "utf-8"}


def ask_json(env: dict[str, str], question: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "samantha", "ask", "--json", question],
                          capture_output=True, env=env, timeout=900, check=False)


def unshare_prefix() -> tuple[str, ...]:
    """``unshare -n`` (a new, empty network namespace) if this machine allows it, else skip saying why."""
    if not sys.platform.startswith("linux"):
        pytest.skip("unshare -n is Linux only")
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("the unshare command is not installed")
    prefix: tuple[str, ...] = (unshare, "-n") if os.geteuid() == 0 else (unshare, "-r", "-n")
    script = (
        "import socket\n"
        "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=3)\n"
        "except OSError as e:\n    print('offline', e.errno)\n"
        "else:\n    print('online')"
    )
    probe = subprocess.run([*prefix, sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                           check=False)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a network namespace here ({' '.join(prefix)}): {probe.stderr.strip()[:200]}")
    assert probe.stdout.startswith("offline"), probe.stdout
    return prefix


def test_first_run_in_a_network_namespace_answers_as_with_a_network(env, tmp_path):
    """No network at all, and no HF_*_OFFLINE variables either: the library must not need them."""
    prefix = unshare_prefix()
    normal = {q: ask_json(env, q) for q in QUESTIONS[:2]}
    for result in normal.values():
        assert result.returncode == 0, result.stderr.decode()

    offline_env = {k: v for k, v in env.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    offline_env["SAMANTHA_CACHE_DIR"] = str(tmp_path / "fresh-cache")  # the first run: everything is built
    for question, expected in normal.items():
        result = ask_json(offline_env, question, prefix)
        assert result.returncode == 0, result.stderr.decode()
        assert result.stderr == b"", result.stderr.decode()
        assert json.loads(result.stdout) == json.loads(expected.stdout)
    assert list((tmp_path / "fresh-cache").glob("onnx-*/model.onnx")), "the model was not exported"


def _real_loader():
    """dense._load_sentence_transformer itself, even if a fixture (conftest's shared_model) has wrapped it."""
    loader = dense._load_sentence_transformer
    for _ in range(5):
        if loader.__module__ == dense.__name__ and loader.__name__ == "_load_sentence_transformer":
            return loader
        loader = inspect.getclosurevars(loader).nonlocals.get("original", loader)
    pytest.fail("cannot find the real model loader behind the test wrapper")


@pytest.fixture
def no_network(monkeypatch) -> list:
    """Sockets that refuse to reach any host; what was attempted is recorded."""
    attempts: list = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def refuse(what):
        attempts.append(what)
        return OSError(errno.ENETUNREACH, f"network is unreachable (blocked by the test): {what!r}")

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise refuse(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse(address)
            return errno.ENETUNREACH
        return real_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):
        raise refuse(address)

    def getaddrinfo(host, *args, **kwargs):
        attempts.append(host)
        raise socket.gaierror(socket.EAI_NONAME, f"name resolution blocked by the test: {host!r}")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def test_building_from_an_empty_cache_with_sockets_blocked_answers_as_normal(shared_cache, shared_model, tmp_path,
                                                                            monkeypatch, no_network):
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    no_network.clear()

    # The normal answers (the session's bot, built with the network untouched).
    normal = Samantha(cache_dir=shared_cache)
    expected = [normal.ask(q).to_dict() for q in QUESTIONS]

    # A real load of the packaged model from its folder, not the session's already loaded copy.
    real = _real_loader()
    loads = []

    def counted(spec):
        loads.append(spec.location)
        return real(spec)

    monkeypatch.setattr(dense, "_load_sentence_transformer", counted)
    fresh = tmp_path / "empty-cache"
    fresh.mkdir()
    bot = Samantha(cache_dir=fresh)
    assert [bot.ask(q).to_dict() for q in QUESTIONS] == expected

    assert len(loads) == 1 and Path(loads[0]).is_dir(), loads  # loaded once, from a local folder
    assert list(fresh.glob("onnx-*/model.onnx")), "the ONNX export did not run"
    assert list(fresh.glob("*/sentences.npy")), "the index was not built"
    assert no_network == [], f"tried to reach the network: {no_network}"
