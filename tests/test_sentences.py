"""Sentence boundaries: the Golden Rules, what the statements contain, and span properties."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.segmentation.sentences import sentence_spans

GOLDEN_RULES = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "golden_rules_en.json"
CITATIONS = GOLDEN_RULES.with_name("citations_en.json")


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def load_golden_rules() -> list[dict[str, object]]:
    cases: list[dict[str, object]] = json.loads(GOLDEN_RULES.read_text(encoding="utf-8"))
    return cases


def test_golden_rules_all_48() -> None:
    cases = load_golden_rules()
    failed = [case["id"] for case in cases if sentences(str(case["text"])) != case["expected_sentences"]]
    assert len(cases) == 48
    # golden-18 ("At 5 a.m. Mr. Smith went ... at 6 P.M. Mr. Smith then went") is the [time] rule's case.
    assert failed == []


def load_citations() -> list[dict[str, object]]:
    cases: list[dict[str, object]] = json.loads(CITATIONS.read_text(encoding="utf-8"))
    return cases


@pytest.mark.parametrize("case", load_citations(), ids=lambda case: str(case["id"]))
def test_citations(case: dict[str, object]) -> None:
    """benchmarks/data/citations_en.json: titles, citations, corporate names and times as these statements write them."""
    assert sentences(str(case["text"])) == case["expected_sentences"]


def test_citation_set_is_large_enough_and_splits_too() -> None:
    cases = load_citations()
    counts = [len(case["expected_sentences"]) for case in cases]  # type: ignore[arg-type]
    assert sum(counts) >= 60
    # A splitter that never splits after an abbreviation would pass a set of one-sentence cases.
    assert sum(1 for n in counts if n > 1) >= len(cases) * 2 // 3


@pytest.mark.parametrize(
    "text",
    [
        "Case No. ICC-01/04-02/06",
        "UN Doc. A/78/322",
        "Art. VII",
        "Ch. VII",
        "Vol. II",
        "Rt. Hon.",
        "Maj. Gen.",
        "Smith & Co. Ltd.",
        "State Dept. Spokesperson",
    ],
)
def test_the_issues_citation_examples_are_one_sentence(text: str) -> None:
    """Each example of issue 14, inside a sentence and followed by another one."""
    sentence = f"We cite {text} here in full."
    assert sentences(f"{sentence} It matters.") == [sentence, "It matters."]


def test_a_time_then_a_title_ends_the_sentence_unless_the_time_opens_it() -> None:
    assert sentences("He left the bank at 6 P.M. Mr. Smith then went to the store.") == [
        "He left the bank at 6 P.M.",
        "Mr. Smith then went to the store.",
    ]
    assert sentences("At 5 a.m. Mr. Smith went to the bank.") == ["At 5 a.m. Mr. Smith went to the bank."]


STATEMENT_CASES = [
    pytest.param(
        "Several U.S. lawmakers have made threats. The U.S. has assisted arrest operations.",
        ["Several U.S. lawmakers have made threats.", "The U.S. has assisted arrest operations."],
        id="U.S.-mid-sentence",
    ),
    pytest.param(
        "The sanctions were imposed by the U.S. The Coalition responded.",
        ["The sanctions were imposed by the U.S.", "The Coalition responded."],
        id="U.S.-at-sentence-end",
    ),
    pytest.param(
        "A U.S. federal judge upheld the U.S. First Amendment rights of U.S. citizens.",
        ["A U.S. federal judge upheld the U.S. First Amendment rights of U.S. citizens."],
        id="U.S.-before-a-name",
    ),
    pytest.param(
        "On 5 June 2025, the United States (U.S.) government sanctioned four judges, pursuant to Executive "
        "Order (E.O.) 14203. The Coalition denounces it.",
        [
            "On 5 June 2025, the United States (U.S.) government sanctioned four judges, pursuant to Executive "
            "Order (E.O.) 14203.",
            "The Coalition denounces it.",
        ],
        id="E.O.-14203",
    ),
    pytest.param(
        "The order E.O. 14203 was signed in February.",
        ["The order E.O. 14203 was signed in February."],
        id="E.O.-before-number",
    ),
    pytest.param(
        "President Joseph R. Biden, Jr. signed the order.",
        ["President Joseph R. Biden, Jr. signed the order."],
        id="Jr.-mid-sentence",
    ),
    pytest.param(
        "We wrote to President Joseph R. Biden, Jr. He did not answer.",
        ["We wrote to President Joseph R. Biden, Jr.", "He did not answer."],
        id="Jr.-at-sentence-end",
    ),
    pytest.param("President Joseph R. Biden, Jr.", ["President Joseph R. Biden, Jr."], id="Jr.-alone"),
    pytest.param("Washington, D.C. 20500", ["Washington, D.C. 20500"], id="D.C.-20500"),
    pytest.param(
        "The White House, Washington, D.C. 20500. We write as organisations.",
        ["The White House, Washington, D.C. 20500.", "We write as organisations."],
        id="D.C.-20500-then-sentence",
    ),
    pytest.param(
        "Some measures, i.e. blocking statutes, help. Others, i.e. The Sentry, did not sign.",
        ["Some measures, i.e. blocking statutes, help.", "Others, i.e. The Sentry, did not sign."],
        id="i.e.",
    ),
    pytest.param(
        "Some organisations, e.g. Human Rights Watch, signed. Others, e.g. sanctions, harm.",
        ["Some organisations, e.g. Human Rights Watch, signed.", "Others, e.g. sanctions, harm."],
        id="e.g.",
    ),
    pytest.param(
        "Robert F. Kennedy Human Rights wrote to Joseph R. Biden. He replied.",
        ["Robert F. Kennedy Human Rights wrote to Joseph R. Biden.", "He replied."],
        id="initials",
    ),
    pytest.param(
        "The Court holds 2.5 million pages of evidence. It grows by 0.5 each year.",
        ["The Court holds 2.5 million pages of evidence.", "It grows by 0.5 each year."],
        id="decimal-numbers",
    ),
    pytest.param(
        "Press contact: smallet@asf.be. We answer quickly.",
        ["Press contact: smallet@asf.be.", "We answer quickly."],
        id="e-mail-at-sentence-end",
    ),
    pytest.param(
        "Write to smallet@asf.be for details.",
        ["Write to smallet@asf.be for details."],
        id="e-mail-mid-sentence",
    ),
    pytest.param(
        "See https://www.coalitionfortheicc.org/news/a.b for details.",
        ["See https://www.coalitionfortheicc.org/news/a.b for details."],
        id="URL-mid-sentence",
    ),
    pytest.param(
        "Read https://www.coalitionfortheicc.org/news/a.b. It explains more.",
        ["Read https://www.coalitionfortheicc.org/news/a.b.", "It explains more."],
        id="URL-at-sentence-end",
    ),
    pytest.param("He said “It is over.” Then left.", ["He said “It is over.”", "Then left."], id="quote-ends-sentence"),
    pytest.param(
        "Senators threatened the prosecutor’s “employees and associates,” if steps were taken.",
        ["Senators threatened the prosecutor’s “employees and associates,” if steps were taken."],
        id="quote-comma-inside",
    ),
    pytest.param(
        "The states declared “unwavering support.” and renewed their commitment.",
        ["The states declared “unwavering support.” and renewed their commitment."],
        id="quote-full-stop-then-same-sentence",
    ),
    pytest.param(
        "The statement “The Court is independent. It must be protected.” was signed by 94 states.",
        ["The statement “The Court is independent. It must be protected.” was signed by 94 states."],
        id="quote-with-two-sentences-inside-one",
    ),
    pytest.param(
        "“In these times, silence risks collapse. When the principles are violated, no nation can be safe”, "
        "state Al-Haq and Al Mezan.",
        [
            "“In these times, silence risks collapse.",
            "When the principles are violated, no nation can be safe”, state Al-Haq and Al Mezan.",
        ],
        id="quotation-of-sentences-then-attribution",
    ),
    pytest.param(
        "U.S. concerns “would be better addressed through engagement with all stakeholders in the ICC process.” "
        "We urge you to act.",
        [
            "U.S. concerns “would be better addressed through engagement with all stakeholders in the ICC process.”",
            "We urge you to act.",
        ],
        id="quote-closing-sentence",
    ),
    pytest.param("Eleanor Lives! (US)", ["Eleanor Lives! (US)"], id="Eleanor-Lives!"),
    pytest.param(
        "Signatories include Eleanor Lives! (US) and Ensaaf (US).",
        ["Signatories include Eleanor Lives! (US) and Ensaaf (US)."],
        id="Eleanor-Lives!-mid-sentence",
    ),
    pytest.param("She works at Yahoo! Inc. in California.", ["She works at Yahoo! Inc. in California."], id="Yahoo!-Inc."),
    pytest.param(
        "Justice cannot wait! The Court must act.",
        ["Justice cannot wait!", "The Court must act."],
        id="exclamation-ends-sentence",
    ),
    pytest.param(
        "The rights of victims... must be respected.",
        ["The rights of victims... must be respected."],
        id="three-dots-mid-sentence",
    ),
    pytest.param(
        "The rights of victims … must be respected.",
        ["The rights of victims … must be respected."],
        id="ellipsis-character-mid-sentence",
    ),
    pytest.param(
        "We will not stop... The Court must be protected.",
        ["We will not stop...", "The Court must be protected."],
        id="three-dots-at-sentence-end",
    ),
    pytest.param(
        "We will not stop… The Court must be protected.",
        ["We will not stop…", "The Court must be protected."],
        id="ellipsis-character-at-sentence-end",
    ),
    pytest.param("They promised to act…", ["They promised to act…"], id="ellipsis-at-paragraph-end"),
    pytest.param(
        "See Case No. 5 of 2024. It was decided.",
        ["See Case No. 5 of 2024.", "It was decided."],
        id="No.-before-number",
    ),
    pytest.param(
        "Under Art. 58 of the Statute, judges issue warrants.",
        ["Under Art. 58 of the Statute, judges issue warrants."],
        id="Art.-58",
    ),
    pytest.param(
        "As noted in para. 3 of the resolution, states must act.",
        ["As noted in para. 3 of the resolution, states must act."],
        id="para.-3",
    ),
    pytest.param(
        "The vigil was held at St. Peter’s Church. It was peaceful.",
        ["The vigil was held at St. Peter’s Church.", "It was peaceful."],
        id="St.",
    ),
    pytest.param(
        "Dr. Smith spoke first. Mr. Jones and Ms. Brown followed.",
        ["Dr. Smith spoke first.", "Mr. Jones and Ms. Brown followed."],
        id="Dr.-Mr.-Ms.",
    ),
    pytest.param(
        "In Prosecutor v. Ongwen the Appeals Chamber confirmed the verdict. Reparations followed.",
        ["In Prosecutor v. Ongwen the Appeals Chamber confirmed the verdict.", "Reparations followed."],
        id="v.-in-case-name",
    ),
    pytest.param("The session ends at 5 p.m. today.", ["The session ends at 5 p.m. today."], id="p.m.-mid-sentence"),
    pytest.param(
        "The session ends at 5 p.m. The press conference follows.",
        ["The session ends at 5 p.m.", "The press conference follows."],
        id="p.m.-at-sentence-end",
    ),
    pytest.param(
        "It starts at 10 a.m. and ends at noon.",
        ["It starts at 10 a.m. and ends at noon."],
        id="a.m.",
    ),
    pytest.param(
        "The plenary met at the 23rd session of the Assembly. The 24th session follows.",
        ["The plenary met at the 23rd session of the Assembly.", "The 24th session follows."],
        id="23rd-session",
    ),
    pytest.param(
        "The Statute was adopted in 1998. 125 states have joined it.",
        ["The Statute was adopted in 1998.", "125 states have joined it."],
        id="sentence-starting-with-number",
    ),
    pytest.param(
        "Just Access e.V. and Help Not Handcuffs, Inc. signed. The list is long.",
        ["Just Access e.V. and Help Not Handcuffs, Inc. signed.", "The list is long."],
        id="e.V.-and-Inc.",
    ),
    pytest.param(
        "5. Adopt blocking statutes. They protect the Court.",
        ["5. Adopt blocking statutes.", "They protect the Court."],
        id="list-number-left-in-text",
    ),
    pytest.param(
        "We urge the\nU.S. government to act. It must\nact now.",
        ["We urge the\nU.S. government to act.", "It must\nact now."],
        id="line-breaks-are-spaces",
    ),
    pytest.param(
        "Victims need justice.[1] The Court provides it.",
        ["Victims need justice.[1]", "The Court provides it."],
        id="footnote-reference",
    ),
]


@pytest.mark.parametrize(("text", "expected"), STATEMENT_CASES)
def test_statement_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def property_texts() -> list[str]:
    """Golden Rules, the statement cases, odd spacing and a seeded random mix of the hard characters."""
    texts = [str(case["text"]) for case in load_golden_rules()]
    texts += [str(param.values[0]) for param in STATEMENT_CASES]
    texts += ["  Two spaces.  Then more.  ", "\nLeading line break. Trailing one.\n", "A.", "!", "…", ". . . .", "“”"]
    pieces = [*"aB .!?…“”\"'()[]\n\u00a01", "Mr.", "No. ", "U.S. ", "The ", ". . . ", "1. ", " b. ", "e.g. "]
    rng = random.Random(20250605)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(2000)]
    return texts


def test_spans_are_ordered_stripped_non_empty_and_exact() -> None:
    for text in property_texts():
        spans = sentence_spans(text)
        previous_end = 0
        for start, end in spans:
            assert previous_end <= start < end <= len(text), (text, spans)
            sentence = text[start:end]
            assert sentence == sentence.strip(), (text, spans)
            previous_end = end
        # Nothing but whitespace is left out between or around the sentences.
        covered = "".join(text[start:end] for start, end in spans)
        assert "".join(covered.split()) == "".join(text.split()), (text, spans)


@pytest.mark.parametrize("text", ["", " ", "\n\t \u00a0"])
def test_empty_or_whitespace_gives_no_sentence(text: str) -> None:
    assert sentence_spans(text) == []


_SPANS_IN_A_FRESH_PROCESS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from test_sentences import property_texts
from toolkit.segmentation.sentences import sentence_spans
from toolkit.segmentation.rules import rules_for
print(json.dumps([[sentence_spans(t, rules_for(lang)) for lang in ("en", "fr", "es", "ar")] for t in property_texts()]))
"""


def test_spans_are_the_same_in_every_process_whatever_its_hash_seed() -> None:
    """Segments are catalog keys: if a rule iterated a set (string hashes change with each interpreter's
    PYTHONHASHSEED), one `stk extract` could split a sentence differently from the next and churn the catalogs.
    Two fresh interpreters with different seeds must agree with this one on every property text, in every language."""
    from toolkit.segmentation.rules import rules_for

    tests = str(Path(__file__).resolve().parent)
    children = {  # both at once: each is a second of work
        seed: subprocess.Popen(
            [sys.executable, "-c", _SPANS_IN_A_FRESH_PROCESS, tests],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        for seed in ("1", "4242")
    }
    here = [
        [[list(span) for span in sentence_spans(t, rules_for(lang))] for lang in ("en", "fr", "es", "ar")]
        for t in property_texts()
    ]
    for seed, child in children.items():
        out, _ = child.communicate(timeout=120)
        assert child.returncode == 0
        assert json.loads(out) == here, f"PYTHONHASHSEED={seed} splits differently"
