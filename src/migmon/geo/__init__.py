"""UN M49 areas (world, regions, countries) with codes, names in three languages and lookup."""
