"""Machine pre-translation speed: argostranslate once per sentence, bare CTranslate2, and `stk translate`.

Run: ``python benchmarks/bench_translate.py [--repeat 5] [--beams 4,1] [--models copy,random] [--json]``.
It is not a test (``--quick`` is what the slow test runs: tiny models, 2 repetitions).

Models. Argos packages of the real en->fr size (Transformer base: 6+6 layers,
d_model 512, 8 heads, FFN 2048, a 32,000-piece shared vocabulary, int8), built
once into ``--cache`` by tests/argos_fixture.py and installed with
``stk models install`` into an argostranslate home of their own:

- ``copy``: hand-set weights whose output is their input -- the computation of
  a trained model, with outputs as long as a translation;
- ``random``: seeded random weights; the end token is almost never predicted,
  so decoding runs to the length limit. stk and the bare loops stop at the
  same limit (``decoding_limit``: twice the longest input of the batch, plus
  16); argostranslate sets none, so its naive path decodes up to CTranslate2's
  default of 256 pieces per sentence. That is a real user's cost with a bad
  model, but it is more work: compare the pieces out column.

Inputs. The example project's distinct segments in one language, names
excepted -- what ``stk translate`` machine-translates on a fresh project.
The bare loops run on exactly the sentences stk's engine gets (placeholders
in, sentences split; recorded with the pseudo engine), so that stk/bare is the
toolkit's own overhead.

Modes (default set), each repetition in a fresh process, interleaved (the
order rotates each repetition), same beam size:

- ``naive``: ``argostranslate.translate.translate()`` once per segment, as a
  user's script does (argostranslate's defaults: ``inter_threads=1``,
  ``intra_threads=0``; its splitter set to spaCy, offline). Model load and the
  first call are outside the clock. With the random model it runs on every
  4th segment (by length) and its rate is per segment: each call is
  independent of the others, and all 165 at up to 256 pieces would take most
  of an hour per repetition.
- ``bare-default``: CTranslate2 ``translate_batch`` over stk's engine
  sentences, batch by batch as stk gives them to its engine (32 segments),
  each batch's sentences length-sorted and cut into equal CTranslate2 batches
  of at most 32 (34 sentences go as 17 + 17), one call at a time, default
  threads (``inter_threads=1, intra_threads=0``): what the engine did before
  issue 11.
- ``bare-best``: the same batches with ``inter_threads=2, intra_threads=1``,
  every one submitted at once with ``asynchronous=True``.
- ``stk``: ``stk translate`` as a library call (``toolkit.drafting.pretranslate.translate``)
  on a freshly extracted copy of the project: model load, protection,
  translation, restoration and every catalog and record write included.

Other modes (``--modes``): ``bare-int16``, ``bare-float32``, ``bare-int8f32``
(bare-best at another compute type), ``bare-tokens`` (bare-best with
``max_batch_size=1024, batch_type="tokens"`` in one call), ``bare-2x1`` /
``bare-1x2`` / ``bare-4x1`` (inter x intra threads, asynchronous) and
``lt-1``, ``lt-2``, ``lt-1x2`` (``stk translate --engine libretranslate``
against one server, a pool of two, one server with two workers: slow).

Timing. Wall and CPU seconds (``time.process_time``: every thread of the
process) over the same interval, the 1-minute load average before each run,
min/median/max over the repetitions, sentences per second at the median
(distinct segments / seconds) and, on the stk rows, the median of the
per-repetition ratios stk/naive (speed) and stk/bare-best - 1 (overhead).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

KINDS = ("copy", "random")
NAIVE_RANDOM_STRIDE = 4
"""The random model's naive runs translate every 4th segment (see the module docstring)."""


# --- models --------------------------------------------------------------------------


