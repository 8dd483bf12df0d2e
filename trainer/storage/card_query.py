"""Search trees (core/search.py) compiled to a WHERE clause over the cards.

Why it is fast at 100,000 cards: free words and phrases are answered by the FTS5 index
`card_text` (migration 2), so a search reads the postings of its words instead of every
card's text (a scan of 100,000 cards' text takes 40-80 ms; the index answers in a few).
Deck names are matched in Python (there are few decks) and become `deck_id IN (...)`,
served by `ix_cards_deck_queue`. Tags use LIKE on the stored ' a b c ' form, with the index
narrowing the candidates first whenever the tag starts with a word. `SearchRepository`
(storage/search_repository.py) runs the clause and sorts what it finds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Integer,
    String,
    and_,
    column,
    false,
    func,
    literal_column,
    not_,
    or_,
    select,
    table,
    text,
    true,
    type_coerce,
)
from sqlalchemy.orm import Session

from trainer.core.model import CardState, Deck
from trainer.core.search import (
    And,
    Everything,
    HasKind,
    HasStatus,
    HasTag,
    InDeck,
    Node,
    Not,
    Or,
    Status,
    Text,
    fold,
    text_query,
    wildcard_regex,
)
from trainer.storage.models import CardRow
from trainer.storage.types import to_micros

_INDEX = table("card_text", column("rowid"), column("card_text"))
_LEARNING = (int(CardState.LEARNING), int(CardState.RELEARNING))


def has_text_index(session: Session) -> bool:
    """Whether the collection has the FTS5 index (every SQLite with FTS5 does)."""
    query = text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'card_text'")
    return session.execute(query).first() is not None


def has_pending(session: Session) -> bool:
    """Whether some cards are not in the text index yet (storage/search_index.py)."""
    query = text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'card_text_pending'")
    if session.execute(query).first() is None:
        return False
    return session.execute(text("SELECT 1 FROM card_text_pending LIMIT 1")).first() is not None


def compile_search(
    node: Node,
    decks: Sequence[Deck],
    now: datetime,
    *,
    text_index: bool = True,
    pending: bool = False,
    walk_in_order: bool = False,
) -> ColumnElement[bool]:
    """A WHERE clause over `cards` meaning what `core.search.matches` means.

    `pending`: some cards are not in the index yet (storage/search_index.py); their text is
    matched by `keeper_text_found` (storage/fts_words.py, lent to every connection), which
    finds exactly what the index would.

    `walk_in_order`: for the first rows by front only (ORDER BY ... LIMIT). The cards the
    full-text index finds, and a deck's cards, are then tested as SQLite walks
    ix_cards_front, instead of each looked up by id or by deck and sorted (a few ms, not
    25-45 ms, for a text search finding 25,000 cards; not 200-400 ms for `deck:bench*`'s
    100,000)."""
    return _Compiler(decks, now, text_index, pending, walk_in_order).compile(node)


class _Compiler:
    def __init__(
        self,
        decks: Sequence[Deck],
        now: datetime,
        text_index: bool,
        pending: bool,
        walk_in_order: bool,
    ) -> None:
        self._walk_in_order = walk_in_order
        self._decks = decks
        self._now = now
        self._text_index = text_index
        self._pending = pending and text_index

    def compile(self, node: Node) -> ColumnElement[bool]:
        if isinstance(node, Everything):
            return true()
        if isinstance(node, Text):
            return self._texts([node.value], "AND")
        if isinstance(node, InDeck):
            return self._deck(node.pattern)
        if isinstance(node, HasTag):
            return self._tag(node.pattern)
        if isinstance(node, HasStatus):
            return self._status(node.status)
        if isinstance(node, HasKind):
            return CardRow.kind == str(node.kind)
        if isinstance(node, Not):
            return not_(self.compile(node.node))
        if isinstance(node, And):
            return and_(*self._grouped(node.nodes, "AND"))
        assert isinstance(node, Or)
        return or_(*self._grouped(node.nodes, "OR"))

    def _grouped(self, nodes: Sequence[Node], operator: str) -> list[ColumnElement[bool]]:
        """Free words side by side go to the index as one query ('a AND b', 'a OR b')."""
        words = [node.value for node in nodes if isinstance(node, Text)]
        others = [self.compile(node) for node in nodes if not isinstance(node, Text)]
        return ([self._texts(words, operator)] if words else []) + others

    def _texts(self, values: Sequence[str], operator: str) -> ColumnElement[bool]:
        indexed = [fts_phrase(value) for value in values]
        usable = [phrase for phrase in indexed if phrase is not None] if self._text_index else []
        rest = [value for value, phrase in zip(values, indexed, strict=True)
                if phrase is None or not self._text_index]  # fmt: skip
        clauses = [self._scan(value) for value in rest]
        if usable:
            found: ColumnElement[bool] = _in_index(
                f" {operator} ".join(usable), self._walk_in_order
            )
            if self._pending:
                words = [value for value, phrase in zip(values, indexed, strict=True) if phrase]
                scanned = [_text_found(value) for value in words]
                joined = and_(*scanned) if operator == "AND" else or_(*scanned)
                found = or_(found, and_(_PENDING_IDS, joined))
            clauses.insert(0, found)
        return and_(*clauses) if operator == "AND" else or_(*clauses)

    def _scan(self, value: str) -> ColumnElement[bool]:
        """Text the index cannot answer: punctuation only ("->"), or no FTS5 at all."""
        pattern = f"%{escape_like(value.rstrip('*') if self._text_index else value)}%"
        fields: list[ColumnElement[str]] = [CardRow.front.expression, CardRow.back.expression]
        if not self._text_index:
            fields.append(type_coerce(CardRow.tags, String))
        return or_(*(field.like(pattern, escape="\\") for field in fields))

    def _deck(self, pattern: str) -> ColumnElement[bool]:
        regex = wildcard_regex(fold(pattern))
        ids = [int(deck.id) for deck in self._decks if regex.fullmatch(fold(deck.name))]
        # `+` keeps SQLite from finding the deck's cards by ix_cards_deck_queue to sort them.
        deck_id = literal_column("+cards.deck_id") if self._walk_in_order else CardRow.deck_id
        return deck_id.in_(ids) if ids else false()

    def _tag(self, pattern: str) -> ColumnElement[bool]:
        like = "%".join(escape_like(part) for part in pattern.split("*"))
        exact = type_coerce(CardRow.tags, String).like(f"% {like} %", escape="\\")
        prefilter = tag_phrase(pattern) if self._text_index else None
        if not prefilter:
            return exact
        candidates = _in_index(f"tags : {prefilter}", self._walk_in_order)
        return and_(or_(candidates, _PENDING_IDS) if self._pending else candidates, exact)

    def _status(self, status: Status) -> ColumnElement[bool]:
        if status is Status.NEW:
            return CardRow.state == int(CardState.NEW)
        if status is Status.LEARNING:
            return CardRow.state.in_(_LEARNING)
        if status is Status.REVIEW:
            return CardRow.state == int(CardState.REVIEW)
        if status is Status.SUSPENDED:
            return CardRow.suspended.is_(True)
        return and_(
            CardRow.state != int(CardState.NEW),
            CardRow.suspended.is_(False),
            CardRow.due.is_not(None),
            # Compared as stored (microseconds): the search runs its SQL on the driver.
            type_coerce(CardRow.due, Integer) <= to_micros(self._now),
        )


_PENDING_IDS = CardRow.id.in_(select(column("card_id")).select_from(table("card_text_pending")))


def _text_found(value: str) -> ColumnElement[bool]:
    """What `_in_index` finds for `fts_phrase(value)`, for one card not indexed yet."""
    prefix = text_query(value)[1]
    found = func.keeper_text_found(value, prefix, CardRow.front, CardRow.back, CardRow.tags)
    return type_coerce(found, Boolean).is_(True)


def _in_index(match: str, walk_in_order: bool = False) -> ColumnElement[bool]:
    # `+` keeps SQLite from using the ids the index found to look the cards up.
    card_id = literal_column("+cards.id") if walk_in_order else CardRow.id
    return card_id.in_(select(_INDEX.c.rowid).where(_INDEX.c.card_text.op("MATCH")(match)))


def fts_phrase(value: str) -> str | None:
    """An FTS5 query for a free word or phrase, or None when it has no letters or digits.

    The text goes to FTS5 quoted, so its tokenizer folds it exactly as it folded the cards;
    the last word may be the start of a longer one (`design` finds 'designer')."""
    words, prefix = text_query(value)
    if not words:
        return None
    quoted = '"' + value.rstrip("*").replace('"', '""') + '"'
    return f"{quoted} *" if prefix else quoted


def tag_phrase(pattern: str) -> str | None:
    """An FTS5 query finding every card that could have a tag matching `pattern`.

    A tag is several index words when it holds punctuation ('system-design'), so this is a
    superset; LIKE then checks the whole tag. None when the tag starts with `*`."""
    literal, star, _ = pattern.partition("*")
    words, _ = text_query(literal)
    if not words:
        return None
    quoted = '"' + literal.replace('"', '""') + '"'
    ends_in_word = text_query(literal)[1]
    return f"{quoted} *" if star and ends_in_word else quoted


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
