"""Spoken rehearsal figures for docs/voice.md: word error rate and filler recall on the
espeak-ng set (tests/voice/spoken_set.py), with and without the filler prompt, and the time
to transcribe about one minute of speech.

    python bench/voice.py [--model DIR] [--out FOLDER]

Needs the voice extra, espeak-ng and sox. Report only; nothing here fails a build.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.voice.spoken_set import (  # noqa: E402
    SPOKEN_SET,
    filler_counts,
    speak,
    word_error_rate,
    words,
)
from trainer.services.transcription import TranscriptionJob  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="", help="a CTranslate2 Whisper model folder")
    parser.add_argument("--out", type=Path, help="keep the spoken WAV files here")
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="keeper-voice-"))
    folder.mkdir(parents=True, exist_ok=True)
    clips = [speak(answer, folder / f"answer{i}.wav") for i, answer in enumerate(SPOKEN_SET)]
    TranscriptionJob(clips[0], model=args.model).run()  # load the model before timing
    for prompt in (False, True):
        errors = reference_words = fillers = kept = 0
        started = time.perf_counter()
        for answer, clip in zip(SPOKEN_SET, clips, strict=True):
            heard = TranscriptionJob(clip, model=args.model, filler_prompt=prompt).run().text
            errors += round(word_error_rate(answer, heard) * len(words(answer)))
            reference_words += len(words(answer))
            said, got = filler_counts(answer, heard)
            fillers, kept = fillers + said, kept + got
        seconds = time.perf_counter() - started
        print(
            f"filler prompt {'on ' if prompt else 'off'}: WER {errors / reference_words:.1%} "
            f"({errors}/{reference_words} words), filler recall {kept}/{fillers}, "
            f"{seconds:.1f} s for {len(clips)} answers"
        )
    minute = folder / "one-minute.wav"
    subprocess.run(["sox", *map(str, clips), str(minute)], check=True)
    length = float(
        subprocess.run(
            ["soxi", "-D", str(minute)], capture_output=True, text=True, check=True
        ).stdout
    )
    started = time.perf_counter()
    TranscriptionJob(minute, model=args.model).run()
    seconds = time.perf_counter() - started
    print(
        f"{length:.1f} s of speech transcribed in {seconds:.1f} s "
        f"({seconds / length:.2f} x real time)"
    )
    print(f"spoken files in {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
