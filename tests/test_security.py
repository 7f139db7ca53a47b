"""Security (issue 6, part 4): the files checked are untrusted input (a pull request, a
pre-commit run), so nothing in them or in the configuration may run code, import a module
or reach the network.

- YAML is loaded safely: tags that build Python objects (``!!python/...``) are refused with
  a finding at the tag, and what they name is never called or imported.
- No network at run time: every schema and every ``$ref`` resolves from the package; a
  remote ``$ref`` fails to resolve without a connection being tried. A full check of the
  examples, the fixtures and (when present) the real corpus runs with the network cut off
  at the socket layer and watched by an audit hook, which sees C-level connections too.
- The configuration is data: TOML strings stay strings, an unknown key is a usage error,
  and a value naming a module imports nothing (a planted module would leave a mark).
- Text from the files cannot drive the terminal or break a report into extra lines.
"""

from __future__ import annotations

import json
import re
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from referencing.exceptions import Unresolvable

from vereistenlint import UsageError, check, config, engine, schema, yamlpos
from vereistenlint.cli import cli
from vereistenlint.reporters import REPORTERS
from vereistenlint.resources import data_dir

from .conftest import CORPUS, FIXTURES, ROOT
from .test_bad_input import CI_VARIABLES, good_text, run_cli

#: A module that, if it were ever imported, would leave a file behind and say so.
EVIL_MODULE = """
import pathlib
pathlib.Path(__file__).with_name("IMPORTED").write_text("evilmod was imported")
def run(*args, **kwargs):
    pathlib.Path(__file__).with_name("CALLED").write_text("evilmod.run was called")
class Evil:
    def __init__(self, *args, **kwargs):
        run()
"""


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on sys.path (and the current folder) holding `evilmod`; it must stay unused."""
    (tmp_path / "evilmod.py").write_text(EVIL_MODULE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("evilmod", None)
    yield tmp_path
    assert "evilmod" not in sys.modules
    assert not (tmp_path / "IMPORTED").exists()
    assert not (tmp_path / "CALLED").exists()
    assert not (tmp_path / "PWNED").exists()


# -- YAML: safe loading only -------------------------------------------------------------------

TAGS = {
    "apply-os-system": '!!python/object/apply:os.system ["touch PWNED"]',
    "apply-subprocess": '!!python/object/apply:subprocess.check_call [["touch", "PWNED"]]',
    "new-os-system": '!!python/object/new:os.system ["touch PWNED"]',
    "name": "!!python/name:evilmod.run",
    "module": "!!python/module:evilmod",
    "object": "!!python/object:evilmod.Evil {}",
    "apply-evil": "!!python/object/apply:evilmod.run []",
    "local-tag": "!evilmod.Evil {}",
}


@pytest.mark.parametrize("tag", sorted(TAGS))
def test_tags_that_build_objects_are_refused_and_never_run(tag: str, planted: Path) -> None:
    docs = planted / "docs"
    docs.mkdir()
    text = good_text("bad").replace(
        "title: Persoonsgegevens worden alleen verwerkt op een wettelijke grondslag",
        f"title: {TAGS[tag]}",
        1,
    )
    (docs / "bad.md").write_text(text, encoding="utf-8")
    found = check(["docs"])
    assert [(d.code, d.line, d.column) for d in found] == [("VL003", 2, 8)]
    assert "could not determine a constructor" in found[0].message
    assert engine.run_fixes(["docs"], engine.Options()) == []
    done = run_cli(["check", "--lang", "en", "--format", "json", "docs"], planted)
    assert done.code == 1
    assert [(d["code"], d["line"], d["column"]) for d in json.loads(done.stdout)] == [
        ("VL003", 2, 8)
    ]


def test_the_yaml_loader_is_a_safe_one() -> None:
    """Whichever loader is in use, its constructor is PyYAML's safe one, not a subclass that
    can build arbitrary objects (FullConstructor, UnsafeConstructor)."""
    assert issubclass(yamlpos._Loader, yaml.constructor.SafeConstructor)
    assert not issubclass(yamlpos._Loader, yaml.constructor.FullConstructor)


def test_no_unsafe_loading_or_dynamic_code_in_the_package() -> None:
    """A guard over the source: no other YAML loader, no eval/exec, no dynamic imports, no
    network or subprocess modules. (A new legitimate use must be argued for here.)"""
    forbidden = re.compile(
        r"\byaml\.(load|unsafe_load|full_load|Loader|FullLoader|UnsafeLoader)\b"
        r"|(?<![.\w])(eval|exec|compile|__import__)\(|\bimport_module\b"
        r"|\bimport (pickle|marshal|shelve|subprocess|socket|requests|urllib\.request)\b"
        r"|\bfrom (pickle|marshal|shelve|subprocess|socket|requests|urllib\.request) import\b"
        r"|\bos\.(system|popen|exec\w*|spawn\w*)\b|\burlopen\b|\bhttp\.client\b"
    )
    package = ROOT / "src" / "vereistenlint"
    for path in sorted(package.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = forbidden.search(line)
            assert m is None, f"{path.relative_to(ROOT)}:{number} uses {m.group()}"


# -- no network ---------------------------------------------------------------------------------

_WATCHED_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.sendto",
        "urllib.Request",
        "http.client.connect",
    }
)
_AUDIT: dict[str, Any] = {"on": False, "seen": []}


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _AUDIT["on"] and event in _WATCHED_EVENTS:
        _AUDIT["seen"].append((event, args))


_hook_installed = False


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, Any]]]:
    """Every way out is cut (connect, resolve) and recorded; the audit hook also records
    what bypasses the Python socket functions. Yields the attempts, which must stay none."""
    global _hook_installed
    if not _hook_installed:  # audit hooks cannot be removed: one, switched on and off
        sys.addaudithook(_audit)
        _hook_installed = True
    attempts: list[tuple[str, Any]] = []

    def refuse(name: str) -> Callable[..., Any]:
        def refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append((name, args))
            raise OSError(f"network disabled in this test: {name}")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("socket.gethostbyname"))
    _AUDIT["seen"] = attempts
    _AUDIT["on"] = True
    try:
        yield attempts
    finally:
        _AUDIT["on"] = False


def test_the_network_guard_notices_an_attempt(no_network: list[tuple[str, Any]]) -> None:
    """The guard itself works: a validator without the package's registry tries to fetch a
    remote $ref (jsonschema's deprecated default), and the attempt is recorded."""
    plain = jsonschema.Draft202012Validator({"$ref": "https://example.com/x.json"})
    with pytest.raises(Exception):  # noqa: B017 - whatever jsonschema wraps the OSError in
        plain.validate({})
    assert no_network


def test_a_remote_ref_is_refused_without_a_connection(no_network: list[tuple[str, Any]]) -> None:
    registry = schema.registry()
    for ref in ("https://example.com/x.json", "http://127.0.0.1:9/x", "urn:vereistenlint:nope"):
        validator = jsonschema.Draft202012Validator({"$ref": ref}, registry=registry)
        with pytest.raises(Unresolvable):
            validator.validate({})
    assert no_network == []


def _refs(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_every_ref_of_the_packaged_schemas_resolves_from_the_package(
    no_network: list[tuple[str, Any]],
) -> None:
    """Each $ref is local ('#...') or names a schema of the package by its $id. The
    configuration's schema is validated without the registry (config.py), so its $refs
    must all be local."""
    registry = schema.registry()
    resolver = registry.resolver()
    files = sorted(data_dir().glob("*.json"))
    assert files
    for path in files:
        contents = json.loads(path.read_text(encoding="utf-8"))
        for ref in _refs(contents):
            if ref.startswith("#"):
                continue
            assert path.name != "config.schema.json", ref
            assert not ref.startswith(("http:", "https:", "//")), f"{path.name}: {ref}"
            resolver.lookup(ref)  # raises Unresolvable if it is not in the package
        if path.name.endswith(".schema.json") and path.name != "config.schema.json":
            schema.validator(path.name)
    assert no_network == []


def _corpus_paths() -> list[Path]:
    return [CORPUS] if CORPUS.is_dir() else []


def test_a_full_check_reaches_no_network(
    no_network: list[tuple[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Examples, every fixture, the fixture repository with its configuration (labels from
    folders, repository-wide rules) and the real corpus when present; in every format, and
    with --fix --diff, in this process so the guard sees everything."""
    monkeypatch.chdir(ROOT)
    paths = [ROOT / "vereisten", FIXTURES, *_corpus_paths()]
    result = engine.run_check(paths, engine.Options(jobs=1))
    assert len(result.files) > 50
    for render in REPORTERS.values():
        render(result)
    engine.run_fixes(paths, engine.Options(jobs=1))
    runner = CliRunner(env=dict.fromkeys(CI_VARIABLES))
    repo = FIXTURES / "repos" / "inhoud"
    monkeypatch.chdir(repo)
    for fmt in sorted(REPORTERS):
        ran = runner.invoke(cli, ["check", "--lang", "en", "--jobs", "1", "--format", fmt])
        assert ran.exit_code in (0, 1), ran.output
        assert ran.exception is None or isinstance(ran.exception, SystemExit), ran.exc_info
    ran = runner.invoke(cli, ["check", "--lang", "en", "--jobs", "1", "--diff"])
    assert ran.exit_code in (0, 1), ran.output
    assert no_network == []


# -- configuration is data ----------------------------------------------------------------------


def _write_config(folder: Path, text: str) -> Path:
    path = folder / "vereistenlint.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_configuration_strings_are_never_evaluated(planted: Path) -> None:
    """Values that would do something if evaluated as Python or by a shell stay strings."""
    (planted / "docs").mkdir()
    (planted / "docs" / "good.md").write_text(good_text("good"), encoding="utf-8")
    path = _write_config(
        planted,
        """
include = ["__import__('os').system('touch PWNED')", "docs/*.md", "$(touch PWNED)"]
exclude = ["`touch PWNED`", "{{ __import__('evilmod') }}"]
ignore = []
[per-file-ignores]
"__import__('evilmod').run()" = ["VL012"]
""",
    )
    loaded = config.load(path)
    assert loaded.include == (
        "__import__('os').system('touch PWNED')",
        "docs/*.md",
        "$(touch PWNED)",
    )
    assert loaded.exclude == ("`touch PWNED`", "{{ __import__('evilmod') }}")
    assert check([], config=loaded) == []
    done = run_cli(["check", "--lang", "en", "--format", "json"], planted)
    assert done.code == 0, done
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('plugins = ["evilmod"]', "plugins"),
        ('import = "evilmod"', "import"),
        ('exec = "import evilmod"', "exec"),
        ('rules-module = "evilmod"', "rules-module"),
        ('[hooks]\nbefore = "evilmod:run"', "hooks"),
        ('[labels.levenscyclus]\nfolder = "."\nloader = "evilmod:run"', "loader"),
    ],
    ids=["plugins", "import", "exec", "rules-module", "hooks-table", "label-loader"],
)
def test_unknown_configuration_key_is_a_usage_error(text: str, key: str, planted: Path) -> None:
    path = _write_config(planted, text + "\n")
    with pytest.raises(UsageError, match=f"unknown key '{key}'"):
        config.load(path)
    done = run_cli(["check", "--lang", "en", "."], planted)
    assert done.code == 2, done
    assert f"unknown key '{key}'" in done.stderr


@pytest.mark.parametrize(
    "text",
    [
        'select = ["evilmod"]',
        'ignore = ["evilmod.run"]',
        'lang = "evilmod"',
        '[profiles]\n"*.md" = "evilmod"',
        '[profiles]\n"*.md" = "evilmod:Evil"',
        '[labels.evilmod]\nfolder = "."',
        '[per-file-ignores]\n"**/*.md" = ["evilmod:run"]',
    ],
    ids=["select", "ignore", "lang", "profile", "profile-entry-point", "label", "per-file"],
)
def test_configuration_naming_a_module_imports_nothing(text: str, planted: Path) -> None:
    """Every place a value could be mistaken for code: a clear usage error, and the module
    named is not imported (the `planted` fixture checks sys.modules and the marks)."""
    (planted / "docs").mkdir()
    (planted / "docs" / "good.md").write_text(good_text("good"), encoding="utf-8")
    path = _write_config(planted, text + "\n")
    before = set(sys.modules)
    with pytest.raises(UsageError):
        loaded = config.load(path)
        check(["docs"], config=loaded)
    new = set(sys.modules) - before
    assert not [m for m in new if "evilmod" in m]
    assert not [
        m for m in new if str(getattr(sys.modules[m], "__file__", "")).startswith(str(planted))
    ]
    done = run_cli(["check", "--lang", "en", "docs"], planted)
    assert done.code == 2, done
    assert "evilmod" in done.stderr


# -- text from the files in the reports -----------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        '"Geld\\nend"',
        '"Geld\\rXX"',
        '"\\e]0;pwned\\a"',
        '"\\e[2J\\e[31mrood"',
        "|\n  geldend\n  x",
    ],
    ids=["newline", "carriage-return", "osc-title", "csi-clear", "block-scalar"],
)
def test_file_text_in_messages_cannot_break_or_drive_the_report(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    text = good_text("bad").replace("status_vereiste:\n- geldend", f"status_vereiste:\n- {value}")
    (tmp_path / "docs" / "bad.md").write_text(text, encoding="utf-8")
    (found,) = check(["docs"])
    assert found.code == "VL012"
    controls = {chr(c) for c in range(32)} | {"\x7f", "\x85", "\u2028", "\u2029"}
    assert not controls & set(found.message), repr(found.message)
