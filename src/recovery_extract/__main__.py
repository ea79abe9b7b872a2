"""``python -m recovery_extract`` runs the command-line interface."""

from .cli import main

raise SystemExit(main())
