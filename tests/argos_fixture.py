"""Build small but REAL Argos Translate packages (.argosmodel) offline, for the tests and the benchmark.

Real Argos models cannot be downloaded on CI machines, so the tests make
their own: a SentencePiece model trained on the example statements and a
CTranslate2 Transformer written with the ``ctranslate2.specs`` API from numpy
arrays (no torch). Two kinds of weights:

- ``copy``: hand-wired so that the output equals the input (position-matching
  cross-attention in the last decoder layer). Assertions stay readable, and
  at Transformer-base size it costs what a real model costs, so the
  benchmark uses it too.
- ``random``: seeded noise. The model practically never emits the end token
  and produces garbage up to the length limit: the case of a bad model, which
  loses placeholders.

The package layout is argostranslate's: one top-level folder holding
``metadata.json``, ``model/`` and ``sentencepiece.model``, zipped with fixed
timestamps so that builds are reproducible.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers import run_stk

# Lines in the target languages, so that the shared vocabulary covers accents and Arabic script.
EXTRA_LINES = [
    "La Coalition appelle les États membres à défendre la Cour pénale internationale.",
    "Les victimes doivent avoir accès à la justice, à la vérité et à des réparations.",
    "La Coalición pide a los Estados miembros que defiendan a la Corte Penal Internacional.",
    "Las víctimas deben tener acceso a la justicia, la verdad y la reparación.",
    "يدعو التحالف الدول الأعضاء إلى الدفاع عن المحكمة الجنائية الدولية.",
    "يجب أن يتمكن الضحايا من الوصول إلى العدالة والحقيقة وجبر الضرر.",
]

LANG_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic"}
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Shape:
    """Transformer dimensions."""

    d_model: int = 256
    layers: int = 1
    heads: int = 2
    ffn: int = 256


TINY_COPY = Shape(d_model=256, layers=1, heads=2, ffn=256)
TINY_RANDOM = Shape(d_model=64, layers=1, heads=4, ffn=128)
BASE = Shape(d_model=512, layers=6, heads=8, ffn=2048)
"""Argos' en->fr size (argos-train's OpenNMT-py config)."""


# --- SentencePiece ------------------------------------------------------------


def corpus_lines(sources: Path) -> list[str]:
    lines = [
        line.strip()
        for path in sorted(sources.glob("*.md"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [*lines, *EXTRA_LINES]


def train_sentencepiece(out_dir: Path, lines: list[str], vocab_size: int, seed: int, model_type: str = "unigram") -> Path:
    """A deterministic SentencePiece model trained on ``lines``; returns the .model path."""
    import sentencepiece as spm

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "spm_input.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    spm.set_random_generator_seed(seed)
    # The trainer stores the input path in the model: train with relative names from inside
    # out_dir so that the bytes do not depend on where the fixture is built.
    cwd = os.getcwd()
    os.chdir(out_dir)
    try:
        spm.SentencePieceTrainer.train(
            input="spm_input.txt",
            model_prefix="sentencepiece",
            vocab_size=vocab_size,
            model_type=model_type,
            character_coverage=1.0,
            num_threads=1,
            input_sentence_size=0,
            shuffle_input_sentence=False,
            hard_vocab_limit=False,
            minloglevel=2,
        )
    finally:
        os.chdir(cwd)
    return out_dir / "sentencepiece.model"


def pieces_of(model: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(model))
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


# --- CTranslate2 specs --------------------------------------------------------


def _ln(layer_norm: Any, d: int) -> None:
    layer_norm.gamma = np.ones(d, np.float32)
    layer_norm.beta = np.zeros(d, np.float32)


def _lin(linear: Any, weight: np.ndarray, bias: np.ndarray | None = None) -> None:
    linear.weight = np.ascontiguousarray(weight, dtype=np.float32)
    if bias is not None:
        linear.bias = np.ascontiguousarray(bias, dtype=np.float32)


def random_spec(pieces: list[str], shape: Shape, seed: int) -> Any:
    """Pre-norm Transformer with N(0, 1/sqrt(d)) weights and shared embeddings, as Argos models share them."""
    from ctranslate2.specs import transformer_spec

    rng = np.random.Generator(np.random.PCG64(seed))
    d, ffn, vocab = shape.d_model, shape.ffn, len(pieces)
    std = np.float32(1.0 / np.sqrt(d))

    def rnd(*dims: int) -> np.ndarray:
        return rng.standard_normal(dims, dtype=np.float32) * std

    spec = transformer_spec.TransformerSpec.from_config((shape.layers, shape.layers), shape.heads, pre_norm=True)
    emb = rnd(vocab, d)
    spec.encoder.embeddings[0].weight = emb
    spec.decoder.embeddings.weight = emb
    _ln(spec.encoder.layer_norm, d)
    _ln(spec.decoder.layer_norm, d)
    _lin(spec.decoder.projection, emb, np.zeros(vocab, np.float32))
    for layer in spec.encoder.layer:
        _ln(layer.self_attention.layer_norm, d)
        _lin(layer.self_attention.linear[0], rnd(3 * d, d), rnd(3 * d))
        _lin(layer.self_attention.linear[1], rnd(d, d), rnd(d))
        _ln(layer.ffn.layer_norm, d)
        _lin(layer.ffn.linear_0, rnd(ffn, d), rnd(ffn))
        _lin(layer.ffn.linear_1, rnd(d, ffn), rnd(d))
    for layer in spec.decoder.layer:
        _ln(layer.self_attention.layer_norm, d)
        _lin(layer.self_attention.linear[0], rnd(3 * d, d), rnd(3 * d))
        _lin(layer.self_attention.linear[1], rnd(d, d), rnd(d))
        _ln(layer.attention.layer_norm, d)
        _lin(layer.attention.linear[0], rnd(d, d), rnd(d))
        _lin(layer.attention.linear[1], rnd(2 * d, d), rnd(2 * d))
        _lin(layer.attention.linear[2], rnd(d, d), rnd(d))
        _ln(layer.ffn.layer_norm, d)
        _lin(layer.ffn.linear_0, rnd(ffn, d), rnd(ffn))
        _lin(layer.ffn.linear_1, rnd(d, ffn), rnd(d))
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    return spec


def _position_frequencies(pairs: int, max_len: int) -> np.ndarray:
    """Frequencies whose cos/sin code tells positions apart (lowest worst-case off-peak similarity)."""
    offsets = np.arange(1, 2 * max_len)
    best: tuple[float, np.ndarray] | None = None
    for s in range(50):
        f = np.random.Generator(np.random.PCG64(s)).uniform(0.3, np.pi, pairs)
        worst = float(np.cos(offsets[:, None] * f[None, :]).mean(1).max())
        if best is None or worst < best[0]:
            best = (worst, f)
    assert best is not None
    return best[1]


def copy_spec(pieces: list[str], shape: Shape, seed: int, noise_std: float = 0.0, max_len: int = 1024) -> Any:
    """A Transformer whose translation is its input.

    The residual stream holds a token code (first dims) and a position code;
    its second half mirrors the first so every LayerNorm only rescales. The
    encoder's sublayers output 0; in the last decoder layer, cross-attention
    matches the decoder position with the source position and copies that
    token's code, which the output projection scores. ``add_source_eos`` makes
    the model copy ``</s>`` after the last token and stop. ``noise_std`` puts
    tiny noise in the unused weights so that a benchmark model is not
    optimised away (same size and cost as a trained model).
    """
    from ctranslate2.specs import transformer_spec

    rng = np.random.Generator(np.random.PCG64(seed))
    d, heads, ffn, vocab = shape.d_model, shape.heads, shape.ffn, len(pieces)
    half, head_dim, pos_pairs = d // 2, d // heads, 16
    p_dims = 2 * pos_pairs
    t_dims = half - p_dims
    copy_heads = -(-t_dims // head_dim)
    assert p_dims <= head_dim and copy_heads <= heads and t_dims >= 16, "d_model too small for a copy model"

    def noise(*dims: int) -> np.ndarray:
        if noise_std == 0:
            return np.zeros(dims, np.float32)
        return rng.standard_normal(dims, dtype=np.float32) * np.float32(noise_std)

    def zeros(*dims: int) -> np.ndarray:
        return np.zeros(dims, np.float32)

    def mirror(x: np.ndarray) -> np.ndarray:
        return np.concatenate([x, -x], axis=-1).astype(np.float32)

    token = rng.standard_normal((vocab, t_dims)).astype(np.float32)
    token /= np.linalg.norm(token, axis=1, keepdims=True)
    angles = np.arange(max_len)[:, None] * _position_frequencies(pos_pairs, max_len)[None, :]
    position = (np.concatenate([np.cos(angles), np.sin(angles)], axis=1) / np.sqrt(pos_pairs)).astype(np.float32)

    spec = transformer_spec.TransformerSpec.from_config((shape.layers, shape.layers), heads, pre_norm=True)
    spec.config.add_source_eos = True
    embeddings = zeros(vocab, half)
    embeddings[:, :t_dims] = token
    spec.encoder.embeddings[0].weight = mirror(embeddings) / np.float32(np.sqrt(d))  # CTranslate2 scales by sqrt(d)
    table = zeros(max_len, half)
    table[:, t_dims:] = position
    spec.encoder.position_encodings.encodings = mirror(table)
    spec.decoder.position_encodings.encodings = mirror(table)
    spec.decoder.embeddings.weight = noise(vocab, d)
    _ln(spec.encoder.layer_norm, d)
    _ln(spec.decoder.layer_norm, d)
    for layer in spec.encoder.layer:
        _ln(layer.self_attention.layer_norm, d)
        _lin(layer.self_attention.linear[0], noise(3 * d, d), zeros(3 * d))
        _lin(layer.self_attention.linear[1], noise(d, d), zeros(d))
        _ln(layer.ffn.layer_norm, d)
        _lin(layer.ffn.linear_0, noise(ffn, d), zeros(ffn))
        _lin(layer.ffn.linear_1, noise(d, ffn), zeros(d))

    enc_rms = np.sqrt(2.0 / half)
    dec_rms = np.sqrt(1.0 / half)
    for index, layer in enumerate(spec.decoder.layer):
        _ln(layer.self_attention.layer_norm, d)
        _lin(layer.self_attention.linear[0], noise(3 * d, d), zeros(3 * d))
        _lin(layer.self_attention.linear[1], noise(d, d), zeros(d))
        _ln(layer.attention.layer_norm, d)
        wq, wk, wv, wo = (noise(d, d) for _ in range(4))
        if index == len(spec.decoder.layer) - 1:
            wq[:] = 0
            scale = np.float32(100.0 * np.sqrt(head_dim) * dec_rms * enc_rms)  # CTranslate2 divides by sqrt(head_dim)
            for m in range(copy_heads):
                for k in range(p_dims):
                    wq[m * head_dim + k, t_dims + k] = scale
                    wk[m * head_dim + k, t_dims + k] = 1.0
                lo, hi = m * head_dim, min(t_dims, (m + 1) * head_dim)
                for k in range(lo, hi):
                    wv[m * head_dim + (k - lo), k] = np.float32(enc_rms)
                    wo[k, m * head_dim + (k - lo)] = 1.0
                    wo[half + k, m * head_dim + (k - lo)] = -1.0
        _lin(layer.attention.linear[0], wq, zeros(d))
        _lin(layer.attention.linear[1], np.concatenate([wk, wv], axis=0), zeros(2 * d))
        _lin(layer.attention.linear[2], wo, zeros(d))
        _ln(layer.ffn.layer_norm, d)
        _lin(layer.ffn.linear_0, noise(ffn, d), zeros(ffn))
        _lin(layer.ffn.linear_1, noise(d, ffn), zeros(d))

    projection = zeros(vocab, half)
    projection[:, :t_dims] = token
    _lin(spec.decoder.projection, mirror(projection), zeros(vocab))
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    return spec


# --- packages -----------------------------------------------------------------


def write_package(
    out_dir: Path,
    name: str,
    pair: tuple[str, str],
    spec: Any,
    spm_model: Path,
    version: str = "1.0",
    quantization: str | None = None,
    spacy_sbd: bool = False,
) -> Path:
    """The unpacked package folder ``out_dir/name``."""
    package = out_dir / name
    if package.exists():
        shutil.rmtree(package)
    (package / "model").mkdir(parents=True)
    spec.validate()
    spec.optimize(quantization=quantization)
    spec.save(str(package / "model"))
    shutil.copy(spm_model, package / "sentencepiece.model")
    source, target = pair
    metadata = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": source,
        "from_name": LANG_NAMES.get(source, source),
        "to_code": target,
        "to_name": LANG_NAMES.get(target, target),
        "type": "translate",
        "links": [],
    }
    (package / "metadata.json").write_text(json.dumps(metadata, indent=4, sort_keys=True) + "\n", encoding="utf-8")
    (package / "README.md").write_text(f"# {name}\n\nTest fixture built by tests/argos_fixture.py: NOT a translation model.\n")
    if spacy_sbd:
        # Only argostranslate's own translate() needs a sentence splitter (ARGOS_CHUNK_TYPE=SPACY).
        import spacy

        spacy.blank(source).to_disk(package / "spacy")
    return package


def zip_package(package: Path, archive: Path) -> Path:
    """A .argosmodel zip with the package folder as its one top-level entry (fixed timestamps)."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for root, dirs, files in os.walk(package):
            dirs.sort()
            rel = Path(root).relative_to(package.parent).as_posix()
            info = zipfile.ZipInfo(rel + "/", date_time=FIXED_ZIP_TIME)
            info.external_attr = 0o40755 << 16
            zf.writestr(info, b"")
            for name in sorted(files):
                info = zipfile.ZipInfo(f"{rel}/{name}", date_time=FIXED_ZIP_TIME)
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, (Path(root) / name).read_bytes())
    return archive


