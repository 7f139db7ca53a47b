"""The command line: gathers options and calls the library; no logic of its own."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__, config, engine, profiles, ruledocs
from .diagnostics import Severity
from .errors import UsageError
from .reporters import REPORTERS
from .rules import lookup


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vereistenlint")
def cli() -> None:
    """Lint the requirement files (vereisten) of the Algoritmekader."""


@cli.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--profile", default=None, help="Force a profile instead of recognising it.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Configuration file (default: the nearest vereistenlint.toml, .vereistenlint.toml "
    "or pyproject.toml with [tool.vereistenlint], from the current folder upwards).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per CPU; small runs use one).",
)
@click.option("--select", multiple=True, help="Only these rules (code, name or code prefix).")
@click.option("--ignore", multiple=True, help="Leave out these rules (code, name or prefix).")
def check(
    paths: tuple[str, ...],
    fmt: str,
    profile: str | None,
    config_path: Path | None,
    jobs: int | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> None:
    """Check requirement files and folders (recursing into *.md, skipping index.md).

    Without PATHS, checks what the configuration's 'include' names."""
    try:
        configuration = config.discover_config(config_path)
        options = engine.Options(
            profile, tuple(_split(select)), tuple(_split(ignore)), config=configuration, jobs=jobs
        )
        result = engine.run_check(paths, options)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(REPORTERS[fmt](result), nl=False)
    sys.exit(1 if any(d.severity is Severity.ERROR for d in result.diagnostics) else 0)


@cli.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(ruledocs.FORMATS)),
    default="text",
    show_default=True,
    help="Output format.",
)
def rules_cmd(fmt: str) -> None:
    """List every rule: code, name, severity and summary."""
    click.echo(ruledocs.FORMATS[fmt](), nl=False)


@cli.command("rule")
@click.argument("code")
def rule_cmd(code: str) -> None:
    """Explain one rule, by code or name."""
    rule = lookup(code)
    if rule is None:
        raise click.UsageError(f"unknown rule '{code}' (see 'vereistenlint rules')")
    click.echo(
        f"{rule.code} {rule.name} ({rule.severity.value})\n\n{rule.summary}\n\n{rule.explanation}"
    )


@cli.command("profiles")
def profiles_cmd() -> None:
    """List the profiles (file formats) and the schema each uses."""
    for profile in profiles.all_profiles().values():
        click.echo(f"{profile.name:<14} schemas/{profile.schema_file:<28} {profile.description}")


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def main() -> None:
    cli()
