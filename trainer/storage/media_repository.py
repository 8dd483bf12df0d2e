"""Which store files the cards name: read from card text, never kept in a table of its own
(the text is the truth; a second record could only disagree with it)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.core.media import referenced_names
from trainer.core.model import CardId
from trainer.storage.models import CardRow


class MediaRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def names_by_card(self) -> dict[CardId, list[str]]:
        """Each card that names media, and the names, in its front, back and source."""
        found: dict[CardId, list[str]] = {}
        rows = self._session.execute(
            select(CardRow.id, CardRow.front, CardRow.back, CardRow.source)
        )
        for card_id, front, back, source in rows:
            names = referenced_names(f"{front}\n{back}\n{source}")
            if names:
                found[CardId(card_id)] = names
        return found
