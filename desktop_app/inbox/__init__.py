"""Inbox folders: files an e-fax service (or a synced folder, or a mail rule) drops into a
folder are queued once they are complete, each exactly once, and never moved or changed
unless the user asks for a signed-off case's files to go to a "done" folder.

Pure Python except `qt_inbox`, `inbox_bar` and `settings_widget` (the window's part):

* `completeness`: is a PDF/TIFF/PNG/JPEG whole yet (its end marker or structure present)?
* `scanner`: one scan of the folders; a file is *ready* when its size and modification time
  were the same on two scans, it opens for reading and its content is complete;
* `ledger`: the SHA-256 of every file taken in, kept in SQLite so a copy of a file already
  taken (same content, any name) is recognised after a restart too;
* `watcher`: scans on a background thread every few seconds, or at once when woken;
* `settings`: which folders, how often, and the "done" option, kept in the case store.

Why scanning and not file-system events: events are not delivered reliably for network
shares (SMB/NFS: inotify and FSEvents see only changes made by this machine, Windows drops
them when its buffer overflows), so a periodic rescan is needed anyway; completeness needs
two looks at each file in any case. The window adds Qt's `QFileSystemWatcher` only to scan
at once when a local folder changes. See `docs/inbox.md`.
"""
