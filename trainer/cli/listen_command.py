"""`keeper listen FILE`: transcribe a spoken answer offline and report its delivery."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trainer.cli.coach_command import _as_json as finding_json
from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json, terminal_safe
from trainer.core.spoken_report import Mark, SpokenReport, marked_transcript, spoken_report
from trainer.services.transcription import TranscriptionFailed, TranscriptionJob
from trainer.services.voice_model import VoiceUnavailable

NAME = "listen"
HELP = "transcribe a spoken answer (WAV, MP3, ...) offline: pace, fillers, pauses, the coach"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the recorded answer")
    parser.add_argument("--question", metavar="TEXT", help="the question, shown above the report")
    parser.add_argument(
        "--target-seconds",
        metavar="N",
        type=_seconds,
        help="how long the answer should take; the report says how far off it was",
    )
    parser.add_argument(
        "--model",
        metavar="DIR",
        default="",
        help=(
            "a CTranslate2 Whisper model folder (default: the one Settings names, else the "
            "tiny.en of the voice extra)"
        ),
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the report; nothing is kept (the app keeps attempts, the command does not)."""
    try:
        transcript = TranscriptionJob(Path(args.file), model=_model(args, ctx)).run()
    except (TranscriptionFailed, VoiceUnavailable) as error:
        raise CliError(str(error)) from error
    report = spoken_report(transcript, args.target_seconds)
    if args.json:
        print_json(report_json(report))
    else:
        _print_report(report, args.question)
    return 0


def _model(args: argparse.Namespace, ctx: CliContext) -> str:
    """--model, else the folder Settings > Voice names; a data folder with no collection
    is left as it is (listening makes nothing)."""
    from trainer.app import DATABASE_FILE

    if args.model or not (ctx.data_dir() / DATABASE_FILE).exists():
        return args.model
    return ctx.services().settings.load().voice_model


def report_json(report: SpokenReport) -> dict[str, Any]:
    figures = report.delivery
    return {
        "transcript": report.text,
        "duration_seconds": round(figures.duration_seconds, 2),
        "words_per_minute": round(figures.words_per_minute, 1),
        "fillers": [
            {"text": filler.text, "start": round(filler.start, 2)} for filler in figures.fillers
        ],
        "longest_pause_seconds": round(figures.longest_pause_seconds, 2),
        "findings": [finding_json(report.text, finding) for finding in report.findings],
    }


def _print_report(report: SpokenReport, question: str | None) -> None:
    figures = report.delivery
    if question:
        print(f"Question: {terminal_safe(question)}")
    marks = {Mark.WORD: "{}", Mark.FILLER: "[{}]", Mark.PAUSE: "({} pause)"}
    pieces = marked_transcript(report)
    print(" ".join(marks[piece.mark].format(terminal_safe(piece.text)) for piece in pieces))
    print()
    target = ""
    if figures.over_target_seconds is not None:
        off = figures.over_target_seconds
        side = "over" if off > 0 else "under"
        target = f" ({abs(off):.0f} s {side} the {figures.target_seconds} s target)"
    print(f"Duration: {figures.duration_seconds:.1f} s{target}")
    print(f"Pace: {figures.words_per_minute:.0f} words per minute")
    print(f"Fillers: {len(figures.fillers)} ({figures.fillers_per_minute:.1f} per minute)")
    print(f"Longest pause: {figures.longest_pause_seconds:.1f} s")
    print(f'"I": {figures.i_count}, "we": {figures.we_count}')
    for finding in report.findings:
        print(
            f'Coach: {finding.rule} "{terminal_safe(finding.excerpt)}" - Try: {finding.suggestion}'
        )
    if not report.findings:
        print("Coach: no weak patterns found.")


def _seconds(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of seconds (1-3600)")
    return value
