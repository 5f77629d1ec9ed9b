"""Foresight: scenario sets to 2030, their drivers, and signposts watched on the statistics store."""
