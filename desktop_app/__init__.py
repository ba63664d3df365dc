"""Oxygen Intake desktop application and the `oxygen-intake` command line.

Importing this package does not import Qt: the command-line subcommands
(`decide`, `extract`) run without a display. The window lives in submodules that
import PySide6 only when it is opened.
"""
