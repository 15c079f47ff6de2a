"""The soft-break lint: `stk extract` names the file and line of short lines Markdown joins, and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import make_project, statement, stk

from toolkit import api
from toolkit.sources.soft_breaks import soft_break_warning

REPO = Path(__file__).resolve().parent.parent

CONTACT = "## Press contact\n\nSimon Mallet\nCommunication Officer at ASF\n[smallet@asf.be](mailto:smallet@asf.be)\n"


def test_extract_warns_with_file_line_and_the_fix(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"s": statement("Intro.\n\n" + CONTACT)})
    result = api.extract(api.open_project(root))
    # front matter is lines 1-6, a blank line, "Intro." on 8, the heading on 10, the block from 12
    assert [str(n) for n in result.warnings] == [
        "sources/s.md:12: Markdown joins these 3 short lines into one segment "
        "(“Simon Mallet Communication Officer at ASF [smallet@asf.be...”): "
        "end each line but the last with a backslash (\\) to keep them apart"
    ]
    run = stk("extract", "--project", str(root))
    assert run.returncode == 0
    assert "sources/s.md:12: " in run.stderr and "backslash" in run.stderr


def test_the_fix_silences_it_and_gives_one_segment_per_line(tmp_path: Path) -> None:
    fixed = CONTACT.replace("Mallet\n", "Mallet\\\n").replace("ASF\n", "ASF\\\n")
    root = make_project(tmp_path / "p", {"s": statement(fixed)})
    project = api.open_project(root)
    assert project.warnings == []
    lines = [s.msgid for s in project.statements[0].segments if s.role == "paragraph"]
    assert lines == ["Simon Mallet", "Communication Officer at ASF", "[smallet@asf.be][1]"]


@pytest.mark.parametrize(
    "paragraph",
    [
        # prose wrapped by an editor: lines continue in lowercase, or end with a comma or "the"
        "We call on all States Parties to\nprotect the Court and its officials.",
        "The Coalition condemns the sanctions,\nRepeats its call to the",
        # a short wrapped paragraph that ends a sentence
        "Justice cannot\nWait any longer.",
        # hard breaks already
        "President Joseph R. Biden, Jr.\\\nThe White House\\\nWashington, D.C. 20500",
        "One line only",
        # a long line is prose, whatever follows
        "The Coalition for the International Criminal Court stands in solidarity with\nVictims",
    ],
)
def test_no_warning_for_prose_or_hard_breaks(paragraph: str) -> None:
    assert soft_break_warning(paragraph) is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "The White House\n1600 Pennsylvania Avenue NW\nWashington, D.C. 20500",
        "Jane Doe\nExecutive Director",
        "Simon Mallet\nsmallet@asf.be",
        # one break forgotten among hard ones
        "The White House\\\n1600 Pennsylvania Avenue NW\nWashington, D.C. 20500",
        # two spaces are a hard break too; the last break is soft
        "Simon Mallet  \nCommunication Officer\nASF",
    ],
)
def test_warning_for_blocks_of_lines(paragraph: str) -> None:
    assert soft_break_warning(paragraph) is not None


def test_the_example_sources_use_hard_breaks_where_they_mean_lines() -> None:
    project = api.open_project(REPO)
    assert [n.message for n in project.warnings if "Markdown joins" in n.message] == []
