"""Small app-wide values kept as JSON text: FSRS parameters, theme, content version."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from trainer.storage.models import SettingRow


class SettingsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str, default: Any = None) -> Any:
        row = self._session.get(SettingRow, key)
        return json.loads(row.value) if row else default

    def set(self, key: str, value: Any) -> None:
        """Insert or replace in one statement: two units of work setting the same new key
        at once (a room's read on a thread and an action) both succeed, the later kept."""
        text = json.dumps(value)
        self._session.execute(
            insert(SettingRow)
            .values(key=key, value=text)
            .on_conflict_do_update(index_elements=[SettingRow.key], set_={"value": text})
        )
        cached = self._session.identity_map.get(identity_key(SettingRow, key))
        if cached is not None:  # read earlier in this unit of work: read again on next use
            self._session.expire(cached)
