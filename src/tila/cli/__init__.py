"""The command-line interface: typer and rich live here and only here (plus the interview's
terminal front end). Each command has its own module exposing ``register(app)``."""
