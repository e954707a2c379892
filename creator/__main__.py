"""`python -m creator`: the same entry point as the console script."""

from creator.entry import main

raise SystemExit(main())
