"""Screens: the main screen and the ones pushed over it."""
