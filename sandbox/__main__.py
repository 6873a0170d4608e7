"""`python -m sandbox`: the same as `loyalty-bot sandbox`."""

from sandbox.cli import main

raise SystemExit(main())
