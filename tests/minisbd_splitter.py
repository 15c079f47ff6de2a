"""A tiny rule-based sentence splitter in MiniSBD's ONNX format, so that LibreTranslate needs no download.

LibreTranslate 1.9.6 splits every text with MiniSBD (argos-translate-lt's
``MiniSBDSentencizer``): an onnxruntime session over one character per
position. It looks for ``minisbd/*.onnx`` inside each package, else for
``$XDG_DATA_HOME/argos-translate/minisbd/<lang>.onnx``, else downloads a
trained model at the first request. This builds a model it loads in place of
the trained one, with what MiniSBD reads from it (minisbd 0.9.5,
``inference.create_session`` and ``modules/data.py``):

- inputs ``units`` (int64 [batch, chars], ids from the vocabulary in the
  metadata) and ``features`` (float32 [batch, chars, features]);
- one output of scores [batch, chars, 5] whose arg-max per character is 0
  (inside a token), 1 (end of a token), 2 (end of a sentence), 3 or 4
  (multi-word tokens);
- metadata ``lang_code``, ``config`` (JSON, must not be empty), ``vocab`` (a
  stanza ``Vocab`` state dict) and ``lexicon``.

The rule is computed by the graph itself, not looked up: a full stop,
``!``, ``?`` or ``…`` followed by a space and then a capital letter, a digit
or an opening quote ends a sentence. The bytes depend on nothing but this
file. Run with the LibreTranslate environment's Python (onnx and minisbd are
installed there, not in the toolkit's)::

    .venv-lt/bin/python tests/minisbd_splitter.py OUT.onnx
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ENDS = ".!?…"
SPACE = " "  # MiniSBD turns every whitespace character into a space before looking up units
STARTS = "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞŒŠŽŸ0123456789“‘\"'«([¿¡"
SPECIALS = ["<PAD>", "<UNK>"]
CLASSES = 5
FEATURES = ["space_before", "capitalized", "numeric"]


def vocabulary() -> list[str]:
    """Units the rule needs to see; every other character is ``<UNK>`` (no flag)."""
    return SPECIALS + list(dict.fromkeys(ENDS + SPACE + STARTS))


def build(path: Path) -> Path:
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    units = vocabulary()
    flags = np.zeros((len(units), 3), np.float32)  # columns: ends a sentence, space, can start one
    for index, unit in enumerate(units):
        flags[index] = (unit in ENDS, unit == SPACE, unit in STARTS)

    def const(name: str, value: Any, dtype: Any) -> onnx.TensorProto:
        return numpy_helper.from_array(np.asarray(value, dtype=dtype), name)

    initializers = [
        const("flags_table", flags, np.float32),
        const("col_end", 0, np.int64),
        const("col_space", 1, np.int64),
        const("col_start", 2, np.int64),
        const("one", [1], np.int64),
        const("two", [2], np.int64),
        const("big", [2**62], np.int64),
        const("axis1", [1], np.int64),
        const("pad1", [0, 0, 0, 1], np.int64),
        const("pad2", [0, 0, 0, 2], np.int64),
        const("last_axis", [-1], np.int64),
        # scores: class 2 (sentence end) wins where the rule holds, class 0 (inside a token) elsewhere
        const("weights", [0.0, 0.0, 1.0, 0.0, 0.0], np.float32),
        const("bias", [0.5, -1.0, 0.0, -1.0, -1.0], np.float32),
    ]
    nodes = [
        helper.make_node("Gather", ["flags_table", "units"], ["flags"], axis=0),  # [B, N, 3]
        helper.make_node("Gather", ["flags", "col_end"], ["is_end"], axis=2),  # [B, N]
        helper.make_node("Gather", ["flags", "col_space"], ["is_space"], axis=2),
        helper.make_node("Gather", ["flags", "col_start"], ["is_start"], axis=2),
        # what follows each character: shift left along the characters, pad the end with zeros
        helper.make_node("Slice", ["is_space", "one", "big", "axis1"], ["space_cut"]),
        helper.make_node("Pad", ["space_cut", "pad1"], ["next_is_space"], mode="constant"),
        helper.make_node("Slice", ["is_start", "two", "big", "axis1"], ["start_cut"]),
        helper.make_node("Pad", ["start_cut", "pad2"], ["then_starts"], mode="constant"),
        helper.make_node("Mul", ["is_end", "next_is_space"], ["end_space"]),
        helper.make_node("Mul", ["end_space", "then_starts"], ["boundary"]),
        helper.make_node("Unsqueeze", ["boundary", "last_axis"], ["boundary3"]),  # [B, N, 1]
        helper.make_node("Mul", ["boundary3", "weights"], ["weighted"]),  # [B, N, 5]
        helper.make_node("Add", ["weighted", "bias"], ["scores"]),
    ]
    graph = helper.make_graph(
        nodes,
        "rule_based_sentence_splitter",
        [
            helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "chars"]),
            # MiniSBD always feeds character features; a trained model uses them, the rule needs none.
            helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", "chars", len(FEATURES)]),
        ],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", "chars", CLASSES])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="statement-toolkit tests")
    model.ir_version = 8
    config = {"feat_funcs": FEATURES, "max_seqlen": 1000, "batch_size": 32, "skip_newline": False, "use_dictionary": False}
    state = {
        "lang": "en",
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_unit2id": {u: i for i, u in enumerate(units)},
        "_id2unit": units,
    }
    metadata = {"lang_code": "en", "config": json.dumps(config), "vocab": json.dumps(state), "lexicon": "null"}
    helper.set_model_props(model, metadata)
    onnx.checker.check_model(model, full_check=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(model.SerializeToString())
    return path


def check(path: Path) -> list[str]:
    """MiniSBD itself splits a sample with the model (the proof that it loads what was built)."""
    from minisbd import SBDetect

    return list(SBDetect(str(path), use_gpu=False, max_threads=1).sentences(SAMPLE))


SAMPLE = "We act now. Justice matters! Does it? yes, it does… “Quoted.” 2025 was hard.  Z1 and Z2 stay."
EXPECTED = ["We act now.", "Justice matters!", "Does it? yes, it does…", "“Quoted.” 2025 was hard.", "Z1 and Z2 stay."]

if __name__ == "__main__":
    out = build(Path(sys.argv[1]))
    sentences = check(out)
    if sentences != EXPECTED:
        raise SystemExit(f"the splitter split {SAMPLE!r} as {sentences!r}, expected {EXPECTED!r}")
    print(json.dumps({"path": str(out), "bytes": out.stat().st_size, "sentences": sentences}))
