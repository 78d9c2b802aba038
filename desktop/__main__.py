"""`python -m desktop` is the same as the `juesuan` command."""

import sys

from desktop.cli import main

sys.exit(main())
