"""What a person types into a card (front, back, tags), checked and tidied."""

from __future__ import annotations

import re

from trainer.core.cards import NewCard
from trainer.core.storable_text import text_problem

MAX_TAG = 60
MAX_TEXT = 200_000  # characters a side may hold: what a .keeper file holds


class CardContentError(ValueError):
    """A field cannot be used; `field` names it ("front", "back" or "tags")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def parse_tags(text: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Tags from 'a b, c' or a list of such strings: split on spaces and commas, deduplicated
    in order (ignoring case)."""
    parts = [text] if isinstance(text, str) else list(text)
    seen: dict[str, str] = {}
    for part in parts:
        for tag in re.split(r"[\s,]+", part):
            if tag and tag.casefold() not in seen:
                seen[tag.casefold()] = tag
    return tuple(seen.values())


def card_content(
    front: str, back: str, tags: str | list[str] | tuple[str, ...] = (), source: str = ""
) -> NewCard:
    """A card's content with surrounding blank space removed; raises CardContentError when
    the front or back is empty or a tag is too long."""
    front, back = front.strip(), back.strip()
    if not front:
        raise CardContentError("front", "the front is empty: a card needs a question or prompt")
    if not back:
        raise CardContentError("back", "the back is empty: a card needs an answer")
    cleaned = parse_tags(tags)
    check_storable(front, back, cleaned)
    return NewCard(front=front, back=back, tags=cleaned, source=source)


def check_storable(front: str, back: str, tags: tuple[str, ...]) -> None:
    """Raises CardContentError naming the field whose text cannot be stored or is too long,
    whatever the kind of card."""
    for field, text in (("front", front), ("back", back), ("tags", " ".join(tags))):
        if problem := text_problem(text):
            raise CardContentError(field, f"the {field.rstrip('s')} {problem}")
        if len(text) > MAX_TEXT:
            raise CardContentError(field, f"the {field} is over {MAX_TEXT:,} characters")
    for tag in tags:
        if len(tag) > MAX_TAG:
            raise CardContentError("tags", f"the tag {tag[:20]!r}... is over {MAX_TAG} characters")


def sentence(message: object) -> str:
    """An error message as a sentence: first letter up, a full stop at the end."""
    text = str(message).strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
