#!/usr/bin/env bash
# Build the frozen app (PyInstaller, one folder) and smoke-test it:
#   bash installer/build-app.sh   →  build/frozen/dist/juesuan/ (the program: juesuan)
# Uses the project's .venv (scripts/setup.sh makes it) with the `installer` extra.
# About 1 minute on 2 cores; the smoke test's outputs land in build/frozen/smoke/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e ".[installer]"
start=$EPOCHREALTIME
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath build/frozen/dist \
  --workpath build/frozen/work installer/juesuan.spec
echo "built build/frozen/dist/juesuan in $(awk "BEGIN { printf \"%.0f\", $EPOCHREALTIME - $start }") s," \
  "$(du -sh build/frozen/dist/juesuan | cut -f1)"
rm -rf build/frozen/smoke
bash installer/smoke.sh build/frozen/dist/juesuan/juesuan build/frozen/smoke
