#!/usr/bin/env bash
# Proof on a fresh machine: bash installer/check-deb.sh [dist/juesuan_<version>_<arch>.deb]
#
# Makes a fresh, minimal Debian 12 (debootstrap --variant=minbase bookworm) in build/check-deb/root
# and, inside it (chroot; no container runtime is needed):
#   1. apt-get install ./juesuan_*.deb   the package registry brings what the .deb depends on
#   2. installer/smoke.sh /usr/bin/juesuan   demo headless, validate, export of the full package
#                                            (xlsx, pdf, bundle, json), verify, bad input, render
#   3. the window on a virtual X screen (Xvfb, installed only now, after the check of the Depends):
#      `juesuan demo` is timed from start to its window being mapped, then photographed
#      → build/check-deb/window.png
# Prints one line per step with its time; the full log is build/check-deb/check.log.
# Needs root and the Debian package mirror of this machine's apt sources (or MIRROR=…).
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"

deb="$(realpath "${1:-$(ls dist/juesuan_*.deb | tail -1)}")"
work="$root_dir/build/check-deb"
fresh="$work/root"
log="$work/check.log"
mirror="${MIRROR:-$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null ||
  awk '/^deb / { print $2; exit }' /etc/apt/sources.list)}"

mounted() { findmnt -rn -o TARGET | grep -q "^$fresh/"; }
unmount_all() {
  for point in dev/shm dev/pts dev proc sys; do
    mountpoint -q "$fresh/$point" && umount -l "$fresh/$point"
  done
  return 0
}
trap unmount_all EXIT

now() { echo "$EPOCHREALTIME"; }
since() { awk "BEGIN { printf \"%.1f\", $(now) - $1 }"; }
# step TITLE COMMAND...: run with its output in the log, print the title and the time it took
step() {
  local title="$1" start
  shift
  start="$(now)"
  echo "== $title" >>"$log"
  if ! "$@" >>"$log" 2>&1; then
    echo "FAILED: $title (see $log)"
    tail -20 "$log"
    exit 1
  fi
  printf '%-58s %7s s\n' "$title" "$(since "$start")"
}
inside() { chroot "$fresh" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive "$@"; }

make_fresh_debian() {
  unmount_all
  mounted && { echo "still mounted under $fresh" >&2; return 1; }
  rm -rf --one-file-system "$fresh"
  command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap
  debootstrap --variant=minbase bookworm "$fresh" "$mirror"
  cp /etc/resolv.conf "$fresh/etc/resolv.conf"
  mount -t proc proc "$fresh/proc"
  mount --bind /dev "$fresh/dev"
  mount --bind /dev/pts "$fresh/dev/pts"
  mount -t tmpfs tmpfs "$fresh/dev/shm"
  mount --bind /sys "$fresh/sys"
}

install_deb() {
  cp "$deb" "$fresh/root/"
  inside apt-get update -q
  inside sh -c "cd /root && apt-get install -y -q ./$(basename "$deb")"
}

no_missing_library() {  # before anything else is installed: the Depends alone must suffice
  inside sh -c 'find /opt/juesuan -name "*.so*" -type f -exec env LD_LIBRARY_PATH=/opt/juesuan/_internal ldd {} + |
    grep "not found" && exit 1 || exit 0'
}

smoke() {
  cp installer/smoke.sh "$fresh/root/smoke.sh"
  inside bash /root/smoke.sh /usr/bin/juesuan /root/smoke | tee -a "$work/smoke.txt"
}

window() {
  inside apt-get install -y -q --no-install-recommends xvfb xdotool imagemagick
  inside sh -c 'Xvfb :7 -screen 0 1400x900x24 -nolisten tcp >/root/xvfb.log 2>&1 & echo $! >/root/xvfb.pid; sleep 2'
  inside bash -c '
    export DISPLAY=:7 JUESUAN_DATA_DIR=/root/window
    start=$EPOCHREALTIME
    juesuan demo >/root/window.log 2>&1 &
    app=$!
    until id="$(xdotool search --onlyvisible --class juesuan 2>/dev/null | head -1)" && [ -n "$id" ]; do
      sleep 0.05
      awk "BEGIN { exit !($EPOCHREALTIME - $start > 60) }" && { echo "no window after 60 s"; exit 1; }
    done
    echo "first window after $(awk "BEGIN { printf \"%.2f\", $EPOCHREALTIME - $start }") s"
    sleep 3
    import -window "$id" /root/window.png
    kill "$app"
    cat /root/window.log'
  cp "$fresh/root/window.png" "$work/window.png"
  kill "$(cat "$fresh/root/xvfb.pid")"  # the X server started just above (same process ids in a chroot)
}

mkdir -p "$work"
: >"$log"
: >"$work/smoke.txt"
echo "checking $(basename "$deb") ($(du -h "$deb" | cut -f1)) on a fresh Debian 12 from $mirror"
step "debootstrap: a fresh minimal Debian 12 (bookworm)" make_fresh_debian
step "apt-get install ./$(basename "$deb")" install_deb
echo "   installed size: $(du -sh "$fresh/opt/juesuan" | cut -f1) in /opt/juesuan"
step "every library the app links to is there (ldd)" no_missing_library
step "smoke test (installer/smoke.sh /usr/bin/juesuan)" smoke
sed 's/^/   /' "$work/smoke.txt"
step "window under Xvfb, photographed" window
grep "first window" "$log" | sed 's/^/   /'
echo "screenshot: $work/window.png"
