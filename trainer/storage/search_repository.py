"""The card browser's search and rows, and `keeper cards --search`.

A search compiles to one WHERE clause (storage/card_query.py) and selects its ids in the
order of the column sorted by, in SQL, as one string from SQLite (`ids_in_order`: the
browser finds a search's whole list on a thread, and fetching row by row made the GUI
thread wait for the GIL at every row); rows are read a page at a time. Every card by front,
what opening the browser shows, is the order `FrontOrder` keeps (one walk of
`ix_cards_front`, kept until anything is committed). The browser's first rows (`limit`)
are one ORDER BY ... LIMIT query; by front SQLite finds them walking ix_cards_front
(docs/performance.md, "The browser at 100,000 cards").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, String, func, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session

from trainer.core.browse import SORT_SOURCE_CHARS, CardSummary, SortColumn, one_line
from trainer.core.cloze import plain
from trainer.core.model import CardId, CardKind, CardState, Deck, DeckId
from trainer.core.search import Everything, Node, SearchError
from trainer.storage.card_query import compile_search, has_pending, has_text_index
from trainer.storage.front_order import FrontOrder, ids_in_order
from trainer.storage.models import CardRow, DeckRow
from trainer.storage.rows import chunks, driver

FRONT_CHARS = SORT_SOURCE_CHARS  # the browser shows one line: never read a long front whole
# What SQLite says of SQL nested or long past its limits; core/search.py's bounds keep
# searches well inside them, this is the second lock.
_SQLITE_LIMITS = ("parser stack overflow", "Expression tree is too large")


class SearchRepository:
    def __init__(self, session: Session, front_order: FrontOrder | None = None) -> None:
        self._session = session
        self._front_order = front_order

    def ids(
        self,
        node: Node,
        now: datetime,
        sort: SortColumn = SortColumn.FRONT,
        descending: bool = False,
        limit: int | None = None,
    ) -> list[CardId]:
        """The ids of the cards `node` finds, in the order of `sort`; ties as
        ix_cards_front orders them for the front (state, suspension, due, id), by id
        otherwise. With `limit`, the first ones only: the head of the whole list."""
        every_card = isinstance(node, Everything) and limit is None
        if sort is SortColumn.FRONT and self._front_order is not None and every_card:
            return self._front_order.ids(descending)  # type: ignore[return-value]
        decks = [Deck(id=DeckId(id_), name=name) for id_, name in self._deck_names().items()]
        session = self._session
        # The first rows by front: found walking ix_cards_front (no other sort has an index).
        walk = limit is not None and sort is SortColumn.FRONT
        where = compile_search(
            node,
            decks,
            now,
            text_index=has_text_index(session),
            pending=has_pending(session),
            walk_in_order=walk,
        )
        query: Select[Any] = select(CardRow.id).where(where)
        if sort is SortColumn.DECK:
            query = query.join(DeckRow, DeckRow.id == CardRow.deck_id)
        return self._run(query.order_by(*_order(sort, descending)).limit(limit))

    def rows(self, ids: Sequence[CardId]) -> list[CardSummary]:
        """The browser rows of `ids`, in the same order; ids no longer there are left out."""
        names = self._deck_names()
        found: dict[int, CardSummary] = {}
        columns = (
            CardRow.id, CardRow.deck_id, func.substr(CardRow.front, 1, FRONT_CHARS),
            CardRow.tags, CardRow.state, CardRow.suspended, CardRow.due, CardRow.last_review,
            CardRow.lapses, CardRow.kind, CardRow.cloze,
        )  # fmt: skip
        kinds = {str(kind): kind for kind in CardKind}
        for chunk in chunks(ids):
            for (
                id_,
                deck_id,
                front,
                tags,
                state,
                suspended,
                due,
                last,
                lapses,
                kind,
                gap,
            ) in self._session.execute(select(*columns).where(CardRow.id.in_(chunk))):
                shown = plain(front or "") if kind == CardKind.CLOZE else front or ""
                found[id_] = CardSummary(
                    id=CardId(id_),
                    deck_id=DeckId(deck_id),
                    deck=names.get(deck_id, ""),
                    front=one_line(shown),
                    tags=tags,
                    state=CardState(state),
                    suspended=bool(suspended),
                    due=due,
                    last_review=last,
                    lapses=lapses,
                    kind=kinds[kind],
                    cloze=gap,
                )
        return [found[int(card_id)] for card_id in ids if int(card_id) in found]

    def _run(self, query: Select[Any]) -> list[CardId]:
        """The ids `query` selects, as plain ints straight from the driver."""
        bind = self._session.get_bind()
        compiled = query.compile(bind, compile_kwargs={"render_postcompile": True})
        params = compiled.construct_params()
        positions = compiled.positiontup or ()
        try:
            found = ids_in_order(
                driver(self._session), str(compiled), [params[name] for name in positions]
            )
        except sqlite3.OperationalError as error:
            if not any(limit in str(error) for limit in _SQLITE_LIMITS):
                raise
            raise SearchError("the search is too complex: use fewer terms or parentheses") from None
        return found  # type: ignore[return-value]  # ints: CardId is only a type

    def _deck_names(self) -> dict[int, str]:
        return {id_: name for id_, name in self._session.execute(select(DeckRow.id, DeckRow.name))}


def _order(sort: SortColumn, descending: bool) -> list[ColumnElement[Any]]:
    def direction(key: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[Any]:
        return key.desc() if descending else key.asc()

    # In ix_cards_front's own order (front_key, state, suspended, due), as FrontOrder keeps.
    front = [CardRow.front_key, CardRow.state, CardRow.suspended, CardRow.due]
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
