#!/usr/bin/env bash
# Set up, then create a demo plugin with the default answers (the loader check runs on it),
# build its frontend, run its own tests, build its wheel, and check the wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
demo=build/demo-plugin
rm -rf "$demo"   # the script's own output from an earlier run
mkdir -p build
.venv/bin/create-inventree-plugin create "$demo" --defaults -d "plugin_name=Demo Plugin" --no-git
cd "$demo"
if [ -d frontend ]; then
  (cd frontend && npm ci --no-audit --no-fund && npm run build)
fi
../../.venv/bin/python -m pytest -q
../../.venv/bin/python -m build -q .
ls -l dist/
../../.venv/bin/create-inventree-plugin check dist/*.whl
echo "demo: the plugin is in $demo, its wheel in $demo/dist/"
