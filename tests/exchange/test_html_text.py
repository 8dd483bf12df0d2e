"""Anki's HTML to Keeper's Markdown and back."""

from __future__ import annotations

import pytest

from trainer.content.builtin_decks import load_builtin_decks
from trainer.exchange.html_text import html_to_markdown, html_to_markdown_counting, markdown_to_html


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
