"""The app runs with the cycle collector's thresholds of `anef_tui.ui.collector` (a quarter
less CPU at each screen change than Python's defaults; README « Mesures »)."""

import gc

from anef_tui.ui import collector


def test_making_the_app_sets_the_collector_thresholds(make_app):
    gc.set_threshold(700, 10, 10)
    try:
        make_app()
        assert gc.get_threshold() == collector.THRESHOLDS
    finally:
        collector.tune()
