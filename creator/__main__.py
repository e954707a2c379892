"""`python -m creator`: the same entry point as the console script."""

from creator.cli import main

raise SystemExit(main())
