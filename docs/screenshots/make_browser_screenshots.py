"""Render docs/screenshots/browser.png, browser-first-size.png and settings.png, offscreen.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/make_browser_screenshots.py

The built-in decks, a deck of the user's own cards, a short study history (so due dates,
intervals and a lapse show) and one suspended card; the browser searched and a card open
in the editor; then the settings dialog.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QAbstractItemView  # noqa: E402

from trainer.app import open_services  # noqa: E402
from trainer.core.card_content import card_content  # noqa: E402
from trainer.core.cards import Rating  # noqa: E402
from trainer.core.clock import FixedClock  # noqa: E402
from trainer.services.services import Services  # noqa: E402
from trainer.services.settings_service import AppSettings  # noqa: E402
from trainer.ui.application import create_application  # noqa: E402
from trainer.ui.main_window import MainWindow  # noqa: E402
from trainer.ui.settings_dialog import SettingsDialog  # noqa: E402
from trainer.ui.theme import LIGHT, apply_theme  # noqa: E402

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
CENTER = QAbstractItemView.ScrollHint.PositionAtCenter
OUT = ROOT / "docs" / "screenshots"
OWN_CARDS = (
    ("Tell me about a launch that **missed its target**.",
     "- **Situation:** Canada trial change, conversion at 61%\n- **Decision:** ended the trial\n"
     "- **Outcome:** -4% sign-ups, +9% paid after 60 days\n- **Lesson:** pre-register the metric",
     "story launch"),
    ("How do you decide with **60% of the information**?",
     "Name the decision, the evidence for it and the **metric that would prove me wrong**; "
     "commit, inform, and set a date to look again.", "judgment"),
    ("What is a *positioning statement*?",
     "For **[target]** who **[need]**, *[product]* is the **[category]** that **[benefit]**, "
     "unlike **[alternative]**.", "pricing positioning"),
)  # fmt: skip


def main() -> None:
    app = create_application()
    apply_theme(app, LIGHT)
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        clock = FixedClock(NOW - timedelta(days=12))
        services = open_services(data_dir, clock, fuzzing=False)
        add_own_cards(services)
        study_a_little(services, clock)
        suspend_one(services)
        window = MainWindow(services, data_dir)
        window.manage.apply(AppSettings(theme=LIGHT))
        window.resize(1440, 820)
        window.show()
        window.go_browser()
        browser = window.browser
        browser.search.setText("-is:new or deck:my*")
        browser.run_search()
        row = browser.model.row_of(services.browse.search('deck:my* "60 of the"')[0])
        browser.table.selectRow(row)
        app.processEvents()
        browser.table.scrollTo(browser.model.index(row, 0), CENTER)  # the suspended one too
        app.processEvents()
        window.grab().save(str(OUT / "browser.png"))
        window.resize(980, 680)  # the window's first size: the front column keeps its room
        app.processEvents()
        window.grab().save(str(OUT / "browser-first-size.png"))

        dialog = SettingsDialog(AppSettings(), data_dir.parent / "Keeper", parent=window)
        dialog.data_folder.setText("/home/alex/.local/share/Keeper")
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(OUT / "settings.png"))
        dialog.close()
        window.close()
        services.close()
    print(f"wrote {OUT / 'browser.png'}, browser-first-size.png and settings.png")


def add_own_cards(services: Services) -> None:
    deck = services.decks.create("My stories and notes")
    for front, back, tags in OWN_CARDS:
        services.card_edits.add(deck.id, card_content(front, back, tags))


def suspend_one(services: Services) -> None:
    services.card_edits.set_suspended(services.browse.search('"really let people"')[:1], True)


def study_a_little(services: Services, clock: FixedClock) -> None:
    """Twelve days of a few minutes each: due dates, intervals and the odd lapse."""
    rng = random.Random(6)
    for _day in range(12):
        session = services.study.start_session()
        for _ in range(12):
            if session.current is None:
                break
            session.reveal()
            clock.advance(timedelta(seconds=rng.uniform(8, 30)))
            rating = rng.choices(list(Rating), weights=(0.12, 0.1, 0.68, 0.1))[0]
            services.study.record(session.grade(rating))
        clock.advance(timedelta(days=1))
    clock.now = NOW


if __name__ == "__main__":
    main()
