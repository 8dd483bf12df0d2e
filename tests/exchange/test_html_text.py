"""Anki's HTML to Keeper's Markdown and back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.content.builtin_decks import load_builtin_decks
from trainer.exchange.html_text import (
    _SIMPLE_FIELD,
    _SOUND,
    _converted,
    _plain_body,
    html_to_markdown,
    html_to_markdown_counting,
)
from trainer.exchange.markdown_html import markdown_to_html


@pytest.mark.parametrize(
    "html, markdown",
    [
        ("caf&eacute; &amp; cr&egrave;me &lt;b&gt; &#x1F600;", "café & crème <b> 😀"),
        ("<b>bold</b>, <i>italic</i>, <code>x = 1</code>", "**bold**, *italic*, `x = 1`"),
        ("<b>Bold </b>text", "**Bold** text"),
        ("<div>one</div><div>two</div>", "one\ntwo"),
        ("<div>one</div><div><br></div><div>three</div>", "one\n\nthree"),
        ("a<br>b<br><br>c", "a\nb\n\nc"),
        ("<p>para</p><ul><li>x</li><li>y</li></ul><ol><li>first</li></ol>",
         "para\n\n- x\n- y\n\n1. first"),
        ("<blockquote>quoted</blockquote>after", "> quoted\n\nafter"),
        ("<a href='https://example.com'>site</a>", "site (https://example.com)"),
        ("x&nbsp;&nbsp;y\n  z", "x y z"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a | b"),
    ],
)  # fmt: skip
def test_html_becomes_markdown(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


def test_nothing_that_loads_or_runs_survives() -> None:
    html = (
        "<script>alert(1)</script><style>p{}</style><iframe src='https://x'></iframe>"
        "Text<img src='https://tracker.example/p.png'>[sound:hello.mp3]"
        "<video src='v.mp4'></video>"
    )
    text, media = html_to_markdown_counting(html)
    assert text == "Text"
    assert media == 3  # the image, the sound and the video


def test_markdown_becomes_escaped_html() -> None:
    assert markdown_to_html("a < b & **c**\n\n- one\n- *two*\n\n> q") == (
        "<p>a &lt; b &amp; <b>c</b></p><ul><li>one</li><li><i>two</i></li></ul>"
        "<blockquote><p>q</p></blockquote>"
    )


def test_every_built_in_card_survives_the_round_trip() -> None:
    for deck in load_builtin_decks():
        for card in deck.cards:
            for text in (card.front, card.back, card.source):
                assert html_to_markdown(markdown_to_html(text)) == text


# Plain text, alone or in one <p>, skips the parser; anything near it must not.
_NEAR_PLAIN = st.text(
    alphabet=st.sampled_from(
        list("ab >[]*_`#-\t\r\n\f\v\xa0\u2003\u2028&;<p/") + ["\ue000", "\ud800"]
    ),
    max_size=40,
)


@settings(max_examples=500)
@given(inner=_NEAR_PLAIN, opening=st.sampled_from(["", "<p>", "<P>", "<div>"]),
       closing=st.sampled_from(["", "</p>", "</div>"]), sound=st.booleans())  # fmt: skip
def test_the_short_way_for_plain_fields_says_what_the_parser_says(
    inner: str, opening: str, closing: str, sound: bool
) -> None:
    field = opening + inner + ("[sound:a.mp3]" if sound else "") + closing
    assert html_to_markdown_counting(field) == _converted_by_the_parser(field)


# The short way's edges: a paragraph mark alone, at one end, twice, broken, in capitals.
_PLAIN_EDGES = ["", "<p>", "</p>", "<p></p>", "<p>a</p>", "a</p>", "<p>a", "<p>a</p></p>",
                "<p><p>a</p>", "<p>/p>", "<p>a</p> ", " <p>a</p>", "<P>a</P>", "a & b",
                "<p>a &amp; b</p>", "a < b", "caf\xe9", "<p>caf\xe9</p>", "<p>\ud800</p>",
                "a\xa0 b", "<p>\u3000a</p>",
                # ASCII, taken in one step: block marks at either end, spaces around them
                " - a ", "<p> > b</p>", "1. c", "<p>-</p>", "# ", " 12) d", "*",
                "a [sound:"]  # fmt: skip


@pytest.mark.parametrize("field", _PLAIN_EDGES)
def test_the_short_ways_edges_say_what_the_parser_says(field: str) -> None:
    assert html_to_markdown_counting(field) == _converted_by_the_parser(field)


@settings(max_examples=500)
@given(field=st.lists(st.sampled_from(["<p>", "</p>", "<", ">", "&", "p", "/", "a", " ", "\xe9",
                                       "\ud800"]), max_size=8).map("".join))  # fmt: skip
def test_the_short_way_takes_the_text_the_simple_field_pattern_takes(field: str) -> None:
    simple = _SIMPLE_FIELD.fullmatch(field)
    assert _plain_body(field) == (None if simple is None else simple.group(1))
    assert html_to_markdown_counting(field) == _converted_by_the_parser(field)


# Plain text of any script with white space of every kind between its words: the short way
# folds it without the regex when it can (most fields), and must fold it as the parser does.
_NOT_PLAIN = "<&\ud800\ud801"
_PLAIN = st.lists(
    st.one_of(
        st.text(st.characters(whitelist_categories=["L", "M", "N", "P", "S"],
                              blacklist_characters=_NOT_PLAIN), max_size=6),
        st.sampled_from([" ", "  ", "   ", "\t", "\n", "\r\n", "\r", "\f", "\v", "\xa0",
                         "\x85", "\u1680", "\u2003", "\u2028", "\u200b", "\u3000"]),
        st.characters(blacklist_characters=_NOT_PLAIN),  # controls, unassigned, ...
    ),
    max_size=12,
).map("".join)  # fmt: skip


@settings(max_examples=1000)
@given(inner=_PLAIN, opening=st.sampled_from(["", "<p>"]), closing=st.sampled_from(["", "</p>"]))
def test_plain_text_of_any_script_is_folded_as_the_parser_folds_it(
    inner: str, opening: str, closing: str
) -> None:
    field = opening + inner + closing
    assert html_to_markdown_counting(field) == _converted_by_the_parser(field)


# Any field, made of pieces in any order: text of any script, white space, tags, entities,
# sound tags whole and broken, the converter's own marks.
_PIECES = st.one_of(
    st.text(max_size=8),
    st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\f", "\v", "\xa0", "\u2003", "\u2028"]),
    st.sampled_from(["<p>", "</p>", "<b>", "</b>", "<br>", "<div>", "<", ">", "&", "&amp;",
                     "&nbsp;", "&#x1F600;", "[sound:a.mp3]", "[sound:", "]", "\ue000", "\ud800",
                     "&#31;", "&#0;"]),
)  # fmt: skip


@settings(max_examples=1000)
@given(field=st.lists(_PIECES, max_size=12).map("".join))
def test_any_field_says_what_the_parser_says(field: str) -> None:
    assert html_to_markdown_counting(field) == _converted_by_the_parser(field)


def _converted_by_the_parser(field: str) -> tuple[str, int]:
    """The whole converter's answer, sound tags taken out and counted as the importer does."""
    markdown, media = _converted(_SOUND.sub("", field))
    return markdown, media + len(_SOUND.findall(field))
