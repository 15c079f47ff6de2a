"""Compare sentence splitters: Golden Rules exact score and throughput.

Run from anywhere: ``python benchmarks/golden_rules.py``. For each splitter
that can be imported (ours always; pySBD and sentencex when installed) it
prints the exact score on the 48 English Golden Rules, the ids of the cases
it fails, and sentences per second on statement paragraphs: a few embedded
below plus the paragraphs of ``sources/*.md`` when the repository has them.
A case counts as exact when the splitter's sentences, stripped of
surrounding whitespace, equal the expected list.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit.segmentation.sentences import sentence_spans  # noqa: E402

Splitter = Callable[[str], list[str]]

DATA = Path(__file__).resolve().parent / "data" / "golden_rules_en.json"

# Paragraphs from the seed statements, chosen for their abbreviations,
# initials, quotations and names; used when sources/ is absent and always
# included so the figure does not depend only on prose.
PARAGRAPHS = [
    "On 5 June 2025, the United States (U.S.) government sanctioned four judges of the International Criminal "
    "Court (ICC), pursuant to Executive Order (E.O.) 14203.",
    "We write as organizations with a steadfast commitment to justice for grave international crimes and "
    "therefore to the success of the International Criminal Court (ICC). We urge your administration to oppose "
    "the threats and calls for punitive actions against the Court that several U.S. lawmakers have recently made.",
    "President Joseph R. Biden, Jr.",
    "Washington, D.C. 20500",
    "We are alarmed by threats that U.S. lawmakers have aimed at the Court in recent weeks including the letter "
    "sent on April 24 by Senators, threatening to sanction the ICC prosecutor’s “employees and associates,” if "
    "steps were taken to pursue arrest warrants against Israeli officials. On May 20, the ICC prosecutor "
    "requested warrants for leaders of Hamas and Israeli officials.",
    "Your administration appeared to recognize this in repealing the Trump-era sanctions, noting that U.S. "
    "concerns “would be better addressed through engagement with all stakeholders in the ICC process.” We urge "
    "you to ensure that any disagreement about the Court’s process is pursued through proper judicial channels.",
    "“In these times, silence risks the collapse of the global order – and with it our shared humanity. When the "
    "principles of international law are not just ignored but egregiously violated, no people, no nation, can "
    "ever be truly safe”, state Al-Haq, Al Mezan, and the Palestinian Centre for Human Rights (PCHR).",
    "Fifth, States Parties that have yet to do so, should immediately ratify the Court's Agreement on Privileges "
    "and Immunities (APIC). As it was noted earlier, to date only 79 States out of the soon to be 125 have "
    "ratified the APIC. In the past 5 years, 2 States only have ratified the APIC: Mongolia and San Marino. "
    "Universal ratification and implementation of the APIC are key.",
    "Eleanor Lives! (US)",
    "Just Access e.V.",
    "Simon Mallet, Communication Officer at ASF, smallet@asf.be",
    "Plenary session on cooperation at the 23rd session of the ICC Assembly of States Parties",
]


def source_paragraphs() -> list[str]:
    """Plain text of the paragraphs in sources/*.md, markup roughly removed."""
    paragraphs = []
    for path in sorted(ROOT.glob("sources/*.md")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
        for block in re.split(r"\n\s*\n", text):
            for line in re.split(r"\\\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)", block):
                line = re.sub(r"^\s*(?:#+|[-*+]|\d+[.)])\s+", "", line)
                line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
                line = re.sub(r"\\(.)", r"\1", line.replace("**", "").replace("\n", " ")).strip()
                if line:
                    paragraphs.append(line)
    return paragraphs


def splitters() -> dict[str, Splitter]:
    """Every splitter that can be imported here, ours first."""
    found: dict[str, Splitter] = {
        "toolkit.sentences": lambda text: [text[start:end] for start, end in sentence_spans(text)],
    }
    try:
        import pysbd
    except ImportError:
        pass
    else:
        segmenter = pysbd.Segmenter(language="en", clean=False)
        found[f"pysbd {getattr(pysbd, '__version__', '')}".strip()] = lambda text: _stripped(segmenter.segment(text))
    try:
        import sentencex
    except ImportError:
        pass
    else:
        found["sentencex"] = lambda text: _stripped(sentencex.segment("en", text))
    return found


def _stripped(sentences: Iterable[str]) -> list[str]:
    return [s.strip() for s in sentences if s.strip()]


def golden_rules(split: Splitter, cases: list[dict[str, object]]) -> list[str]:
    """Ids of the cases `split` gets wrong."""
    return [str(case["id"]) for case in cases if split(str(case["text"])) != case["expected_sentences"]]


def throughput(split: Splitter, paragraphs: list[str], budget: float = 0.4) -> tuple[float, int]:
    """Sentences per second over `paragraphs`, repeated for about `budget` seconds."""
    sentences = rounds = 0
    start = time.perf_counter()
    while True:
        sentences += sum(len(split(p)) for p in paragraphs)
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= budget:
            return sentences / elapsed, rounds


def main() -> int:
    cases = json.loads(DATA.read_text(encoding="utf-8"))
    paragraphs = PARAGRAPHS + source_paragraphs()
    print(f"Golden Rules: {len(cases)} cases from {DATA.relative_to(ROOT)}")
    print(f"Throughput: {len(paragraphs)} statement paragraphs ({len(paragraphs) - len(PARAGRAPHS)} from sources/)")
    print()
    for name, split in splitters().items():
        failed = golden_rules(split, cases)
        passed = len(cases) - len(failed)
        rate, rounds = throughput(split, paragraphs)
        print(name)
        print(f"  golden rules  {passed}/{len(cases)} ({100 * passed / len(cases):.1f}%)")
        print(f"  failing       {', '.join(failed) or 'none'}")
        print(f"  throughput    {rate:,.0f} sentences/s ({rounds} rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
