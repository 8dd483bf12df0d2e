"""Card text from Anki's HTML to Keeper's Markdown (`markdown_html` goes the other way).

`html_to_markdown` keeps what carries meaning (paragraphs, line breaks, bold, italics, code,
lists, quotes, link targets), decodes entities, and drops everything that could load or run
something: images, sounds, scripts, styles, frames. A sound naming a media store file
(`[sound:<sha256>.mp3]`, as `anki_media` rewrites them) is kept as Keeper's own reference.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from trainer.core.media import is_image, is_media_name
from trainer.core.storable_text import LONE_SURROGATE
from trainer.exchange.html_defuse import defused

_DROP_WITH_CONTENT = {"script", "style", "head", "title", "iframe", "object", "svg", "math"}
_LINE_BLOCKS = {"div", "tr", "dt", "dd", "section", "article", "header", "footer", "center"}
_PARAGRAPH_BLOCKS = {"p", "ul", "ol", "blockquote", "pre", "table", "dl", "h1", "h2", "h3",
                     "h4", "h5", "h6", "hr"}  # fmt: skip
_MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`"}
_SOUND = re.compile(r"\[sound:[^\[\]]*\]")  # not [^\]]*: 20,000 `[sound:` took seconds
_MEDIA_TAGS = {"img", "audio", "video", "source", "embed", "object", "iframe", "picture"}


# Marks the converter puts into the text it builds: lone surrogates, which no decoded text
# holds (`_converted` replaces any in its input), so a card's own characters never pass for
# them. `_OPEN`, `_CLOSE` surround **, *, ` until the text is done; a control character
# written as a reference (`&#31;`) is held as `_HELD + code` so white space folding passes it.
_OPEN, _CLOSE = "\ud800", "\ud801"
# Quotes and lists nested deeper show at this depth: each line repeats its depth's marks, so
# 3,000 nested quotes made each of 3,000 short lines 6,000 characters long.
DEEPEST = 20
_HELD = 0xDC00


class _Line:
    """A line being built, in parts: adding to one string copied it each time (a field of
    100,000 tags on one line took most of a minute)."""

    __slots__ = ("depth", "prefix", "parts", "pre", "visible")

    def __init__(self, depth: int, prefix: str, pre: bool) -> None:
        self.depth = depth
        self.prefix = prefix
        self.parts: list[str] = []
        self.pre = pre
        self.visible = False  # holds something but white space

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.visible = self.visible or not text.isspace()

    def ends_with(self, tail: str) -> bool:
        end: list[str] = []
        size = 0
        for part in reversed(self.parts):
            if size >= len(tail):
                break
            end.append(part)
            size += len(part)
        return "".join(reversed(end)).endswith(tail)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done: list[_Line] = []
        self.line: _Line | None = None
        self.owed = 0  # breaks owed before the next text: 1 new line, 2 blank line
        self.quote = 0
        self.lists: list[list[int]] = []  # open lists: [next number] when ordered, [] bullets
        self.item_start = False
        self.skip = 0
        self.pre = 0
        self.media = 0
        self.links: list[str | None] = []

    # output ----------------------------------------------------------------------------

    def _text(self, text: str) -> None:
        if not text:
            return
        if self.owed or self.item_start:
            self._end_line()
        if self.owed == 2 and self.done and self.done[-1].parts:
            blank = _Line(min(self.done[-1].depth, self.quote), "", False)
            self.done.append(blank)
        self.owed = 0
        if self.line is None:
            if not self.pre and not text.strip():
                return
            self.line = _Line(self.quote, self._prefix(), bool(self.pre))
        self.line.add(text)

    def _prefix(self) -> str:
        outer = self.lists[max(0, len(self.lists) - DEEPEST) : -1]
        indent = "".join("   " if level else "  " for level in outer)
        if not self.lists:
            return ""
        if not self.item_start:
            return indent + ("   " if self.lists[-1] else "  ")
        self.item_start = False
        if self.lists[-1]:
            self.lists[-1][0] += 1
            return f"{indent}{self.lists[-1][0] - 1}. "
        return indent + "- "

    def _end_line(self) -> None:
        if self.line is not None:
            self.done.append(self.line)
            self.line = None

    def _hard_break(self) -> None:
        if self.owed and self.line is not None:
            self._end_line()  # the block that just closed ended that line; <br> adds one
        if self.line is None:
            if self.owed == 2 and self.done and self.done[-1].parts:
                self.done.append(_Line(min(self.done[-1].depth, self.quote), "", False))
            self.line = _Line(self.quote, self._prefix() if self.lists else "", bool(self.pre))
        self._end_line()
        self.owed = 0

    def _owe(self, level: int) -> None:
        self.owed = max(self.owed, level)

    def render(self) -> str:
        self._end_line()
        out = []
        for line in self.done:
            text = line.text if line.pre else line.text.strip(" ")
            depth = min(line.depth, DEEPEST)
            quote = (">" + " >" * (depth - 1)) if depth else ""
            if text:
                out.append(f"{quote}{' ' if quote else ''}{line.prefix}{text}".rstrip())
            else:
                out.append(quote)
        return "\n".join(out)

    # parser callbacks ------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip or tag in _DROP_WITH_CONTENT:
            self.skip += tag in _DROP_WITH_CONTENT
            return
        if tag in _MEDIA_TAGS:
            self.media += 1
        elif tag == "br":
            self._hard_break()
        elif tag in ("ul", "ol"):
            self._owe(1 if self.lists else 2)
            self.lists.append([1] if tag == "ol" else [])
        elif tag == "li":
            self._owe(1)
            self.item_start = True
        elif tag == "blockquote":
            self._owe(2)
            self.quote += 1
        elif tag == "pre":
            self._owe(2)
            self.pre += 1
        elif tag in _PARAGRAPH_BLOCKS:
            self._owe(2)
        elif tag in _LINE_BLOCKS:
            self._owe(1)
        elif tag in ("td", "th"):
            if self.line is not None and self.line.visible and not self.owed:
                self._text(" | ")
        elif tag in _MARKS:
            self._text(_OPEN + _MARKS[tag])
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= tag in _DROP_WITH_CONTENT
            return
        if tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._owe(1 if self.lists else 2)
            self.item_start = False
        elif tag == "li":
            self.item_start = False
            self._owe(1)
        elif tag == "blockquote":
            self._owe(2)
            self._end_line()
            self.quote = max(0, self.quote - 1)
        elif tag == "pre":
            self._owe(2)
            self._end_line()
            self.pre = max(0, self.pre - 1)
        elif tag in _PARAGRAPH_BLOCKS:
            self._owe(2)
        elif tag in _LINE_BLOCKS:
            self._owe(1)
        elif tag in _MARKS:
            if self.line is not None:
                self.line.add(_CLOSE + _MARKS[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href and href.startswith(("http://", "https://")):
                shown = self.line is not None and self.line.ends_with(href)
                if not shown:
                    self._text(f" ({href})")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_WITH_CONTENT:
            return  # <iframe/>: nothing inside to drop
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", *_MEDIA_TAGS):
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre:
            for number, part in enumerate(data.split("\n")):
                if number:
                    self._hard_break()
                self._text(part)
            return
        at_start = self.line is None or not self.line.visible
        text = _SPACE.sub(" ", _no_break_spaces(data, at_start))
        if self.line is not None and self.line.ends_with(" ") and text.startswith(" "):
            text = text[1:]
        self._text(text)


_SPACE = re.compile(r"[ \t\r\n\f]+")
# What starts a quote, list or heading at the start of a line. A no-break space around such
# a mark ("+\xa00", "\xa0>") is kept, and a space HTML does not fold (U+3000) is not taken
# from before it: as a plain space, or none, it would make the text Markdown syntax.
_BLOCK_MARK = r"(?:>|(?:[-+*]|#{1,6}|\d{1,9}[.)])(?=[ \t\xa0]|$))"
_BLOCK_START = re.compile(_BLOCK_MARK)
_MARK_THEN_NBSP = re.compile(rf"[ \t\r\n\f]*{_BLOCK_MARK}\xa0")
_NBSP_BEFORE_MARK = re.compile(rf"[ \t\r\n\f]*\xa0+(?={_BLOCK_MARK})")
_HTML_SPACE = " \t\r\n\f"
# Text alone, or in one <p>: the converter would only fold its white space (checked against
# the converter by tests/exchange/test_html_text.py).
_SIMPLE_FIELD = re.compile("(?:<p>)?([^<&\ud800-\udfff]*)(?:</p>)?")  # surrogates: see `_OPEN`
_BLANK_RUN = re.compile(r"\n(?:>? *\n){2,}")
_EMPTY_MARK = re.compile(_OPEN + r"([*`]+)" + _CLOSE + r"\1")
_SPACE_AFTER_OPEN = re.compile(_OPEN + r"([*`]+)( +)")
# From the start of a run of spaces only: `( +)` alone tries every space of a long run
# (20,000 spaces in a <pre> took seconds: quadratic time).
_SPACE_BEFORE_CLOSE = re.compile(r"(?<! )( +)" + _CLOSE + r"([*`]+)")


def html_to_markdown(text: str) -> str:
    """Anki field HTML as Keeper Markdown; see `html_to_markdown_counting` for media."""
    return html_to_markdown_counting(text)[0]


def html_to_markdown_counting(text: str) -> tuple[str, int]:
    """The Markdown text and how many images, sounds and videos were dropped."""
    if text.isascii() and "[sound:" not in text:
        # Most fields, in one call: `_plain_body`, `_folded` and `_trimmed` written out for
        # ASCII, where printable text has no white space but the plain space, so there is
        # nothing to fold and `strip` is the trim (a third of the text's time was calls).
        body = text[3:] if text.startswith("<p>") else text
        body = body[:-4] if body.endswith("</p>") else body
        if "<" not in body and "&" not in body and body.isprintable() and "  " not in body:
            return body.strip(), 0
    sounds = 0
    if "[sound:" in text:
        found = _SOUND.findall(text)
        sounds = sum(not _is_kept_sound(sound) for sound in found)
        text = _SOUND.sub(lambda m: m.group() if _is_kept_sound(m.group()) else "", text)
    plain = _plain_body(text)
    if plain is not None:  # most fields: no tag but one paragraph's, no entity
        return _folded(plain), sounds
    markdown, media = _converted(text)
    return markdown, media + sounds


def _plain_body(text: str) -> str | None:
    """What `_SIMPLE_FIELD` takes from the text, None where it does not match. ASCII text
    (most fields; it has no surrogate) is looked at with `in`, not the regex: the regex
    cost 8 microseconds a field of 2.8 KB, a tenth of reading an .apkg."""
    if not text.isascii():
        simple = _SIMPLE_FIELD.fullmatch(text)
        return None if simple is None else simple.group(1)
    body = text[3:] if text.startswith("<p>") else text
    body = body[:-4] if body.endswith("</p>") else body
    return None if "<" in body or "&" in body else body


def _is_kept_sound(reference: str) -> bool:
    """`[sound:NAME]` naming a media store file (see anki_media): kept as Keeper's sound."""
    return is_media_name(reference[7:-1]) and not is_image(reference[7:-1])


