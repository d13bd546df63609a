"""What the desk knows of items beyond their content: read, starred, alerted, and when each arrived."""

from __future__ import annotations

from dataclasses import dataclass, field

NEW_FADE = 300.0  # seconds an arrival keeps its "new" marker and highlight
FADE_STEPS = 3  # the highlight fades in steps, each a repaint of that row only: strong, then fainter


@dataclass
class Marks:
    """One set of marks, shared by the desk state and the list that draws it, never copied."""

    read: set[str] = field(default_factory=set)
    alerts: set[str] = field(default_factory=set)
    starred: set[str] = field(default_factory=set)
    arrived: dict[str, float] = field(default_factory=dict)  # id -> when it arrived while running

    def fade(self, item_id: str, now: float) -> int | None:
        """Which of the FADE_STEPS an arrival is drawn with now; None once it is no longer new."""
        age = now - self.arrived.get(item_id, -NEW_FADE)
        if age >= NEW_FADE:
            return None
        return min(int(max(age, 0.0) / NEW_FADE * FADE_STEPS), FADE_STEPS - 1)
