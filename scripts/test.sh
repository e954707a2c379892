#!/usr/bin/env bash
# Set up (Python venv, node, headless Chromium, bubblewrap) and run the whole test suite.
#   INVENTREE_SRC   folder of InvenTree backend sources by release (default ../shared/inventree):
#                   the real loader the fidelity and real-InvenTree tests judge against.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
# The type checker first ([tool.mypy] in pyproject.toml: strict on creator/): a type error fails the run.
.venv/bin/mypy
export ARTIFACTS_DIR="${ARTIFACTS_DIR:-$PWD/build/artifacts}"
mkdir -p "$ARTIFACTS_DIR" build
export INVENTREE_SRC="${INVENTREE_SRC:-$(cd .. && pwd)/shared/inventree}"
if [ ! -d "$INVENTREE_SRC/1.5-dev" ] || [ ! -d "$INVENTREE_SRC/1.0" ]; then
  echo "test: no InvenTree sources at $INVENTREE_SRC (set INVENTREE_SRC): the real-loader tests need them" >&2
  exit 2
fi
# The real InvenTree environments (venv + migrated database, cached under ~/.cache), set up once
# before the tests and side by side, so that no test worker waits on a set-up mid-run.
started=$SECONDS
pids=()
for release in 1.5-dev 1.0; do
  .venv/bin/python -m creator.inventree.environment "$INVENTREE_SRC/$release" \
    > "build/inventree-setup-$release.json" 2> "build/inventree-setup-$release.log" &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  if ! wait "$pid"; then
    tail -n 20 build/inventree-setup-*.log >&2
    echo "test: setting up InvenTree failed" >&2
    exit 2
  fi
done
echo "test: InvenTree 1.5-dev and 1.0 ready in $((SECONDS - started)) s"
exec .venv/bin/python -m pytest -n 2 --dist loadgroup --durations=40 "$@"