def _trimmed(text: str) -> str:
    """White space off both ends; but where taking a space HTML does not fold (U+3000,
    U+0085) would bare a list, quote or heading mark, the text keeps its own start."""
    trimmed = text.strip()
    if trimmed and _BLOCK_START.match(trimmed):
        own_start = text.lstrip(_HTML_SPACE)
        if not _BLOCK_START.match(own_start):
            return own_start.rstrip()
    return trimmed


def _no_break_spaces(text: str, at_line_start: bool) -> str:
    """Each no-break space a plain one (Anki writes `&nbsp;` for spacing), but one after a
    marker at the start of a line."""
    if "\xa0" not in text:
        return text
    marker = None
    if at_line_start:
        marker = _NBSP_BEFORE_MARK.match(text) or _MARK_THEN_NBSP.match(text)
    if marker is None:
        return text.replace("\xa0", " ")
    return text[: marker.end()] + text[marker.end() :].replace("\xa0", " ")


def _folded(text: str) -> str:
    """Plain text as the converter shows it: each run of white space (with no-break spaces)
    one space, none at either end."""
    if text.isprintable() and "  " not in text:
        # Most fields. Tabs, line breaks and `\xa0` are not printable, so there is nothing to
        # fold, and the regex would cost 8 times these two scans (a fifth of the .apkg read).
        return _trimmed(text)
    return _trimmed(_SPACE.sub(" ", _no_break_spaces(text, True)))


