"""A spoken card's rubric: which points were said, and the grade that suggests."""

from __future__ import annotations

from trainer.core.cards import Rating
from trainer.core.spoken_rubric import points_heard, rubric_points, suggested_grade

RUBRIC = [
    "Name the drop-off in onboarding",
    "Say you launched the redesign",
    "Give the lift: conversion rose 4%",
    "Say what you would do differently",
]


def _said(transcript: str) -> list[bool]:
    return [point.said for point in points_heard(transcript, RUBRIC)]


def test_points_said_in_other_word_forms_count_and_missing_ones_do_not() -> None:
    transcript = (
        "I found the drop-off was in onboarding, so I launched a redesign, "
        "and conversion rose 4% in six weeks."
    )
    assert _said(transcript) == [True, True, True, False]
    assert suggested_grade(points_heard(transcript, RUBRIC)) == Rating.HARD


def test_a_point_with_a_number_needs_the_number() -> None:
    assert _said("conversion rose a lot after the lift")[2] is False
    assert _said("the lift: conversion rose four percent, 4%")[2] is True


def test_grade_follows_the_share_of_points_said_and_the_coach() -> None:
    everything = (
        "The drop-off was in onboarding. I launched the redesign. The lift: conversion "
        "rose 4%. Next time I would do the pricing test differently."
    )
    heard = points_heard(everything, RUBRIC)
    assert all(point.said for point in heard)
    assert suggested_grade(heard) == Rating.EASY
    assert suggested_grade(heard, findings=2) == Rating.GOOD
    assert suggested_grade(points_heard("I am not sure.", RUBRIC)) == Rating.AGAIN


def test_rubric_points_are_the_bullets_of_the_back() -> None:
    back = "Say:\n\n- You are the subject\n* a decision verb  \n1. a metric with its baseline\n"
    assert rubric_points(back) == (
        "You are the subject",
        "a decision verb",
        "a metric with its baseline",
    )
    assert rubric_points("Name the decision\nGive the number\n\n") == (
        "Name the decision",
        "Give the number",
    )
    assert rubric_points("") == () and rubric_points("  \n - \n") == ()
