"""Entry point of the frozen app: the same `desktop_app.cli.main` as the `oxygen-intake` script."""

import sys

from desktop_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
