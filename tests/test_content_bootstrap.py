"""`make run`'s bootstrap loads the seed content, then grants editors the pages it created."""

from __future__ import annotations

from django.core.management import get_commands

from migmon.core.management.commands.bootstrap import BOOTSTRAP_STEPS


def test_bootstrap_imports_the_seeds_before_granting_editors_their_pages():
    steps = [command for command, _label in BOOTSTRAP_STEPS]
    assert "import_seeds" in steps and "ensure_groups" in steps and "ensure_admin" in steps
    assert steps.index("import_seeds") < steps.index("ensure_groups")
    assert set(steps) <= set(get_commands())
