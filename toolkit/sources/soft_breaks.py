"""The soft-break lint: short lines that Markdown will join into one.

In Markdown a line break inside a paragraph is a space unless the line ends
with a backslash (or two spaces). Authors who type a contact block, an
address or a signature line by line get one run-on segment::

    Simon Mallet
    Communication Officer at ASF
    smallet@asf.be

becomes "Simon Mallet Communication Officer at ASF smallet@asf.be" in every
language. Such blocks look like this: every line short, none ending with
punctuation that would continue a sentence, every next line starting with a
capital, a digit or a symbol (an e-mail, a link). Prose wrapped by an editor
has lines that end mid-sentence and continue in lowercase, or a last line that
ends a sentence, so it is left alone.
"""

from __future__ import annotations

import re

SHORT = 60
"""Longest line, in characters, that still looks like a line of a block rather than wrapped prose."""

_HARD = re.compile(r"(\\| {2,})$")
# The line goes on into the next: a comma, a dash, an opening bracket, or a word that needs one after it.
_CONTINUES = re.compile(
    r"([,;:(\[–—-]|\b(the|a|an|of|and|or|nor|to|in|on|for|at|by|with|from|that|as|all|our|their|its|is|are|be|not))$",
    re.IGNORECASE,
)
_ENDS_SENTENCE = re.compile(r"[.!?…][”’\"')*]*$")
# A line of its own that starts in lowercase: an e-mail address, a web address.
_ADDRESS = re.compile(r"\S*[@/]\S*|\S+\.\S+")


def soft_break_warning(raw: str) -> str | None:
    """A message when ``raw`` (a paragraph's source lines) holds short lines that Markdown
    joins; None when every line break is hard or the paragraph is prose.

    >>> print(soft_break_warning("Simon Mallet\\nCommunication Officer\\nsmallet@asf.be"))  # doctest: +NORMALIZE_WHITESPACE
    Markdown joins these 3 short lines into one segment (“Simon Mallet Communication Officer smallet@asf.be”):
    end each line but the last with a backslash (\\) to keep them apart
    >>> soft_break_warning("Simon Mallet\\\\\\nCommunication Officer at ASF") is None
    True
    >>> soft_break_warning("We call on all States\\nParties to act now.") is None
    True
    >>> soft_break_warning("We call on all States Parties to act\\nnow, and the Court to\\nact.") is None
    True
    """
    raw_lines = raw.split("\n")
    lines = [line.strip() for line in raw_lines]
    if len(lines) < 2 or any(len(line) > SHORT for line in lines):
        return None
    if _ENDS_SENTENCE.search(lines[-1]):
        return None  # a short paragraph of prose, wrapped
    joined = False  # whether Markdown turns a line break into a space mid-sentence
    for i, line in enumerate(lines[:-1]):
        if _HARD.search(raw_lines[i]):
            continue
        following = lines[i + 1]
        lowercase = following[:1].islower() and not _ADDRESS.fullmatch(following)
        if not line or not following or _CONTINUES.search(line) or lowercase:
            return None  # reads as a sentence going on: wrapped prose
        # After a full stop the sentence rules cut anyway ("Jr." then "The White House").
        joined = joined or not _ENDS_SENTENCE.search(line)
    if not joined:
        return None
    run = " ".join(line.rstrip("\\").strip() for line in lines)
    shown = run if len(run) <= 60 else run[:57] + "..."
    return (
        f"Markdown joins these {len(lines)} short lines into one segment (“{shown}”): "
        "end each line but the last with a backslash (\\) to keep them apart"
    )
