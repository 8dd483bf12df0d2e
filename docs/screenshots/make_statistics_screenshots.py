"""Render docs/screenshots/statistics.png and plan.png from a generated history, offscreen.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/make_statistics_screenshots.py

A simulated learner studies for five months (the same generator the tests use), an
interview is set three weeks ahead, and the Statistics room is grabbed on two tabs.
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

from tests.history_builder import build_history  # noqa: E402
from trainer.app import open_services  # noqa: E402
from trainer.core.cards import Rating  # noqa: E402
from trainer.core.clock import FixedClock  # noqa: E402
from trainer.core.study_days import study_date  # noqa: E402
from trainer.services.services import Services  # noqa: E402
from trainer.ui.application import create_application  # noqa: E402
from trainer.ui.statistics.statistics_view import PLAN, PROGRESS, StatisticsView  # noqa: E402
from trainer.ui.theme import LIGHT, apply_theme  # noqa: E402

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    app = create_application()
    apply_theme(app, LIGHT)
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock(NOW - timedelta(hours=1))
        services = open_services(Path(folder) / "data", clock, fuzzing=False)
        for service in (services.stats, services.plan, services.optimizer):
            service.zone = UTC
        start = NOW - timedelta(hours=2)
        build_history(services, start, days=160, extra_cards=900, new_per_day=5)
        services.optimizer.optimize()
        study_today(services, clock)
        services.plan.set_interview_date(study_date(NOW, UTC) + timedelta(days=21))
        view = StatisticsView(services)
        view.resize(1180, 1290)
        view.enter(PROGRESS)
        view.show()
        app.processEvents()
        view.grab().save(str(OUT / "statistics.png"))
        view.resize(1180, 900)
        view.enter(PLAN)
        app.processEvents()
        view.grab().save(str(OUT / "plan.png"))
        view.close()
        services.close()
    print(f"wrote {OUT / 'statistics.png'} and {OUT / 'plan.png'}")


def study_today(services: Services, clock: FixedClock, cards: int = 40) -> None:
    """This evening's session so far: 40 answers, about 20 seconds each, a few misses."""
    rng = random.Random(4)
    session = services.study.start_session()
    for _ in range(cards):
        if session.current is None:
            break
        session.reveal()
        clock.advance(timedelta(seconds=rng.uniform(8, 35)))
        rating = rng.choices(list(Rating), weights=(0.12, 0.1, 0.68, 0.1))[0]
        services.study.record(session.grade(rating))


if __name__ == "__main__":
    main()
