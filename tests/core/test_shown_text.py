"""The browser's one-line text (and the sort key built on it) takes a shortcut for a front
of one line; it must give what the line-by-line walk gives, for any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core import browse

PIECES = st.sampled_from(
    list("ab #>-*+_`.)\t ") + ["1", "٣", "²", "\n", "\r", "\v", "\f", "\x1c", "\x85", "\u2028",
    "\u2029", "\u3000", "\xa0", "é", "**", "__", "## ", "> ", "- ", "3. ", "٣) "]
)  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_the_one_line_shortcut_shows_what_the_walk_shows(text: str) -> None:
    assert browse._shown(text) == browse._shown_lines(text)


def test_marks_and_emphasis_go_from_one_line() -> None:
    assert browse.one_line("## **Bold** and `code`") == "Bold and code"
    assert browse.one_line("٣. item") == "item"  # any decimal digit numbers a list
    assert browse.front_sort_key("  > - **Élan**  vital ") == "elan vital"
