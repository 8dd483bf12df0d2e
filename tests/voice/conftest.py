"""Voice tests need the voice extra and espeak-ng. Without them these tests are skipped,
unless KEEPER_REQUIRE_VOICE=1 (CI sets it, having installed both): then they fail."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.voice.spoken_set import STRONG_ANSWER, WEAK_ANSWER, speak
from trainer.core.delivery import Transcript
from trainer.services.transcription import TranscriptionJob
from trainer.services.voice_model import voice_installed

pytestmark = pytest.mark.voice


def _missing() -> str:
    if not voice_installed():
        return "the voice extra is not installed (pip install -e '.[voice]')"
    if shutil.which("espeak-ng") is None or shutil.which("sox") is None:
        return "espeak-ng or sox is not installed (apt install espeak-ng sox)"
    return ""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = _missing()
    if not missing:
        return
    for item in items:
        if "voice" not in item.keywords:
            continue
        if os.environ.get("KEEPER_REQUIRE_VOICE") == "1":
            raise pytest.UsageError(f"KEEPER_REQUIRE_VOICE=1 but {missing}")
        item.add_marker(pytest.mark.skip(reason=missing))


@pytest.fixture(scope="session")
def spoken_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("spoken")


@pytest.fixture(scope="session")
def weak_wav(spoken_dir: Path) -> Path:
    return speak(WEAK_ANSWER, spoken_dir / "weak.wav")


@pytest.fixture(scope="session")
def strong_wav(spoken_dir: Path) -> Path:
    return speak(STRONG_ANSWER, spoken_dir / "strong.wav")


@pytest.fixture(scope="session")
def transcripts(weak_wav: Path, strong_wav: Path) -> Iterator[dict[str, Transcript]]:
    """Each answer transcribed once for the whole session (transcription takes seconds)."""
    yield {
        "weak": TranscriptionJob(weak_wav).run(),
        "strong": TranscriptionJob(strong_wav).run(),
    }
