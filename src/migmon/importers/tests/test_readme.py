"""The importers README checked against the code: its table of formats, its interface table, its dimensions.

Modelled on datasette's ``tests/test_docs.py``: a reader added to ``detect.READERS`` without a row, a row for a
reader that no longer exists, a wrong module, ``format_name`` or dataset, or rows out of trial order fail here;
so does an interface name that no longer exists or whose arguments changed, and a dimension of the vocabulary
missing from the field rules or the tidy CSV's columns.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from migmon.importers.detect import READERS

README = Path(__file__).resolve().parents[1] / "README.md"
ROW = re.compile(r"^\| `(\w+)` \(`(\w+)\.py`\) \| `([\w.-]+)` \| [^|]+ \| ([^|]+) \|")


def format_rows() -> list[tuple[str, str, str, list[str]]]:
    """(class, module, format_name, dataset codes) per row of the README's "Formats" table, in order."""
    section = README.read_text().split("\n## Formats\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        found = ROW.match(line)
        if found:
            rows.append((found[1], found[2], found[3], re.findall(r"`([\w-]+)`", found[4])))
    return rows


def test_the_table_lists_every_registered_reader_in_trial_order():
    assert [row[0] for row in format_rows()] == [cls.__name__ for cls in READERS]


@pytest.mark.parametrize("cls", READERS, ids=lambda cls: cls.__name__)
def test_each_row_names_the_reader_s_module_format_and_dataset(cls):
    rows = {row[0]: row for row in format_rows()}
    _, module, format_name, datasets = rows[cls.__name__]
    assert (f"migmon.importers.{module}", format_name) == (cls.__module__, cls.format_name)
    # A reader may name its dataset per file from the content (the DESA edition: undesa-ims-2024).
    assert datasets and all(code == cls.dataset or code.startswith(f"{cls.dataset}-") for code in datasets)


# -- the interface table: every name it lists exists, with the arguments it shows ----------------------------

MODULES = ("records", "errors", "base", "options", "sources", "detect", "dsd", "undesa_xlsx", "missing_migrants")


def interface_names() -> list[str]:
    """Each backticked name of the first column of the README's interface table (``detect.reader_for(path)``)."""
    section = README.read_text().split("\n## The interface", 1)[1].split("\n## ", 1)[0]
    names = []
    for line in section.splitlines():
        if line.startswith("| `"):
            names += re.findall(r"`([^`]+)`", line.split(" | ", 1)[0])
    return names


def resolve(dotted: str):
    """The object a README name stands for: ``module.name``, or a name of one of the interface modules."""
    import importlib

    head, *rest = dotted.split(".")
    modules = [importlib.import_module(f"migmon.importers.{name}") for name in MODULES]
    if head in MODULES:
        found = importlib.import_module(f"migmon.importers.{head}")
    else:
        found = next(getattr(module, head) for module in modules if hasattr(module, head))
    for attribute in rest:
        found = getattr(found, attribute)
    return found


@pytest.mark.parametrize("entry", interface_names())
def test_each_interface_name_exists_with_the_arguments_shown(entry):
    import inspect

    dotted, _, arguments = entry.partition("(")
    found = resolve(dotted)
    if not arguments:
        return
    shown = [part.split("=")[0].strip() for part in arguments.rstrip(")").split(",") if part.strip()]
    parameters = [name for name in inspect.signature(found).parameters if name not in {"self", "cls"}]
    assert [name for name in parameters if name in shown] == shown, parameters


def test_the_dimension_names_the_readme_lists_are_the_vocabulary():
    from migmon.importers.records import DIMENSION_NAMES

    text = README.read_text()
    field_rules = text.split("- `dimensions` are sorted", 1)[1].split("\n- ", 1)[0]
    tidy_rows = [line for line in text.splitlines() if line.startswith(("| `SEX`", "| `COUNTERPART_AREA`"))]
    tidy_columns = {name for row in tidy_rows for name in re.findall(r"`([A-Z_]+)`", row.split(" | ", 1)[0])}
    assert {name for name in re.findall(r"`([A-Z_]{3,})`", field_rules) if name in DIMENSION_NAMES} == DIMENSION_NAMES
    assert tidy_columns == DIMENSION_NAMES
