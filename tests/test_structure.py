"""The package's shape (issue 13): no import cycles, demo data in one package."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def modules(package: str) -> dict[str, Path]:
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imported_names(path: Path, known: dict[str, Path]) -> list[str]:
    """Every module name a file imports, anywhere in it (imports inside functions
    count: they are how a cycle hides). `from pkg import mod` names the submodule."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                names.append(submodule if submodule in known else node.module)
    return names


def import_graph(package: str) -> dict[str, set[str]]:
    """module -> the package's modules it imports."""
    known = modules(package)

    def owner(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    return {
        name: {
            owner(target)
            for target in imported_names(path, known)
            if target.split(".")[0] == package and owner(target) not in (None, name)
        }
        for name, path in known.items()
    }


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for other in graph.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or around a loop."""
    reach = {node: reachable(graph, node) for node in graph}
    groups = {
        tuple(sorted(o for o in reach[node] if node in reach[o]))
        for node in graph
        if node in reach[node]
    }
    return sorted(list(group) for group in groups)


def test_no_import_cycle_inside_community():
    assert cycles(import_graph("community")) == []


def test_no_import_cycle_inside_bench():
    assert cycles(import_graph("bench")) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_demo_data_lives_in_one_package():
    stray = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "community").rglob("*demo*.py")
        if path.parent.name != "demo"
    ]
    assert stray == []


def test_the_demo_password_is_hashed_once(app, db, monkeypatch):
    from community.demo import seed_all, users

    calls = []
    real = users.generate_password_hash

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(users, "generate_password_hash", counting)
    seed_all()
    assert len(calls) == 1


def test_sections_run_in_their_explicit_order(app):
    from community import sections

    for registry in (
        sections.HOME_SECTIONS,
        sections.PROFILE_SECTIONS,
        sections.PAGE_SECTIONS,
        sections.LIST_STATS,
    ):
        orders = [sections.ORDERS[entry] for entry in registry]
        assert orders == sorted(orders)
    # The home page reads as DESIGN.md says: the communities, then (signed in)
    # your events, drafts and unread replies; events, discussions, lessons.
    assert [template for template, _ in sections.HOME_SECTIONS] == [
        "communities/_home_section.html",
        "events/_home_going.html",
        "learnings/_home_drafts.html",
        "notifications/_home_section.html",
        "events/_home_section.html",
        "discussions/_home_section.html",
        "learnings/_home_section.html",
    ]


def test_a_late_registration_takes_its_place(app):
    from community import sections

    registry: list = []
    sections._place(registry, "third", 30)
    sections._place(registry, "first", 10)
    sections._place(registry, "second", 20)
    assert registry == ["first", "second", "third"]


def test_cli_commands_and_template_globals_are_registered_one_way():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "community").rglob("*.py")
        if "cli.command(" in path.read_text()
        and path.name != "commands.py"
        or "add_app_template_global(" in path.read_text()
        and path.name != "organiser_views.py"  # events: occurrence_key, for now
    ]
    assert offenders == []