def build_package(cache: Path, kind: str, pair: tuple[str, str], quick: bool) -> Path:
    """The copy or random package as a .argosmodel in ``cache`` (built once)."""
    import argos_fixture as fx

    size = "tiny" if quick else "base"
    name = f"translate-{pair[0]}_{pair[1]}-{size}-{kind}"
    archive = cache / f"{name}.argosmodel"
    if archive.exists():
        return archive
    started = time.perf_counter()
    if quick:
        spm_model = fx.train_sentencepiece(cache / "spm-tiny", fx.corpus_lines(ROOT / "sources"), 800, 1234)
        vocabulary = fx.pieces_of(spm_model)
        shape = fx.TINY_COPY if kind == "copy" else fx.TINY_RANDOM
        quantization = None
    else:
        # BPE with ~3,500 pieces on the statements gives about as many pieces per word as a large
        # general-purpose model gives on news; the vocabulary is padded to 32,000 so that the
        # embedding and output-projection costs are those of a real Argos model.
        spm_model = fx.train_sentencepiece(cache / "spm", fx.corpus_lines(ROOT / "sources"), 3500, 1234, "bpe")
        pieces = fx.pieces_of(spm_model)
        vocabulary = pieces + [f"<dummy_{i}>" for i in range(32000 - len(pieces))]
        shape, quantization = fx.BASE, "int8"
    spec = fx.copy_spec(vocabulary, shape, 1234, noise_std=1e-4) if kind == "copy" else fx.random_spec(vocabulary, shape, 1234)
    package = fx.write_package(cache / "build", name, pair, spec, spm_model, "1.0", quantization=quantization, spacy_sbd=True)
    fx.zip_package(package, archive)
    shutil.rmtree(package)
    print(f"built {archive.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return archive


def argos_env(home: Path) -> dict[str, str]:
    import argos_fixture as fx

    return {**fx.argos_env(home, audit=False), "ARGOS_DEVICE_TYPE": "cpu"}


def install(archive: Path, home: Path) -> None:
    marker = home / "installed"
    if marker.exists() and marker.read_text() == archive.name:
        return
    env = {**os.environ, **argos_env(home)}
    command = [sys.executable, "-m", "toolkit", "models", "install", str(archive)]
    subprocess.run(command, env=env, check=True, cwd=ROOT, stdout=sys.stderr)  # stdout is for the table or --json
    marker.write_text(archive.name)


# --- the project and its inputs ----------------------------------------------------------


def fresh_project(work: Path) -> Path:
    from toolkit import api

    root = work / "project"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copytree(ROOT / "sources", root / "sources")
    shutil.copy(ROOT / "toolkit.toml", root / "toolkit.toml")
    shutil.copy(ROOT / "glossary.csv", root / "glossary.csv")
    api.extract(api.open_project(root))
    return root


def segments(project: Path) -> list[str]:
    """The plain text of the distinct segments `stk translate` would machine-translate."""
    from toolkit import api
    from toolkit.catalogs import name_ids
    from toolkit.document import plain_text

    proj = api.open_project(project)
    names = {m for st in proj.statements for m in name_ids(st.segments)}
    seen: dict[str, str] = {}
    for st in proj.statements:
        for seg in st.segments:
            if seg.msgid not in names:
                seen.setdefault(seg.msgid, plain_text(seg.content))
    return list(seen.values())


def engine_inputs(project: Path, lang: str) -> list[list[str]]:
    """The texts `stk translate` gives its engine, batch by batch (recorded with the pseudo engine on a copy)."""
    from toolkit import api
    from toolkit.drafting.engines.pseudo import PseudoEngine
    from toolkit.drafting.pretranslate import translate

    recorded: list[list[str]] = []

    class Recorder(PseudoEngine):
        def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
            recorded.append(list(texts))
            return super().translate_batch(texts, source, target)

    translate(api.open_project(project), [lang], engine_object=Recorder())
    return recorded


# --- the runs, each in its own process --------------------------------------------------


class Clock:
    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def child_naive(texts: list[str], lang: str, home: Path) -> dict[str, Any]:
    # argostranslate's default splitter (MiniSBD) downloads a model; spaCy's runs offline
    # once its cache folder exists and the package carries a blank pipeline.
    import spacy

    cache = home / "cache" / "argos-translate" / "spacy"
    if not (cache / "senter" / "model").exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        spacy.blank("en").to_disk(cache)
        (cache / "senter" / "model").mkdir(parents=True, exist_ok=True)
    import argostranslate.translate
    from argostranslate import settings

    argostranslate.translate.translate("Warm-up sentence.", "en", lang)  # loads the model and the splitter
    with Clock() as clock:
        outputs = [argostranslate.translate.translate(text, "en", lang) for text in texts]
    from toolkit.drafting.packages import find

    encode = _encoder(find("en", lang).folder)
    return {
        **_clocked(clock, len(texts)),
        "pieces_in": sum(len(encode(t)) for t in texts),
        "pieces_out": sum(len(encode(t)) for t in outputs),
        "threads": f"inter {settings.inter_threads}, intra {settings.intra_threads}, one call per segment",
    }


def child_bare(batches: list[list[str]], lang: str, beam: int, config: dict[str, Any], segments: int) -> dict[str, Any]:
    """Bare CTranslate2 over stk's engine ``batches``, cut as stk cuts them: each batch's sentences
    length-sorted, in equal CTranslate2 batches of at most 32."""
    import ctranslate2
    import sentencepiece

    from toolkit.drafting.engines.argos import decoding_limit, split_sentences
    from toolkit.drafting.packages import find

    model = find("en", lang)
    inter, intra, asynchronous = config["inter"], config["intra"], config["async"]
    options = {"beam_size": beam, "length_penalty": 0.2, "replace_unknowns": True}
    with Clock() as clock:
        sp = sentencepiece.SentencePieceProcessor(model_file=str(model.folder / "sentencepiece.model"))
        try:
            translator = ctranslate2.Translator(
                str(model.folder / "model"),
                device="cpu",
                compute_type=config.get("compute", "auto"),
                inter_threads=inter,
                intra_threads=intra,
            )
        except ValueError as exc:  # int16 where the CPU backend has no int16 kernels
            return {"unsupported": str(exc), "seconds": 0.0, "cpu": 0.0, "segments": segments}
        pending: list[tuple[list[list[str]], Any]] = []
        if config.get("tokens"):  # everything in one call, CTranslate2 cutting batches of 1024 pieces
            sentences, _ = split_sentences([t for texts in batches for t in texts])
            tokens = sp.encode(sentences, out_type=str)
            limit = decoding_limit(max(map(len, tokens)))
            results = translator.translate_batch(
                tokens, max_batch_size=1024, batch_type="tokens", max_decoding_length=limit, **options
            )
            pending.append((tokens, results))
        else:
            for texts in batches:
                sentences, _ = split_sentences(texts)
                tokens = sp.encode(sentences, out_type=str)
                order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
                size = -(-len(order) // -(-len(order) // 32))  # equal parts of at most 32, as stk cuts them
                for first in range(0, len(order), size):
                    batch = [tokens[i] for i in order[first : first + size]]
                    limit = decoding_limit(max(map(len, batch)))
                    results = translator.translate_batch(batch, max_decoding_length=limit, asynchronous=asynchronous, **options)
                    pending.append((batch, results))
        pieces_in = pieces_out = identical = 0
        for batch, results in pending:
            for tokens_in, r in zip(batch, results, strict=True):
                out = (r.result() if asynchronous and not config.get("tokens") else r).hypotheses[0]
                identical += sp.decode_pieces(out) == sp.decode_pieces(tokens_in)
                pieces_in, pieces_out = pieces_in + len(tokens_in), pieces_out + len(out)
    threads = f"inter {inter}, intra {intra or 'default'}, {'asynchronous' if asynchronous else 'one call at a time'}"
    if config.get("tokens"):
        threads = f"inter {inter}, intra {intra}, one call, max_batch_size 1024 tokens"
    return {
        **_clocked(clock, segments),
        "pieces_in": pieces_in,
        "pieces_out": pieces_out,
        "identical": identical,
        "threads": threads + f", compute {config.get('compute', 'auto')}",
    }


def child_stk(project: Path, lang: str, beam: int, threads: int | None) -> dict[str, Any]:
    from dataclasses import replace

    import ctranslate2  # noqa: F401 - imported before the clock, as in the bare modes

    from toolkit import api
    from toolkit.drafting.engines.argos import ArgosEngine
    from toolkit.drafting.pretranslate import translate
    from toolkit.drafting.translate_settings import translate_settings

    proj = api.open_project(project)
    settings = translate_settings(proj.config)
    options = replace(settings.options, beam_size=beam, device="cpu")
    if threads is not None:
        options = replace(options, threads=threads)
    settings = replace(settings, options=options)
    engine = ArgosEngine(settings.options)
    with Clock() as clock:
        result = translate(proj, [lang], settings=settings, engine_object=engine)
    stats = getattr(engine, "stats", {})
    return {
        **_clocked(clock, result.segments),
        "pieces_in": stats.get("pieces_in", 0),
        "pieces_out": stats.get("pieces_out", 0),
        "files": len(result.written),
        "threads": stats.get("threads", "?"),
    }


def child_lt(project: Path, lang: str, urls: list[str], concurrency: int) -> dict[str, Any]:
    from dataclasses import replace

    from toolkit import api
    from toolkit.drafting.pretranslate import translate
    from toolkit.drafting.translate_settings import translate_settings

    proj = api.open_project(project)
    settings = translate_settings(proj.config, urls=urls)
    servers = replace(settings.options.libretranslate, concurrency=concurrency)
    settings = replace(settings, options=replace(settings.options, libretranslate=servers))
    with Clock() as clock:
        result = translate(proj, [lang], settings=settings)
    return {**_clocked(clock, result.segments), "files": len(result.written), "threads": f"server: {SERVERS}"}


def _clocked(clock: Clock, segments: int) -> dict[str, Any]:
    return {"seconds": clock.wall, "cpu": clock.cpu, "segments": segments}


def _encoder(folder: Path) -> Any:
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    return lambda text: sp.encode(text, out_type=str)


# --- LibreTranslate servers (lt-* modes) -----------------------------------------------------

LT_BIN = ROOT / ".venv-lt" / "bin"
SERVERS = {"lt-1": (1, 1, 2), "lt-2": (2, 1, 2), "lt-1x2": (1, 2, 3)}
"""mode -> (servers, CTranslate2 workers per server, requests in flight per server)"""


def lt_home(cache: Path, archive: Path, lang: str) -> Any:
    """Packages (the model, plus a tiny second pair: with one package LibreTranslate goes looking for
    the package index) and the MiniSBD splitter, installed once with LibreTranslate's own Python."""
    import argos_fixture as fx
    import libretranslate_fixture as ltfx

    if not (LT_BIN / "libretranslate").exists():
        raise SystemExit("LibreTranslate's environment .venv-lt is missing: make .venv-lt/.installed")
    other = "ar" if lang != "ar" else "fr"
    tiny = cache / "lt-tiny"
    built = tiny / "built.json"
    if not built.exists():
        packages = fx.build_tiny_packages(tiny, ROOT / "sources", (other,))
        built.write_text(json.dumps({k: str(v) for k, v in packages.items()}))
    second = Path(json.loads(built.read_text())[f"copy-{other}"])
    return ltfx.build_home(cache / f"lt-home-{archive.stem}", {f"m-{lang}": archive, f"copy-{other}": second}, (lang, other))


def start_servers(home: Any, mode: str, work: Path, lang: str) -> list[Any]:
    import libretranslate_fixture as ltfx

    count, workers, _ = SERVERS[mode]
    servers = []
    for n in range(count):
        folder = work / f"server-{n}"
        shutil.rmtree(folder, ignore_errors=True)
        extra = {"ARGOS_INTER_THREADS": str(workers)}
        servers.append(ltfx.Server(home, folder, ltfx.free_port(), extra_env=extra).start())
    for server in servers:  # warm: the model loaded, as on a server that is running already
        data = json.dumps({"q": ["Warm-up sentence."], "source": "en", "target": lang, "format": "text"}).encode()
        request = urllib.request.Request(f"{server.url}/translate", data=data, headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=120).read()
    return servers


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- the modes ---------------------------------------------------------------------------

BARE: dict[str, dict[str, Any]] = {
    "bare-default": {"inter": 1, "intra": 0, "async": False},
    "bare-best": {"inter": 2, "intra": 1, "async": True},
    "bare-int16": {"inter": 2, "intra": 1, "async": True, "compute": "int16"},
    "bare-float32": {"inter": 2, "intra": 1, "async": True, "compute": "float32"},
    "bare-int8f32": {"inter": 2, "intra": 1, "async": True, "compute": "int8_float32"},
    "bare-tokens": {"inter": 2, "intra": 1, "async": True, "tokens": True},
    "bare-1x2": {"inter": 1, "intra": 2, "async": True},
    "bare-2x1": {"inter": 2, "intra": 1, "async": True},
    "bare-4x1": {"inter": 4, "intra": 1, "async": True},
}
DEFAULT_MODES = ("naive", "bare-default", "bare-best", "stk")
MODES = (*DEFAULT_MODES, *(m for m in BARE if m not in DEFAULT_MODES), "stk-1", *SERVERS)
"""stk-1: stk translate --threads 1."""


def run_child(
    mode: str, args: argparse.Namespace, kind: str, beam: int, home: Path, project: Path, inputs: Path
) -> dict[str, Any]:
    env = {**os.environ, **argos_env(home), "ARGOS_BEAM_SIZE": str(beam)}
    for name in ("ARGOS_INTER_THREADS", "ARGOS_INTRA_THREADS", "ARGOS_COMPUTE_TYPE", "ARGOS_BATCH_SIZE"):
        env.pop(name, None)  # argostranslate's own defaults, as a user has them
    if mode == "naive":
        env["ARGOS_CHUNK_TYPE"] = "SPACY"
    command = [sys.executable, __file__, "--child", mode, "--project", str(project), "--inputs", str(inputs)]
    command += ["--lang", args.lang, "--beams", str(beam), "--cache", str(args.cache), "--home", str(home)]
    servers = start_servers(args.lt_homes[kind], mode, args.cache / "work", args.lang) if mode in SERVERS else []
    try:
        for server in servers:
            command += ["--url", server.url]
        before = [cpu_seconds(s.process.pid) for s in servers]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        server_cpu = sum(cpu_seconds(s.process.pid) for s in servers) - sum(before)
    finally:
        for server in servers:
            server.stop()
    if done.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["cpu"] += server_cpu
    return result


def child_main(args: argparse.Namespace) -> None:
    inputs = json.loads(args.inputs.read_text(encoding="utf-8"))
    beam, mode = int(args.beams), args.child
    if mode == "naive":
        result = child_naive(inputs["naive"], args.lang, args.home)
    elif mode in BARE:
        result = child_bare(inputs["engine"], args.lang, beam, BARE[mode], len(inputs["segments"]))
    elif mode in ("stk", "stk-1"):
        result = child_stk(args.project, args.lang, beam, 1 if mode == "stk-1" else None)
    else:
        result = child_lt(args.project, args.lang, args.url, SERVERS[mode][2])
    print(json.dumps(result))


# --- summary -----------------------------------------------------------------------------


def summarise(runs: dict[tuple[str, int, str], list[dict[str, Any]]], args: argparse.Namespace) -> list[dict[str, Any]]:
    rows = []
    for (kind, beam, mode), results in runs.items():
        walls = [r["seconds"] for r in results]
        rates = [r["segments"] / r["seconds"] for r in results]
        row: dict[str, Any] = {
            "model": kind,
            "beam": beam,
            "mode": mode,
            "repetitions": len(results),
            "segments": results[0]["segments"],
            "wall_min": min(walls),
            "wall_median": statistics.median(walls),
            "wall_max": max(walls),
            "sent_per_s_median": statistics.median(rates),
            "cpu_median": statistics.median(r["cpu"] for r in results),
            "load_median": statistics.median(r["load"] for r in results),
            "pieces_in": results[0].get("pieces_in"),
            "pieces_out": results[0].get("pieces_out"),
            "threads": results[0].get("threads"),
        }
        if mode.startswith("stk"):
            naive = runs.get((kind, beam, "naive"))
            best = runs.get((kind, beam, "bare-best"))
            if naive:
                ratios = [
                    (s["segments"] / s["seconds"]) / (n["segments"] / n["seconds"]) for s, n in zip(results, naive, strict=False)
                ]
                row.update(ratio_vs_naive_median=statistics.median(ratios))
                row.update(ratio_vs_naive_min=min(ratios), ratio_vs_naive_max=max(ratios))
            if best:
                over = [s["seconds"] / b["seconds"] - 1 for s, b in zip(results, best, strict=False)]
                row.update(overhead_vs_bare=statistics.median(over))
                row.update(overhead_vs_bare_min=min(over), overhead_vs_bare_max=max(over))
        rows.append(row)
    return rows


def print_table(rows: list[dict[str, Any]], meta: dict[str, Any]) -> None:
    print(f"machine: {meta['cpu']}, {meta['cpus']} logical CPUs; load average {meta['load_before']:.2f} -> ", end="")
    print(f"{meta['load_after']:.2f}")
    print(f"ctranslate2 {meta['ctranslate2']}, argostranslate {meta['argostranslate']}, Python {meta['python']}")
    print(f"model: {meta['model']}; inputs: {meta['inputs']}; {meta['repeat']} repetitions, interleaved, fresh processes")
    print("random model: stk and bare stop at decoding_limit (2 x longest input + 16 pieces); argostranslate's naive path")
    print(f"  sets no limit (up to 256 pieces per sentence) and runs on every {NAIVE_RANDOM_STRIDE}th segment (rate per segment)")
    print(f"{'model':<6} {'beam':>4} {'mode':<13} {'sent/s':>7} {'wall min/med/max s':>20} {'CPU s':>6} ", end="")
    print(f"{'load':>5} {'pieces in/out':>14}  threads")
    for r in rows:
        spread = f"{r['wall_min']:.1f}/{r['wall_median']:.1f}/{r['wall_max']:.1f}"
        pieces = f"{r['pieces_in'] or 0}/{r['pieces_out'] or 0}"
        print(
            f"{r['model']:<6} {r['beam']:>4} {r['mode']:<13} {r['sent_per_s_median']:7.2f} {spread:>20} "
            f"{r['cpu_median']:6.1f} {r['load_median']:5.2f} {pieces:>14}  {r['threads']}"
        )
    for r in rows:
        if "ratio_vs_naive_median" in r or "overhead_vs_bare" in r:
            parts = [f"{r['model']} beam {r['beam']} {r['mode']}:"]
            if "ratio_vs_naive_median" in r:
                parts.append(
                    f"{r['ratio_vs_naive_median']:.1f}x naive (per-repetition ratios {r['ratio_vs_naive_min']:.1f}-"
                    f"{r['ratio_vs_naive_max']:.1f})"
                )
            if "overhead_vs_bare" in r:
                spread = f"{r['overhead_vs_bare_min']:+.0%} to {r['overhead_vs_bare_max']:+.0%}"
                parts.append(f"{r['overhead_vs_bare']:+.0%} over bare-best ({spread})")
            print("  ".join(parts))


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "stk-bench", help="where the models are built and kept"
    )
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--beams", default="4,1", help="beam sizes, comma-separated (argostranslate's default: 4)")
    parser.add_argument("--models", default=",".join(KINDS), help="copy, random or both")
    parser.add_argument("--repeat", type=int, help="repetitions of each mode, interleaved (default 5; 2 with --quick)")
    parser.add_argument("--modes", default=",".join(DEFAULT_MODES), help=f"comma-separated, among {', '.join(MODES)}")
    parser.add_argument("--quick", action="store_true", help="tiny models (seconds, not minutes): for the test")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON instead of the table")
    parser.add_argument("--save", type=Path, help="keep every run's figures in this JSON file (written after each run)")
    parser.add_argument("--from", dest="from_", type=Path, help="print the table of runs kept by --save, and nothing else")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--inputs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--url", action="append", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args)
        return
    if args.from_:
        from_saved(args)
        return

    modes = [m for m in args.modes.split(",") if m]
    kinds = [k for k in args.models.split(",") if k]
    beams = [int(b) for b in args.beams.split(",") if b]
    unknown = sorted(set(modes) - set(MODES)) + sorted(set(kinds) - set(KINDS))
    if unknown:
        raise SystemExit(f"unknown modes or models: {', '.join(unknown)}")
    repeat = args.repeat or (2 if args.quick else 5)
    args.cache.mkdir(parents=True, exist_ok=True)
    work = args.cache / "work"
    project = fresh_project(work)
    texts = segments(project)
    by_length = sorted(texts, key=len)
    engine = engine_inputs(project, args.lang)
    homes: dict[str, Path] = {}
    args.lt_homes = {}
    for kind in kinds:
        archive = build_package(args.cache, kind, ("en", args.lang), args.quick)
        homes[kind] = args.cache / f"argos-home-{archive.stem}"
        install(archive, homes[kind])
        if any(m in SERVERS for m in modes):
            args.lt_homes[kind] = lt_home(args.cache, archive, args.lang)
    inputs_of: dict[str, Path] = {}
    for kind in kinds:
        naive = by_length[NAIVE_RANDOM_STRIDE // 2 :: NAIVE_RANDOM_STRIDE] if kind == "random" else texts
        inputs_of[kind] = work / f"inputs-{kind}.json"
        inputs_of[kind].write_text(
            json.dumps({"segments": texts, "naive": naive, "engine": engine}, ensure_ascii=False), encoding="utf-8"
        )

    load_before = os.getloadavg()[0]
    runs: dict[tuple[str, int, str], list[dict[str, Any]]] = {(k, b, m): [] for k in kinds for b in beams for m in modes}
    for attempt in range(repeat):
        for kind in kinds:
            for beam in beams:
                shift = attempt % len(modes)
                for mode in modes[shift:] + modes[:shift]:
                    if mode.startswith("stk") or mode in SERVERS:
                        project = fresh_project(work)
                    load = os.getloadavg()[0]
                    result = run_child(mode, args, kind, beam, homes[kind], project, inputs_of[kind])
                    result["load"] = load
                    runs[(kind, beam, mode)].append(result)
                    if args.save:  # what is done so far, for --from if the run is cut short
                        _save(args, runs)
                    print(
                        f"  {attempt + 1}/{repeat} {kind} beam {beam} {mode}: {result['seconds']:.1f} s wall, "
                        f"{result['cpu']:.1f} s CPU, load {load:.2f}",
                        file=sys.stderr,
                        flush=True,
                    )
    show(runs, args, meta_of(args, texts, engine, repeat, load_before))


def meta_of(
    args: argparse.Namespace, texts: list[str], engine: list[list[str]], repeat: int, load_before: float
) -> dict[str, Any]:
    import ctranslate2

    from toolkit.drafting.engines.argos import default_threads

    size = "tiny (1+1 layers)" if args.quick else "Transformer base (6+6 layers, d_model 512, FFN 2048, 32k vocabulary), int8"
    return {
        "cpu": _cpu(),
        "cpus": os.cpu_count(),
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "ctranslate2": ctranslate2.__version__,
        "argostranslate": _version("argostranslate"),
        "python": sys.version.split()[0],
        "model": f"{size}; stk's default threads here: {default_threads('cpu')}",
        "inputs": f"{len(texts)} distinct segments of the example project (en->{args.lang}), "
        f"{sum(map(len, engine))} engine texts in {len(engine)} batches",
        "repeat": repeat,
    }


def show(runs: dict[tuple[str, int, str], list[dict[str, Any]]], args: argparse.Namespace, meta: dict[str, Any]) -> None:
    if args.save:
        saved = {"meta": meta, "runs": [[k, b, m, r] for (k, b, m), rs in runs.items() for r in rs]}
        args.save.write_text(json.dumps(saved, indent=1), encoding="utf-8")
    unsupported = {key: rs[0]["unsupported"] for key, rs in runs.items() if rs and "unsupported" in rs[0]}
    rows = summarise({key: rs for key, rs in runs.items() if rs and key not in unsupported}, args)
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    print_table(rows, meta)
    for (kind, beam, mode), why in unsupported.items():
        print(f"{kind} beam {beam} {mode}: not run ({why})")


def _save(args: argparse.Namespace, runs: dict[tuple[str, int, str], list[dict[str, Any]]]) -> None:
    saved = {"meta": {}, "runs": [[k, b, m, r] for (k, b, m), rs in runs.items() for r in rs]}
    args.save.write_text(json.dumps(saved, indent=1), encoding="utf-8")


def from_saved(args: argparse.Namespace) -> None:
    """The table (or rows) of runs saved by ``--save``, complete or not."""
    saved = json.loads(args.from_.read_text(encoding="utf-8"))
    runs: dict[tuple[str, int, str], list[dict[str, Any]]] = {}
    for kind, beam, mode, result in saved["runs"]:
        runs.setdefault((kind, beam, mode), []).append(result)
    counts = {len(rs) for rs in runs.values()}
    meta = saved["meta"] or {
        "cpu": _cpu(), "cpus": os.cpu_count(), "load_before": float("nan"), "load_after": float("nan"),
        "ctranslate2": "?", "argostranslate": "?", "python": sys.version.split()[0], "model": "see --save run",
        "inputs": "see --save run", "repeat": f"{min(counts)}-{max(counts)}",
    }  # fmt: skip
    args.save = None
    show(runs, args, meta)


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


if __name__ == "__main__":
    main()
