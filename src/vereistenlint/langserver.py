"""`vereistenlint server`: the findings of `check` in the editor, as the editor's text changes.

A Language Server Protocol server over standard input and output, built on pygls (the
optional extra `vereistenlint[server]`). It checks the editor's buffer, never the file on
disk while the editor holds it; the repository-wide rules judge it against an index of the
workspace kept in memory and updated as documents and files change. Everything the checks
know comes from `buffer` (and through it the engine); this module only translates between
the protocol and the library: positions, diagnostics, edits.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from . import __version__, buffer, completion, config, i18n, labels, ruledocs
from .diagnostics import Severity
from .errors import UsageError
from .options import Options
from .schema import Vocabularies

log = logging.getLogger(__name__)

NAME = "vereistenlint"
FIX_ALL = "source.fixAll.vereistenlint"
#: where a rule is explained; {code} and {name} are filled in (initializationOptions.ruleDocsUrl)
RULE_DOCS = "https://github.com/OWNER/vereistenlint/blob/main/README.md#rules"
#: seconds between the last keystroke and the check of the buffer
DEBOUNCE = 0.3
_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class Project:
    """One workspace folder: its configuration and its repository index (built when first
    needed, so that starting the server reads nothing)."""

    root: Path
    configuration: config.Config | None
    options: Options
    vocabularies: Vocabularies
    error: str | None = None
    _index: buffer.LiveIndex | None = None

    @classmethod
    def open(cls, root: Path, lang: str | None) -> Project:
        try:
            # the nearest file, else the built-in preset of a repository laid out as one
            configuration = config.discover_config(start=root)
            options = Options(
                lang=i18n.choose(lang, configuration.lang if configuration else None),
                config=configuration,
                cache=True,  # as `check` does: the repository index kept between runs
            )
            options.enabled()  # an unknown rule in select/ignore is a configuration error
            vocabularies = labels.vocabularies(configuration.labels) if configuration else ()
        except (UsageError, OSError, ValueError) as exc:  # ValueError: a bad profile file
            return cls(root, None, Options(lang=i18n.choose(lang)), (), error=str(exc))
        return cls(root, configuration, options, vocabularies)

    @property
    def index(self) -> buffer.LiveIndex:
        if self._index is None:
            files = buffer.repository_files(self.configuration, self.root)
            self._index = buffer.LiveIndex.build(
                ((p, self.display(p)) for p in files), self.options
            )
        return self._index

    @property
    def indexed(self) -> bool:
        return self._index is not None

    def display(self, path: Path) -> str:
        try:
            return Path(os.path.relpath(path, self.root)).as_posix()
        except ValueError:
            return path.as_posix()

    def serves(self, path: Path) -> bool:
        return self.error is None and buffer.served(path, self.configuration, self.root)


@dataclass
class Settings:
    lang: str | None = None
    debounce: float = DEBOUNCE
    rule_docs: str = RULE_DOCS


@dataclass
class State:
    settings: Settings = field(default_factory=Settings)
    projects: dict[str, Project] = field(default_factory=dict)
    pending: dict[str, asyncio.TimerHandle] = field(default_factory=dict)
    #: uri -> (text, result) of the last check, reused while the text is the same
    results: dict[str, tuple[str, buffer.Checked]] = field(default_factory=dict)
    warned: set[str] = field(default_factory=set)


class VereistenServer(LanguageServer):
    def __init__(self) -> None:
        # full text on every change: the checks parse the whole file anyway, and an
        # incremental change would be applied with other line breaks than ours (U+2028)
        super().__init__(NAME, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.state = State()

    # -- where a document belongs ----------------------------------------------------------

    def project_for(self, uri: str) -> tuple[Project, Path] | None:
        """The workspace folder holding the document, or None: outside every folder, not a
        file, or not a kind of file the configuration counts as content."""
        if not uri.startswith("file:"):
            return None
        raw = to_fs_path(uri)
        if raw is None:
            return None
        path = Path(raw)
        roots = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        if not roots and self.workspace.root_path:
            roots = [self.workspace.root_path]
        inside = [Path(r) for r in roots if r and _contains(Path(r), path)]
        if not inside:
            return None
        root = max(inside, key=lambda r: len(r.parts))
        key = str(root)
        project = self.state.projects.get(key)
        if project is None:
            project = Project.open(root, self.state.settings.lang)
            self.state.projects[key] = project
        if project.error is not None and key not in self.state.warned:
            self.state.warned.add(key)
            text = i18n.ui("server.config_error", project.options.lang)
            self.window_show_message(
                types.ShowMessageParams(types.MessageType.Error, text.format(error=project.error))
            )
        if not project.serves(path):
            return None
        return project, path

    # -- checking --------------------------------------------------------------------------

    def text_of(self, uri: str) -> str | None:
        document = self.workspace.text_documents.get(uri)
        return None if document is None else document.source

    def checked(self, uri: str) -> tuple[Project, Path, str, buffer.Checked] | None:
        """The current buffer's findings (from the last check when the text is the same)."""
        text = self.text_of(uri)
        where = self.project_for(uri)
        if text is None or where is None:
            return None
        project, path = where
        last = self.state.results.get(uri)
        if last is not None and last[0] == text:
            return project, path, text, last[1]
        result = self._run(project, path, text, uri)
        return project, path, text, result

    def _run(self, project: Project, path: Path, text: str, uri: str) -> buffer.Checked:
        display = project.display(path)
        index = project.index
        entry = buffer.entry_of(path, display, text, project.options)
        changed = index.put(entry)
        result = buffer.check_text(
            path, display, text, project.options, project.vocabularies, index.index
        )
        self.state.results[uri] = (text, result)
        if changed:
            self.recheck_others(uri)
        return result

    def publish(self, uri: str) -> None:
        """Check the buffer and send its diagnostics (an empty list for what is not served)."""
        self.state.pending.pop(uri, None)
        document = self.workspace.text_documents.get(uri)
        try:
            found = self.checked(uri)
        except Exception:  # a bug in a rule must not take the editor's server down
            log.exception("checking %s failed", uri)
            found = None
        diagnostics: list[types.Diagnostic] = []
        if found is not None:
            project, _path, text, result = found
            lines = buffer.lines_of(text)
            shown = buffer.visible(result, project.configuration)
            diagnostics = [self.diagnostic(lines, x) for x in shown]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                diagnostics=diagnostics,
                version=document.version if document is not None else None,
            )
        )

    def recheck_others(self, uri: str) -> None:
        """Another file's id or stem changed: the open documents' repository-wide findings may
        change with it."""
        for other in list(self.workspace.text_documents):
            if other != uri:
                self.state.results.pop(other, None)
                self.schedule(other, 0)

    def schedule(self, uri: str, delay: float | None = None) -> None:
        wait = self.state.settings.debounce if delay is None else delay
        old = self.state.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        loop = asyncio.get_running_loop()
        self.state.pending[uri] = loop.call_later(wait, self.publish, uri)

    def reconfigure(self) -> None:
        """A configuration file changed: every folder is read again, every document rechecked."""
        self.state.projects.clear()
        self.state.results.clear()
        self.state.warned.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    def reindex(self, uri: str) -> None:
        """A file changed on disk, or the editor closed it: its entry is what the disk holds."""
        where = self.project_for(uri)
        if where is None:
            return
        project, path = where
        if not project.indexed:
            return  # nothing indexed yet: it will be read when first needed
        changed = (
            project.index.put(buffer.index_file(path, project.display(path), project.options))
            if path.is_file()
            else project.index.remove(path)
        )
        if changed:
            self.recheck_others(uri)

    # -- protocol shapes -------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def position(self, lines: Sequence[str], point: buffer.Point) -> types.Position:
        line, column = point
        if line >= len(lines):
            return types.Position(line=len(lines), character=0)
        return types.Position(line=line, character=units(lines[line][:column], self.encoding))

    def range(self, lines: Sequence[str], start: buffer.Point, end: buffer.Point) -> types.Range:
        return types.Range(start=self.position(lines, start), end=self.position(lines, end))

    def point(self, lines: Sequence[str], position: types.Position) -> buffer.Point:
        """A client position as (line, code-point column)."""
        if position.line >= len(lines):
            return len(lines), 0
        return position.line, code_points(lines[position.line], position.character, self.encoding)

    def diagnostic(self, lines: Sequence[str], located: buffer.Located) -> types.Diagnostic:
        rule = located.rule
        href = self.state.settings.rule_docs.format(code=rule.code, name=rule.name)
        severity = (
            types.DiagnosticSeverity.Error
            if rule.severity is Severity.ERROR
            else types.DiagnosticSeverity.Warning
        )
        fix = located.fix
        return types.Diagnostic(
            range=self.range(lines, located.start, located.end),
            message=located.message,
            severity=severity,
            code=rule.code,
            code_description=types.CodeDescription(href=href),
            source=NAME,
            data={
                "name": rule.name,
                "fix": None if fix is None else ("safe" if fix.safe else "unsafe"),
            },
        )

    def text_edit(self, old: str, new: str) -> types.TextEdit:
        """One edit that turns `old` into `new`: the span between their common ends."""
        return diff_edit(old, new, self.encoding)


