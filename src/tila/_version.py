"""The one place tila's version is written; hatchling reads it for the wheel."""

__version__ = "0.1.0"
