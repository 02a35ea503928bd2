"""Imports only go down: the commands and the TUI on top, then build, then check, import and
compose, then the model, and at the bottom the tree, the vocabulary and the Word layer.

Every module of the package belongs to one layer below; a module may import its own layer and
the layers under it, never one above (deferred imports inside functions and imports for type
checking count too: a cycle hidden behind them is still a cycle).  A new module must be given
its layer here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "drafter"

# Top to bottom.  A name stands for the module and, for a package, everything inside it
# (except "drafter" itself, which stands for the package's own __init__ only).
LAYERS: tuple[tuple[str, ...], ...] = (
    ("drafter.__main__",),
    ("drafter.cli",),
    ("drafter.commands",),
    ("drafter.tui",),
    ("drafter.build", "drafter.collect", "drafter.fill"),  # drafts to reports and workbooks
    ("drafter.check",),  # check reads a report the way the importer does
    ("drafter.importer",),
    ("drafter.compose", "drafter.export", "drafter.inventory"),
    # the draft and its model: what a report is made from
    (
        "drafter.starting",
        "drafter.validate",
        "drafter.draftfile",
        "drafter.yamldoc",
        "drafter.phrasing",
        "drafter.figures",
        "drafter.formula",
        "drafter.model",
        "drafter.outline",
        "drafter.outlinefile",  # what a shipped profile may hold, for the tests
        "drafter.numbering",
        "drafter.restructure",
        "drafter.titles",
        "drafter.layout",
        "drafter.layoutfile",  # a clerk's layout file, validated
    ),
    # reading a report's sentences: figures and what they count, years and what they are of
    ("drafter.reading",),
    # the foundation: the tree, the report's vocabulary, the Word layer, errors and files
    (
        "drafter.tree",
        "drafter.vocab",
        "drafter.word",
        "drafter.workbook",  # the collection workbook's columns and its guard
        "drafter.errors",
        "drafter.files",
        "drafter.resources",
        "drafter",
    ),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int | None:
    """The index of the most specific layer entry naming ``module`` (or a package holding it)."""
    matches = [
        (len(name), index)
        for index, names in enumerate(LAYERS)
        for name in names
        if module == name or (name != "drafter" and module.startswith(name + "."))
    ]
    return max(matches)[1] if matches else None


def imported_modules(path: Path) -> set[str]:
    """Every drafter module ``path`` imports, wherever the import statement stands."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def is_module(name: str) -> bool:
    """ "drafter.x.y" names a module or package ("from drafter.x import y" may name a value)."""
    where = ROOT / name.replace(".", "/")
    return where.is_dir() or where.with_suffix(".py").is_file()


def imports_in(source: str, package: str) -> set[str]:
    """The drafter modules a module's source imports; ``package`` resolves relative imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # "from drafter import build" imports the module drafter.build
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "drafter" or name.startswith("drafter.")}


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    unplaced = [module_name(p) for p in _sources() if layer_of(module_name(p)) is None]
    assert unplaced == [], f"give these modules their layer in tests/test_layers.py: {unplaced}"


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = []
    for path in _sources():
        own = layer_of(module_name(path))
        assert own is not None
        for imported in imported_modules(path):
            if not is_module(imported):
                continue  # "from drafter.x import name": the name is not a module
            layer = layer_of(imported)
            if layer is not None and layer < own:
                upward.append(f"{module_name(path)} → {imported}")
    assert upward == [], "imports that reach up a layer:\n" + "\n".join(upward)


def test_the_vocabulary_stands_on_nothing_else() -> None:
    """Nothing but the reader of shipped data files (its word lists are one), which itself
    imports nothing of drafter."""
    for path in (PACKAGE / "vocab").rglob("*.py"):
        outside = {
            m
            for m in imported_modules(path)
            if not m.startswith(("drafter.vocab", "drafter.resources"))
        }
        assert outside == set(), f"{path.name} imports {outside}"
    assert imported_modules(PACKAGE / "resources.py") == set()


def test_the_layer_test_sees_an_upward_import() -> None:
    # The check above is only worth something if it can fail: a deferred import of build
    # inside check, a relative import of the TUI, are both seen as reaching up.
    deferred = imports_in("def f():\n    from drafter.build import build_file\n", "drafter.check")
    relative = imports_in("from ..tui import session\n", "drafter.check")
    assert {"drafter.build", "drafter.tui.session"} <= deferred | relative
    check = layer_of("drafter.check.source")
    assert check is not None
    for above in ("drafter.build", "drafter.tui.session", "drafter.commands.new"):
        assert (layer_of(above) or 0) < check
    assert layer_of("drafter.vocab.words") > layer_of("drafter.compose")  # type: ignore[operator]
