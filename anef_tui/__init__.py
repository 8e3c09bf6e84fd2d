"""anef-tui: prepare an ANEF « étranger malade » residence-permit application offline."""

__version__ = "0.1.0"