def _contains(root: Path, path: Path) -> bool:
    try:
        Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return False
    return True


# -- units -----------------------------------------------------------------------------------


def units(text: str, encoding: str = types.PositionEncodingKind.Utf16) -> int:
    """The length of `text` in the client's code units (UTF-16 unless negotiated otherwise)."""
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def code_points(line: str, count: int, encoding: str = types.PositionEncodingKind.Utf16) -> int:
    """The code-point column of a position `count` client units into `line`."""
    seen = 0
    for i, char in enumerate(line):
        if seen >= count:
            return i
        seen += units(char, encoding)
    return len(line)


def diff_edit(
    old: str, new: str, encoding: str = types.PositionEncodingKind.Utf16
) -> types.TextEdit:
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    start, end = prefix, len(old) - suffix
    # never between the two characters of a CRLF
    while 0 < start < len(old) and old[start - 1] == "\r" and old[start] == "\n":
        start -= 1
    while 0 < end < len(old) and old[end - 1] == "\r" and old[end] == "\n":
        end += 1
    replacement = new[start : len(new) - (len(old) - end)]
    starts = [0] + [m.end() for m in _BREAK.finditer(old)]

    def position(offset: int) -> types.Position:
        line = bisect_right(starts, offset) - 1
        return types.Position(line=line, character=units(old[starts[line] : offset], encoding))

    return types.TextEdit(
        range=types.Range(start=position(start), end=position(end)), new_text=replacement
    )


