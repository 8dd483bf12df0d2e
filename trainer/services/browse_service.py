"""Reading for the card browser and `keeper cards`: search, rows a page at a time, cards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainer.core.browse import FIRST_ROWS, WHOLE_LIST_BELOW, CardSummary, FirstRows, SortColumn
from trainer.core.cards import Card
from trainer.core.clock import Clock
from trainer.core.model import CardId, Deck
from trainer.core.search import Node, parse
from trainer.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class FoundCard:
    card: Card
    deck: str


class BrowseService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock
        self.whole_list_below = WHOLE_LIST_BELOW  # core/browse.py; tests make it smaller

    def search(
        self, query: str | Node, sort: SortColumn = SortColumn.FRONT, descending: bool = False
    ) -> list[CardId]:
        """Ids of every card `query` finds, sorted. Raises core.search.SearchError."""
        node = parse(query) if isinstance(query, str) else query
        now = self._clock()
        with self._uow() as collection:
            return collection.search.ids(node, now, sort, descending)

    def first_rows(
        self,
        query: str | Node,
        sort: SortColumn = SortColumn.FRONT,
        descending: bool = False,
        rows: int = FIRST_ROWS,
    ) -> FirstRows:
        """What the browser shows first: the first `rows` ids `query` finds, or all of them
        when the search finds few cards (`complete`). Raises core.search.SearchError."""
        node = parse(query) if isinstance(query, str) else query
        now = self._clock()
        with self._uow() as collection:
            return collection.search.first_rows(
                node, now, sort, descending, rows, self.whole_list_below
            )

    def top(
        self, query: str | Node, sort: SortColumn, descending: bool, rows: int = FIRST_ROWS
    ) -> list[CardId]:
        """The first `rows` ids of `search`, for a thread: finding them may sort every card
        the search finds, which `first_rows` leaves off the GUI thread."""
        node = parse(query) if isinstance(query, str) else query
        now = self._clock()
        with self._uow() as collection:
            return collection.search.ids(node, now, sort, descending, limit=rows)

    def rows(self, ids: Sequence[CardId]) -> list[CardSummary]:
        """The browser rows of `ids` (one page), in the same order."""
        with self._uow() as collection:
            return collection.search.rows(ids)

    def card(self, card_id: CardId) -> Card | None:
        with self._uow() as collection:
            return collection.cards.get(card_id)

    def find(self, query: str | Node) -> list[FoundCard]:
        """Whole cards with their deck names, oldest first (for `keeper cards`)."""
        node = parse(query) if isinstance(query, str) else query
        now = self._clock()
        with self._uow() as collection:
            ids = sorted(collection.search.ids(node, now))
            names = {deck.id: deck.name for deck in collection.decks.all()}
            return [
                FoundCard(card, names.get(card.deck_id, ""))
                for card in collection.cards.by_ids(ids)
            ]

    def decks(self) -> list[Deck]:
        with self._uow() as collection:
            return collection.decks.all()
