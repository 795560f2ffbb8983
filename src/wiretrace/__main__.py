"""``python -m wiretrace`` runs the command line."""

import sys

from wiretrace.cli import main

sys.exit(main())
