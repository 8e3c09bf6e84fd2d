"""« Mes dossiers »: the screen (`screen`), its search (`search`), the cells of its rows
(`rows`) and the alerts above the table (`alerts`)."""

from anef_tui.ui.screens.home.screen import HomeScreen, follow_up_ready

__all__ = ["HomeScreen", "follow_up_ready"]
