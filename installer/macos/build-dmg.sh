#!/usr/bin/env bash
# Packs "Oxygen Intake.app" into a compressed, read-only .dmg with an Applications link, so
# people install by dragging the app across.
#
#   installer/macos/build-dmg.sh "dist/Oxygen Intake.app" dist/OxygenIntake-0.1.0-macos-arm64.dmg
#
# Called by installer/build.py (unsigned builds) and by sign-and-notarize.sh (after the app
# is signed and stapled). Needs only hdiutil and ditto, which every macOS has.
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 APP DMG" >&2
    exit 2
fi
app="$1"
dmg="$2"
if [ ! -d "$app/Contents/MacOS" ]; then
    echo "build-dmg: $app is not an app bundle" >&2
    exit 1
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
# ditto keeps symlinks, extended attributes and code signatures (cp -R may not).
ditto "$app" "$staging/$(basename "$app")"
ln -s /Applications "$staging/Applications"

rm -f "$dmg"
hdiutil create -volname "Oxygen Intake" -srcfolder "$staging" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$dmg"
echo "build-dmg: wrote $dmg"
