#!/usr/bin/env bash
# Package the frozen app as a Debian package:
#   bash installer/build-deb.sh   →  dist/juesuan_<version>_<arch>.deb
# Builds the frozen app first (installer/build-app.sh) unless build/frozen/dist/juesuan exists.
# The architecture is the builder's (dpkg --print-architecture): amd64 here; the same script on
# an arm64 machine makes the arm64 package. The package holds
#   /opt/juesuan/                   the frozen app (one folder)
#   /usr/bin/juesuan                the command (a link into /opt/juesuan)
#   /usr/share/applications/        the menu entry 决算填报助手, also the handler of .jsd files
#   /usr/share/mime/packages/       the file type of .jsd
#   /usr/share/icons/hicolor/       the icon, every size
# and declares the Debian packages holding the system libraries it links to (debian_depends.py).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

frozen=build/frozen/dist/juesuan
[ -x "$frozen/juesuan" ] || bash installer/build-app.sh

version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' desktop/__init__.py)"
arch="$(dpkg --print-architecture)"
stage="build/deb/juesuan_${version}_${arch}"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin"
cp -a "$frozen" "$stage/opt/juesuan"
ln -s /opt/juesuan/juesuan "$stage/usr/bin/juesuan"
install -D -m644 installer/linux/juesuan.desktop "$stage/usr/share/applications/juesuan.desktop"
install -D -m644 installer/linux/juesuan-mime.xml "$stage/usr/share/mime/packages/juesuan.xml"
install -D -m644 resources/icons/juesuan.svg "$stage/usr/share/icons/hicolor/scalable/apps/juesuan.svg"
for png in resources/icons/juesuan-*.png; do
  size="${png##*-}"
  size="${size%.png}"
  install -D -m644 "$png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/juesuan.png"
done

depends="$(.venv/bin/python installer/debian_depends.py "$stage/opt/juesuan")"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: juesuan
Version: $version
Architecture: $arch
Maintainer: 决算填报助手 <juesuan@users.noreply.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $depends
Section: misc
Priority: optional
Description: 决算填报助手 (Final Accounts Desk)
 在离线电脑上编制年度部门决算公开材料：按官方样式填报公开01–09表、
 边填边审、导入上年 Excel、起草情况说明，导出 Excel、PDF 和报送包。
 .
 Prepare the annual departmental final accounts disclosure package offline.
CONTROL

mkdir -p dist
deb="dist/juesuan_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "built $deb: $(du -h "$deb" | cut -f1), installed $(du -sh --exclude=DEBIAN "$stage" | cut -f1)"
