"""Installing and updating the built-in decks without touching anyone's progress.

A release may edit, add, move, replace and retire built-in cards (docs/content.md):
- an edited card is updated in place, unless the user edited it (their text stays);
- a card now in another built-in deck moves there, same card, same history;
- a new card that `replaces` a retired one takes that card over (guid, kind, text),
  so its memory and reviews carry on, unless the user edited the old one;
- a retired card (no longer in any file) never studied and never edited is removed;
  one with reviews or edits stays, suspended and tagged `retired`, history kept;
- an optional deck is not installed on a fresh collection; the user adds or removes it
  (one undo step each). A collection that already studied or edited its cards keeps it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from trainer.core.model import CardId, DeckId, Origin
from trainer.services import operations
from trainer.services.undo import UndoHistory, UndoStep
from trainer.services.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from trainer.content.builtin_decks import BuiltinDeck
    from trainer.core.cards import Card, NewCard
    from trainer.storage.collection import Collection

FINGERPRINT_KEY = "builtin_decks_fingerprint"
RETIRED_TAG = "retired"
_BUILTIN = "builtin:"


class InstallReport(NamedTuple):
    added: int = 0
    updated: int = 0
    moved: int = 0  # to another built-in deck, history kept
    handed_on: int = 0  # retired cards taken over by the card that replaces them
    retired: int = 0  # kept, suspended and tagged `retired` (studied or edited)
    removed: int = 0  # retired or optional, never studied nor edited: gone


class BuiltinDeckChoice(NamedTuple):
    """A built-in deck as the "Built-in decks" dialog and `keeper builtin-decks` show it."""

    guid: str
    name: str
    description: str
    cards: int
    optional: bool
    installed: bool


class ContentService:
    def __init__(self, uow: UnitOfWork, undo: UndoHistory | None = None) -> None:
        self._uow = uow
        self._undo = undo

    def is_current(self, fingerprint: str) -> bool:
        """Whether the built-in decks installed are those of `fingerprint` (a quick read)."""
        with self._uow.reads() as reads:
            return bool(reads.settings.get(FINGERPRINT_KEY) == fingerprint)

    def install(self, decks: Sequence[BuiltinDeck], fingerprint: str) -> InstallReport:
        """Bring the built-in decks up to `decks`; skip if nothing changed since last time.

        Cards the user edited stay as the user left them. Memory and history never go."""
        with self._uow() as collection:
            if collection.settings.get(FINGERPRINT_KEY) == fingerprint:
                return InstallReport()
            report = InstallReport()
            for deck in decks:
                if deck.optional and collection.decks.with_guid(deck.guid) is None:
                    held, dropped = _optional_held(collection, deck)
                    report = _sum(report, dropped)
                    if not held:
                        continue
                report = _sum(report, _install_deck(collection, deck))
            shipped = {card.guid for deck in decks for card in deck.cards}
            report = _sum(report, _retire(collection, shipped))
            collection.settings.set(FINGERPRINT_KEY, fingerprint)
            return report

    # The "Built-in decks" choice ---------------------------------------------------------

    def choices(self, decks: Sequence[BuiltinDeck] | None = None) -> list[BuiltinDeckChoice]:
        """Every built-in deck, and whether this collection has it."""
        decks = _shipped() if decks is None else decks
        with self._uow.reads() as reads:  # plain sqlite: `keeper builtin-decks` stays quick
            installed = {deck.guid for deck in reads.decks()}
        return [
            BuiltinDeckChoice(
                deck.guid,
                deck.name,
                deck.description,
                len(deck.cards),
                deck.optional,
                deck.guid in installed,
            )
            for deck in decks
        ]

    def add_deck(self, guid: str, decks: Sequence[BuiltinDeck] | None = None) -> DeckId:
        """Add a built-in deck (an optional one, or one the user deleted): one undo step."""
        deck = _named(guid, _shipped() if decks is None else decks)
        with self._uow() as collection:
            existing = collection.decks.with_guid(guid)
            if existing is not None:
                return existing.id
            # Cards of the deck already in the collection (kept in another deck) move into
            # it; undo puts them back rather than take them away with the deck.
            earlier = collection.cards.with_guids(card.guid for card in deck.cards)
            places = {card.id: card.deck_id for card in earlier.values()}
            _install_deck(collection, deck)
            added = collection.decks.with_guid(guid)
            assert added is not None
            card_ids = [card.id for card in collection.cards.all(added.id)]
        self._push(
            UndoStep(
                f"Add deck {added.name}",
                lambda c: _remove_added_deck(c, added.id, places),
                operations.decks([added.id, *places.values()]) | operations.cards(card_ids),
            )
        )
        return added.id

    def remove_deck(self, guid: str) -> int:
        """Remove an optional built-in deck with its cards and their history (one undo
        step puts them back); returns how many cards went. Raises LookupError if absent,
        ValueError for a deck every collection has (Manage decks deletes those)."""
        if not guid.startswith(_BUILTIN):
            raise ValueError(f"{guid} is not a built-in deck")
        if not any(deck.guid == guid and deck.optional for deck in _shipped()):
            raise ValueError(f"{guid} is not an optional built-in deck")
        with self._uow() as collection:
            deck = collection.decks.with_guid(guid)
            if deck is None:
                raise LookupError(f"no deck {guid} in this collection")
            removed = collection.decks.remove(deck.id)
        self._push(
            UndoStep(
                f"Remove deck {removed.name}",
                lambda c: c.decks.restore(removed),
                operations.cards(removed.cards.ids, reviews=True) | operations.decks([deck.id]),
            )
        )
        return removed.cards.count

    def _push(self, step: UndoStep) -> None:
        if self._undo is not None:
            self._undo.push(step)


def _shipped() -> list[BuiltinDeck]:
    from trainer.content.builtin_decks import load_builtin_decks

    return load_builtin_decks()


def _named(guid: str, decks: Sequence[BuiltinDeck]) -> BuiltinDeck:
    for deck in decks:
        if deck.guid == guid:
            return deck
    raise LookupError(f"no built-in deck {guid}")


def _remove_added_deck(
    collection: Collection, deck_id: DeckId, places: dict[CardId, DeckId]
) -> None:
    """Undo of `add_deck`: cards that were elsewhere go back there; the rest go with it."""
    for card_id, place in places.items():
        if collection.decks.get(place) is not None:
            collection.cards.move([card_id], place)
    if collection.decks.get(deck_id) is not None:
        collection.decks.remove(deck_id)


def _install_deck(collection: Collection, builtin: BuiltinDeck) -> InstallReport:
    deck = collection.decks.with_guid(builtin.guid)
    if deck is None:
        deck = collection.decks.add(
            _free_name(collection, builtin.name),
            guid=builtin.guid,
            origin=Origin.BUILTIN,
            description=builtin.description,
        )
    elif deck.origin is Origin.BUILTIN and deck.description != builtin.description:
        collection.decks.set_description(deck.id, builtin.description)
    handed_on = _hand_on(collection, builtin, deck.id)
    existing = collection.cards.with_guids(card.guid for card in builtin.cards)
    builtin_decks = _builtin_deck_ids(collection)
    fresh = [card for card in builtin.cards if card.guid not in existing]
    updated = moved = 0
    for card in builtin.cards:
        current = existing.get(card.guid)
        if current is None:
            continue
        if current.deck_id != deck.id and current.deck_id in builtin_decks:
            collection.cards.move([current.id], deck.id)
            moved += 1
        if RETIRED_TAG in current.tags and RETIRED_TAG not in card.tags:
            current = _unretire(collection, current)
        if _content(current) == _content(card):
            continue
        if current.edited_by_user:  # the user's own wording stays
            continue
        if (current.kind, current.cloze, current.note_guid) != (
            card.kind,
            card.cloze,
            card.note_guid,
        ):
            collection.cards.take_over(current.id, card)  # a card that now asks another way
        else:
            collection.cards.update_content(current.id, card, by_user=False)
        updated += 1
    collection.cards.add(deck.id, fresh, origin=Origin.BUILTIN)
    return InstallReport(len(fresh), updated, moved, handed_on)


def _content(card: Card | NewCard) -> tuple[object, ...]:
    return (card.front, card.back, card.tags, card.source, card.kind, card.cloze, card.note_guid)


def _hand_on(collection: Collection, builtin: BuiltinDeck, deck_id: DeckId) -> int:
    """New cards that replace a retired card take it over, memory and reviews included,
    unless the user edited it (then it is retired like any other, the new card added)."""
    if not builtin.replaces:
        return 0
    new_cards = {card.guid: card for card in builtin.cards}
    builtin_decks = _builtin_deck_ids(collection)
    present = collection.cards.with_guids([*builtin.replaces, *builtin.replaces.values()])
    handed = 0
    for new_guid, old_guid in builtin.replaces.items():
        old = present.get(old_guid)
        if new_guid in present or old is None or old.edited_by_user:
            continue
        collection.cards.take_over(old.id, new_cards[new_guid])
        if old.deck_id != deck_id and old.deck_id in builtin_decks:
            collection.cards.move([old.id], deck_id)  # one the user moved stays put
        handed += 1
    return handed


def _optional_held(collection: Collection, deck: BuiltinDeck) -> tuple[bool, InstallReport]:
    """Whether a collection without this optional deck still holds some of its cards worth
    keeping (studied or edited, from a release where they were in another deck): then it
    gets the deck, with them in it. Copies never studied nor edited are removed."""
    builtin_decks = _builtin_deck_ids(collection)
    found = collection.cards.with_guids(card.guid for card in deck.cards).values()
    present = [card for card in found if card.deck_id in builtin_decks]
    worth = _worth_keeping(collection, present)
    if any(card.id in worth for card in present):
        return True, InstallReport()
    collection.cards.remove([card.id for card in present])
    return False, InstallReport(removed=len(present))


def _retire(collection: Collection, shipped: set[str]) -> InstallReport:
    """Built-in cards, in built-in decks, that no deck file holds any more."""
    gone = [
        card
        for deck_id in _builtin_deck_ids(collection)
        for card in collection.cards.all(deck_id)
        if card.guid.startswith(_BUILTIN) and card.guid not in shipped
    ]
    worth = _worth_keeping(collection, gone)
    removable = [card.id for card in gone if card.id not in worth]
    collection.cards.remove(removable)
    retired = 0
    for card in gone:
        if card.id in worth and RETIRED_TAG not in card.tags:
            _mark_retired(collection, card)
            retired += 1
    return InstallReport(retired=retired, removed=len(removable))


def _worth_keeping(collection: Collection, cards: Sequence[Card]) -> set[int]:
    """The ids of the cards the user did something with: reviewed, studied or edited."""
    reviewed = collection.reviews.reviewed_cards([card.id for card in cards])
    return {
        card.id
        for card in cards
        if card.id in reviewed or card.edited_by_user or not card.is_new or card.suspended
    }


def _mark_retired(collection: Collection, card: Card) -> None:
    from trainer.core.cards import NewCard

    content = NewCard(card.front, card.back, (*card.tags, RETIRED_TAG), card.source)
    collection.cards.update_content(card.id, content, by_user=False)
    collection.cards.set_suspended([card.id], True)


def _unretire(collection: Collection, card: Card) -> Card:
    """A retired card a later release brings back: studied again, without the tag."""
    from dataclasses import replace

    from trainer.core.cards import NewCard

    tags = tuple(tag for tag in card.tags if tag != RETIRED_TAG)
    collection.cards.update_content(
        card.id, NewCard(card.front, card.back, tags, card.source), by_user=False
    )
    collection.cards.set_suspended([card.id], False)
    return replace(card, tags=tags, suspended=False)


def _builtin_deck_ids(collection: Collection) -> set[DeckId]:
    return {deck.id for deck in collection.decks.all() if deck.origin is Origin.BUILTIN}


def _sum(a: InstallReport, b: InstallReport) -> InstallReport:
    return InstallReport(*(x + y for x, y in zip(a, b, strict=True)))


def _free_name(collection: Collection, name: str) -> str:
    """The deck's name, or 'name (built-in)' if the user already has a deck called that."""
    candidate, number = name, 1
    while collection.decks.named(candidate) is not None:
        number += 1
        candidate = f"{name} (built-in)" if number == 2 else f"{name} (built-in {number})"
    return candidate
