#!/usr/bin/env bash
# The desktop program's jpackage recipe, one for every OS (it runs on the OS it packages for):
#   Linux:   build.sh [app-image] [deb] [rpm]   (deb: dpkg-deb and fakeroot)
#   macOS:   build.sh [app-image] [dmg] [pkg]   (Xcode command line tools)
#   Windows: build.sh [app-image] [msi] [exe]   (from Git Bash, with WiX 3 on PATH)
# It packages desktop/target/nowserving.jar (build it first: ./mvnw -pl desktop -am package) with a Java runtime
# and one launcher per line of launchers.txt. Output: installers/desktop/target/jpackage/.
# Environment: JPACKAGE (default: $JAVA_HOME/bin/jpackage, else jpackage on PATH; a JDK 17 or later),
# NOWSERVING_JAR (default: desktop/target/nowserving.jar), NOWSERVING_VERSION (default: the pom's, numbers only).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
types=("${@:-app-image}")
jar="${NOWSERVING_JAR:-$root/desktop/target/nowserving.jar}"
work="$here/target/packaging"
dest="$here/target/jpackage"
app_name="NowServing"
linux_package="nowserving-desktop"
linux_home="/opt/$linux_package"

case "$(uname -s)" in
  Linux) os=linux icon_ext=png ;;
  Darwin) os=mac icon_ext=icns ;;
  MINGW* | MSYS* | CYGWIN*) os=windows icon_ext=ico ;;
  *) echo "build.sh: no recipe for $(uname -s)" >&2; exit 2 ;;
esac

if [ -n "${JPACKAGE:-}" ]; then
  jpackage="$JPACKAGE"
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then
  jpackage="$JAVA_HOME/bin/jpackage"
else
  jpackage="$(command -v jpackage || true)"
fi
[ -n "$jpackage" ] || { echo "build.sh: no jpackage (set JAVA_HOME to a JDK 17 or later)" >&2; exit 2; }
java="$(dirname "$jpackage")/java"
[ -f "$jar" ] || { echo "build.sh: $jar is missing: run ./mvnw -pl desktop -am package first" >&2; exit 2; }
version="${NOWSERVING_VERSION:-$(sed -n 's:^  <version>\([0-9.]*\).*</version>:\1:p' "$root/pom.xml" | head -1)}"

# jpackage is a native program on Windows: hand it C:/... paths rather than Git Bash's /c/...
native() { if command -v cygpath >/dev/null 2>&1; then cygpath -m "$1"; else printf '%s' "$1"; fi; }

rm -rf "$work" "$dest"
mkdir -p "$work/input/autostart" "$work/launchers" "$work/resources" "$dest"
cp "$jar" "$work/input/nowserving.jar"
cp "$here/desktop.properties.example" "$work/input/"

# one line of launchers.txt: mode launcher colour autostart names(en|zh-TW)
lines() { grep -v '^[[:space:]]*#' "$here/launchers.txt" | grep -v '^[[:space:]]*$'; }
icons=()
while read -r mode launcher colour autostart names; do
  icons+=("$launcher:$colour")
done < <(lines)
"$java" -Djava.awt.headless=true "$here/icons/TicketIcon.java" "$work/icons" "${icons[@]}"

desktop_entry() { # exec icon: a freedesktop.org entry for the launcher of this line of launchers.txt
  printf '%s\n' "[Desktop Entry]" "Type=Application" "Name=$name_en" "Name[zh_TW]=$name_zh" \
    "Comment=NowServing queue management" "Exec=$1" "Icon=$2" "Terminal=false"
}
args=()
main=""
while read -r mode launcher colour autostart names; do
  name_en="${names%%|*}"
  name_zh="${names#*|}"
  icon="$(native "$work/icons/$launcher.$icon_ext")"
  if [ -z "$main" ]; then
    main="$launcher" # the all-in-one launcher opens in the launcher mode by default
    args+=(--icon "$icon")
  else
    # the mode is a Java option, not an argument: jpackage drops a launcher's arguments as soon as the user gives
    # any (--backend=…), while Java options always apply; a --mode= flag still overrides it
    {
      echo "java-options=-Dnowserving.mode=$mode"
      echo "icon=$icon"
      echo "win-shortcut=true"
      echo "win-menu=true"
      echo "linux-shortcut=true"
    } > "$work/launchers/$launcher.properties"
    args+=(--add-launcher "$launcher=$(native "$work/launchers/$launcher.properties")")
  fi
  if [ "$os" = linux ]; then
    # the menu entry jpackage installs (APPLICATION_LAUNCHER and APPLICATION_ICON are filled in by jpackage)
    { desktop_entry APPLICATION_LAUNCHER APPLICATION_ICON; echo "Categories=Office;"; } \
      > "$work/resources/$launcher.desktop"
    if [ "$autostart" = yes ]; then
      # a sample for ~/.config/autostart/ or /etc/xdg/autostart/ (docs/INSTALLING.md)
      { desktop_entry "$linux_home/bin/$launcher" "$linux_home/lib/$launcher.png"
        printf '%s\n' "X-GNOME-Autostart-enabled=true" "X-GNOME-Autostart-Delay=5"; } \
        > "$work/input/autostart/$launcher.desktop"
    fi
  elif [ "$os" = mac ] && [ "$autostart" = yes ]; then
    # a sample LaunchAgent for ~/Library/LaunchAgents/ (docs/INSTALLING.md)
    cat > "$work/input/autostart/io.nowserving.$mode.plist" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key><string>io.nowserving.$mode</string>
  <key>ProgramArguments</key>
  <array><string>/Applications/$app_name.app/Contents/MacOS/$launcher</string></array>
  <key>RunAtLoad</key><true/>
  <key>LimitLoadToSessionType</key><string>Aqua</string>
