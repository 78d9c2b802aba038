#!/usr/bin/env bash
# The smoke test of an installed or frozen juesuan: installer/smoke.sh JUESUAN OUT_DIR
#   JUESUAN  the command to test: a wheel's venv/bin/juesuan, the frozen dist/juesuan/juesuan,
#            /usr/bin/juesuan from the .deb, juesuan-cli.exe on Windows
#   OUT_DIR  a new folder for the data file, the exports and the logs
# Runs the demo headless, fills a new file, validates, exports the full package (xlsx, pdf,
# bundle, json), verifies the bundle, rejects a bad cell, and renders the window to a PNG.
# Prints one line per step with its time; exits 1 at the first failure, with that step's log.
set -euo pipefail

juesuan="$1"
out="$2"
mkdir -p "$out"
export JUESUAN_DATA_DIR="$out/data"  # never the user's own data folder
demo="$JUESUAN_DATA_DIR/demo.jsd"
passed=0

fail() {
  echo "FAILED $1: $2"
  sed 's/^/    /' "$out/$1.log"
  echo "smoke: $passed passed, 1 failed"
  exit 1
}

# step NAME EXPECTED_EXIT COMMAND...: run, time, check the exit code
step() {
  local name="$1" expected="$2" start rc=0
  shift 2
  start=$EPOCHREALTIME
  "$@" >"$out/$name.log" 2>&1 || rc=$?
  [ "$rc" -eq "$expected" ] || fail "$name" "exit $rc, expected $expected"
  printf 'ok %-10s %6.2f s\n' "$name" "$(awk "BEGIN { print $EPOCHREALTIME - $start }")"
  passed=$((passed + 1))
}

# expect NAME TEXT: the step's output says TEXT
expect() {
  grep -qF -- "$2" "$out/$1.log" || fail "$1" "output lacks '$2'"
}

# magic NAME FILE BYTES: FILE starts with BYTES (a zip, a PDF, a PNG)
magic() {
  [ "$(head -c "${#3}" "$2")" = "$3" ] || { echo "$2 is not what it should be" >"$out/$1.log"; fail "$1" "$2"; }
}

step version   0 "$juesuan" --version
expect version "juesuan"
step demo      0 "$juesuan" demo --headless
expect demo "攀枝花市西区财政局"
step new       0 "$juesuan" new "$out/new.jsd" --department 测试单位 --year 2020
step set       0 "$juesuan" set "$out/new.jsd" G05.2010601.basic 306.19
step get       0 "$juesuan" get "$out/new.jsd" G05.2010601.basic
expect get "306.19"
step bad-cell  2 "$juesuan" set "$out/new.jsd" G05.NOPE.basic 1
expect bad-cell "不存在"
step validate  0 "$juesuan" validate "$demo"
expect validate "错误 0 个"
step date      0 "$juesuan" set "$demo" F00.date.value 2021年5月20日  # the cover's report date
step export    0 "$juesuan" export "$demo" --xlsx "$out/demo.xlsx" --pdf "$out/demo.pdf" \
  --bundle "$out/demo.zip" --json "$out/demo.json"
magic export "$out/demo.xlsx" "PK"
magic export "$out/demo.pdf" "%PDF"
magic export "$out/demo.zip" "PK"
step verify    0 "$juesuan" verify "$out/demo.zip"
expect verify "报送包完整"
step window    0 "$juesuan" demo --screenshot "$out/window.png"
magic window "$out/window.png" $'\x89PNG'
echo "smoke: $passed passed, 0 failed"
