"""``python -m tila`` runs the command-line interface."""

from tila.cli.app import main

main()
