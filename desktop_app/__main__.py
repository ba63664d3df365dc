"""`python -m desktop_app` runs the `oxygen-intake` command."""

import sys

from desktop_app.cli import main

sys.exit(main())
