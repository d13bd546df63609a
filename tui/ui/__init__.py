"""The Textual desk: the app, its screens and widgets, themes and styles."""
