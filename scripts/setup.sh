#!/usr/bin/env bash
# One command for a fresh Debian/Ubuntu machine: install what is missing, then
#   scripts/setup.sh demo   start the application on the bundled demo dataset
#   scripts/setup.sh test   run the whole test suite (lint, types, unit, UI, end-to-end)
# Idempotent: a second run installs nothing and starts at once.
set -euo pipefail

mode="${1:-demo}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Qt's runtime libraries, the X11 platform plugin's libraries (for a real window),
# poppler (the tests read the PDFs we write) and PostgreSQL (the tests start a throwaway
# server on loopback: consolidation into PostgreSQL, `consolidate --db`).
debian_packages=(
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-randr0 libxcb-xfixes0
  poppler-utils postgresql
)

install_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "缺少系统软件包 (missing Debian packages): ${missing[*]}" >&2
      echo "请以 root 运行 (run as root): apt-get install -y ${missing[*]}" >&2
      return 0
    fi
  fi
  echo "安装系统软件包 (installing): ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_python_environment() {
  [ -x .venv/bin/python ] || python3 -m venv .venv
  local stamp=".venv/.juesuan-installed"
  local want
  want="$(cat pyproject.toml setup.py | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[dev]"
    echo "$want" > "$stamp"
  fi
}

run_tests() {
  export QT_QPA_PLATFORM=offscreen
  local sources=()
  for dir in desktop tests bench scripts installer setup.py; do [ -e "$dir" ] && sources+=("$dir"); done
  .venv/bin/ruff check "${sources[@]}"
  .venv/bin/ruff format --check "${sources[@]}"
  .venv/bin/mypy
  .venv/bin/python -m pytest -q -p no:cacheprovider "${@}"
}

install_debian_packages
install_python_environment

case "$mode" in
  demo)
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      echo "没有图形显示 (no display): 以无窗口方式打开示例数据 (opening the demo headless)"
      exec .venv/bin/juesuan demo --headless
    fi
    exec .venv/bin/juesuan demo
    ;;
  test)
    shift || true
    run_tests "$@"
    ;;
  *)
    echo "用法 (usage): scripts/setup.sh demo|test" >&2
    exit 2
    ;;
esac
