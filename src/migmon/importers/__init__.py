"""Readers for the real data formats; they yield typed records and import nothing from the ORM."""
