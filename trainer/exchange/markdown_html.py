"""Keeper's Markdown as HTML for Anki: the small Markdown cards use (paragraphs, lists, quotes,
bold, italics, code), text escaped, so Anki shows a card as Keeper does. `html_text` reads it
back; control characters are written as references (`&#31;`) that it reads back exactly.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

_BULLET = re.compile(r"^[-*+] (.*)$")
_NUMBER = re.compile(r"^\d{1,9}[.)] (.*)$")
_QUOTE_MARKS = re.compile(r"(?:> ?)*")


_LINE_END = re.compile(r"\r*\n")


def markdown_to_html(text: str) -> str:
    """Keeper Markdown (paragraphs, lists, quotes, bold, italics, code) as HTML for Anki."""
    parts: list[str] = []
    depth = 0
    run: list[str] = []  # the lines of one quote depth, quote marks taken off
    # Quotes open and close as the depth changes from line to line, without recursion: 1,200
    # nested `>` once went past Python's recursion limit.
    lines = _LINE_END.split(text)  # "\r\r\n" is one line end, or the next trip differs
    for level, line in _quote_levels(lines):
        if level != depth:
            parts.append(_blocks(run))
            run = []
            parts.append("<blockquote>" * (level - depth) + "</blockquote>" * (depth - level))
            depth = level
        run.append(line)
    parts.append(_blocks(run) + "</blockquote>" * depth)
    return "".join(parts)


def _quote_levels(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Each line's quote depth and text: `> > a` is (2, "a"). One match per line, not one
    per `>` (each copied the rest of the line: quadratic time)."""
    for line in lines:
        marks = _QUOTE_MARKS.match(line)
        assert marks is not None  # the pattern matches "" at least
        yield marks.group().count(">"), line[marks.end() :]


def _blocks(lines: list[str]) -> str:
    """Paragraphs and lists; a line of spaces alone ends a paragraph."""
    blocks: list[str] = []
    paragraph: list[str] = []
    index = 0

    def flush() -> None:
        if paragraph:
            blocks.append("<p>" + "<br>".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    while index < len(lines):
        line = lines[index]
        if not line.strip(" "):
            flush()
            index += 1
            continue
        for pattern, tag in ((_BULLET, "ul"), (_NUMBER, "ol")):
            if pattern.match(line):
                flush()
                items = []
                while index < len(lines) and (match := pattern.match(lines[index])):
                    items.append(f"<li>{_inline(match.group(1))}</li>")
                    index += 1
                blocks.append(f"<{tag}>{''.join(items)}</{tag}>")
                break
        else:
            paragraph.append(line)
            index += 1
    flush()
    return "".join(blocks)


_CODE = re.compile(r"`([^`]+)`")
_CODE_MARK = "\ud802"  # around a code span's number while bold and italics are found
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_BOLD_END = re.compile(r"(?<=\S)(?=\*\*)")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])")
_ITALIC_END = re.compile(r"(?<=\S)(?=\*(?![*\w]))")
# C0 controls but the line break, and DEL: raw, U+001F splits Anki's fields and Anki deletes
# the others when it imports the package.
_RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")


def _inline(text: str) -> str:
    # `[sound:` as written in a card is text: Anki (and Keeper's import) would play it.
    escaped = html.escape(text, quote=False).replace("[sound:", "&#91;sound:")
    if not escaped.isprintable():
        escaped = _RAW_CONTROL.sub(lambda m: f"&#{ord(m.group())};", escaped)
    codes: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        codes.append(f"<code>{match.group(1)}</code>")
        return f"{_CODE_MARK}{len(codes) - 1}{_CODE_MARK}"

    escaped = _CODE.sub(keep_code, escaped)
    escaped = _marked(_BOLD, _BOLD_END, 2, r"<b>\1</b>", escaped)
    escaped = _marked(_ITALIC, _ITALIC_END, 1, r"<i>\1</i>", escaped)
    if "](" in escaped or "sound:" in escaped:
        escaped = _store_media(escaped)
    if not codes:
        return escaped
    return re.sub(f"{_CODE_MARK}(\\d+){_CODE_MARK}", lambda m: codes[int(m.group(1))], escaped)


# References to media store files (core/media.py), as Anki shows and plays them; the file
# itself travels in the package under the same name.
_STORE_NAME = r"([0-9a-f]{64}\.[a-z0-9]{2,4})"
_STORE_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\(" + _STORE_NAME + r"\)")
_STORE_SOUND = re.compile(r"&#91;sound:" + _STORE_NAME + r"\]")


def _store_media(escaped: str) -> str:
    escaped = _STORE_SOUND.sub(lambda m: f"[sound:{m.group(1)}]", escaped)

    def image(match: re.Match[str]) -> str:
        alt = match.group(1).replace('"', "&quot;")
        return f'<img src="{match.group(2)}" alt="{alt}">'

    return _STORE_IMAGE.sub(image, escaped)


def _marked(pattern: re.Pattern[str], end: re.Pattern[str], size: int, into: str, text: str) -> str:
    """`pattern` replaced, searched only up to its last possible closing mark: from each
    opening mark with no close after it the lazy search would run to the end (30,000
    `**a ` took a minute: quadratic time)."""
    last = max((match.start() for match in end.finditer(text)), default=-1)
    if last < 0:
        return text
    last += size
    return pattern.sub(into, text[:last]) + text[last:]