def _converted(text: str) -> tuple[str, int]:
    """The whole converter's Markdown for `text` (sound tags taken out) and media dropped."""
    text = LONE_SURROGATE.sub("\ufffd", text)
    if "&#" in text:
        text = _CONTROL_REFERENCE.sub(_held, text)
    converter = _Converter()
    converter.feed(defused(text))
    converter.close()
    result = converter.render()
    if _OPEN in result or _CLOSE in result:  # else these passes could change nothing
        for _ in range(2):  # nested marks: <b><i></i></b>
            result = _EMPTY_MARK.sub("", result)
        result = _SPACE_AFTER_OPEN.sub(lambda m: m.group(2) + _OPEN + m.group(1), result)
        result = _SPACE_BEFORE_CLOSE.sub(lambda m: _CLOSE + m.group(2) + m.group(1), result)
        result = result.replace(_OPEN, "").replace(_CLOSE, "")
    # A CR left at a line's end would join the line end on the next trip ("\r*\n" is one).
    result = "\n".join(_line_tail_cut(line) for line in result.split("\n"))
    result = _BLANK_RUN.sub("\n\n", result)
    return _trimmed(result.strip("\n")).translate(_RELEASE), converter.media


# A C0 control character (but the line break) or DEL written as a reference: Keeper's exporter
# writes them so, since U+001F splits an Anki note's fields and Anki deletes the others. The
# HTML standard reads `&#31;` as U+001F; Python's html.unescape drops it, folds `&#9;`.
_CONTROL_REFERENCE = re.compile(r"&#(?:0*([0-9]{1,3})|[xX]0*([0-9a-fA-F]{1,2}));")
_RELEASE = {_HELD + code: code for code in (*range(32), 127)}
_HELD_CR = chr(_HELD + 13)


def _line_tail_cut(line: str) -> str:
    """The line without the white space and held CRs at its end (rstrip: a `\\s+$` regex
    is quadratic on a long run of spaces inside a line)."""
    line = line.rstrip()
    while line.endswith(_HELD_CR):
        line = line.rstrip(_HELD_CR).rstrip()
    return line


def _held(match: re.Match[str]) -> str:
    decimal, hexadecimal = match.groups()
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    return chr(_HELD + code) if _HELD + code in _RELEASE and code != 10 else match.group()