# -- the server ------------------------------------------------------------------------------

server = VereistenServer()


@server.feature(types.INITIALIZE)
def initialize(ls: VereistenServer, params: types.InitializeParams) -> None:
    opts = params.initialization_options
    if isinstance(opts, dict):
        settings = ls.state.settings
        if opts.get("lang") in i18n.LANGUAGES:
            settings.lang = opts["lang"]
        debounce = opts.get("debounce")
        if isinstance(debounce, (int, float)) and 0 <= debounce <= 10_000:
            settings.debounce = debounce / 1000
        docs = opts.get("ruleDocsUrl")
        if isinstance(docs, str) and _formats(docs):
            settings.rule_docs = docs


def _formats(template: str) -> bool:
    """Whether a link template takes {code} and {name} and nothing else."""
    try:
        template.format(code="VL000", name="rule")
    except (KeyError, IndexError, ValueError):
        return False
    return True


@server.feature(types.INITIALIZED)
def initialized(ls: VereistenServer, params: types.InitializedParams) -> None:
    caps = ls.client_capabilities.workspace
    watched = caps.did_change_watched_files if caps is not None else None
    if watched is not None and watched.dynamic_registration:
        globs = ["**/*.md", *(f"**/{name}" for name in config.CANDIDATES)]
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=g) for g in globs]
        )
        ls.client_register_capability(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id="vereistenlint-markdown",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=options,
                    )
                ]
            )
        )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: VereistenServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: VereistenServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: VereistenServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: VereistenServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    pending = ls.state.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.state.results.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    ls.reindex(uri)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched(ls: VereistenServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(change.uri.endswith(config.CANDIDATES) for change in params.changes):
        ls.reconfigure()
        return
    for change in params.changes:
        if change.uri not in ls.workspace.text_documents:  # the editor's text wins
            ls.reindex(change.uri)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
    ),
)
def code_action(
    ls: VereistenServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    found = ls.checked(uri)
    if found is None:
        return None
    project, path, text, result = found
    shown = buffer.visible(result, project.configuration)
    if not shown:
        return None
    only = params.context.only
    lines = buffer.lines_of(text)
    lang = project.options.lang
    actions: list[types.CodeAction] = []
    first = ls.point(lines, params.range.start)
    last = ls.point(lines, params.range.end)
    if _wants(only, types.CodeActionKind.QuickFix):
        for located in shown:
            if located.start > last or (located.end < first and located.start[0] != first[0]):
                continue
            diagnostic = ls.diagnostic(lines, located)
            actions.extend(
                _quick_fixes(ls, uri, project, path, text, result, located, diagnostic, lang)
            )
    if _wants(only, FIX_ALL):
        fixed, count = buffer.fix_text(
            path, project.display(path), text, project.options, project.vocabularies
        )
        if count and fixed != text:
            actions.append(
                types.CodeAction(
                    title=i18n.ui("server.fix_all", lang),
                    kind=FIX_ALL,
                    edit=_workspace_edit(uri, ls.text_edit(text, fixed)),
                )
            )
    return actions


def _wants(only: Sequence[str] | None, kind: str) -> bool:
    """Whether a requested kind list (`only`) asks for `kind`: a kind asks for its sub-kinds."""
    if not only:
        return True
    return any(kind == k or kind.startswith(k + ".") for k in only)


def _quick_fixes(
    ls: VereistenServer,
    uri: str,
    project: Project,
    path: Path,
    text: str,
    result: buffer.Checked,
    located: buffer.Located,
    diagnostic: types.Diagnostic,
    lang: str,
) -> Iterable[types.CodeAction]:
    code = located.rule.code
    fix = located.fix
    if fix is not None:
        fixed, count = buffer.fix_text(
            path, project.display(path), text, project.options, project.vocabularies, only=[fix]
        )
        if count and fixed != text:
            key = "server.fix" if fix.safe else "server.fix_unsafe"
            yield types.CodeAction(
                title=i18n.ui(key, lang).format(code=code, message=located.message),
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=fix.safe,
                edit=_workspace_edit(uri, ls.text_edit(text, fixed)),
            )
    suppressed = buffer.suppressed_text(
        result, located, text, project.options, project.vocabularies, project.index.index
    )
    if suppressed is not None:
        yield types.CodeAction(
            title=i18n.ui("server.suppress", lang).format(code=code),
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=_workspace_edit(uri, ls.text_edit(text, suppressed)),
        )


def _workspace_edit(uri: str, edit: types.TextEdit) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: [edit]})


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: VereistenServer, params: types.HoverParams) -> types.Hover | None:
    found = ls.checked(params.text_document.uri)
    if found is None:
        return None
    project, _path, text, result = found
    lines = buffer.lines_of(text)
    at = ls.point(lines, params.position)
    hits = [x for x in buffer.visible(result, project.configuration) if x.start <= at <= x.end]
    if not hits:
        return None
    lang = project.options.lang
    rules = list(dict.fromkeys(x.rule for x in hits))
    parts = [f"```text\n{ruledocs.explain(rule, lang)}```" for rule in rules]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(parts)),
        range=ls.range(lines, hits[0].start, hits[0].end),
    )


_KINDS = {
    "value": types.CompletionItemKind.EnumMember,
    "key": types.CompletionItemKind.Property,
    "file": types.CompletionItemKind.File,
}


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=["/", "-", "[", ",", " "]),
)
def complete(ls: VereistenServer, params: types.CompletionParams) -> types.CompletionList | None:
    found = ls.checked(params.text_document.uri)
    if found is None:
        return None
    project, path, text, result = found
    lines = buffer.lines_of(text)
    line, column = ls.point(lines, params.position)
    items = completion.complete(
        lines,
        line,
        column,
        result.profile,
        stem=path.stem,
        vocabularies=project.vocabularies,
        repo=project.index.index,
    )
    if not items:
        return None
    cursor = params.position
    converted = []
    for rank, item in enumerate(items):
        start = ls.position(lines, (line, item.start))
        converted.append(
            types.CompletionItem(
                label=item.label,
                kind=_KINDS[item.kind],
                sort_text=f"{rank:05d}",
                text_edit=types.TextEdit(
                    range=types.Range(start=start, end=cursor), new_text=item.insert
                ),
            )
        )
    return types.CompletionList(is_incomplete=False, items=converted)


def main() -> None:
    server.start_io()
