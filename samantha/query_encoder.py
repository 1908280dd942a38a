"""Encode search queries without torch or sentence-transformers.

Importing ``sentence_transformers`` and loading the model costs several
seconds, which dominates a one-shot CLI question. Passage embeddings are cached
on disk, so at question time only the *query* needs encoding. This module does
that with ONNX Runtime + the HF ``tokenizers`` library + numpy, and gives the
same vectors as ``SentenceTransformer(path).encode(texts,
normalize_embeddings=True)`` (cosine > 0.99999).

Two halves:

* :func:`export_onnx` (slow, once): uses torch + transformers + onnx +
  onnxscript, all imported inside the function, to turn the transformer of a
  sentence-transformers model folder into ``model.onnx`` (graph) +
  ``model.onnx.data`` (weights) and writes the tokenizer and a small JSON file
  (``query_encoder.json``: pooling / normalisation / truncation / file sizes)
  next to them. The folder is built beside its destination and
  renamed into place, so a reader never sees a half-written export.
* :class:`OnnxQueryEncoder` (fast, every question): loads an export folder and
  encodes texts. Importing this module imports only the standard library and
  numpy; ``onnxruntime`` and ``tokenizers`` are imported when an encoder is
  created.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import ModelError

# Only cheap imports at module level: the CLI imports this on every question.
# Export-only modules (and torch & co.) are imported inside the functions.

if TYPE_CHECKING:  # pragma: no cover - typing only
    import onnxruntime
    import tokenizers

__all__ = [
    "CONFIG_FILENAME",
    "EXPORT_FORMAT_VERSION",
    "MODEL_FILENAME",
    "TOKENIZER_FILENAME",
    "OnnxQueryEncoder",
    "QueryEncoderError",
    "export_onnx",
    "read_export_info",
]

#: Bumped whenever the layout or meaning of an export folder changes.
EXPORT_FORMAT_VERSION = 1
MODEL_FILENAME = "model.onnx"
TOKENIZER_FILENAME = "tokenizer.json"
CONFIG_FILENAME = "query_encoder.json"

#: Pooling modes this module implements (sentence-transformers' names).
_SUPPORTED_POOLING = ("mean", "cls", "max")
#: Largest batch fed to the ONNX session at once (bounds memory for big lists).
DEFAULT_BATCH_SIZE = 32
#: Threads for one inference, with onnxruntime's spin-waiting off. Measured on
#: the 2-core target (12-token / 256-token query, p50): idle machine 1 thread
#: 3.3 / 35 ms, 2 threads 2.9 / 19.5 ms (2 spinning threads: 1.9 / 18 ms, but
#: 3.5 / 45 ms with p90 7 / 67 ms once the other core is busy, and they burn
#: CPU between runs). 2 non-spinning threads are never much worse than 1.
DEFAULT_INTRA_OP_THREADS = min(2, os.cpu_count() or 1)


class QueryEncoderError(ModelError):
    """The query encoder cannot be built or used; the message says why and what to do."""


# --------------------------------------------------------------------------
# Export (torch side)
# --------------------------------------------------------------------------


def _read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _describe_sentence_transformer(model_dir: Path) -> dict[str, Any]:
    """Read modules.json & co. and return what the encoder needs to mimic the pipeline."""
    modules_path = model_dir / "modules.json"
    if not modules_path.is_file():
        raise QueryEncoderError(
            f"{model_dir} is not a sentence-transformers model folder: {modules_path.name} is missing"
        )
    try:
        modules = _read_json(modules_path)
    except (OSError, ValueError) as exc:
        raise QueryEncoderError(f"cannot read {modules_path}: {exc}") from exc

    transformer_dir: Path | None = None
    pooling_dir: Path | None = None
    normalize = False
    for module in sorted(modules, key=lambda m: m.get("idx", 0)):
        kind = str(module.get("type", "")).rsplit(".", 1)[-1]
        sub = model_dir / module.get("path", "")
        if kind == "Transformer" and transformer_dir is None:
            transformer_dir = sub
        elif kind == "Pooling" and pooling_dir is None:
            pooling_dir = sub
        elif kind == "Normalize":
            normalize = True
        else:
            raise QueryEncoderError(
                f"{model_dir}: module {module.get('type')!r} (in modules.json) is not supported "
                "by the ONNX query encoder; only Transformer, Pooling and Normalize are"
            )
    if transformer_dir is None or pooling_dir is None:
        raise QueryEncoderError(
            f"{model_dir}: modules.json must list a Transformer and a Pooling module"
        )

    pooling_cfg_path = pooling_dir / "config.json"
    try:
        pooling_cfg = _read_json(pooling_cfg_path)
    except (OSError, ValueError) as exc:
        raise QueryEncoderError(f"cannot read pooling config {pooling_cfg_path}: {exc}") from exc
    if "pooling_mode" in pooling_cfg:  # newer sentence-transformers spelling
        modes = [str(pooling_cfg["pooling_mode"])]
    else:
        modes = [
            key[len("pooling_mode_") :].removesuffix("_token").removesuffix("_tokens")
            for key, value in pooling_cfg.items()
            if key.startswith("pooling_mode_") and value is True
        ]
    if len(modes) != 1 or modes[0] not in _SUPPORTED_POOLING:
        raise QueryEncoderError(
            f"{pooling_cfg_path}: pooling {modes or 'none'} is not supported by the ONNX query "
            f"encoder (supported: exactly one of {', '.join(_SUPPORTED_POOLING)})"
        )
    if pooling_cfg.get("include_prompt") is False:
        raise QueryEncoderError(f"{pooling_cfg_path}: include_prompt=false is not supported")

    st_cfg: dict[str, Any] = {}
    for name in ("sentence_bert_config.json", "sentence_xlnet_config.json"):
        if (transformer_dir / name).is_file():
            try:
                st_cfg = _read_json(transformer_dir / name)
            except (OSError, ValueError) as exc:
                raise QueryEncoderError(f"cannot read {transformer_dir / name}: {exc}") from exc
            break

    tokenizer_path = transformer_dir / TOKENIZER_FILENAME
    if not tokenizer_path.is_file():
        raise QueryEncoderError(
            f"{transformer_dir}: {TOKENIZER_FILENAME} is missing (a fast-tokenizer file is required)"
        )

    return {
        "transformer_dir": transformer_dir,
        "tokenizer_path": tokenizer_path,
        "pooling": modes[0],
        "normalize": normalize,
        "max_seq_length": st_cfg.get("max_seq_length"),
        "do_lower_case": bool(st_cfg.get("do_lower_case", False)),
        "dimension": pooling_cfg.get("word_embedding_dimension"),
    }


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platform without directory fds
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _move_into_place(tmp_dir: Path, out_dir: Path) -> None:
    """Rename the finished tmp_dir to out_dir, replacing an older export if any.

    A rename onto a non-empty folder is not possible, so an existing export is
    first renamed aside and removed afterwards; a reader may therefore briefly
    find out_dir missing (and get a clear QueryEncoderError), never half-written.
    """
    import shutil
    import uuid

    try:
        os.rename(tmp_dir, out_dir)
        return
    except OSError:
        if not out_dir.exists() and not out_dir.is_symlink():
            raise
    old = out_dir.with_name(f".{out_dir.name}.old-{uuid.uuid4().hex[:8]}")
    os.rename(out_dir, old)
    try:
        os.rename(tmp_dir, out_dir)
    except OSError:
        # Another exporter won the race between our two renames: keep theirs.
        if not out_dir.exists():
            os.rename(old, out_dir)
            raise
        shutil.rmtree(tmp_dir, ignore_errors=True)
    if old.is_dir() and not old.is_symlink():
        shutil.rmtree(old, ignore_errors=True)
    else:
        old.unlink(missing_ok=True)


def export_onnx(model_dir: Path, out_dir: Path, *, opset: int | None = None) -> Path:
    """Export the sentence-transformers model at ``model_dir`` for :class:`OnnxQueryEncoder`.

    Writes ``model.onnx`` + ``model.onnx.data`` (the transformer: inputs ``input_ids``,
    ``attention_mask`` and, if the model takes it, ``token_type_ids``, all
    int64 of shape (batch, sequence); output ``last_hidden_state`` float32 of
    shape (batch, sequence, dim)), ``tokenizer.json`` and ``query_encoder.json``
    (pooling, normalisation, max_seq_length, dimension, provenance) into
    ``out_dir``. The export is checked against torch before it is moved into
    place. Returns ``out_dir``.

    Needs torch, transformers, onnx and onnxscript (torch's ONNX exporter), all
    imported here only. Takes ~10 s on 2 cores, most of it importing torch.
    """
    model_dir = Path(model_dir)
    out_dir = Path(out_dir)
    if not model_dir.is_dir():
        raise QueryEncoderError(f"model folder {model_dir} does not exist")
    info = _describe_sentence_transformer(model_dir)

    try:
        import onnx  # noqa: F401  (torch.onnx.export needs both, fail early and clearly)
        import onnxscript  # noqa: F401
        import torch
        import transformers
    except ImportError as exc:
        raise QueryEncoderError(
            f"exporting the query encoder needs torch, transformers, onnx and onnxscript: {exc}"
        ) from exc

    with _quiet_export(transformers):
        return _export(model_dir, out_dir, info, opset, torch, transformers)


@contextlib.contextmanager
def _quiet_export(transformers: Any) -> Iterator[None]:
    """Silence progress bars, torch.onnx's chatter and known-harmless warnings, then restore."""
    import logging
    import warnings

    hf_logging = transformers.utils.logging
    bar_was_on = hf_logging.is_progress_bar_enabled()
    onnx_logger = logging.getLogger("torch.onnx")
    old_level = onnx_logger.level
    with warnings.catch_warnings():
        for category in (UserWarning, FutureWarning, DeprecationWarning):
            warnings.simplefilter("ignore", category)
        hf_logging.disable_progress_bar()
        onnx_logger.setLevel(logging.ERROR)
        try:
            yield
        finally:
            onnx_logger.setLevel(old_level)
            if bar_was_on:
                hf_logging.enable_progress_bar()


def _export(
    model_dir: Path, out_dir: Path, info: dict[str, Any], opset: int | None, torch: Any, transformers: Any
) -> Path:
    import inspect
    import shutil
    import tempfile

    transformer_dir: Path = info["transformer_dir"]
    try:
        model = transformers.AutoModel.from_pretrained(
            str(transformer_dir), local_files_only=True, attn_implementation="eager"
        )
    except Exception as exc:  # transformers raises many kinds here
        raise QueryEncoderError(f"cannot load the transformer in {transformer_dir}: {exc}") from exc
    model.eval()
    config = model.config

    forward_params = inspect.signature(model.forward).parameters
    input_names = ["input_ids", "attention_mask"]
    if "token_type_ids" in forward_params:
        input_names.append("token_type_ids")

    class _LastHiddenState(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, return_dict=True
            ).last_hidden_state

    class _LastHiddenStateWithTypes(_LastHiddenState):
        def forward(  # type: ignore[override]
            self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
        ) -> torch.Tensor:
            return self.inner(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=token_type_ids,
                return_dict=True,
            ).last_hidden_state

    wrapper_class = _LastHiddenStateWithTypes if "token_type_ids" in input_names else _LastHiddenState
    wrapper = wrapper_class(model).eval()

    max_positions = getattr(config, "max_position_embeddings", None)
    max_seq_length = info["max_seq_length"]
    if max_seq_length is None:
        # sentence-transformers falls back to the tokenizer's model_max_length.
        try:
            tok_cfg = _read_json(transformer_dir / "tokenizer_config.json")
            max_seq_length = int(tok_cfg["model_max_length"])
        except (OSError, ValueError, KeyError, TypeError):
            max_seq_length = max_positions
        if max_positions is not None and max_seq_length is not None:
            max_seq_length = min(max_seq_length, max_positions)
    if not isinstance(max_seq_length, int) or max_seq_length < 2:
        raise QueryEncoderError(f"{model_dir}: cannot determine max_seq_length")

    vocab = int(getattr(config, "vocab_size", 1000))

    def sample(batch: int, lengths: list[int]) -> tuple[torch.Tensor, ...]:
        seq = max(lengths)
        gen = torch.Generator().manual_seed(seq * 131 + batch)
        ids = torch.randint(1000, min(vocab, 20000), (batch, seq), generator=gen)
        mask = torch.zeros(batch, seq, dtype=torch.long)
        for row, length in enumerate(lengths):
            mask[row, :length] = 1
        ids = ids * mask
        tensors = {"input_ids": ids, "attention_mask": mask, "token_type_ids": torch.zeros_like(ids)}
        return tuple(tensors[name] for name in input_names)

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp_dir = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        os.chmod(tmp_dir, 0o755)  # mkdtemp makes it private; the export is not secret
        onnx_path = tmp_dir / MODEL_FILENAME
        batch_dim = torch.export.Dim("batch")
        seq_dim = torch.export.Dim("sequence", **({"max": max_positions} if max_positions else {}))
        with torch.no_grad():
            # The torch.export-based exporter (dynamo=True). The legacy
            # TorchScript exporter (dynamo=False) traces transformers' mask
            # code with the sample's sequence length baked in and gives wrong
            # outputs for every other length.
            torch.onnx.export(
                wrapper,
                sample(2, [9, 5]),
                str(onnx_path),
                input_names=input_names,
                output_names=["last_hidden_state"],
                dynamic_shapes={name: {0: batch_dim, 1: seq_dim} for name in input_names},
                opset_version=opset,
                dynamo=True,
                # Weights in a side file: onnxruntime then maps them instead of
                # parsing them out of the protobuf, which halves peak memory
                # (~185 -> ~105 MB) and session creation (~0.12 -> ~0.04 s).
                external_data=True,
                optimize=True,
                verbose=False,
            )
        if not onnx_path.is_file():
            raise QueryEncoderError("torch.onnx.export finished without writing a model file")

        # Check the exported graph against torch at shapes unlike the sample.
        import onnxruntime

        session = onnxruntime.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
        worst = 0.0
        for batch, lengths in ((3, [12, 4, 7]), (1, [max_seq_length]), (1, [2])):
            inputs = sample(batch, lengths)
            with torch.no_grad():
                expected = wrapper(*inputs).numpy()
            got = session.run(None, {n: t.numpy() for n, t in zip(input_names, inputs, strict=True)})[0]
            real = inputs[1].numpy().astype(bool)
            worst = max(worst, float(np.abs(expected - got)[real].max()))
        del session
        if worst > 1e-3:
            raise QueryEncoderError(
                f"the ONNX export of {model_dir} does not match torch (max difference {worst:.3g})"
            )

        shutil.copyfile(info["tokenizer_path"], tmp_dir / TOKENIZER_FILENAME)
        pad_token, pad_id = _pad_token(transformer_dir, info["tokenizer_path"])
        weights = transformer_dir / "model.safetensors"
        import onnx as onnx_mod

        exported_opset = next(
            (op.version for op in onnx_mod.load(str(onnx_path), load_external_data=False).opset_import
             if op.domain in ("", "ai.onnx")),
            None,
        )
        files = sorted(p.name for p in tmp_dir.iterdir() if p.is_file())
        for name in files:
            os.chmod(tmp_dir / name, 0o644)
        description = {
            "format_version": EXPORT_FORMAT_VERSION,
            "model_file": MODEL_FILENAME,
            "tokenizer_file": TOKENIZER_FILENAME,
            # Every file of the export with its size: a truncated or missing
            # file is reported as such before onnxruntime reads it.
            "files": {name: (tmp_dir / name).stat().st_size for name in files},
            "input_names": input_names,
            "output_name": "last_hidden_state",
            "dimension": int(info["dimension"] or config.hidden_size),
            "max_seq_length": int(max_seq_length),
            "do_lower_case": info["do_lower_case"],
            "pooling": info["pooling"],
            "normalize": info["normalize"],
            "pad_token": pad_token,
            "pad_id": pad_id,
            "export_check_max_abs_diff": worst,
            "source": {
                "model_dir": str(model_dir.resolve()),
                "weights_sha256": _sha256(weights) if weights.is_file() else None,
            },
            "exporter": {
                "torch": torch.__version__,
                "transformers": transformers.__version__,
                "onnx": onnx_mod.__version__,
                "opset": exported_opset,
            },
        }
        with open(tmp_dir / CONFIG_FILENAME, "w", encoding="utf-8") as fh:
            json.dump(description, fh, indent=2)
            fh.write("\n")
        _fsync_tree(tmp_dir)
        _move_into_place(tmp_dir, out_dir)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise
    return out_dir


def _pad_token(transformer_dir: Path, tokenizer_path: Path) -> tuple[str, int]:
    """The pad token and id (their value never reaches a pooled vector: pads are masked)."""
    tok = _read_json(tokenizer_path)
    padding = tok.get("padding") or {}
    if isinstance(padding.get("pad_token"), str) and isinstance(padding.get("pad_id"), int):
        return padding["pad_token"], padding["pad_id"]
    token = None
    for name in ("special_tokens_map.json", "tokenizer_config.json"):
        try:
            value = _read_json(transformer_dir / name).get("pad_token")
        except (OSError, ValueError):
            continue
        token = value.get("content") if isinstance(value, dict) else value
        if isinstance(token, str):
            break
    if isinstance(token, str):
        for added in tok.get("added_tokens", []):
            if added.get("content") == token:
                return token, int(added["id"])
        vocab = (tok.get("model") or {}).get("vocab")
        if isinstance(vocab, dict) and token in vocab:
            return token, int(vocab[token])
    return token if isinstance(token, str) else "[PAD]", 0


# --------------------------------------------------------------------------
# Inference (no torch)
# --------------------------------------------------------------------------

_REQUIRED_KEYS = {
    "format_version": int,
    "model_file": str,
    "tokenizer_file": str,
    "input_names": list,
    "output_name": str,
    "dimension": int,
    "max_seq_length": int,
    "do_lower_case": bool,
    "pooling": str,
    "normalize": bool,
    "pad_token": str,
    "pad_id": int,
}


def read_export_info(export_dir: Path) -> dict[str, Any]:
    """Read and validate ``query_encoder.json`` of an export folder.

    Raises QueryEncoderError naming the folder if it is missing or not a
    complete export of a supported format version.
    """
    export_dir = Path(export_dir)
    if not export_dir.exists():
        raise QueryEncoderError(
            f"query encoder export folder {export_dir} does not exist; export the model first"
        )
    if not export_dir.is_dir():
        raise QueryEncoderError(f"query encoder export folder {export_dir} is not a folder")
    config_path = export_dir / CONFIG_FILENAME
    try:
        info = _read_json(config_path)
    except FileNotFoundError:
        raise QueryEncoderError(
            f"query encoder export folder {export_dir} is incomplete or corrupt: "
            f"{CONFIG_FILENAME} is missing; export the model again"
        ) from None
    except (OSError, ValueError) as exc:
        raise QueryEncoderError(
            f"query encoder export folder {export_dir} is corrupt: cannot read {CONFIG_FILENAME} "
            f"({exc}); export the model again"
        ) from exc
    if not isinstance(info, dict):
        raise QueryEncoderError(
            f"query encoder export folder {export_dir} is corrupt: {CONFIG_FILENAME} is not an object"
        )
    if info.get("format_version") != EXPORT_FORMAT_VERSION:
        raise QueryEncoderError(
            f"query encoder export folder {export_dir} has format version "
            f"{info.get('format_version')!r}, this program reads version {EXPORT_FORMAT_VERSION}; "
            "export the model again"
        )
    for key, kind in _REQUIRED_KEYS.items():
        value = info.get(key)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise QueryEncoderError(
                f"query encoder export folder {export_dir} is corrupt: {CONFIG_FILENAME} has no "
                f"valid {key!r}; export the model again"
            )
    if info["pooling"] not in _SUPPORTED_POOLING:
        raise QueryEncoderError(
            f"query encoder export folder {export_dir} asks for pooling {info['pooling']!r}, "
            f"which is not supported ({', '.join(_SUPPORTED_POOLING)})"
        )
    files = info.get("files")
    if (
        not isinstance(files, dict)
        or info["model_file"] not in files
        or info["tokenizer_file"] not in files
    ):
        raise QueryEncoderError(
            f"query encoder export folder {export_dir} is corrupt: {CONFIG_FILENAME} has no "
            "valid 'files' list; export the model again"
        )
    for name, size in files.items():
        if not isinstance(name, str) or Path(name).name != name or name in ("", ".", ".."):
            raise QueryEncoderError(
                f"query encoder export folder {export_dir} is corrupt: {CONFIG_FILENAME} lists "
                f"{name!r}, which is not a plain file name"
            )
        try:
            actual = (export_dir / name).stat().st_size
        except FileNotFoundError:
            raise QueryEncoderError(
                f"query encoder export folder {export_dir} is incomplete or corrupt: "
                f"{name} is missing; export the model again"
            ) from None
        except OSError as exc:
            raise QueryEncoderError(
                f"query encoder export folder {export_dir}: cannot read {name} ({exc})"
            ) from exc
        if actual != size:
            raise QueryEncoderError(
                f"query encoder export folder {export_dir} is corrupt: {name} has {actual} bytes, "
                f"expected {size}; export the model again"
            )
    return info


class OnnxQueryEncoder:
    """Encode texts like sentence-transformers does, with onnxruntime + tokenizers only.

    ``encode`` returns float32 vectors of shape (n, dim): token embeddings
    pooled as the model says (mean over the attention mask for MiniLM) and
    L2-normalised (always, whether or not the model has a Normalize module;
    ``info["normalize"]`` records which), with inputs truncated to the model's
    max_seq_length tokens. Safe to call from several threads.

    Raises QueryEncoderError, naming the folder, if the export is missing,
    incomplete or corrupt.
    """

    def __init__(
        self,
        export_dir: Path,
        *,
        intra_op_threads: int = DEFAULT_INTRA_OP_THREADS,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self.export_dir = Path(export_dir)
        self.info = read_export_info(self.export_dir)
        self.dimension: int = self.info["dimension"]
        self.max_seq_length: int = self.info["max_seq_length"]
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.batch_size = batch_size
        self._tokenizer = self._load_tokenizer()
        self._session = self._load_session(intra_op_threads)
        self._input_names: list[str] = [i.name for i in self._session.get_inputs()]

    def _corrupt(self, what: str, exc: BaseException) -> QueryEncoderError:
        return QueryEncoderError(
            f"query encoder export folder {self.export_dir} is corrupt: {what} ({exc}); "
            "export the model again"
        )

    def _load_tokenizer(self) -> tokenizers.Tokenizer:
        try:
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise QueryEncoderError(f"the query encoder needs the 'tokenizers' package: {exc}") from exc
        path = self.export_dir / self.info["tokenizer_file"]
        try:
            tokenizer = Tokenizer.from_file(str(path))
        except Exception as exc:  # tokenizers raises a plain Exception
            raise self._corrupt(f"cannot load {path.name}", exc) from exc
        # Same as sentence-transformers: truncate to max_seq_length tokens
        # (special tokens included), pad to the longest text in the batch.
        tokenizer.enable_truncation(max_length=self.max_seq_length, stride=0, strategy="longest_first")
        tokenizer.enable_padding(
            direction="right", pad_id=self.info["pad_id"], pad_type_id=0, pad_token=self.info["pad_token"]
        )
        return tokenizer

    def _load_session(self, intra_op_threads: int) -> onnxruntime.InferenceSession:
        try:
            import onnxruntime
        except ImportError as exc:
            raise QueryEncoderError(f"the query encoder needs the 'onnxruntime' package: {exc}") from exc
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(1, int(intra_op_threads))
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3  # errors only; no warnings on the CLI's stderr
        # No busy-waiting: spinning threads fight whatever else uses the cores.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        path = self.export_dir / self.info["model_file"]
        try:
            session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise self._corrupt(f"cannot load {path.name}", exc) from exc
        names = [i.name for i in session.get_inputs()]
        outputs = session.get_outputs()
        if sorted(names) != sorted(self.info["input_names"]) or not any(
            o.name == self.info["output_name"] for o in outputs
        ):
            raise QueryEncoderError(
                f"query encoder export folder {self.export_dir} is corrupt: {path.name} has inputs "
                f"{names} and outputs {[o.name for o in outputs]}, not what {CONFIG_FILENAME} says; "
                "export the model again"
            )
        return session

    def encode(self, texts: list[str]) -> np.ndarray:
        """Return float32 L2-normalised embeddings of shape (len(texts), dim)."""
        if isinstance(texts, str):
            raise TypeError("encode() takes a list of strings, not a single string")
        texts = list(texts)
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"encode() takes strings, got {type(text).__name__}")
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        if self.info["do_lower_case"]:
            texts = [t.lower() for t in texts]
        # Like sentence-transformers: batch texts of similar length together.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._encode_batch([texts[i] for i in rows])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        if len(texts) == 1:  # the usual query: skip the batch path's thread pool
            encodings = [self._tokenizer.encode(texts[0], add_special_tokens=True)]
        else:
            encodings = self._tokenizer.encode_batch(texts, add_special_tokens=True)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.array([e.type_ids for e in encodings], dtype=np.int64)
        try:
            (hidden,) = self._session.run([self.info["output_name"]], feeds)
        except Exception as exc:
            raise QueryEncoderError(
                f"the ONNX query encoder in {self.export_dir} failed to run: {exc}"
            ) from exc
        hidden = np.asarray(hidden, dtype=np.float32)
        pooling = self.info["pooling"]
        if pooling == "mean":
            weights = mask.astype(np.float32)[:, :, None]
            summed = (hidden * weights).sum(axis=1)
            pooled = summed / np.maximum(weights.sum(axis=1), 1e-9)
        elif pooling == "cls":
            pooled = hidden[:, 0, :]
        else:  # max
            pooled = np.where(mask[:, :, None].astype(bool), hidden, np.float32(-1e9)).max(axis=1)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)
