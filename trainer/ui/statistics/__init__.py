"""The statistics room: progress charts, the interview plan and the FSRS optimizer."""