def pair_seed(seed: int, pair: tuple[str, str]) -> int:
    return seed + int(hashlib.sha256("_".join(pair).encode()).hexdigest()[:6], 16)


KINDS = {"copy": (TINY_COPY, copy_spec, "1.0"), "random": (TINY_RANDOM, random_spec, "0.1")}


def build_tiny_packages(
    out: Path, sources: Path, targets: tuple[str, ...] = ("fr", "es", "ar"), seed: int = 1234
) -> dict[str, Path]:
    """``copy-<lang>`` (version 1.0) and ``random-<lang>`` (0.1) archives, en -> each target."""
    spm_model = train_sentencepiece(out / "spm", corpus_lines(sources), 800, seed)
    pieces = pieces_of(spm_model)
    built: dict[str, Path] = {}
    for target in targets:
        pair = ("en", target)
        for kind, (shape, builder, version) in KINDS.items():
            name = f"translate-en_{target}-{kind}"
            spec = builder(pieces, shape, pair_seed(seed, pair))
            package = write_package(out / "build", name, pair, spec, spm_model, version)
            built[f"{kind}-{target}"] = zip_package(package, out / f"{name}.argosmodel")
    return built


# --- running `stk` against them, offline ----------------------------------------

REPO = Path(__file__).resolve().parent.parent

