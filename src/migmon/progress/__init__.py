"""Progress toward the 2030 targets: the target register, two published methods, and their roll-ups."""
