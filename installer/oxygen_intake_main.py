"""Entry point of the frozen app: the same `desktop_app.cli.main` as the `oxygen-intake` script."""

import multiprocessing
import sys

from desktop_app.cli import main

if __name__ == "__main__":
    # long charts are read by worker processes (spawned): in a frozen app each worker
    # starts this executable, which must then run the worker, not the window
    multiprocessing.freeze_support()
    sys.exit(main())
