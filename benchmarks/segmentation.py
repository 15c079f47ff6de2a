"""Sentence segmentation, measured: accuracy on three case sets and sentences per second, pySBD beside ours.

    python benchmarks/segmentation.py               # accuracy, then 5 interleaved timing rounds
    python benchmarks/segmentation.py --rounds 9 --budget 2

Accuracy (exact: the splitter's sentences, stripped of surrounding whitespace,
equal the expected list), same cases for every splitter, in this run:

- the 48 English Golden Rules (``data/golden_rules_en.json``, from pySBD and
  pragmatic_segmenter);
- ``data/citations_en.json``: titles, legal and UN citations, corporate names
  and times as these statements write them (our own cases);
- ``data/translations_fr_es_ar.json``: French, Spanish and Arabic sentences
  the re-segmentation merge has to cut (our own cases; each splitter in its
  own mode for the language).

Speed: each splitter runs in a fresh process (imports and set-up outside the
timed part), the splitters interleaved round after round, over the same text:
every paragraph, list item and quotation of ``sources/*.md`` as the toolkit
reads it, plus the texts of the case sets; each process repeats that text
until ``--budget`` seconds have passed. Reported: sentences per second
(min / median / max over the rounds), wall and CPU seconds, the work done.

pySBD is measured when it is installed (``pip install pysbd``; it is not a
dependency of the toolkit).

``--ablation`` also scores variants of the ``[time]`` rule ("6 P.M. Mr. Smith
then went" is two sentences, "At 5 a.m. Mr. Smith went" one) on the English
sets, to show why the rule is what it is.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(ROOT))

Splitter = Callable[[str], list[str]]
CASE_SETS = {
    "Golden Rules (en)": "golden_rules_en.json",
    "citations (en)": "citations_en.json",
    "translations (fr/es/ar)": "translations_fr_es_ar.json",
}


def load(name: str) -> list[dict[str, object]]:
    cases: list[dict[str, object]] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return cases


def make_splitter(name: str, lang: str = "en") -> Splitter | None:
    """The splitter called ``name`` for ``lang``, or None when it is not installed."""
    if name == "toolkit":
        from toolkit.segmentation.sentences import sentences

        return lambda text: sentences(text, lang)
    if name == "pysbd":
        try:
            import pysbd
        except ImportError:
            return None
        segmenter = pysbd.Segmenter(language=lang, clean=False)
        return lambda text: [s.strip() for s in segmenter.segment(text) if s.strip()]
    raise ValueError(name)


def splitter_names() -> list[str]:
    return [name for name in ("toolkit", "pysbd") if make_splitter(name) is not None]


def accuracy(name: str, cases: list[dict[str, object]]) -> tuple[int, list[str], int]:
    """(cases right, ids of the others, expected sentences) for the splitter ``name``."""
    splitters: dict[str, Splitter | None] = {}
    failed = []
    for case in cases:
        lang = str(case.get("lang", "en"))
        if lang not in splitters:
            splitters[lang] = make_splitter(name, lang)
        split = splitters[lang]
        assert split is not None
        if split(str(case["text"])) != case["expected_sentences"]:
            failed.append(str(case["id"]))
    sentences = sum(len(case["expected_sentences"]) for case in cases)  # type: ignore[arg-type]
    return len(cases) - len(failed), failed, sentences


def corpus() -> list[str]:
    """Plain text of every paragraph, list item and quotation of the example sources, and of the English cases."""
    from toolkit import api
    from toolkit.document import Paragraph, iter_blocks, plain_text

    texts = []
    for statement in api.open_project(ROOT).statements:
        texts += [plain_text(b.content) for b in iter_blocks(statement.doc.blocks) if isinstance(b, Paragraph)]
    for name in ("golden_rules_en.json", "citations_en.json"):
        texts += [str(case["text"]) for case in load(name)]
    return texts


def time_one(name: str, budget: float) -> dict[str, float]:
    """In this (fresh) process: split the corpus again and again for ``budget`` seconds."""
    texts = corpus()
    split = make_splitter(name)
    assert split is not None
    split(texts[0])  # first call outside the timing (lazy set-up)
    characters = sum(len(t) for t in texts)
    sentences = rounds = 0
    wall, cpu = time.perf_counter(), time.process_time()
    while True:
        sentences += sum(len(split(text)) for text in texts)
        rounds += 1
        if time.perf_counter() - wall >= budget:
            break
    return {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "sentences": sentences,
        "characters": characters * rounds,
        "texts": len(texts) * rounds,
    }


def time_all(names: list[str], rounds: int, budget: float) -> dict[str, list[dict[str, float]]]:
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    for _ in range(rounds):
        for name in names:  # interleaved: a slow moment of the machine hits every splitter alike
            done = subprocess.run(
                [sys.executable, __file__, "--time-one", name, "--budget", str(budget)],
                check=True,
                capture_output=True,
                text=True,
            )
            runs[name].append(json.loads(done.stdout))
    return runs


def ablation() -> None:
    """The English sets under variants of the rule for a title after a time ("6 P.M. Mr.")."""
    from toolkit.segmentation import sentences as module
    from toolkit.segmentation.rules import SentenceRules

    cases = load("golden_rules_en.json") + load("citations_en.json")
    built = module._full_stop_ends
    Rule = Callable[[str, list[str], int, int, int, SentenceRules], bool]

    def never(text: str, words: list[str], nxt: int, last_cut: int, start: int, rules: SentenceRules) -> bool:
        if rules.category(words) == "time":  # a time as any [context] entry
            return module._next_word(text, nxt) in rules.openers
        return built(text, words, nxt, last_cut, start, rules)

    def always(text: str, words: list[str], nxt: int, last_cut: int, start: int, rules: SentenceRules) -> bool:
        if rules.category(words) == "time" and module._title_at(text, nxt, rules):
            return True  # even when the time opens the sentence
        return built(text, words, nxt, last_cut, start, rules)

    def dotted_too(text: str, words: list[str], nxt: int, last_cut: int, start: int, rules: SentenceRules) -> bool:
        dotted = bool(words and module._DOTTED.fullmatch(words[-1]))
        if (dotted or rules.category(words) == "context") and module._title_at(text, nxt, rules) and len(words) > 3:
            return True  # "U.S." and "Co." treated as times
        return built(text, words, nxt, last_cut, start, rules)

    variants: list[tuple[str, Rule]] = [
        ("as built: before a title, unless the time opens the sentence", built),
        ("a time as any [context] entry: never before a title", never),
        ("before every title, even when the time opens the sentence", always),
        ("as built, and the same for dotted abbreviations and [context]", dotted_too),
    ]
    print("ablation of the [time] rule (Golden Rules + citations, English)")
    try:
        for label, variant in variants:
            module._full_stop_ends = variant  # type: ignore[assignment]
            failed = [str(c["id"]) for c in cases if module.sentences(str(c["text"])) != c["expected_sentences"]]
            print(f"  {len(cases) - len(failed):3}/{len(cases)}  {label}{': failing ' + ', '.join(failed) if failed else ''}")
    finally:
        module._full_stop_ends = built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds per splitter (default 5)")
    parser.add_argument("--budget", type=float, default=1.0, help="seconds of splitting per round (default 1)")
    parser.add_argument("--ablation", action="store_true", help="also score variants of the [time] rule")
    parser.add_argument("--time-one", metavar="NAME", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.time_one:
        print(json.dumps(time_one(args.time_one, args.budget)))
        return 0

    names = splitter_names()
    print(f"splitters: {', '.join(names)}" + ("" if "pysbd" in names else " (pip install pysbd to compare)"))
    print()
    print("accuracy (exact cases)")
    for label, file in CASE_SETS.items():
        cases = load(file)
        for name in names:
            right, failed, sentences = accuracy(name, cases)
            shown = ", ".join(failed[:12]) + (" ..." if len(failed) > 12 else "")
            print(
                f"  {label:24} {name:8} {right:3}/{len(cases)} ({100 * right / len(cases):5.1f}%)"
                f"  [{len(cases)} cases, {sentences} sentences]  {'failing: ' + shown if failed else ''}"
            )
    print()
    if args.ablation:
        ablation()
        print()
    texts = corpus()
    print(
        f"speed: {len(texts)} texts ({sum(len(t) for t in texts):,} characters: the example's paragraphs, list items and "
        f"quotations, and the English cases), {args.rounds} rounds x {args.budget:g} s, each in a fresh process, interleaved"
    )
    for name, runs in time_all(names, args.rounds, args.budget).items():
        rates = sorted(r["sentences"] / r["wall"] for r in runs)
        wall = sum(r["wall"] for r in runs)
        cpu = sum(r["cpu"] for r in runs)
        sentences = sum(r["sentences"] for r in runs)
        print(
            f"  {name:8} sentences/s min {rates[0]:>9,.0f}  median {statistics.median(rates):>9,.0f}  max {rates[-1]:>9,.0f}"
            f"  | {wall:.1f} s wall, {cpu:.1f} s CPU, {sentences:,.0f} sentences from {sum(r['texts'] for r in runs):,.0f} texts"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
