"""Routers mounted under /api/v1, one line per domain: (URL prefix, dotted path to a ninja ``Router``).

Each domain app keeps its own router (the incidents app has ``migmon.incidents.api.router``); adding a line
here is all it takes to publish it. Every listed router must import: a missing one stops the start rather than
leaving a silent gap in the API.
"""

from __future__ import annotations

ROUTERS: list[tuple[str, str]] = [
    ("/", "migmon.api.statistics.router"),
    ("/incidents", "migmon.incidents.api.router"),
    ("/progress", "migmon.progress.api.router"),
    ("/", "migmon.gcm.api.router"),
    ("/scenarios", "migmon.foresight.api.router"),
    ("/", "migmon.foresight.signals_api.router"),
    ("/imports", "migmon.publishing.api.router"),
]
