"""Keeper's cloze and spoken cards in an Anki package.

The cards of one cloze text (one `note_guid`) become ONE note of Anki's Cloze note type:
the fields Text and Back Extra and the `{{cloze:Text}}` template Anki ships, plus Source
and Keeper ID (the note guid, so the cards come home as `<note>/c<n>`). Anki makes one card
per gap number of the Text, as Keeper does; a sibling in another deck is put in its own
deck after genanki writes the note (genanki puts all of a note's cards in one deck).
Spoken cards travel as Basic notes tagged `keeper::spoken`, and come home as spoken.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import genanki

from trainer.core.model import CardKind
from trainer.exchange.anki_notes import KEEPER_ID_FIELD, SPOKEN_TAG
from trainer.exchange.bundle import BundleCard
from trainer.exchange.markdown_html import markdown_to_html

# Fixed forever: Anki matches note types by id, so every Keeper export shares this one.
CLOZE_MODEL_ID = 1_607_392_320
_CSS = """\
.card { font-family: -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 20px;
  line-height: 1.5; text-align: left; max-width: 40em; margin: 1em auto; color: black;
  background-color: white; }
.nightMode .card, .card.nightMode { color: #eee; background-color: #222; }
.cloze { font-weight: bold; color: blue; }
.nightMode .cloze { color: lightblue; }
.source { margin-top: 2em; font-size: 0.7em; color: #888; }
"""
KEEPER_CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "Keeper Cloze",
    fields=[
        {"name": "Text"},
        {"name": "Back Extra"},
        {"name": "Source"},
        {"name": KEEPER_ID_FIELD},
    ],  # fmt: skip
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}<br>\n{{Back Extra}}"
            '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}',
        }
    ],
    css=_CSS,
    model_type=genanki.Model.CLOZE,
)


@dataclass
class ClozeNotes:
    notes: list[tuple[str, genanki.Note]] = field(default_factory=list)  # (deck guid, note)
    card_guids: set[str] = field(default_factory=set)  # the cards the notes carry
    decks: dict[tuple[str, int], str] = field(default_factory=dict)  # (note, ord) -> deck


def cloze_notes(cards: Sequence[BundleCard]) -> ClozeNotes:
    """One Cloze note per note guid among the cloze cards, in the deck of its first card."""
    found = ClozeNotes()
    seen: set[str] = set()
    for card in cards:
        if card.kind is not CardKind.CLOZE or not card.cloze:
            continue
        note = card.note_guid or card.guid
        found.card_guids.add(card.guid)
        found.decks[(anki_guid(note), card.cloze - 1)] = card.deck_guid
        if note in seen:
            continue
        seen.add(note)
        fields = [
            markdown_to_html(card.front), markdown_to_html(card.back),
            markdown_to_html(card.source), note,
        ]  # fmt: skip
        anki_note = genanki.Note(
            model=KEEPER_CLOZE_MODEL, fields=fields, tags=anki_tags(card), guid=anki_guid(note)
        )
        found.notes.append((card.deck_guid, anki_note))
    return found


def anki_guid(note: str) -> str:
    return str(genanki.guid_for(note))


def anki_card(card: BundleCard, cloze_guids: set[str]) -> tuple[str, int]:
    """The Anki note guid and card ord a Keeper card is written as."""
    if card.guid in cloze_guids:
        return anki_guid(card.note_guid or card.guid), card.cloze - 1
    return str(genanki.guid_for(card.guid)), 0


def anki_tags(card: BundleCard) -> list[str]:
    tags = [tag.replace(" ", "_") for tag in card.tags]
    return [*tags, SPOKEN_TAG] if card.kind is CardKind.SPOKEN else tags


def place_siblings(
    connection: sqlite3.Connection,
    decks: dict[tuple[str, int], str],
    deck_id: Callable[[str], int],
) -> None:
    """Each cloze card in its own card's deck (siblings may be in different decks)."""
    connection.executemany(
        "UPDATE cards SET did = ? WHERE ord = ? AND nid = (SELECT id FROM notes WHERE guid = ?)",
        [(deck_id(deck), ordinal, guid) for (guid, ordinal), deck in decks.items()],
    )