NET_HOOK = """\
# Loaded at start-up through PYTHONPATH: records every attempt to use the network.
import os
import sys

_LOG = os.environ.get("STK_TEST_NET_LOG")
_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "urllib.Request"}


def _hook(event, args):
    if _LOG and event in _EVENTS:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{event} {args!r:.200}\\n")


sys.addaudithook(_hook)
"""


def argos_env(home: Path, net_log: Path | None = None, audit: bool = True) -> dict[str, str]:
    """Environment for a child `stk`: argostranslate's folders under ``home``, network attempts logged.

    argostranslate reads these at import time, so they must be set before the child starts.
    """
    env = {
        "HOME": str(home / "home"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "ARGOS_PACKAGES_DIR": str(home / "packages"),
    }
    for key in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ARGOS_PACKAGES_DIR"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    if not audit:
        return env
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(home.parent / "nethook"), os.environ.get("PYTHONPATH", "")]))
    hook = home.parent / "nethook" / "sitecustomize.py"
    if not hook.exists():
        hook.parent.mkdir(parents=True, exist_ok=True)
        hook.write_text(NET_HOOK, encoding="utf-8")
    if net_log is not None:
        env["STK_TEST_NET_LOG"] = str(net_log)
    return env


def _built(base: Path) -> dict[str, Path]:
    """The tiny packages, built once per test session (several test modules ask for them)."""
    out = base / "argos-packages"
    done = out / "built.json"
    if not done.exists():
        built = build_tiny_packages(out, REPO / "sources")
        done.write_text(json.dumps({k: str(v) for k, v in built.items()}))
    return {k: Path(v) for k, v in json.loads(done.read_text()).items()}


@pytest.fixture(scope="session")
def tiny_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _built(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def argos_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An argostranslate home with the copy models en->fr, es, ar installed through `stk models install`.

    Shared by the tests that only read it; a test that installs or breaks packages makes its own.
    """
    base = tmp_path_factory.getbasetemp()
    home = base / "argos-home"
    if not (home / "installed").exists():
        built = _built(base)
        run = run_stk("models", "install", *(str(built[f"copy-{lang}"]) for lang in ("fr", "es", "ar")), env=argos_env(home))
        assert run.returncode == 0, run.stderr
        (home / "installed").write_text(run.stdout)
    return home
