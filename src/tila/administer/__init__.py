"""The interactive interview: a pure state machine (session, keys), an atomic store, and the
terminal front end (tui, the only module here that may import rich)."""
