"""`python -m anef_tui.cli`: the same as `anef-tui`."""

from anef_tui.cli import main

raise SystemExit(main())
