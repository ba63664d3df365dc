#!/bin/sh
# Adds Oxygen Intake to this user's application menu and "Open with" list for PDF and TIFF,
# pointing at the folder this script is in (wherever the .tar.gz was unpacked). No root
# needed; run it again after moving the folder. `--remove` takes the entry away again.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$data/applications"
icons="$data/icons/hicolor/256x256/apps"
entry="$apps/oxygen-intake.desktop"

if [ "${1:-}" = "--remove" ]; then
    rm -f "$entry" "$icons/oxygen-intake.png"
    echo "Removed the Oxygen Intake menu entry (the program folder $here is untouched)."
else
    if [ ! -x "$here/oxygen-intake" ]; then
        echo "oxygen-intake was not found next to this script ($here)." >&2
        exit 1
    fi
    mkdir -p "$apps" "$icons"
    cp "$here/share/oxygen-intake.png" "$icons/oxygen-intake.png"
    # Exec and TryExec get the absolute path (quoted in Exec: the folder may contain spaces);
    # characters special to sed's replacement (& | \) are escaped first.
    esc=$(printf '%s' "$here" | sed 's/[&|\\]/\\&/g')
    sed -e "s|^Exec=oxygen-intake|Exec=\"$esc/oxygen-intake\"|" \
        -e "s|^TryExec=oxygen-intake|TryExec=$esc/oxygen-intake|" \
        "$here/share/oxygen-intake.desktop" > "$entry"
    chmod 644 "$entry"
    echo "Added Oxygen Intake to the application menu ($entry)."
fi
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
