"""`python -m signaalpunt ...` is the `signaalpunt` command."""

import sys

from signaalpunt.cli import main

sys.exit(main())
