"""Every non-whitespace character of the raw text lies in exactly one block, whatever the input."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.clean import KINDS, clean_document

from .conftest import OWN_DOCS, SEEDS, read_raw


def assert_partition(raw: str) -> None:
    doc = clean_document(raw)
    covered = [0] * len(raw)
    for block in doc.blocks:
        assert block.kind in KINDS
        assert 0 <= block.start < block.end <= len(raw)
        assert raw[block.start : block.end] == block.text
        for k in range(block.start, block.end):
            covered[k] += 1
    for k, ch in enumerate(raw):
        assert covered[k] <= 1, f"offset {k} in two blocks"
        if not ch.isspace():
            assert covered[k] == 1, f"character {ch!r} at {k} in no block"


@pytest.mark.parametrize("path", SEEDS + OWN_DOCS, ids=lambda p: p.stem)
def test_blocks_partition_the_non_whitespace_of_each_real_document(path):
    assert_partition(read_raw(path))


LINE_PIECES = st.sampled_from([
    "The brigade moved two companies to the northern base on Tuesday, officials said.",
    "Advertisement", "Read also: another story", "Notify of", "12 Comments", "John Smith",
    "  • Jane Doe", "    a reply that is indented under the bullet.", "• a list item of the body;",
    "BTC: 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "2,500 $", "JULY 2020", "HomeNewsWorld",
    "FILE PHOTO: a tank. REUTERS/Some Body", "", " ", "\t", "\u00a0", "\u200b", "Ã©tÃ© mojibake",
])
SEPARATORS = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\u2028", "\x0c", "\x85", " "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(LINE_PIECES, st.text(max_size=40)), SEPARATORS), max_size=30))
def test_blocks_partition_the_non_whitespace_of_generated_documents(parts):
    assert_partition("".join(piece + sep for piece, sep in parts))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_blocks_partition_arbitrary_text(raw):
    assert_partition(raw)
