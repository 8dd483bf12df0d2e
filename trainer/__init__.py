"""Keeper: an offline flashcard trainer for high-bar interviews."""

__version__ = "0.1.0"
