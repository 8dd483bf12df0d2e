"""Render every room at the first window size and the minimum, light and dark, offscreen.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/make_room_screenshots.py

Writes docs/screenshots/rooms/<room>-<width>-<theme>.png. The collection: the built-in
decks, twelve days of a few minutes' study, one story with a weak decision (so the coach
has findings) and an interview ten days ahead. Each size and theme starts from a copy of
that collection, so every picture shows the same counts. Dialogs are drawn over the window
they open from, shrunk to fit it as a window manager would; one that cannot shrink that far
makes the picture bigger than the window.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from trainer.app import open_services  # noqa: E402
from trainer.core.cards import NewCard, Rating  # noqa: E402
from trainer.core.clock import FixedClock  # noqa: E402
from trainer.core.model import CardKind  # noqa: E402
from trainer.core.stories import Story  # noqa: E402
from trainer.core.study_days import study_date  # noqa: E402
from trainer.services.services import Services  # noqa: E402
from trainer.services.settings_service import AppSettings  # noqa: E402
from trainer.ui.application import create_application  # noqa: E402
from trainer.ui.main_window import MainWindow  # noqa: E402
from trainer.ui.theme import DARK, LIGHT  # noqa: E402

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
OUT = ROOT / "docs" / "screenshots" / "rooms"
SIZES = ((980, 680), (640, 480))
THEMES = (LIGHT, DARK)
STORY = Story(
    id=None,
    title="The Canada trial change",
    questions="Tell me about a decision you made with incomplete data.\n"
    "Tell me about a launch that missed its target.",
    situation="Our free trial in Canada converted at 61% of the US rate, and the quarter's "
    "sign-up goal depended on it.",
    decision="We decided to wait for more data, and the team thought maybe we should end the "
    "trial at some point.",
    risk="Sign-ups could fall while paid conversion stayed flat.",
    outcome="Sign-ups fell 4% but paid conversion rose 9% after 60 days.",
    post_mortem="I let the debate run two weeks longer than the evidence needed.",
    changes="I now write down the metric that would prove me wrong before I decide.",
    tags=("launch", "judgment"),
)
GUIDE = """\
# Interview guide

## FAQ

### How long is the loop?

About four weeks, five interviews, one of them a written exercise.

## Mistakes to avoid

BAD: "We shipped it."
GOOD: "I shipped it, and retention rose 4%."

## Our values

**Candor**: Say what you think, with care.

## Preparation checklist

- Reread the culture memo twice.
- Write three stories about decisions you owned.
"""


def _show_spoken_report(window: MainWindow) -> None:
    """The report after a spoken answer, as if recorded: fillers, a long pause, findings."""
    from trainer.core.delivery import SpokenWord, Transcript

    text = (
        "Um, so, we kind of decided to check with my manager first. Uh, the team wanted "
        "more data before we launched. You know, in the end we improved engagement a lot."
    )
    words, at = [], 0.3
    for index, word in enumerate(text.split()):
        words.append(SpokenWord(word, at, at + 0.35))
        at += 0.4 + (2.2 if index == 10 else 0.0)
    panel = window.stories.rehearse.voice
    report = window.services.voice.report(Transcript(tuple(words), at + 0.5), 120)
    panel.report_view.show_report(report)
    panel.report_view.show()
    panel.status.setText("Kept with your other attempts. R records another.")


SPOKEN_QUESTION = "Tell me about a decision you made with incomplete data."
SPOKEN_RUBRIC = (
    "- I decided, with the data I had\n"
    "- Sign-ups fell 4%, paid conversion rose 9%\n"
    "- After 60 days: the baseline\n"
    "- What I would do differently"
)


def _show_spoken_card_report(window: MainWindow) -> None:
    """A spoken card's answer, as if recorded: the report ticks the points it said."""
    from trainer.core.delivery import SpokenWord, Transcript

    text = (
        "Um, I decided to end the trial in Canada with 60% of the data. Uh, sign-ups fell "
        "4% but paid conversion rose 9% after 60 days."
    )
    words = [SpokenWord(w, 0.3 + 0.4 * i, 0.6 + 0.4 * i) for i, w in enumerate(text.split())]
    panel = window.study.spoken
    rubric = tuple(line[2:] for line in SPOKEN_RUBRIC.splitlines())
    report = window.services.voice.report(
        Transcript(tuple(words), 0.4 * len(words) + 1), 120, rubric
    )
    assert panel.voice is not None
    panel.voice.report_view.show_report(report)
    panel.voice.report_view.show()
    panel.voice.status.setText("Kept with your other attempts. R records another.")
    panel.voice.reported.emit(report)


def main() -> None:
    app = create_application()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        seed = Path(folder) / "seed"
        build_collection(seed)
        for theme in THEMES:
            for size in SIZES:
                copy = Path(folder) / f"{theme}-{size[0]}"
                shutil.copytree(seed, copy)
                shoot_every_room(app, copy, theme, size)
    total = sum(path.stat().st_size for path in OUT.glob("*.png"))
    print(f"wrote {len(list(OUT.glob('*.png')))} pictures to {OUT}, {total / 1e6:.1f} MB")


