"""migmon: migration in the 2030 Agenda — portal, statistics store, incident register and API."""

__version__ = "0.1.0"
