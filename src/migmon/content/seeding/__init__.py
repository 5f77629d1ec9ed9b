"""Turning the seed pages (French IOM web pages as plain text) into the portal's page tree and content."""
