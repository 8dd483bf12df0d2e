"""A guide's text as blocks and sections: the structure `guide_reader` turns into cards.

Reads plain text and Markdown alike: headings are `#` lines, bold-only lines, or (in a
text with no `#` heading) short one-sentence lines standing alone; list items are bullet,
numbered and task-list lines; a line opening with a label ("BAD:", "Q:", "Don't:") starts
a block of its own so pairs written without blank lines still come apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

WEAK_LABELS = frozenset({"bad", "weak", "wrong", "don't", "dont", "do not", "avoid", "❌", "✗"})
STRONG_LABELS = frozenset({"good", "strong", "better", "right", "do", "instead", "✅", "✓"})
QUESTION_LABELS = frozenset({"q", "question"})
ANSWER_LABELS = frozenset({"a", "answer"})
_LABEL_WORDS = (
    r"bad|good|weak|strong|wrong|better|right|don['’]t|dont|do not|do|avoid|instead"
    r"|q|question|a|answer"
)
_LABEL = re.compile(
    rf"^(?:\*\*|__)?(?P<label>{_LABEL_WORDS})(?:\s+(?:answer|example|version|say))?"
    r"(?:\*\*|__)?\s*(?::|\s-\s|\s?[—–])\s*(?:\*\*|__)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_QA_DOT_LABEL = re.compile(r"^(?:\*\*|__)?(?P<label>[QA])\.(?:\*\*|__)?\s+(?P<rest>.+)$")
_EMOJI_LABEL = re.compile(r"^(?P<label>[❌✗✅✓])\uFE0F?\s*(?P<rest>.*)$")
_BARE_LABEL = re.compile(rf"^(?:\*\*|__)?(?P<label>{_LABEL_WORDS})(?:\*\*|__|:)*$", re.I)

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_].*?)(?:\*\*|__)\s*:?\s*$")
_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+•▪◦●‣]|\d{1,3}[.)])\s+(?P<rest>.*)$")
_TASK = re.compile(r"^\[(?P<mark>[ xX])\]\s+(?P<rest>.*)$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“(]?[A-Z0-9])")

_BOILERPLATE = re.compile(
    r"^(?:related (?:reading|articles|posts|resources|guides)|further reading|read (?:more|next)"
    r"|you (?:may|might) also like|more from\b|about the author|share (?:this|on)\b"
    r"|join\b|sign up\b|subscribe\b|buy\b|download\b|click here|follow (?:us|me)\b"
    r"|get (?:the|my|our|your) (?:full|free|copy)|grab your|book a (?:call|demo|session)"
    r"|start your free|ready to\b.*\?$|learn more\b)"
    r"|available on (?:amazon|kindle)|\bkindle edition\b|newsletter|[→»]\s*$",
    re.IGNORECASE,
)
# Lines a web page or a PDF adds around the guide: running heads with a page number, bare
# page numbers, "6 min read" bylines, breadcrumbs and rows of share or menu links.
_FURNITURE = re.compile(
    r"^(?:.*\S\s{3,}(?:page\s+)?\d{1,4}|(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?"
    r"|.*\b\d{1,3}\s*min(?:ute)?s?\s+read|[^.!?]*›[^.!?]*›[^.!?]*"
    r"|(?:(?:share|tweet|email|print|menu|search|sign in|log in)\s*){2,})$",
    re.IGNORECASE,
)
# Possessive quantifiers (`*+`, `++`) never give back: nested in `(...)+`, a plain `\S+`
# tried every way to split "http://http://..." into links, in time exponential in its
# length. Link text holds no `[`, so a run of brackets fails at once from each of them.
_LINK_ONLY = re.compile(r"^(?:\s*+(?:\[[^\]]*+\]\([^)]*+\)|<?https?://\S++)\s*+[,|]?)+$")
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\[\]]+)\]\([^)]*\)")


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph or one list item, with its 1-based inclusive line range.

    `text` is the content with list/heading markers and any label removed; `label` is the
    lower-cased label word ("bad", "q", "don't") or empty; `lines` keeps each content line.
    """

    kind: BlockKind
    text: str
    first: int
    last: int
    lines: tuple[str, ...] = ()
    level: int = 0
    marker: str = ""  # "bullet", "number" or "task" for items
    label: str = ""


@dataclass(frozen=True)
class Section:
    """A heading (None before the first one), the headings above it, and what follows it."""

    heading: Block | None
    ancestors: tuple[Block, ...]
    body: tuple[Block, ...]


def clean_inline(text: str) -> str:
    """Drop images and bare link lines, keep link text without its address, squeeze spaces."""
    if _LINK_ONLY.match(text.strip()):
        return ""
    text = _LINK.sub(r"\1", _IMAGE.sub("", text))
    return re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", text).strip()


