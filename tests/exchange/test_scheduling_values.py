"""A .keeper file with scheduling values FSRS cannot use: refused in one line naming the
card and the field, or imported so that `keeper plan`, `keeper stats` and studying work."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer.app import open_services
from trainer.cli.main import main
from trainer.core.session import Phase
from trainer.core.study_days import study_date
from trainer.ui.study_view import StudyView

GUID = "card-under-test"
NOW = datetime.now(UTC).replace(microsecond=0)
YESTERDAY = (NOW - timedelta(days=1)).isoformat().replace("+00:00", "Z")
WEEK_AGO = (NOW - timedelta(days=7)).isoformat().replace("+00:00", "Z")
GOOD_MEMORY: dict[str, Any] = {
    "state": "review",
    "step": None,
    "stability": 6.0,
    "difficulty": 5.0,
    "due": YESTERDAY,
    "last_review": WEEK_AGO,
    "reps": 3,
    "lapses": 0,
}
HUGE = 2**63 - 1
BAD_VALUES: list[tuple[str, Any]] = [
    *[("stability", v) for v in (0, 0.0, None, -1, -1e-9, 1e-12, 1e308, HUGE, "6", True, [])],
    *[("difficulty", v) for v in (0, None, -1, 0.5, 10.5, 11, 1e308, HUGE, "5", False)],
    *[("reps", v) for v in (-1, HUGE, HUGE - 1, 2**62, 1.5, "3", None)],
    *[("lapses", v) for v in (-1, HUGE, None, 2.0)],
    *[("step", v) for v in (-1, HUGE, 1.5, "0")],
    *[("due", v) for v in (None, "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", 5, "soon")],
    *[("last_review", v) for v in ("9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", None, 7)],
    *[("state", v) for v in ("bogus", None, 2, "new", "learning", "relearning")],
]


def keeper_file(path: Path, memory: dict[str, Any]) -> Path:
    documents = {
        "manifest.json": {"format": "keeper", "version": 1, "created": YESTERDAY},
        "decks.json": [{"guid": "deck-1", "name": "Odd"}],
        "cards.json": [
            {"guid": GUID, "deck": "deck-1", "front": "Odd front", "back": "Odd back",
             "memory": memory},
        ],
    }  # fmt: skip
    with zipfile.ZipFile(path, "w") as archive:
        for name, value in documents.items():
            archive.writestr(name, json.dumps(value))
    return path


def keeper(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("field", "value"), BAD_VALUES, ids=lambda x: repr(x)[:20])
def test_a_bad_scheduling_value_is_refused_or_everything_still_works(
    field: str,
    value: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    qtbot: QtBot,
) -> None:
    data = tmp_path / "data"
    package = keeper_file(tmp_path / "odd.keeper", {**GOOD_MEMORY, field: value})
    code, out, err = keeper(capsys, data, "import", str(package))
    if code != 0:
        assert out == "" and err.count("\n") == 1, err
        named = re.search(r"card '([^']+)' at cards\[0\]\.memory\.(\w+): ", err)
        assert named is not None and named.group(1) == GUID, err
        assert named.group(2) == field or field == "state", err  # state: what it lacks
        code, out, err = keeper(capsys, data, "decks", "--json")
        assert "Odd" not in {deck["name"] for deck in json.loads(out)}  # nothing arrived
        return
    interview = study_date(NOW) + timedelta(days=10)
    code, out, err = keeper(capsys, data, "plan", "--interview-date", str(interview), "--json")
    assert code == 0, err
    assert any(deck["name"] == "Odd" for deck in json.loads(out)["decks"])
    code, out, err = keeper(capsys, data, "stats", "--json")
    assert code == 0, err
    assert_the_card_can_be_studied(data, qtbot)


def assert_the_card_can_be_studied(data: Path, qtbot: QtBot) -> None:
    services = open_services(data, lambda: NOW + timedelta(days=400), fuzzing=False)
    try:
        odd = services.decks.named("Odd")
        view = StudyView(services.study)
        qtbot.addWidget(view)
        view.show()
        view.activateWindow()
        view.start(services.study.start_session(odd.id))
        qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
        session = view.session
        assert session is not None and session.current is not None, "the card is not due"
        assert session.current.front == "Odd front"
        qtbot.keyClick(view, Qt.Key.Key_Space)
        assert all(button.isVisible() for button in view.grade_buttons.values())
        qtbot.keyClick(view, Qt.Key.Key_3)
        assert not view.problem.isVisible(), view.problem.text()
        assert session.summary().studied == 1
        assert session.phase in (Phase.QUESTION, Phase.FINISHED)
    finally:
        services.close()
