"""Speed-ups change no output: status, check and the built DOCX and HTML are byte for byte what they were.

The digests in tests/fixtures/outputs/example.json were recorded by the code before the speed-ups of
issue 11 (parse-once caches, the per-language check list, msgfmt in the background, the bidi and
escaping shortcuts); see
tests/example_outputs.py for what runs and how the copy is damaged.
"""

from __future__ import annotations

import json

import pytest
from example_outputs import EPOCH, RECORD, outputs


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return outputs(tmp_path_factory.mktemp("outputs"))


RECORDED = json.loads(RECORD.read_text(encoding="utf-8"))


@pytest.mark.parametrize("what", sorted(RECORDED))
def test_the_output_is_what_it_was(fresh: dict[str, object], what: str) -> None:
    assert fresh[what] == RECORDED[what]


def test_the_damaged_copy_gives_the_checks_something_to_find() -> None:
    codes = RECORDED["damaged: stk check --json"]["codes"]
    assert len(codes) >= 15 and sum(codes.values()) > 1000, codes
    assert RECORDED["damaged: stk status --json"]["sha256"] != RECORDED["example: stk status --json"]["sha256"]