def build_collection(data_dir: Path) -> None:
    clock = FixedClock(NOW - timedelta(days=12))
    services = open_services(data_dir, clock, fuzzing=False)
    study_a_little(services, clock)
    services.stories.create(STORY)
    spoken = services.decks.named("Spoken answers")
    services.card_edits.add(
        spoken.id,
        NewCard(SPOKEN_QUESTION, SPOKEN_RUBRIC, tags=("story",), kind=CardKind.SPOKEN),
    )
    services.plan.set_interview_date(study_date(NOW, UTC) + timedelta(days=10))
    services.close()


def study_a_little(services: Services, clock: FixedClock) -> None:
    """Twelve days of a few minutes each: due dates, intervals and the odd lapse."""
    rng = random.Random(6)
    for _day in range(12):
        session = services.study.start_session()
        for _ in range(15):
            if session.current is None:
                break
            session.reveal()
            clock.advance(timedelta(seconds=rng.uniform(8, 30)))
            rating = rng.choices(list(Rating), weights=(0.12, 0.1, 0.68, 0.1))[0]
            services.study.record(session.grade(rating))
        clock.advance(timedelta(days=1))
    clock.now = NOW


def shoot_every_room(app: QApplication, data_dir: Path, theme: str, size: tuple[int, int]) -> None:
    clock = FixedClock(NOW)
    services = open_services(data_dir, clock, fuzzing=False)
    for service in (services.stats, services.plan, services.optimizer):
        service.zone = UTC
    window = MainWindow(services, data_dir)
    window.manage.apply(services.settings.save(AppSettings(theme=theme)))  # as Settings does
    window.resize(*size)
    window.show()

    def save(room: str, picture: QPixmap | None = None) -> None:
        app.processEvents()
        picture = picture if picture is not None else window.grab()
        picture.save(str(OUT / f"{room}-{size[0]}-{theme}.png"), "PNG", 0)  # 0: smallest

    home(app, window)
    save("home")
    window.start_study(None)
    save("study-question")
    window.study.reveal()
    save("study-answer")
    save("study-edit", over_window(window, edit_dialog(window)))
    for rating in (Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.GOOD, Rating.HARD, Rating.EASY):
        window.study.reveal()
        clock.advance(timedelta(seconds=25))
        window.study.grade(rating)
    session = window.study.session
    assert session is not None
    window.show_summary(session.summary())  # the end of a session, without studying it all
    save("summary")

    window.start_study(window.services.decks.named("Spoken answers").id)
    started = window.study.spoken.clock_ms()
    window.study.spoken.clock_ms = lambda: started + 97_000  # 1:37 into the answer
    window.study.spoken.show_clock()
    save("study-spoken-question")
    window.study.reveal()
    _show_spoken_card_report(window)
    save("study-spoken-answer")

    window.go_stories()
    save("stories")
    window.stories.start_rehearsal()
    save("rehearse")
    _show_spoken_report(window)
    save("rehearse-spoken")
    window.stories.rehearse.reveal()
    save("rehearse-notes")
    window.stories.end_rehearsal()

    window.go_browser()
    save("browser")

    from trainer.ui.statistics.statistics_view import MODEL, PLAN, PROGRESS

    window.go_statistics()
    while window.statistics.drawing:  # read on a thread, then drawn a piece per turn
        app.processEvents()
    for tab, name in ((PROGRESS, "progress"), (PLAN, "plan"), (MODEL, "memory-model")):
        window.statistics.tabs.setCurrentIndex(tab)
        save(f"statistics-{name}")

    home(app, window)
    save("settings", over_window(window, settings_dialog(window)))
    save("export", over_window(window, modal_of(lambda: export_options(window))))
    save("guide-builder", over_window(window, guide_builder(window)))
    from trainer.ui.help_dialogs import ShortcutSheet

    save("shortcuts", over_window(window, ShortcutSheet(window.menuBar(), window)))
    study_a_cloze_card(window, services, save)

    study_a_picture_card(window, services)  # last: its deck would change the other pictures
    save("study-media")
    window.close()
    services.close()


CLOZE_TEXT = (
    "Netflix runs on **{{c1::context, not control}}**: leaders share the context and trust "
    "people to decide, and teams are {{c2::highly aligned, loosely coupled::a phrase}}."
)


def study_a_cloze_card(window: MainWindow, services: Services, save: Callable[..., None]) -> None:
    """Last, so the other rooms show the collection without this deck: a cloze card asked
    (its gap hidden) and answered (the gap filled in bold, the extra below)."""
    from trainer.core.cloze_cards import cloze_content

    deck = services.decks.create("Cloze")
    extra = "From the culture memo: context is what a person needs to decide well."
    services.card_edits.add(deck.id, cloze_content(CLOZE_TEXT, extra))
    window.start_study(deck.id)
    save("study-cloze-question")
    window.study.reveal()
    save("study-cloze-answer")


