#!/usr/bin/env bash
# Builds the backend's Debian package (nowserving-backend_<version>_all.deb) with dpkg-deb: the shaded jar, the
# systemd unit, /etc/nowserving/nowserving.env (a conffile) and the maintainer scripts. It depends on Debian's JRE 17.
#   ./mvnw -B -ntp -pl backend -am package -DskipTests
#   installers/backend/build-deb.sh [--jar backend/target/nowserving-backend.jar] [--version 0.1.0] [--out dir]
#   sudo apt install ./installers/backend/target/nowserving-backend_0.1.0_all.deb
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/backend/target/nowserving-backend.jar"
out="$here/target"
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -1)"
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 [--jar file] [--version v] [--out dir]" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "no jar at $jar: build it first (./mvnw -pl backend -am package -DskipTests)" >&2; exit 1; }
version="${version//-/\~}" # 0.1.0-SNAPSHOT sorts before 0.1.0 as 0.1.0~SNAPSHOT

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
pkg="$stage/nowserving-backend"
install -D -m 0644 "$jar" "$pkg/usr/share/nowserving/nowserving-backend.jar"
install -D -m 0644 "$root/installers/systemd/nowserving.service" "$pkg/lib/systemd/system/nowserving.service"
install -D -m 0640 "$here/debian/nowserving.env" "$pkg/etc/nowserving/nowserving.env"
if [ -f "$root/docs/OPERATING.md" ]; then
  install -D -m 0644 "$root/docs/OPERATING.md" "$pkg/usr/share/doc/nowserving-backend/OPERATING.md"
fi
install -d -m 0755 "$pkg/DEBIAN"
for script in postinst prerm postrm; do
  install -m 0755 "$here/debian/$script" "$pkg/DEBIAN/$script"
done
echo "/etc/nowserving/nowserving.env" > "$pkg/DEBIAN/conffiles"
size_kb="$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: nowserving-backend
Version: $version
Section: net
Priority: optional
Architecture: all
Depends: openjdk-17-jre-headless | java17-runtime-headless, adduser, systemd
Installed-Size: $size_kb
Maintainer: NowServing <ops@nowserving.invalid>
Description: NowServing queue backend (HTTP API, live feeds, queue engine)
 The take-a-number queue service as a systemd unit (nowserving.service): its own user,
 data under /var/lib/nowserving, settings in /etc/nowserving/nowserving.env, logs in the journal.
CONTROL
mkdir -p "$out"
deb="$out/nowserving-backend_${version}_all.deb"
dpkg-deb --root-owner-group --build "$pkg" "$deb" >/dev/null
echo "$deb"
