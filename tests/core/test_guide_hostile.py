"""Guide text that made the guide reader's regular expressions take forever (issue 16).

`_LINK_ONLY` nested `\\S+` inside `(...)+`: a 290-byte line of repeated `http://` took
time exponential in its length (hours at 40 repeats). `_LINK` and `_IMAGE` tried every `[`
as the start of a link: a megabyte of brackets took hours. Each now reads in milliseconds.
"""

from __future__ import annotations

import faulthandler
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from trainer.core.guide_reader import propose_cards

HANG = 30  # seconds; each took from minutes to hours before, milliseconds now


@contextmanager
def hang_guard() -> Iterator[None]:
    """A regular expression cannot be interrupted: a hang ends the whole run, loudly."""
    faulthandler.dump_traceback_later(HANG, exit=True)
    started = time.monotonic()
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert time.monotonic() - started < HANG


HOSTILE = {
    "repeated links without spaces": "http://" * 40 + " !\n",
    "repeated bracketed links": "[a](b)" * 40 + "[\n",
    "a megabyte of brackets": "[" * 500_000 + "]" * 500_000,
    "images without an end": "![" * 300_000,
    "a list item of brackets": "- Q: " + "[" * 200_000 + "]\n  A: answer\n",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_guide_text_reads_quickly(text: str) -> None:
    with hang_guard():
        propose_cards(text)


def test_links_and_images_read_as_before() -> None:
    guide = (
        "# Pricing\n\n"
        "- **Mistake:** cutting prices [before testing](https://example.com) ![x](y.png)\n"
        "- **Fix:** test one segment first\n\n"
        "[Related](https://a.example) [reading](https://b.example)\n"
    )
    text = " ".join(proposal.front + proposal.back for proposal in propose_cards(guide))
    assert "cutting prices before testing" in text
    assert "https" not in text and "y.png" not in text
