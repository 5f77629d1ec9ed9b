"""The README says what the code does: its settings table and its CLI are checked against the code.

Every variable is declared once in :data:`migmon.config.env.VARIABLES` (reading an undeclared one fails), so
the table can be checked against it: a new setting without a README row, a row nobody reads, or a default the
README states wrongly fails here. The ``migmon`` usage text (:data:`migmon.cli.USAGE`) and the README's
command-line section are checked against the argparse parsers of the commands each verb runs: a verb, an
option, a positional argument or a choice added, renamed or dropped on one side only fails. (The importers'
table of formats has its own test beside the readers.) Modelled on datasette's ``tests/test_docs.py``.
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


# -- the CLI: cli.USAGE and the README's "Data on the command line" against the commands' real arguments ------

#: Options every Django command has; the usage lines leave them out.
DJANGO_OPTIONS = {
    "--help",
    "--version",
    "--verbosity",
    "--settings",
    "--pythonpath",
    "--traceback",
    "--no-color",
    "--force-color",
    "--skip-checks",
}


def command_parser(verb: str):
    """The argparse parser of the Django command a ``migmon`` verb runs."""
    from django.core.management import get_commands, load_command_class

    from migmon import cli

    name = cli.VERB_TO_COMMAND.get(verb, verb)
    return load_command_class(get_commands()[name], name).create_parser("migmon", verb)


def arguments(verb: str) -> tuple[set[str], list[str], dict[str, list[str]]]:
    """(long options, positional metavars, choices by option) of a verb, Django's own options left out."""
    options, positionals, choices = set(), [], {}
    for action in command_parser(verb)._actions:
        if not action.option_strings:
            positionals.append(action.metavar or action.dest.upper())
            continue
        long = max(action.option_strings, key=len)
        if long not in DJANGO_OPTIONS:
            options.add(long)
            if action.choices:
                choices[long] = sorted(action.choices)
    return options, positionals, choices


def usage_lines(text: str) -> dict[str, str]:
    """``{verb: the line's synopsis}`` for each ``migmon VERB …`` line and its indented continuation lines
    (``[--option …]``); a description after two spaces or ``#`` is dropped."""
    lines: dict[str, str] = {}
    verb = None
    for line in text.splitlines():
        found = re.match(r"\s*migmon (\w+)(.*)", line)
        if found:
            verb = found[1]
            lines[verb] = re.split(r"\s{2,}|#", found[2], maxsplit=1)[0]
        elif verb is not None and re.match(r"\s{4,}[\[-]", line):
            lines[verb] += " " + re.split(r"\s{2,}|#", line.strip(), maxsplit=1)[0]
        else:
            verb = None
    return lines


def documented(synopsis: str) -> tuple[set[str], list[str], dict[str, list[str]]]:
    options = set(re.findall(r"--[a-z][a-z-]*", synopsis))
    without_options = re.sub(r"--[a-z][a-z-]*(?: [A-Z][A-Z_=]*| [a-z|-]+\|[a-z|-]+)?", "", synopsis)
    positionals = [word.rstrip("…") for word in re.findall(r"\b[A-Z][A-Z_]+\b…?", without_options)]
    choices = {
        option: sorted(values.split("|"))
        for option, values in re.findall(r"(--[a-z-]+) ([a-z-]+(?:\|[a-z-]+)+)", synopsis)
    }
    return options, positionals, choices


def test_the_usage_lists_every_verb_and_only_verbs():
    from migmon import cli

    assert set(usage_lines(cli.USAGE)) == {*cli.VERB_TO_COMMAND, "help"}


@pytest.mark.parametrize("verb", ["import", "validate", "releases", "rollback", "export"])
def test_the_usage_line_of_each_verb_is_its_command_s_arguments(verb):
    from migmon import cli

    assert documented(usage_lines(cli.USAGE)[verb]) == arguments(verb)


def readme_cli_lines() -> dict[str, str]:
    text = (PROJECT / "README.md").read_text()
    section = text.split("## Data on the command line", 1)[1].split("\n## ", 1)[0]
    return usage_lines_with_comments(section.split("```sh", 1)[1].split("```", 1)[0])


def usage_lines_with_comments(text: str) -> dict[str, str]:
    """Like :func:`usage_lines`, comments kept: the README names options in them (``# --dry-run``)."""
    return {found[1]: found[2] for found in re.finditer(r"^\s*migmon (\w+)(.*)$", text, re.M)}


def test_the_readme_shows_every_verb():
    from migmon import cli

    assert set(readme_cli_lines()) == set(cli.VERB_TO_COMMAND)


@pytest.mark.parametrize("verb", ["import", "validate", "releases", "rollback", "export"])
def test_every_option_the_readme_names_exists_with_its_choices(verb):
    options, _, choices = arguments(verb)
    named, _, named_choices = documented(readme_cli_lines()[verb])
    assert named <= options
    assert named_choices == {option: choices[option] for option in named_choices}


def test_every_command_the_readme_and_the_usage_name_exists():
    """``migmon import_bundled_data`` in the README, ``(migrate, bootstrap, …)`` in the usage: real commands."""
    from django.core.management import get_commands

    from migmon import cli

    known = {*cli.VERB_TO_COMMAND, "help", *get_commands()}
    readme = (PROJECT / "README.md").read_text()
    named = set(re.findall(r"`migmon ([a-z_]+)", readme)) | set(re.findall(r"``migmon ([a-z_]+)", cli.__doc__ or ""))
    named |= set(usage_lines_with_comments(readme.split("```sh", 1)[1].split("```", 1)[0]))
    help_line = next(line for line in cli.USAGE.splitlines() if "migmon help" in line)
    named |= set(re.findall(r"[a-z_]{4,}", help_line.split("(", 1)[1])) - {"migmon"}
    assert named and sorted(named - known) == []
