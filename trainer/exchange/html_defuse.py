"""HTML that html.parser reads in linear time: each `<` it could never close written
`&lt;` (html_text's converter feeds the parser through `defused`).
"""

from __future__ import annotations

import re

# html.parser looks to the end of the text for the close of each unclosed tag, comment or
# marked section before giving up on it (20,000 `<a ` took half a minute: quadratic time),
# and `<![x` raises AssertionError. Such a `<` ends up as text anyway; `defused` writes it
# `&lt;` so the parser reads it as text at once. Well-formed HTML is left as it is.
_COMMENT_END = re.compile(r"--\s*>")
_SECTION_END = re.compile(r"\]\s*>")  # <![if !supportLists]> ... from Word
_CDATA_END = re.compile(r"\]\s*\]\s*>")  # <![CDATA[ ... ]]>
_SECTION = re.compile(
    r"<!\[(?:(temp|cdata|ignore|include|rcdata)|if|else|endif)(?![-_.a-zA-Z0-9])", re.I
)


def defused(text: str) -> str:
    """The text with `&lt;` for each `<` html.parser could never close (linear time)."""
    if "<" not in text:
        return text
    last_tag = text.rfind(">")
    last_comment = last_section = last_cdata = -1  # only read after a `<!`
    if "<!" in text:
        last_comment, last_section, last_cdata = (
            max((match.start() for match in pattern.finditer(text)), default=-1)
            for pattern in (_COMMENT_END, _SECTION_END, _CDATA_END)
        )
    parts = []
    done = 0
    at = text.find("<")
    while at >= 0:
        if at >= last_tag:
            closes = False
        elif text.startswith("<!--", at):
            closes = last_comment >= at + 4
        elif text.startswith("<![", at):
            section = _SECTION.match(text, at)
            closes = section is not None and (
                (last_cdata if section.group(1) else last_section) >= at + 3
            )
        else:
            closes = True
        if closes:
            at = text.find("<", at + 1)
            continue
        end = text.find(">", at)  # the parser would take the text up to there as text
        end = len(text) if end < 0 else end + 1
        parts.append(text[done:at] + text[at:end].replace("<", "&lt;"))
        done = end
        at = text.find("<", end)
    return "".join(parts) + text[done:] if parts else text
