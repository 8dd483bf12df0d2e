"""The Stories room: write failure stories, be coached on them, rehearse them aloud."""
