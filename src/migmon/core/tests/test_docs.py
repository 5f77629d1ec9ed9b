"""The README's settings table is the list of environment variables the code declares, no more, no less.

Every variable is declared once in :data:`migmon.config.env.VARIABLES` (reading an undeclared one fails), so
the table can be checked against it: a new setting without a README row, a row nobody reads, or a default the
README states wrongly fails here. Modelled on datasette's ``tests/test_docs.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from migmon.config import env

PROJECT = Path(__file__).resolve().parents[4]
SOURCES = PROJECT / "src" / "migmon"
#: Reads of os.environ outside config/env.py that are not settings, each with its reason. A name that is no
#: longer read must leave this list (the test says so).
NOT_SETTINGS: dict[str, str] = {}


def readme_settings() -> dict[str, str]:
    """``{variable: default cell}`` from the README's "Settings (environment)" table."""
    text = (PROJECT / "README.md").read_text()
    section = text.split("## Settings (environment)", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        rows[cells[0].strip("`")] = cells[1]
    return rows


def test_every_declared_variable_has_a_readme_row_and_every_row_is_declared():
    documented = readme_settings()
    assert sorted(set(env.VARIABLES) - set(documented)) == [], "declared in config/env.py, missing from README"
    assert sorted(set(documented) - set(env.VARIABLES)) == [], "in the README, read by nothing"


@pytest.mark.parametrize("name", sorted(env.VARIABLES))
def test_the_readme_states_each_default_as_declared(name):
    assert readme_settings()[name] == env.VARIABLES[name].documented_default


def test_variables_read_by_make_are_the_makefile_s_own():
    makefile = (PROJECT / "Makefile").read_text()
    for variable in env.VARIABLES.values():
        if variable.read_by == "make":
            assert re.search(rf"^{variable.name} \?= {re.escape(variable.default or '')}$", makefile, re.M), variable


def test_nothing_outside_config_env_reads_the_environment():
    reads = re.compile(r"""os\.(?:environ\.get|getenv)\(\s*["']([A-Z_]+)|os\.environ\[\s*["']([A-Z_]+)""")
    found: dict[str, str] = {}
    for path in SOURCES.rglob("*.py"):
        relative = path.relative_to(PROJECT).as_posix()
        if "/tests/" in relative or relative == "src/migmon/config/env.py":
            continue
        for match in reads.finditer(path.read_text()):
            found[match[1] or match[2]] = relative
    unexplained = {name: where for name, where in found.items() if name not in NOT_SETTINGS}
    assert unexplained == {}, "read these through migmon.config.env (declare them there)"
    stale = sorted(set(NOT_SETTINGS) - set(found))
    assert stale == [], "no longer read: remove them from NOT_SETTINGS"


def test_reading_an_undeclared_variable_fails():
    with pytest.raises(KeyError):
        env.env_text("MIGMON_NOT_DECLARED")
