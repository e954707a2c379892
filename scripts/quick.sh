#!/usr/bin/env bash
# The quick local loop: the suite without the tests that need a browser, npm, a package registry,
# the real InvenTree or minutes (markers registered in pyproject.toml, applied in tests/). CI runs
# everything (scripts/test.sh). Extra arguments go to pytest, e.g. `scripts/quick.sh tests/check`.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest -n 2 --dist loadgroup \
  -m "not slow and not browser and not npm and not network and not inventree" "$@"
