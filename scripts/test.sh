#!/usr/bin/env bash
# Set up (Python venv, node, headless Chromium) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
export ARTIFACTS_DIR="${ARTIFACTS_DIR:-$PWD/build/artifacts}"
mkdir -p "$ARTIFACTS_DIR"
exec .venv/bin/python -m pytest -n 2 --dist loadgroup "$@"
