"""Gait's exception."""


class GaitError(RuntimeError):
    """A failure reported by Gait, with Gait's own message (what was wrong and what to do)."""
