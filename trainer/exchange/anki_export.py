"""Writing a bundle as an Anki package (.apkg) with genanki.

Each card becomes a note of the "Keeper Basic" note type (Front, Back, Source, Keeper ID),
except cloze cards: the cards of one cloze text become one note of the "Keeper Cloze" type
(Anki's Cloze: Text, Back Extra, then Source, Keeper ID; see `anki_cloze`).
Note GUIDs are derived from card guids, so importing a newer export into Anki updates the
notes instead of duplicating them; the Keeper ID field brings cards home to the same
Keeper card. Deck names keep their `::` nesting; Markdown becomes HTML; pictures and sounds
travel as package media under their store names.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
import zipfile
from collections import defaultdict
from contextlib import closing
from datetime import datetime
from pathlib import Path

import genanki

from trainer.exchange.anki_cloze import anki_card, anki_tags, cloze_notes, place_siblings
from trainer.exchange.anki_history import write_history
from trainer.exchange.anki_notes import KEEPER_ID_FIELD
from trainer.exchange.bundle import Bundle
from trainer.exchange.markdown_html import markdown_to_html
from trainer.exchange.safe_zip import atomic_output, temporary_folder

SUFFIX = ".apkg"
# Fixed forever: Anki matches note types by id, so every Keeper export shares this one.
MODEL_ID = 1_607_392_319
_CSS = """\
.card { font-family: -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 20px;
  line-height: 1.5; text-align: left; max-width: 40em; margin: 1em auto; color: black;
  background-color: white; }
.nightMode .card, .card.nightMode { color: #eee; background-color: #222; }
blockquote { border-left: 3px solid #999; margin-left: 0; padding-left: 1em; }
.source { margin-top: 2em; font-size: 0.7em; color: #888; }
"""
KEEPER_MODEL = genanki.Model(
    MODEL_ID,
    "Keeper Basic",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}, {"name": KEEPER_ID_FIELD}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"
            '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}',
        }
    ],
    css=_CSS,
)


def anki_deck_id(guid: str) -> int:
    """A stable Anki deck id for a Keeper deck (Anki ids are positive 63-bit integers)."""
    return 1 << 30 | int(hashlib.sha256(guid.encode()).hexdigest()[:12], 16) % (1 << 40)


def write_anki_package(path: Path, bundle: Bundle, now: datetime) -> None:
    notes = defaultdict(list)
    cloze = cloze_notes(bundle.cards)
    for deck_guid, note in cloze.notes:
        notes[deck_guid].append(note)
    for card in bundle.cards:
        if card.guid in cloze.card_guids:
            continue
        note = genanki.Note(
            model=KEEPER_MODEL,
            fields=[
                markdown_to_html(card.front),
                markdown_to_html(card.back),
                markdown_to_html(card.source),
                card.guid,
            ],
            tags=anki_tags(card),
            guid=genanki.guid_for(card.guid),
        )
        notes[card.deck_guid].append(note)
    decks = []
    for deck in bundle.decks:
        anki_deck = genanki.Deck(
            anki_deck_id(deck.guid), deck.name, markdown_to_html(deck.description)
        )
        for note in notes.get(deck.guid, ()):
            anki_deck.add_note(note)
        decks.append(anki_deck)
    package = genanki.Package(decks)
    # genanki's write_to_file leaves its SQLite file behind in /tmp: build it ourselves.
    with temporary_folder() as folder, atomic_output(path) as temporary:
        database = folder / "collection.anki2"
        with closing(sqlite3.connect(database)) as connection:
            timestamp = now.timestamp()
            ids = itertools.count(int(timestamp * 1000))
            package.write_to_db(connection.cursor(), timestamp, ids)
            place_siblings(connection, cloze.decks, anki_deck_id)
            write_history(connection, bundle, lambda card: anki_card(card, cloze.card_guids))
            connection.commit()
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(database, "collection.anki2")
            # The legacy manifest (every Anki reads it): entry "n" is the file it names.
            manifest = {str(index): media.name for index, media in enumerate(bundle.media)}
            archive.writestr("media", json.dumps(manifest))
            for index, media in enumerate(bundle.media):
                archive.writestr(str(index), media.data, zipfile.ZIP_STORED)