def strip_emphasis(text: str) -> str:
    """`**Term**` or `__Term__` -> `Term` when the markers wrap the whole text."""
    match = re.fullmatch(r"(\*\*|__)(.+?)\1", text.strip())
    return match.group(2).strip() if match else text.strip()


def is_boilerplate(text: str) -> bool:
    """True for calls to buy, sign-up prompts, related-reading lists and bare links."""
    plain = strip_emphasis(clean_inline(text)) if text.strip() else ""
    return bool(_LINK_ONLY.match(text.strip())) or bool(plain and _BOILERPLATE.search(plain))


def unquote(text: str) -> str:
    """The words inside one pair of quotes wrapping the whole text, else the text."""
    text = text.strip()
    for opening, closing in (('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’")):
        inner = text[1:-1]
        wrapped = len(text) > 2 and text[0] == opening and text[-1] == closing
        if wrapped and opening not in inner and closing not in inner:
            return inner.strip()
    return text


def split_sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_BREAK.split(text.strip()) if part]


def drop_boilerplate_sentences(text: str) -> str:
    """The text without sentences that are only prompts ("Join the royal class...")."""
    kept = [s for s in split_sentences(text) if not is_boilerplate(s)]
    return " ".join(kept)


def split_label(text: str) -> tuple[str, str]:
    """("bad", rest) for "BAD: rest"; ("", text) when the text opens with no label."""
    match = _LABEL.match(text) or _QA_DOT_LABEL.match(text) or _EMOJI_LABEL.match(text)
    if not match:
        return "", text
    label = match.group("label").lower().replace("’", "'")
    rest = match.group("rest").strip()
    if rest.endswith(("**", "__")) and rest.count(rest[-2:]) == 1:
        rest = rest[:-2].rstrip()
    return label, rest


def bare_label(text: str) -> str:
    """The label of a line that is nothing but a label ("Don't:", "**Do**"), else ""."""
    match = _BARE_LABEL.match(text.strip())
    return match.group("label").lower().replace("’", "'") if match else ""


def _looks_like_plain_heading(text: str) -> bool:
    words = text.split()
    if not words or text.endswith((":", ",", ";")) or _ITEM.match(text):
        return False
    named = re.match(r"([^:]+):\s+\S", text)
    # "Term: explanation" is content; "Part 2: The case round" is a numbered title.
    numbered = named and re.fullmatch(r"[A-Za-z]+\s+(?:\d{1,3}|[IVX]{1,4})", named.group(1))
    if named and (text.endswith((".", "!")) or not numbered):
        return False
    if len(split_sentences(text)) > 1:
        return False
    limit = 25 if text.endswith("?") else 12
    return len(words) <= limit and len(text) <= 160


def _prepared_lines(raw: list[str]) -> list[tuple[int, str]]:
    """Numbered lines: code blocks, front matter, comments and rules become blanks, and a
    setext heading ("Title" over "=====") becomes a `#` heading."""
    out: list[tuple[int, str]] = []
    in_fence = False
    in_front_matter = bool(raw) and raw[0].strip() == "---"
    for index, line in enumerate(raw, start=1):
        if in_front_matter:
            if index > 1 and line.strip() in ("---", "..."):
                in_front_matter = False
            out.append((index, ""))
            continue
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append((index, ""))
            continue
        underline = _SETEXT.match(line)
        previous = out[-1][1] if out else ""
        before_previous = out[-2][1] if len(out) > 1 else ""
        lone = bool(previous.strip()) and not before_previous.strip()
        if underline and lone and not _ITEM.match(previous) and not _ATX.match(previous):
            level = "#" if underline.group(1).startswith("=") else "##"
            out[-1] = (out[-1][0], f"{level} {previous.strip()}")
            out.append((index, ""))
            continue
        blank = in_fence or line.strip().startswith("<!--") or bool(_RULE.match(line))
        blank = blank or bool(_FURNITURE.match(line.strip()))
        out.append((index, "" if blank else line.rstrip()))
    return out


def read_blocks(text: str) -> list[Block]:
    """The guide's blocks in source order."""
    lines = _prepared_lines(text.splitlines())
    markdown = any(_ATX.match(line) for _, line in lines)
    blocks: list[Block] = []
    paragraph: list[tuple[int, str]] = []
    item: list[tuple[int, str]] = []  # the open list item's lines, marker line first

    def flush() -> None:
        if item:
            blocks.append(_item_block(item))
            item.clear()
        if paragraph:
            blocks.append(_paragraph_block(paragraph))
            paragraph.clear()

    for number, line in lines:
        stripped = line.strip()
        labelled = bool(split_label(stripped)[0] or bare_label(stripped))
        if not stripped:
            flush()
        elif atx := _ATX.match(line):
            flush()
            blocks.append(_heading(atx.group(2), number, number, len(atx.group(1))))
        elif (bold := _BOLD_LINE.match(line)) and not labelled and "**" not in bold.group(1):
            flush()
            blocks.append(_heading(bold.group(1).rstrip(":"), number, number, 7))
        elif _ITEM.match(line):
            flush()
            item.append((number, line))
        elif item and not labelled:  # an indented or lazy continuation of the item above
            item.append((number, stripped))
        else:
            if labelled:
                flush()  # a labelled line opens a block of its own
            elif item:
                flush()
            paragraph.append((number, stripped))
    flush()
    if markdown:
        return blocks
    promoted: list[Block] = []
    for split in (part for block in blocks for part in _split_title_line(block)):
        promoted.append(_promote_plain_heading(split, promoted[-1] if promoted else None))
    return promoted


def _split_title_line(block: Block) -> list[Block]:
    """In plain text, a short unpunctuated first line right above longer text is its title
    ("The writing test" / "They will send you a brief..."), as emails and PDFs write it."""
    if block.kind is not BlockKind.PARAGRAPH or block.label or len(block.lines) < 2:
        return [block]
    first, second = block.lines[0], block.lines[1]
    titled = (
        first[:1].isupper()
        and not first.endswith((".", ",", ";", ":", "!", '"', "”", ")"))
        and len(first.split()) <= 8
        and len(first) < len(second)
        and second[:1].isupper()
        and _looks_like_plain_heading(first)
    )
    if not titled:
        return [block]
    rest = [(block.first + offset, line) for offset, line in enumerate(block.lines) if offset]
    return [_heading(first, block.first, block.first, 1), _paragraph_block(rest)]


def _promote_plain_heading(block: Block, before: Block | None) -> Block:
    """In plain text, a short one-sentence line standing alone is a heading, unless it
    answers the question just above it ("Q: ..." or a question heading)."""
    if block.kind is not BlockKind.PARAGRAPH or block.label or len(block.lines) != 1:
        return block
    if before is not None and before.label in QUESTION_LABELS:
        return block
    asked = before is not None and before.kind is BlockKind.HEADING and before.text.endswith("?")
    if asked and not block.text.endswith("?"):
        return block
    if not _looks_like_plain_heading(block.text):
        return block
    return _heading(block.text, block.first, block.last, 1)


def _heading(text: str, first: int, last: int, level: int) -> Block:
    text = strip_emphasis(clean_inline(text))
    label = bare_label(text)
    return Block(BlockKind.HEADING, text, first, last, (text,), level, label=label)


def _paragraph_block(lines: list[tuple[int, str]]) -> Block:
    contents = [clean_inline(line) for _, line in lines]
    label, rest = split_label(contents[0])
    if not label and (label := bare_label(contents[0])):
        rest = ""
    text = " ".join(part for part in [rest, *contents[1:]] if part)
    return Block(BlockKind.PARAGRAPH, text, lines[0][0], lines[-1][0], tuple(contents), label=label)


def _item_block(lines: list[tuple[int, str]]) -> Block:
    found = _ITEM.match(lines[0][1])
    assert found is not None
    indent = len(found.group("indent").expandtabs(4))
    marker = "number" if found.group("marker")[0].isdigit() else "bullet"
    contents = [clean_inline(found.group("rest"))] + [clean_inline(line) for _, line in lines[1:]]
    if task := _TASK.match(contents[0]):
        marker, contents[0] = "task", task.group("rest")
    label, rest = split_label(contents[0])
    text = " ".join(part for part in [rest, *contents[1:]] if part)
    first, last = lines[0][0], lines[-1][0]
    return Block(BlockKind.ITEM, text, first, last, tuple(contents), indent, marker, label)


def read_sections(text: str) -> list[Section]:
    """Blocks grouped under their headings. A heading that is only a label ("Don't") stays
    in the body so Don't/Do lists can be paired; a lone `#` title is nobody's ancestor, so
    "# Getting ready" does not make every list below it a checklist."""
    blocks = read_blocks(text)
    headings = [b for b in blocks if b.kind is BlockKind.HEADING and not b.label]
    top = [b for b in headings if b.level == 1]
    title = headings[0] if headings and len(top) == 1 and headings[0] is top[0] else None
    sections: list[Section] = []
    heading: Block | None = None
    ancestors: tuple[Block, ...] = ()
    stack: list[Block] = []
    body: list[Block] = []
    for block in blocks:
        if block.kind is BlockKind.HEADING and not block.label:
            if heading is not None or body:
                sections.append(Section(heading, ancestors, tuple(body)))
            while stack and stack[-1].level >= block.level:
                stack.pop()
            ancestors = tuple(parent for parent in stack if parent is not title)
            stack.append(block)
            heading, body = block, []
        else:
            body.append(block)
    if heading is not None or body:
        sections.append(Section(heading, ancestors, tuple(body)))
    return sections