</dict>
</plist>
EOF
  fi
done < <(lines)

if [ "$os" = linux ]; then
  # jpackage's own postinst (it fills in the menu entries), and the system-wide settings file from the example on
  # the first install (an existing one is the IT person's: left alone on upgrades and on removal)
  cat > "$work/resources/postinst" <<EOF
#!/bin/sh
set -e
case "\$1" in
    configure)
DESKTOP_COMMANDS_INSTALL
        if [ ! -e /etc/nowserving/desktop.properties ]; then
            mkdir -p /etc/nowserving
            cp $linux_home/lib/app/desktop.properties.example /etc/nowserving/desktop.properties
            chmod 644 /etc/nowserving/desktop.properties
        fi
    ;;
    abort-upgrade|abort-remove|abort-deconfigure)
    ;;
    *)
        echo "postinst called with unknown argument \$1" >&2
        exit 1
    ;;
esac
exit 0
EOF
fi

common=(--name "$app_name" --app-version "$version" --vendor "NowServing"
  --description "NowServing queue management: launcher, counter console, waiting-room display, kiosk, admin"
  --input "$(native "$work/input")" --main-jar nowserving.jar --main-class io.nowserving.desktop.launcher.Main
  --dest "$(native "$dest")" --resource-dir "$(native "$work/resources")"
  # jdeps --print-module-deps on the jar, plus TLS (jdk.crypto.ec), Chinese dates (jdk.localedata) and zip files
  --add-modules "java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http,\
java.scripting,java.security.jgss,java.sql,jdk.httpserver,jdk.jfr,jdk.net,jdk.unsupported,jdk.crypto.ec,\
jdk.localedata,jdk.zipfs,jdk.charsets"
  --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands")

for type in "${types[@]}"; do
  extra=()
  case "$os:$type" in
    *:app-image) ;;
    linux:deb | linux:rpm)
      # JavaFX's own libraries travel inside the jar, so jpackage cannot see what they link: GTK 3 (t64 on Debian
      # 13 and Ubuntu 24.04), ALSA for the display's sound, X11's test extension for the robot, OpenGL
      extra=(--linux-package-name "$linux_package" --linux-shortcut --linux-menu-group "Office"
        --linux-app-category misc --linux-deb-maintainer "it@nowserving.invalid"
        --linux-package-deps "libgtk-3-0 | libgtk-3-0t64, libasound2 | libasound2t64, libxtst6, libgl1") ;;
    mac:dmg | mac:pkg)
      extra=(--mac-package-identifier io.nowserving.desktop --mac-package-name "$app_name") ;;
    windows:msi | windows:exe)
      extra=(--win-menu --win-menu-group "$app_name" --win-shortcut --win-dir-chooser
        --win-upgrade-uuid 5f0d6c1e-6a43-4e7a-9b64-2c3e8f1a7d42) ;;
    *) echo "build.sh: $type is not made on $os" >&2; exit 2 ;;
  esac
  echo "build.sh: jpackage --type $type ($app_name $version, launchers: $(lines | awk '{printf "%s ", $2}'))"
  "$jpackage" --type "$type" "${common[@]}" "${args[@]}" ${extra[@]+"${extra[@]}"} # (the +: bash 3.2 on macOS)
done
ls -1 "$dest"
