"""Public data pages: indicator charts, maps, tables, country profiles and downloads."""
