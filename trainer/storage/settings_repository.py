"""Small app-wide values kept as JSON text: FSRS parameters, theme, content version."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from trainer.storage.models import SettingRow


class SettingsRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, key: str, default: Any = None) -> Any:
        row = self._session.get(SettingRow, key)
        return json.loads(row.value) if row else default

    def set(self, key: str, value: Any) -> None:
        self._session.merge(SettingRow(key=key, value=json.dumps(value)))
