"""The card browser's search and rows, and `keeper cards --search`.

A search compiles to one WHERE clause (storage/card_query.py) and selects its ids in the
order of the column sorted by, in SQL, as one string from SQLite (`ids_in_order`: the
browser finds a search's whole list on a thread, and fetching row by row made the GUI
thread wait for the GIL at every row); rows are read a page at a time. Every card by front,
what opening the browser shows, is the order `FrontOrder` keeps (one walk of
`ix_cards_front`, kept until anything is committed).

What the browser shows first (`first_rows`) is decided by one cheap query: the search's
first rows among the head of the front order (the first cards by front, as many as make
`rows` of them expected from a search finding `whole_list_below` cards), found walking
`ix_cards_front`. When they fill `rows`, the search is broad: those are its first rows and
the browser finds the rest on a thread. When they do not, it is expected narrow: its list
is found at once, SQLite choosing the plan, but no more than `whole_list_below` + 1 cards
of it are found, unsorted, and only they are sorted. The head is a sample: a big search
whose cards all sort past it (a big deck of fronts starting with 'z') overflows that
bound, and is then found whole on the browser's thread with no rows at once, as is a broad
search sorted by any column but the front. So the GUI thread never sorts more than
`whole_list_below` + 1 cards (docs/performance.md, "Search at 100,000 cards, fifth pass
(issue 18)", "sixth pass" and "seventh pass").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, func, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session

from trainer.core.browse import (
    FIRST_ROWS,
    SORT_SOURCE_CHARS,
    WHOLE_LIST_BELOW,
    CardSummary,
    FirstRows,
    SortColumn,
    one_line,
)
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
Where = Callable[[bool], ColumnElement[bool]]  # a search's WHERE, walking ix_cards_front or not


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
        """The ids of the cards `node` finds, in the order of `sort` (the first `limit` of
        them, when given); ties as ix_cards_front orders them for the front (state,
        suspension, due, id), by id otherwise. SQLite may sort every card found: not for
        the GUI thread (`first_rows` is)."""
        return self._whole(node, self._where(node, now), sort, descending, limit)

    def first_rows(
        self,
        node: Node,
        now: datetime,
        sort: SortColumn = SortColumn.FRONT,
        descending: bool = False,
        rows: int = FIRST_ROWS,
        whole_list_below: int = WHOLE_LIST_BELOW,
    ) -> FirstRows:
        """The head of `ids`: its first `rows` ids (not complete), or all of them when the
        search is expected to find fewer than `whole_list_below` cards and finds no more
        (complete), or none (not complete) when finding its first rows would mean sorting
        more than `whole_list_below` + 1 cards: the browser finds those on its thread."""
        key = CardRow.front_key
        cards = select(func.count()).select_from(CardRow).scalar_subquery()
        edge = (  # the head's last card: the head is all of them in a small collection
            select(key).order_by(key.desc() if descending else key).limit(1)
            .offset(func.min(cards * rows // whole_list_below, cards - 1)).scalar_subquery()
        )  # fmt: skip
        in_head = key >= edge if descending else key <= edge
        where = self._where(node, now)
        walked = self._sorted(and_(where(True), in_head), SortColumn.FRONT, descending)
        head = self._run(walked.limit(rows))
        if len(head) < rows:  # expected narrow: found whole, if it is, sorting no more than most
            most = max(rows, whole_list_below)
            some = select(CardRow.id).where(where(False)).limit(most + 1)  # stops at most + 1
            found = self._run(self._sorted(CardRow.id.in_(some), sort, descending))
            if len(found) <= most:
                return FirstRows(found, complete=True)
            return FirstRows([], complete=False)  # big after all, all sorting past the head
        if sort is not SortColumn.FRONT:  # no index in that order: sorting is the thread's
            return FirstRows([], complete=False)
        return FirstRows(head, complete=False)

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

    def _where(self, node: Node, now: datetime) -> Where:
        """`node`'s WHERE clause, walking ix_cards_front (True) or not (card_query.py)."""
        decks = [Deck(id=DeckId(id_), name=name) for id_, name in self._deck_names().items()]
        text_index, pending = has_text_index(self._session), has_pending(self._session)

        def where(walk_in_order: bool) -> ColumnElement[bool]:
            return compile_search(
                node, decks, now, text_index=text_index, pending=pending,
                walk_in_order=walk_in_order,
            )  # fmt: skip

        return where

    def _whole(
        self, node: Node, where: Where, sort: SortColumn, descending: bool, limit: int | None
    ) -> list[CardId]:
        if (
            sort is SortColumn.FRONT
            and isinstance(node, Everything)
            and self._front_order is not None
        ):
            return self._front_order.ids(descending)[:limit]  # type: ignore[return-value]
        return self._run(self._sorted(where(False), sort, descending).limit(limit))

    def _sorted(
        self, where: ColumnElement[bool], sort: SortColumn, descending: bool
    ) -> Select[Any]:
        query: Select[Any] = select(CardRow.id).where(where)
        if sort is SortColumn.DECK:
            query = query.join(DeckRow, DeckRow.id == CardRow.deck_id)
        return query.order_by(*_order(sort, descending))

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
