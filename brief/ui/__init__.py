"""The Textual reader. Nothing outside brief/ui/ imports Textual."""
