"""The command line: gathers options and calls the library; no logic of its own."""

# ruff: noqa: E402 - the imports after the collector's set-up are part of what it speeds up

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# A run makes millions of small objects that live until its file is done, and almost no
# reference cycles: the collector's default thresholds spent ~5% of a large run scanning
# them, and a few ms of every start scanning what the imports below create. Collect far
# less often from here on (memory stays well under 100 MB per process); `main` then moves
# what the imports made out of the collector's sight.
gc.set_threshold(100_000, 50, 50)

import click

from . import config, engine, guard, i18n, profiles, ruledocs
from .choose import check_profile_name
from .errors import UsageError
from .options import Options
from .reporters import REPORTERS
from .reporters.escape import visible
from .reporters.output import default_format, emit
from .reporters.style import COLOR_CHOICES
from .rules import lookup
from .version import __version__

if TYPE_CHECKING:  # imported where --fix or --diff asks for it: a check without them (the
    # pre-commit call) does not pay for the fixers and the writer
    from . import fix as fixing

_LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(i18n.LANGUAGES),
    default=None,
    help="Language of messages and rule texts [default: the configuration's 'lang'; else "
    "English when LC_ALL, LC_MESSAGES or LANG is English; else Dutch].",
)


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
    default=None,
    help="Output format [default: text; github when GITHUB_ACTIONS=true].",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to FILE instead of standard output.",
)
@click.option(
    "--color",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour the text report; auto: only on a terminal, and not when NO_COLOR is set.",
)
@click.option("--profile", default=None, help="Force a profile instead of recognising it.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"Configuration file (default: the nearest of {config.CANDIDATES_TEXT}, "
    "from the current folder upwards).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per CPU that other work leaves free; fewer than "
    "64 files per worker use fewer workers).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read every file of the repository instead of the index kept in .vereistenlint_cache/.",
)
@click.option("--fix", "do_fix", is_flag=True, help="Apply safe fixes in place.")
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; write nothing."
)
@click.option(
    "--unsafe-fixes", is_flag=True, help="With --fix or --diff: also fixes that may change meaning."
)
@click.option("--select", multiple=True, help="Only these rules (code, name or code prefix).")
@click.option("--ignore", multiple=True, help="Leave out these rules (code, name or prefix).")
@_LANG_OPTION
def check(
    paths: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    color: str,
    profile: str | None,
    config_path: Path | None,
    jobs: int | None,
    no_cache: bool,
    do_fix: bool,
    show_diff: bool,
    unsafe_fixes: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    lang: str | None,
) -> None:
    """Check requirement files and folders (recursing into *.md, skipping index.md).

    Without PATHS, checks what the configuration's 'include' names."""
    language = i18n.choose(lang)  # until the configuration, which may name one, is read
    if show_diff or do_fix:
        from . import fix as fixing
    try:
        configuration = config.discover_config(config_path)
        language = _language(lang, configuration)
        options = Options(
            profile,
            tuple(_split(select)),
            tuple(_split(ignore)),
            lang=language,
            config=configuration,
            jobs=jobs,
            cache=not no_cache,
        )
        if show_diff:
            results = fixing.run_fixes(paths, options, unsafe=unsafe_fixes, with_notes=True)
            changes = [r for r in results if r.changed]
            click.echo("".join(fixing.unified_diff(c) for c in changes), nl=False)
            _notes(results, [], options.lang)
            sys.exit(1 if changes else 0)
        fixed = 0
        not_written = False
        if do_fix:
            results = fixing.run_fixes(paths, options, unsafe=unsafe_fixes, with_notes=True)
            written: list[tuple[fixing.FixResult, fixing.Note]] = []
            for change in results:
                note = fixing.write_back(change)
                if note is None:
                    fixed += change.applied if change.changed else 0
                else:
                    written.append((change, note))
                    not_written = not_written or note.failed
            _notes(results, written, options.lang)
        result = engine.run_check(paths, options)
        result = result._replace(fixed=fixed) if do_fix else result
    except UsageError as exc:
        raise click.UsageError(visible(exc.render(language))) from None
    for path, reason in result.unmatched:
        word = i18n.ui("unmatched.warning", result.lang)
        text = i18n.ui(reason, result.lang).format(path=visible(path))
        click.echo(f"{word}: {text}", err=True)
    emit(result, fmt or default_format(), output=output, color=color)
    if not_written:
        sys.exit(2)  # a fix that could not be written is an error of the run, not a finding
    sys.exit(guard.exit_code(result.diagnostics))


