"""`python -m anef_tui`: the same as the `anef-tui` command."""

from anef_tui.cli import main

raise SystemExit(main())
