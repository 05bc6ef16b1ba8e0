"""Widgets: the virtual list and what is built on it, the pane, the bars."""