def study_a_picture_card(window: MainWindow, services: Services) -> None:
    """A card with a diagram (a PNG in the media store) and a sound, its answer shown."""
    from PySide6.QtCore import QBuffer, QRect, Qt

    from trainer.core.cards import NewCard
    from trainer.core.media import image_reference, sound_reference

    image = QPixmap(900, 360)
    image.fill(QColor("#f4f1ea"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = painter.font()
    font.setPointSize(22)
    painter.setFont(font)
    for index, (label, colour) in enumerate(
        (("Client", "#4e79a7"), ("Load balancer", "#f28e2b"), ("Service", "#59a14f"))
    ):
        box = QRect(40 + index * 300, 120, 220, 120)
        painter.setBrush(QColor(colour))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(box, 18, 18)
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        if index:
            painter.setPen(QColor("#333333"))
            painter.drawLine(box.left() - 80, 180, box.left() - 4, 180)
    painter.end()
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = services.media.add(bytes(buffer.data().data()), "diagram.png")
    sound = services.media.add(b"ID3\x04\x00\x00\x00\x00\x00\x00\xff\xfb\x90\x64", "say.mp3")
    services.card_edits.add_cards(
        "System design",
        [NewCard(front="Where is the load balancer?\n\n" + image_reference(picture, "a diagram"),
                 back=f"Between clients and service instances. {sound_reference(sound)}")],
    )  # fmt: skip
    deck = next(deck for deck in services.decks.decks() if deck.name == "System design")
    window.start_study(deck.id)
    window.study.reveal()


def edit_dialog(window: MainWindow) -> QDialog:
    """E on the study screen: the card being studied, in the editor."""
    from trainer.ui.edit_card_dialog import EditCardDialog

    session = window.study.session
    assert session is not None and session.current is not None
    services = window.services
    return EditCardDialog(session.current, services.decks.decks(), services.card_edits, window)


def home(app: QApplication, window: MainWindow) -> None:
    """The home with the plan's counts, which a thread reads after the first paint."""
    window.go_home()
    while window.home.summary.text().startswith("Planning"):
        app.processEvents()


def settings_dialog(window: MainWindow) -> QDialog:
    from trainer.ui.settings_dialog import SettingsDialog

    settings = window.services.settings.load()
    dialog = SettingsDialog(settings, window.data_dir, parent=window)
    dialog.data_folder.setText("/home/alex/.local/share/Keeper")
    return dialog


def export_options(window: MainWindow) -> None:
    from trainer.ui.exchange_actions import ask_export_options

    ask_export_options(window, [deck.name for deck in window.services.decks.decks()])


def modal_of(opens: Callable[[], None]) -> QPixmap:
    """Run a function that opens a modal dialog; the dialog as it first shows, then closed."""
    shots: list[QPixmap] = []

    def grab_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog), "no modal dialog opened"
        shots.append(fit_and_grab(dialog, dialog.parentWidget()))
        dialog.reject()

    QTimer.singleShot(50, grab_and_close)
    opens()
    return shots[0]


def guide_builder(window: MainWindow) -> QDialog:
    from trainer.ui.guide_builder_dialog import GuideBuilderDialog

    dialog = GuideBuilderDialog(window.services, window)
    dialog.source.setPlainText(GUIDE)
    dialog.propose()
    dialog.tree.expandAll()
    dialog.tree.setCurrentIndex(dialog.model.index(0, 0, dialog.model.index(0, 0)))
    return dialog


def fit_and_grab(dialog: QWidget, window: QWidget | None) -> QPixmap:
    """The dialog shrunk (no further than its minimum) to fit the window, grabbed."""
    dialog.show()
    QApplication.processEvents()
    if window is not None:
        dialog.resize(min(dialog.width(), window.width()), min(dialog.height(), window.height()))
    QApplication.processEvents()
    return dialog.grab()


def over_window(window: QWidget, dialog: QDialog | QPixmap) -> QPixmap:
    """The window dimmed a little, with the dialog centred on it."""
    front = dialog if isinstance(dialog, QPixmap) else fit_and_grab(dialog, window)
    if isinstance(dialog, QDialog):
        dialog.close()
    back = window.grab()
    canvas = QPixmap(max(back.width(), front.width()), max(back.height(), front.height()))
    canvas.fill(QColor("black"))
    painter = QPainter(canvas)
    painter.drawPixmap(0, 0, back)
    painter.fillRect(back.rect(), QColor(0, 0, 0, 60))
    corner = QPoint(
        max(0, (back.width() - front.width()) // 2), max(0, (back.height() - front.height()) // 2)
    )
    painter.drawPixmap(corner, front)
    painter.setPen(QColor(128, 128, 128))
    painter.drawRect(corner.x(), corner.y(), front.width() - 1, front.height() - 1)
    painter.end()
    return canvas


if __name__ == "__main__":
    main()
