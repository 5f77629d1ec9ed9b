"""The importers README's table of formats is the list of registered readers, checked against the code.

Modelled on datasette's ``tests/test_docs.py``: a reader added to ``detect.READERS`` without a row, a row for a
reader that no longer exists, a wrong module, ``format_name`` or dataset, or rows out of trial order fail here.
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
