"""Front matter of plain ``key: value`` lines is read without PyYAML, exactly as PyYAML's BaseLoader reads it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from toolkit.sources.markdown import _plain_front_matter

ROOT = Path(__file__).resolve().parent.parent


def yaml_reading(block: str) -> object:
    try:
        return yaml.load(block, Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return "error"


def front_matter(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    return "\n".join(lines[1:end])


@pytest.mark.parametrize("path", sorted(ROOT.glob("sources/*.md")), ids=lambda p: p.name)
def test_the_example_statements_take_the_plain_path(path: Path) -> None:
    block = front_matter(path)
    plain = _plain_front_matter(block)
    assert plain is not None
    assert plain == yaml_reading(block)


PIECES = [
    "a", "Z", " ", "  ", ":", ": ", " #", "#", "-", "- ", "?", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", '"',
    "%", "@", "`", "\\", "\t", "\u00a0", "é", "’", "“", "”", "\u2028", "\u00ad", "1", "2024-12-05", "yes", "null", "~",
    "x: y", "http://example.org/a#b",
]  # fmt: skip


def random_value(rng: random.Random) -> str:
    value = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 8)))
    return f'"{value}"' if rng.random() < 0.3 else value


@pytest.mark.parametrize("seed", range(10))
def test_plain_reading_agrees_with_yaml_or_leaves_it_to_yaml(seed: int) -> None:
    rng = random.Random(seed)
    plain_count = 0
    for _ in range(500):
        keys = rng.sample(["title", "date", "kind", "author", "subtitle", "place", "x-y", "_k", "title"], rng.randint(1, 4))
        block = "\n".join(f"{key}: {random_value(rng)}" for key in keys)
        plain = _plain_front_matter(block)
        if plain is not None:
            plain_count += 1
            assert plain == yaml_reading(block), block
    assert plain_count > 25  # the comparison must reach the plain path often


def test_what_is_left_to_yaml() -> None:
    for block in ("title: a\n  continued", "title: |\n  block", "title: 'single'", 'title: "esc\\"aped"', "title: a: b",
                  "title: a #comment", "title:", "title:  two spaces", "# comment\ntitle: a", "title: a\ntitle: b"):  # fmt: skip
        assert _plain_front_matter(block) is None, block
