"""incidents.selectors is the one way into the register's data for reading.

The check reads the source (AST, no import): every ``<IncidentModel>.objects.<method>`` call outside
the ``selectors`` package must be a write, except in the two writers that read what they are about to change (the
loader ``imports.py`` matching incidents by id, and ``services.py`` applying the four-eyes rule); and no
module outside the app imports the app's models.
"""

from __future__ import annotations

import ast
from pathlib import Path

import migmon
from migmon.incidents import models

SOURCE = Path(migmon.__file__).parent
APP = SOURCE / "incidents"
MODELS = {
    name
    for name, value in vars(models).items()
    if isinstance(value, type) and issubclass(value, models.models.Model) and value.__module__ == models.__name__
}
WRITES = {"create", "bulk_create", "bulk_update", "update", "delete", "get_or_create", "update_or_create"}
READS_TO_WRITE = {APP / "imports.py", APP / "services.py"}


def modules() -> list[Path]:
    return [
        path
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts and "tests" not in path.parts and path.name != "conftest.py"
    ]


def manager_calls(tree: ast.AST) -> list[tuple[str, str, int]]:
    """(model, what the chain does, line) for every ``Model.objects…`` chain in a module.

    A chain that ends in a write (``….filter(…).delete()``) is a write; any other chain is a read, named by
    its first method.
    """
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    calls = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "objects"
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id in MODELS
        ):
            chain, outer = [node.attr], node
            while isinstance(parents.get(outer), ast.Attribute | ast.Call):
                outer = parents[outer]
                if isinstance(outer, ast.Attribute):
                    chain.append(outer.attr)
            what = next((name for name in chain if name in WRITES), chain[0])
            calls.append((node.value.value.id, what, node.lineno))
    return calls


def test_the_models_are_known():
    assert {"Incident", "IncidentRow", "IncidentRevision", "IncidentImport", "IncidentCube", "IncidentCell"} <= MODELS


def test_only_selectors_query_incident_models_for_reading():
    found = []
    for path in modules():
        if APP / "selectors" in path.parents or path in READS_TO_WRITE:
            continue
        for model, method, line in manager_calls(ast.parse(path.read_text(encoding="utf-8"))):
            if method not in WRITES:
                found.append(f"{path.relative_to(SOURCE)}:{line} {model}.objects.{method}")
    assert found == []


def test_no_module_outside_the_app_imports_its_models():
    found = []
    for path in modules():
        if APP in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "migmon.incidents.models":
                found.append(str(path.relative_to(SOURCE)))
    assert found == []


def test_the_check_sees_a_read():
    """The scan is not blind: it reports a read written the way the views used to write it."""
    tree = ast.parse("counts = Incident.objects.filter(status='draft').count()")
    assert manager_calls(tree) == [("Incident", "filter", 1)]
    assert manager_calls(ast.parse("IncidentCube.objects.all().delete()")) == [("IncidentCube", "delete", 1)]
