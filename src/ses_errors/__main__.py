"""Make ``python -m ses_errors`` run the command-line interface."""

from ses_errors._cli import main

raise SystemExit(main())
