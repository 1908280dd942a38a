"""On-disk caches: where they live, and writing and checking them safely.

Arrays are stored as ``.npy`` (read back with ``allow_pickle=False``) beside a
JSON file that records the key they were built for and a checksum of the array
bytes. Both are written to a temporary file first and renamed into place, so a
reader never sees half a file and two processes building at once leave a good
cache. Anything that does not check out is treated as missing.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import posixpath
import sys
import tempfile
from pathlib import Path

import numpy as np

log = logging.getLogger("samantha")

FORMAT = 1


def default_cache_dir() -> Path:
    """``SAMANTHA_CACHE_DIR`` if set, else the user's cache directory for samantha."""
    override = os.environ.get("SAMANTHA_CACHE_DIR")
    if override:
        return Path(override)
    common = _linux_cache_dir()
    if common is not None:
        return common
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("samantha", appauthor=False))


def _linux_cache_dir() -> Path | None:
    """What platformdirs answers on plain Linux (``$XDG_CACHE_HOME`` if absolute, else
    ``~/.cache``, then ``samantha``) without importing it, which a one-shot question
    would pay for; None where it might answer otherwise (other systems, Android, an
    unusable ``$HOME``), to ask platformdirs itself."""
    if not sys.platform.startswith("linux") or hasattr(sys, "getandroidapilevel"):
        return None
    if os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system":
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if posixpath.isabs(xdg):
        return Path(xdg) / "samantha"
    home = os.environ.get("HOME", "")
    if not posixpath.isabs(home):
        return None
    return Path(home) / ".cache" / "samantha"


def key_of(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def load_array(folder: Path, name: str, key: str) -> np.ndarray | None:
    """The array cached under ``name`` for ``key``, or None if absent or not trustworthy."""
    meta_path, data_path = _paths(folder, name)
    if not meta_path.exists() and not data_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        data = data_path.read_bytes()
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        log.warning("cache %s is unreadable (%s); rebuilding it", data_path, exc)
        return None
    if not isinstance(meta, dict) or not all(field in meta for field in ("format", "key", "sha256", "shape")):
        log.warning("cache %s is damaged (its record %s is not one samantha wrote); rebuilding it",
                    data_path, meta_path.name)
        return None
    if meta.get("format") != FORMAT or meta.get("key") != key:
        log.info("cache %s was built from other data; rebuilding it", data_path)
        return None
    if meta.get("sha256") != hashlib.sha256(data).hexdigest():
        log.warning("cache %s is damaged (checksum mismatch); rebuilding it", data_path)
        return None
    try:
        array = np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        log.warning("cache %s is damaged (%s); rebuilding it", data_path, exc)
        return None
    if list(array.shape) != meta.get("shape"):
        log.warning("cache %s has the wrong shape; rebuilding it", data_path)
        return None
    return array


def save_array(folder: Path, name: str, key: str, array: np.ndarray) -> bool:
    """Cache ``array`` for ``key``; False (and a log line) if the folder cannot be written."""
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
    data = buffer.getvalue()
    meta = {"format": FORMAT, "key": key, "shape": list(array.shape), "sha256": hashlib.sha256(data).hexdigest()}
    meta_path, data_path = _paths(folder, name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(data_path, data)
        write_atomic(meta_path, json.dumps(meta).encode("utf-8"))
    except OSError as exc:
        log.warning("cannot write the cache in %s (%s); carrying on without it", folder, exc.strerror or exc)
        return False
    return True


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _paths(folder: Path, name: str) -> tuple[Path, Path]:
    return folder / f"{name}.json", folder / f"{name}.npy"
