"""`python -m bot ...` is `loyalty-bot ...`."""

from bot.cli import main

raise SystemExit(main())
