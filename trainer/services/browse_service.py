"""Reading for the card browser and `keeper cards`: search, rows a page at a time, cards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainer.core.browse import CardSummary, SortColumn
from trainer.core.cards import Card
from trainer.core.clock import Clock
from trainer.core.model import CardId, Deck
from trainer.core.search import Node, parse
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.card_query import cards_by_ids, search_ids, summaries


@dataclass(frozen=True)
class FoundCard:
    card: Card
    deck: str


class BrowseService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def search(
        self, query: str | Node, sort: SortColumn = SortColumn.FRONT, descending: bool = False
    ) -> list[CardId]:
        """Ids of the cards `query` finds, sorted. Raises core.search.SearchError."""
        node = parse(query) if isinstance(query, str) else query
        now = self._clock()
        with self._uow() as collection:
            return search_ids(
                collection.session, node, now, sort, descending, self._uow.database.front_order
            )

    def rows(self, ids: Sequence[CardId]) -> list[CardSummary]:
        """The browser rows of `ids` (one page), in the same order."""
        with self._uow() as collection:
            return summaries(collection.session, ids)

    def card(self, card_id: CardId) -> Card | None:
        with self._uow() as collection:
            return collection.card(card_id)

    def find(self, query: str | Node) -> list[FoundCard]:
        """Whole cards with their deck names, oldest first (for `keeper cards`)."""
        node = parse(query) if isinstance(query, str) else query
        now = self._clock()
        with self._uow() as collection:
            ids = sorted(search_ids(collection.session, node, now, SortColumn.FRONT))
            names = {deck.id: deck.name for deck in collection.decks()}
            return [
                FoundCard(card, names.get(card.deck_id, ""))
                for card in cards_by_ids(collection.session, ids)
            ]

    def decks(self) -> list[Deck]:
        with self._uow() as collection:
            return collection.decks()