def _notes(
    results: list[fixing.FixResult],
    written: list[tuple[fixing.FixResult, fixing.Note]],
    lang: str,
) -> None:
    """What --fix did not do, and why, on standard error (the report stays parseable)."""
    lines = [n.render(r.display, lang) for r in results for n in r.notes]
    lines += [n.render(r.display, lang) for r, n in written]
    for line in lines:
        click.echo(f"vereistenlint: {visible(line)}", err=True)


@cli.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(ruledocs.FORMATS)),
    default="text",
    show_default=True,
    help="Output format (markdown: the README's table; json: every field of every rule).",
)
@_LANG_OPTION
def rules_cmd(fmt: str, lang: str | None) -> None:
    """List every rule: code, name, severity, fix, default and summary."""
    click.echo(ruledocs.FORMATS[fmt](_docs_language(lang)), nl=False)


@cli.command("rule")
@click.argument("code")
@_LANG_OPTION
def rule_cmd(code: str, lang: str | None) -> None:
    """Explain one rule, by code or name: what it checks, why, examples and its fix."""
    chosen = _docs_language(lang)
    rule = lookup(code)
    if rule is None:
        raise click.UsageError(i18n.ui("rule.unknown", chosen).format(code=code))
    click.echo(ruledocs.explain(rule, chosen), nl=False)


@cli.command("config")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Configuration file (default: found as 'check' finds it).",
)
@click.option("--profile", default=None, help="As for 'check': force a profile.")
@click.option("--select", multiple=True, help="As for 'check': only these rules.")
@click.option("--ignore", multiple=True, help="As for 'check': leave out these rules.")
@click.option("--lang", type=click.Choice(i18n.LANGUAGES), default=None, help="As for 'check'.")
def config_cmd(
    config_path: Path | None,
    profile: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    lang: str | None,
) -> None:
    """Print the effective configuration as TOML: the preset, the file and the options given
    here merged as 'check' would merge them, each key followed by where it came from."""
    from . import config_show

    language = i18n.choose(lang)  # until the configuration, which may name one, is read
    try:
        configuration = config.discover_config(config_path)
        language = _language(lang, configuration)
        check_profile_name(profile)
        data, origins = config_show.effective(
            configuration, select=_split(select), ignore=_split(ignore), lang=lang
        )
    except UsageError as exc:
        raise click.UsageError(visible(exc.render(language))) from None
    text = config_show.render(configuration, data, origins, data["lang"], profile)
    click.echo(text, nl=False)


@cli.command("profiles")
@_LANG_OPTION
def profiles_cmd(lang: str | None) -> None:
    """List the profiles (file formats) and the schema each uses."""
    chosen = _docs_language(lang)
    for profile in profiles.all_profiles().values():
        description = i18n.ui(f"profile.{profile.name}", chosen)
        click.echo(f"{profile.name:<14} schemas/{profile.schema_file:<28} {description}")


@cli.command("server")
def server_cmd() -> None:
    """Run the language server over standard input/output (for editors; needs the 'server'
    extra: pip install 'vereistenlint[server]')."""
    try:
        from . import langserver
    except ImportError as exc:
        click.echo(
            f"vereistenlint server needs pygls, which is not installed ({exc.name}).\n"
            "Install it with: pip install 'vereistenlint[server]'",
            err=True,
        )
        sys.exit(2)
    langserver.main()


def _language(option: str | None, configuration: config.Config | None) -> str:
    """--lang, else the configuration's `lang`, else the environment (see i18n.choose)."""
    return i18n.choose(option, configuration.lang if configuration else None)


def _docs_language(option: str | None) -> str:
    """The language of `rules` and `rule`: they read the nearest configuration only for its
    `lang`, so that an editor sees the rules in the language the findings come in."""
    if option is not None:
        return option
    try:
        return _language(None, config.discover_config())
    except UsageError as exc:
        raise click.UsageError(exc.render(i18n.choose(None))) from None


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def main() -> None:
    gc.freeze()  # see the collector's set-up at the top
    gc.set_threshold(100_000, 50, 50)
    cli()
