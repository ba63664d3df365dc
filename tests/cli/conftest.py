"""Command-line tests never touch the system key store: audit keys are files in each test's
own data folder (subprocesses inherit the setting)."""

from __future__ import annotations

import os

os.environ["OXYGEN_INTAKE_KEYRING"] = "off"
