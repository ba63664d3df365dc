#!/usr/bin/env bash
# Signs "Oxygen Intake.app" with a Developer ID, notarizes and staples it, then builds the
# .dmg and signs, notarizes and staples that too (a stapled ticket lets Gatekeeper accept the
# app on machines that cannot reach Apple, which many clinic networks cannot).
#
#   installer/macos/sign-and-notarize.sh "dist/Oxygen Intake.app" dist/OxygenIntake-….dmg
#
# Run by installer/build.py only when MACOS_SIGN_IDENTITY is set. Environment:
#   MACOS_SIGN_IDENTITY     "Developer ID Application: Name (TEAMID)", in the keychain (required)
#   notarization, one of (none set: signed but not notarized, with a warning):
#   MACOS_NOTARY_PROFILE    a profile saved with `xcrun notarytool store-credentials`
#   MACOS_NOTARY_KEY, MACOS_NOTARY_KEY_ID, MACOS_NOTARY_ISSUER
#                           App Store Connect API key: .p8 file path, key id, issuer id
#   MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_TEAM_ID, MACOS_NOTARY_PASSWORD
#                           Apple ID, team id and an app-specific password
#
# Signing itself happens in the build: with MACOS_SIGN_IDENTITY set, the spec hands the
# identity and entitlements.plist to PyInstaller, which signs every collected binary and then
# the bundle (hardened runtime, secure timestamp), and installer/build.py makes a signing
# error fail the build (PYINSTALLER_STRICT_BUNDLE_CODESIGN_ERROR=1). PyInstaller lays out
# the Qt .framework bundles the way codesign requires; re-signing them by hand with --deep
# is what breaks notarization of PySide6 apps (pyinstaller/pyinstaller#8927). This script
# checks that signature strictly, then notarizes and staples.
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 APP DMG" >&2
    exit 2
fi
app="$1"
dmg="$2"
here="$(cd "$(dirname "$0")" && pwd)"
: "${MACOS_SIGN_IDENTITY:?MACOS_SIGN_IDENTITY is not set}"
if [ ! -d "$app/Contents/MacOS" ]; then
    echo "sign: $app is not an app bundle" >&2
    exit 1
fi

# --- notarization credentials ------------------------------------------------------------
notary=()
if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
    notary=(--keychain-profile "$MACOS_NOTARY_PROFILE")
elif [ -n "${MACOS_NOTARY_KEY:-}" ]; then
    notary=(--key "$MACOS_NOTARY_KEY" --key-id "${MACOS_NOTARY_KEY_ID:?MACOS_NOTARY_KEY_ID is not set}"
            --issuer "${MACOS_NOTARY_ISSUER:?MACOS_NOTARY_ISSUER is not set}")
elif [ -n "${MACOS_NOTARY_APPLE_ID:-}" ]; then
    notary=(--apple-id "$MACOS_NOTARY_APPLE_ID"
            --team-id "${MACOS_NOTARY_TEAM_ID:?MACOS_NOTARY_TEAM_ID is not set}"
            --password "${MACOS_NOTARY_PASSWORD:?MACOS_NOTARY_PASSWORD is not set}")
fi

json_field() {  # json_field NAME < json: prints the field, or nothing when it is not there
    "${PYTHON:-python3}" -c 'import json, sys
try:
    print(json.load(sys.stdin).get(sys.argv[1], ""))
except ValueError:
    pass' "$1"
}

notarize() {  # notarize FILE; fails unless Apple accepts it, printing Apple's log if not
    local file="$1" out id status
    out="$(xcrun notarytool submit "$file" "${notary[@]}" --wait --output-format json)" || true
    id="$(printf '%s' "$out" | json_field id)"
    status="$(printf '%s' "$out" | json_field status)"
    echo "notarize: $(basename "$file"): ${status:-no answer} (submission ${id:-none})"
    if [ "$status" != "Accepted" ]; then
        printf '%s\n' "$out" >&2
        if [ -n "$id" ]; then
            xcrun notarytool log "$id" "${notary[@]}" >&2 || true
        fi
        exit 1
    fi
}

# --- 1. the build's signature: Developer ID, hardened runtime, every nested binary --------
echo "sign: checking the signature PyInstaller made"
codesign --verify --deep --strict --verbose=2 "$app"
details="$(codesign --display --verbose=4 "$app" 2>&1)"
case "$details" in
    *"Authority=Developer ID Application"*) ;;
    *) echo "sign: $app is not signed with a Developer ID (was MACOS_SIGN_IDENTITY set" \
            "when PyInstaller ran?)" >&2
       exit 1 ;;
esac
case "$details" in
    *"(runtime)"*) ;;
    *) echo "sign: $app lacks the hardened runtime, which notarization requires" >&2
       exit 1 ;;
esac

# --- 2. the signed app must still work (hardened runtime, library validation) -------------
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/oxygen-intake" --self-test

# --- 3. notarize and staple the app, then the dmg -----------------------------------------
if [ "${#notary[@]}" -eq 0 ]; then
    echo "sign: WARNING: no notarization credentials; the app is signed but not notarized," \
         "so Gatekeeper will refuse it on other Macs" >&2
    bash "$here/build-dmg.sh" "$app" "$dmg"
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
zip="$work/app.zip"
ditto -c -k --keepParent "$app" "$zip"
notarize "$zip"
xcrun stapler staple "$app"
xcrun stapler validate "$app"

bash "$here/build-dmg.sh" "$app" "$dmg"
codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
notarize "$dmg"
xcrun stapler staple "$dmg"
xcrun stapler validate "$dmg"
spctl --assess --type execute --verbose=2 "$app"
spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
echo "sign: $dmg is signed, notarized and stapled"
