"""The Textual reader. Nothing outside brief/ui/ imports Textual.

- `app.py`: the App: loads the corpus through the library, holds the library and the theme,
  installs the main screen;
- `commands.py`: every command once (key, footer label, description, screen), from which the
  bindings, the footer, the palette and the help are made;
- `palette.py`: the ctrl+p providers;
- `screens/`: the main screen (list, search bar, pane, saved searches), timeline, daily
  briefing, entity picker, help;
- `widgets/`: the virtual list base and the card and block lists on it, cards, article
  rendering, reading pane, search bar, saved searches, entity styles, cursor keys.
"""
