"""Search trees (core/search.py) compiled to SQL, and the rows the card browser shows.

Why it is fast at 100,000 cards: free words and phrases are answered by the FTS5 index
`card_text` (migration 2), so a search reads the postings of its words instead of every
card's text (a scan of 100,000 cards' text takes 40-80 ms; the index answers in a few).
Deck names are matched in Python (there are few decks) and become `deck_id IN (...)`,
served by `ix_cards_deck_queue`. Tags use LIKE on the stored ' a b c ' form, with the index
narrowing the candidates first whenever the tag starts with a word. The browser then asks
for ids only (sorted in SQL) and for rows a page at a time.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
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
from sqlalchemy.orm import InstrumentedAttribute, Session

from trainer.core.browse import SORT_SOURCE_CHARS, CardSummary, SortColumn, one_line
from trainer.core.cards import Card
from trainer.core.model import CardId, CardState, Deck, DeckId
from trainer.core.search import (
    And,
    Everything,
    HasStatus,
    HasTag,
    InDeck,
    Node,
    Not,
    Or,
    SearchError,
    Status,
    Text,
    fold,
    text_query,
    wildcard_regex,
)
from trainer.storage.front_order import FrontOrder
from trainer.storage.mapping import CARD_COLUMNS, card_from_columns
from trainer.storage.models import CardRow, DeckRow
from trainer.storage.search_plan import states_only, walks_front_index
from trainer.storage.types import to_micros

CHUNK = 500  # ids per IN (...) list, well under SQLite's bound-parameter limit
FRONT_CHARS = SORT_SOURCE_CHARS  # the browser shows one line: never read a long front whole

_INDEX = table("card_text", column("rowid"), column("card_text"))
# What SQLite says of SQL nested or long past its limits; core/search.py's bounds keep
# searches well inside them, this is the second lock.
_SQLITE_LIMITS = ("parser stack overflow", "Expression tree is too large")
_LEARNING = (int(CardState.LEARNING), int(CardState.RELEARNING))


def has_text_index(session: Session) -> bool:
    """Whether the collection has the FTS5 index (every SQLite with FTS5 does)."""
    query = text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'card_text'")
    return session.execute(query).first() is not None


def compile_search(
    node: Node, decks: Sequence[Deck], now: datetime, *, text_index: bool = True
) -> ColumnElement[bool]:
    """A WHERE clause over `cards` meaning what `core.search.matches` means."""
    return _Compiler(decks, now, text_index).compile(node)


def search_ids(
    session: Session,
    node: Node,
    now: datetime,
    sort: SortColumn = SortColumn.FRONT,
    descending: bool = False,
    front_order: FrontOrder | None = None,
) -> list[CardId]:
    """The ids of the cards `node` finds, in the order of `sort` (ties as ix_cards_front
    orders them for the front, by id otherwise). `front_order`, when given, is used to put
    them in front order whenever it can say (see storage/front_order.py)."""
    if sort is SortColumn.FRONT and front_order is not None and isinstance(node, Everything):
        return front_order.ids(descending)  # type: ignore[return-value]
    decks = [Deck(id=DeckId(id_), name=name) for id_, name in _deck_names(session).items()]
    text_index = has_text_index(session)
    where = compile_search(node, decks, now, text_index=text_index)
    query: Select[Any] = select(CardRow.id).where(where)
    walk: bool | None = None  # whether ordering by front walks ix_cards_front; asked once
    if sort is SortColumn.FRONT and front_order is not None and not states_only(node):
        # States only: walking the index filters them in order. Otherwise a kept order sorts
        # any search; reading it again pays off for one that would walk the index anyway.
        current = front_order.is_current()
        if not current:
            walk = walks_front_index(session, node, text_index=text_index)
        if current or walk:
            ranked = front_order.sort(_run(session, query), descending, read=not current)
            if ranked is not None:
                return ranked  # type: ignore[return-value]
    if sort is SortColumn.DECK:
        query = query.join(DeckRow, DeckRow.id == CardRow.deck_id)
    if walk is None:
        walk = sort is SortColumn.FRONT and walks_front_index(session, node, text_index=text_index)
    return _run(session, query.order_by(*_order(sort, descending, walk=walk)), walk=walk)


def _run(session: Session, query: Select[Any], *, walk: bool = False) -> list[CardId]:
    """The ids `query` selects, as plain ints straight from the driver (100,000 ids in a
    few milliseconds); `walk`: through ix_cards_front, in its order."""
    compiled = query.compile(session.get_bind(), compile_kwargs={"render_postcompile": True})
    sql = str(compiled)
    if walk:  # SQLite would rather look up each card found than walk a whole index
        sql = re.sub(r"FROM cards\b", "FROM cards INDEXED BY ix_cards_front", sql, count=1)
    params = compiled.construct_params()
    positions = compiled.positiontup or ()
    raw = session.connection().connection.driver_connection
    assert raw is not None
    try:
        cursor = raw.execute(sql, [params[name] for name in positions])
    except sqlite3.OperationalError as error:
        if not any(limit in str(error) for limit in _SQLITE_LIMITS):
            raise
        raise SearchError("the search is too complex: use fewer terms or parentheses") from None
    return [card_id for (card_id,) in cursor.fetchall()]  # ints: CardId is only a type


def summaries(session: Session, ids: Sequence[CardId]) -> list[CardSummary]:
    """The browser rows of `ids`, in the same order; ids no longer there are left out."""
    names = _deck_names(session)
    found: dict[int, CardSummary] = {}
    columns = (
        CardRow.id, CardRow.deck_id, func.substr(CardRow.front, 1, FRONT_CHARS), CardRow.tags,
        CardRow.state, CardRow.suspended, CardRow.due, CardRow.last_review, CardRow.lapses,
    )  # fmt: skip
    for start in range(0, len(ids), CHUNK):
        chunk = [int(card_id) for card_id in ids[start : start + CHUNK]]
        for id_, deck_id, front, tags, state, suspended, due, last, lapses in session.execute(
            select(*columns).where(CardRow.id.in_(chunk))
        ):
            found[id_] = CardSummary(
                id=CardId(id_),
                deck_id=DeckId(deck_id),
                deck=names.get(deck_id, ""),
                front=one_line(front or ""),
                tags=tags,
                state=CardState(state),
                suspended=bool(suspended),
                due=due,
                last_review=last,
                lapses=lapses,
            )
    return [found[int(card_id)] for card_id in ids if int(card_id) in found]


def cards_by_ids(session: Session, ids: Sequence[CardId]) -> list[Card]:
    """Whole cards for `ids`, in the same order."""
    found: dict[int, Card] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = [int(card_id) for card_id in ids[start : start + CHUNK]]
        for row in session.execute(select(*CARD_COLUMNS).where(CardRow.id.in_(chunk))):
            card = card_from_columns(row)
            found[int(card.id)] = card
    return [found[int(card_id)] for card_id in ids if int(card_id) in found]


def _deck_names(session: Session) -> dict[int, str]:
    return {id_: name for id_, name in session.execute(select(DeckRow.id, DeckRow.name))}


def _order(sort: SortColumn, descending: bool, *, walk: bool) -> list[ColumnElement[Any]]:
    def direction(key: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[Any]:
        return key.desc() if descending else key.asc()

    # In ix_cards_front's own order (front_key, state, suspended, due) either way: walking it,
    # or sorting what was found ("+" keeps SQLite from walking it; storage/search_plan.py).
    front: list[ColumnElement[Any]] = [
        literal_column("cards.front_key" if walk else "+cards.front_key"),
        CardRow.state.expression,
        CardRow.suspended.expression,
        CardRow.due.expression,
    ]
    interval = CardRow.due - CardRow.last_review
    keys: dict[SortColumn, list[ColumnElement[Any]]] = {
        SortColumn.FRONT: [direction(key) for key in front],
        SortColumn.DECK: [direction(DeckRow.name.collate("NOCASE"))],
        SortColumn.TAGS: [direction(type_coerce(CardRow.tags, String).collate("NOCASE"))],
        SortColumn.STATE: [direction(CardRow.state), direction(CardRow.suspended)],
        # Cards never studied have no due date or interval: last either way.
        SortColumn.DUE: [CardRow.due.is_(None), direction(CardRow.due)],
        SortColumn.INTERVAL: [interval.is_(None), direction(interval)],
        SortColumn.LAPSES: [direction(CardRow.lapses)],
    }
    return [*keys[sort], direction(CardRow.id)]


class _Compiler:
    def __init__(self, decks: Sequence[Deck], now: datetime, text_index: bool) -> None:
        self._decks = decks
        self._now = now
        self._text_index = text_index

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
            clauses.insert(0, _in_index(f" {operator} ".join(usable)))
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
        return CardRow.deck_id.in_(ids) if ids else false()

    def _tag(self, pattern: str) -> ColumnElement[bool]:
        like = "%".join(escape_like(part) for part in pattern.split("*"))
        exact = type_coerce(CardRow.tags, String).like(f"% {like} %", escape="\\")
        prefilter = tag_phrase(pattern) if self._text_index else None
        return and_(_in_index(f"tags : {prefilter}"), exact) if prefilter else exact

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
            # Compared as stored (microseconds): search_ids runs its SQL on the driver.
            type_coerce(CardRow.due, Integer) <= to_micros(self._now),
        )


def _in_index(match: str) -> ColumnElement[bool]:
    return CardRow.id.in_(select(_INDEX.c.rowid).where(_INDEX.c.card_text.op("MATCH")(match)))


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
