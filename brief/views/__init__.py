"""Views: plain data shaped for screens and JSON (no Textual, no Rich).

`timeline` (a thread's events and what each adds), `daily` (the daily briefing),
`grouping` (the list by thread), `entity_directory` (every entity and the fuzzy
pick behind `e`), `labels` (dates and counts as people read them), `contracts`
(the JSON of DESIGN.md).
"""
