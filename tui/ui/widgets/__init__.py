"""The desk's widgets: they draw what they are given and post messages; they own no wire state."""
