"""App settings (look, answer keys, limits for new decks), kept in the collection.

Stored as one JSON object under one key; a missing or damaged value falls back to the
default, so an old or hand-edited collection always opens.
"""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol

from trainer.core.deck_options import MAX_PER_DAY
from trainer.core.media import DEFAULT_LIMIT_MB
from trainer.core.model import DeckOptions
from trainer.services.unit_of_work import UnitOfWork

SETTINGS_KEY = "app_settings"
THEMES = ("system", "light", "dark")
FONT_SIZES = range(10, 33)
MAX_MEDIA_LIMIT_MB = 1024


class AppSettings(NamedTuple):
    theme: str = "system"  # system, light or dark
    card_font_size: int = 15  # points, for card text in the study screen
    two_button_answers: bool = False  # pass/fail: Again = fail, Good = pass
    new_per_day: int = 20  # the daily limits a new deck starts with
    reviews_per_day: int = 200
    keep_audio: bool = False  # keep each spoken attempt's recording (in the collection file)
    voice_model: str = ""  # a CTranslate2 Whisper model folder; empty: the voice extra's tiny.en
    autoplay_sounds: bool = True  # a card's sounds play when it is shown (R plays them again)
    media_limit_mb: int = DEFAULT_LIMIT_MB  # the largest picture or sound Keeper keeps

    def deck_options(self) -> DeckOptions:
        """The options a newly created deck gets."""
        return DeckOptions(new_per_day=self.new_per_day, reviews_per_day=self.reviews_per_day)


def clean(settings: AppSettings) -> AppSettings:
    """Out-of-range values replaced by their defaults."""
    default = AppSettings()
    return settings._replace(
        theme=settings.theme if settings.theme in THEMES else default.theme,
        card_font_size=settings.card_font_size
        if settings.card_font_size in FONT_SIZES
        else default.card_font_size,
        new_per_day=_limit(settings.new_per_day, default.new_per_day),
        reviews_per_day=_limit(settings.reviews_per_day, default.reviews_per_day),
        media_limit_mb=settings.media_limit_mb
        if 1 <= settings.media_limit_mb <= MAX_MEDIA_LIMIT_MB
        else default.media_limit_mb,
    )


class SettingSource(Protocol):
    """Where settings are read from: `collection.settings`, or the quick `reads.settings`."""

    def get(self, key: str, default: Any = None) -> Any: ...


def read_settings(source: SettingSource) -> AppSettings:
    stored = source.get(SETTINGS_KEY, {})
    if not isinstance(stored, dict):
        return AppSettings()
    default = AppSettings()
    values: dict[str, Any] = {}
    for name, fallback in default._asdict().items():
        value = stored.get(name, fallback)
        values[name] = value if type(value) is type(fallback) else fallback
    return clean(AppSettings(**values))


class SettingsService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def load(self) -> AppSettings:
        with self._uow.reads() as reads:
            return read_settings(reads.settings)

    def save(self, settings: AppSettings) -> AppSettings:
        """Keep `settings` (cleaned); returns what was kept. Settings have no undo step:
        the dialog's Cancel is their undo."""
        kept = clean(settings)
        with self._uow() as collection:
            collection.settings.set(SETTINGS_KEY, kept._asdict())
        return kept


def _limit(value: int, default: int) -> int:
    return value if 0 <= value <= MAX_PER_DAY else default
