"""End to end: `vereistenlint server` started as a subprocess and driven over stdio by pygls'
own language client, as an editor drives it."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from .pages import DEFECTS, page

#: a guard against a hang, not a measurement: every wait ends far sooner
WAIT = 30


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "vereisten"
    folder.mkdir()
    # on disk the file is clean: whatever the server reports comes from the editor's buffer
    (folder / "abc-01-logboek-bijhouden.md").write_text(page("abc-01-logboek-bijhouden"))
    # the same id in another file, for the repository-wide rule
    other = page("abc-02-logboek-bewaren").replace("abc-01", "abc-02")
    (folder / "abc-02-logboek-bewaren.md").write_text(other)
    (tmp_path / "README.md").write_text("# notes, not content\n")
    return tmp_path


class Editor:
    """The client's side: the documents it holds, and the diagnostics it was sent."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}
        self.diagnostics: dict[str, list[types.Diagnostic]] = {}
        #: how many times diagnostics were published for each document
        self.published: dict[str, int] = {}
        self.received = asyncio.Condition()

    async def notified(self, params: types.PublishDiagnosticsParams) -> None:
        async with self.received:
            self.diagnostics[params.uri] = list(params.diagnostics)
            self.published[params.uri] = self.published.get(params.uri, 0) + 1
            self.versions.setdefault(params.uri, 0)
            self.received.notify_all()

    async def until(
        self, uri: str, test: Callable[[list[types.Diagnostic]], bool]
    ) -> list[types.Diagnostic]:
        async def wait() -> list[types.Diagnostic]:
            async with self.received:
                await self.received.wait_for(
                    lambda: uri in self.diagnostics and test(self.diagnostics[uri])
                )
                return self.diagnostics[uri]

        return await asyncio.wait_for(wait(), WAIT)

    def open(self, path: Path, text: str) -> str:
        uri = from_fs_path(str(path)) or ""
        self.texts[uri] = text
        self.versions[uri] = 1
        self.diagnostics.pop(uri, None)
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="markdown", version=1, text=text
                )
            )
        )
        return uri

    def change(self, uri: str, text: str) -> None:
        self.texts[uri] = text
        self.versions[uri] += 1
        self.diagnostics.pop(uri, None)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=uri, version=self.versions[uri]
                ),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    def apply(self, uri: str, edit: types.WorkspaceEdit) -> None:
        """Apply a workspace edit as an editor does, and tell the server."""
        self.change(uri, self.edited(uri, edit))

    def edited(self, uri: str, edit: types.WorkspaceEdit) -> str:
        """The document's text with a workspace edit applied (positions in UTF-16 units)."""
        assert edit.changes is not None
        text = self.texts[uri]
        for change in sorted(
            edit.changes[uri],
            key=lambda e: (e.range.start.line, e.range.start.character),
            reverse=True,
        ):
            start, end = _offset(text, change.range.start), _offset(text, change.range.end)
            text = text[:start] + change.new_text + text[end:]
        return text


def _offset(text: str, position: types.Position) -> int:
    lines = text.splitlines(keepends=True)
    before = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for i, char in enumerate(line):
        if units >= position.character:
            return before + i
        units += 2 if ord(char) > 0xFFFF else 1
    return before + len(line)


def run_session(
    root: Path,
    scenario: Callable[[Editor], Awaitable[None]],
    capabilities: types.ClientCapabilities | None = None,
    encoding: str = types.PositionEncodingKind.Utf16,
) -> int | None:
    """Start the server, initialise it on `root`, play the scenario, shut it down; returns the
    server's exit status."""

    async def session() -> int | None:
        client = LanguageClient("vereistenlint-tests", "1")
        editor = Editor(client)

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        async def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            await editor.notified(params)

        await client.start_io(sys.executable, "-m", "vereistenlint", "server", cwd=str(root))
        try:
            result = await asyncio.wait_for(
                client.initialize_async(
                    types.InitializeParams(
                        capabilities=capabilities or types.ClientCapabilities(),
                        root_uri=from_fs_path(str(root)),
                        workspace_folders=[
                            types.WorkspaceFolder(uri=from_fs_path(str(root)) or "", name="ws")
                        ],
                        initialization_options={"lang": "en", "debounce": 50},
                    )
                ),
                WAIT,
            )
            assert result.capabilities.code_action_provider is not None
            assert result.capabilities.position_encoding == encoding
            client.initialized(types.InitializedParams())
            await scenario(editor)
            await asyncio.wait_for(client.shutdown_async(None), WAIT)
            client.exit(None)
            process: Any = client._server
            return int(await asyncio.wait_for(process.wait(), WAIT))
        finally:
            server: Any = client._server
            if server is not None and server.returncode is None:
                server.kill()  # the scenario failed half-way: do not wait for a clean exit
            await client.stop()

    return asyncio.run(session())


def _found(diagnostics: list[types.Diagnostic]) -> set[tuple[str, int, int, int, int]]:
    return {
        (
            str(d.code),
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in diagnostics
    }


def _codes(diagnostics: list[types.Diagnostic]) -> set[str]:
    return {str(d.code) for d in diagnostics}


def test_diagnostics_fixes_hover_and_completion(workspace: Path) -> None:
    path = workspace / "vereisten" / "abc-01-logboek-bijhouden.md"

    async def scenario(editor: Editor) -> None:
        uri = editor.open(path, page("abc-01-logboek-bijhouden", DEFECTS))
        diagnostics = await editor.until(uri, lambda d: len(d) >= 3)
        assert _found(diagnostics) == {
            # the full stop: 44 code points in, but 45 UTF-16 units (the rocket takes two)
            ("VL014", 1, 45, 1, 46),
            ("VL016", 6, 2, 6, 14),
            ("VL302", 45, 31, 45, 45),
        }
        by_code = {str(d.code): d for d in diagnostics}
        title = by_code["VL014"]
        assert title.severity == types.DiagnosticSeverity.Error
        assert title.source == "vereistenlint"
        assert title.message == "the title ends with a full stop; the template asks for none"
        assert title.code_description is not None
        assert "title-full-stop" in title.code_description.href or "#rules" in (
            title.code_description.href
        )

        # fix all, as an editor asks for it on save: the safe fixes, not the unsafe one
        fix_all = await editor.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(
                    start=types.Position(line=0, character=0),
                    end=types.Position(line=0, character=0),
                ),
                context=types.CodeActionContext(
                    diagnostics=[], only=[types.CodeActionKind.SourceFixAll]
                ),
            )
        )
        assert fix_all is not None and len(fix_all) == 1
        (action,) = fix_all
        assert isinstance(action, types.CodeAction) and action.edit is not None
        assert action.kind == "source.fixAll.vereistenlint"
        fixed = editor.edited(uri, action.edit)
        assert "één 🚀 logboek bij\n" in fixed and "vereiste/abc-01-logboek-bijhouden " in fixed
        assert "- ontwikkelenn\n" in fixed

        # the buffer changes (unsaved): the title's full stop is gone, the rest stays
        editor.change(uri, editor.texts[uri].replace("logboek bij.\n", "logboek bij\n"))
        diagnostics = await editor.until(uri, lambda d: "VL014" not in _codes(d))
        assert _codes(diagnostics) == {"VL016", "VL302"}

        # code actions on the list comment: the safe fix and the suppression
        stem = next(d for d in diagnostics if d.code == "VL302")
        actions = await editor.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=stem.range,
                context=types.CodeActionContext(diagnostics=[stem]),
            )
        )
        assert actions is not None
        titles = [a.title for a in actions if isinstance(a, types.CodeAction)]
        assert "Fix VL302: " + stem.message in titles
        assert "Suppress VL302 on this line" in titles
        assert "Fix all safe problems in this file (vereistenlint)" in titles
        fix = next(
            a
            for a in actions
            if isinstance(a, types.CodeAction) and a.title.startswith("Fix VL302")
        )
        assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
        assert fix.edit is not None
        editor.apply(uri, fix.edit)
        diagnostics = await editor.until(uri, lambda d: "VL302" not in _codes(d))
        assert _codes(diagnostics) == {"VL016"}
        assert "vereiste/abc-01-logboek-bijhouden no-search" in editor.texts[uri]

        # the misspelt label's fix may change meaning: offered, but marked as unsafe
        label = diagnostics[0]
        actions = await editor.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=label.range,
                context=types.CodeActionContext(
                    diagnostics=[label], only=[types.CodeActionKind.QuickFix]
                ),
            )
        )
        assert actions is not None
        unsafe = [a for a in actions if isinstance(a, types.CodeAction) and "unsafe" in a.title]
        assert len(unsafe) == 1 and not unsafe[0].is_preferred
        suppress = next(
            a for a in actions if isinstance(a, types.CodeAction) and a.title.startswith("Suppress")
        )
        assert suppress.edit is not None
        editor.apply(uri, suppress.edit)
        assert "- ontwikkelenn  # vereistenlint: ignore[VL016]\n" in editor.texts[uri]
        await editor.until(uri, lambda d: d == [])
        editor.change(uri, editor.texts[uri].replace("  # vereistenlint: ignore[VL016]", ""))
        diagnostics = await editor.until(uri, lambda d: d != [])

        # hover on the diagnostic's range explains the rule, as `vereistenlint rule` does
        hover = await editor.client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=6, character=5),
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert "VL016 unknown-label (error)" in hover.contents.value
        assert "What it checks and why it matters" in hover.contents.value
        nothing = await editor.client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=30, character=0),
            )
        )
        assert nothing is None

        # completion inside the label list: the vocabulary, less what the list holds
        completions = await editor.client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=6, character=3),
            )
        )
        assert isinstance(completions, types.CompletionList)
        labels = [item.label for item in completions.items]
        assert "ontwikkelen" in labels and "organisatieverantwoordelijkheden" in labels
        assert "ontwerp" not in labels  # already in the list
        assert all(label.startswith("o") for label in labels)
        edit = completions.items[0].text_edit
        assert isinstance(edit, types.TextEdit)
        assert (edit.range.start.line, edit.range.start.character) == (6, 2)

    assert run_session(workspace, scenario) == 0


def test_repository_index_follows_the_buffers(workspace: Path) -> None:
    first = workspace / "vereisten" / "abc-01-logboek-bijhouden.md"
    second = workspace / "vereisten" / "abc-02-logboek-bewaren.md"

    async def scenario(editor: Editor) -> None:
        one = editor.open(first, first.read_text())
        assert await editor.until(one, lambda d: True) == []
        # saving checks again (here: the same text, the same answer, sent once more)
        opened = editor.published[one]
        editor.client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=one))
        )
        await editor.until(one, lambda d: editor.published[one] > opened)
        # an unsaved change of another file gives this file's id a twin
        two = editor.open(second, second.read_text())
        await editor.until(two, lambda d: True)
        editor.change(two, editor.texts[two].replace("ver:abc-02", "ver:abc-01"))
        diagnostics = await editor.until(one, lambda d: "VL401" in _codes(d))
        duplicate = next(d for d in diagnostics if d.code == "VL401")
        assert (duplicate.range.start.line, duplicate.range.start.character) == (2, 4)
        assert "vereisten/abc-02-logboek-bewaren.md:3" in duplicate.message
        # and undone again
        editor.change(two, editor.texts[two].replace("ver:abc-01", "ver:abc-02"))
        await editor.until(one, lambda d: d == [])

        # a file that appears on disk (not open in the editor) joins the index when the
        # editor reports it
        third = workspace / "vereisten" / "abc-01-kopie.md"
        third.write_text(page("abc-01-kopie"))
        editor.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(
                        uri=from_fs_path(str(third)) or "", type=types.FileChangeType.Created
                    )
                ]
            )
        )
        diagnostics = await editor.until(one, lambda d: "VL401" in _codes(d))
        assert "vereisten/abc-01-kopie.md:3" in diagnostics[0].message

        # a new configuration is read when it changes: this one ignores the rule
        config = workspace / "vereistenlint.toml"
        config.write_text('ignore = ["duplicate-id"]\n')
        editor.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(
                        uri=from_fs_path(str(config)) or "", type=types.FileChangeType.Created
                    )
                ]
            )
        )
        await editor.until(one, lambda d: d == [])

    assert run_session(workspace, scenario) == 0


def test_bad_input_answers_without_crashing(workspace: Path, tmp_path_factory: Any) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "abc-09-elders.md"
    broken = workspace / "vereisten" / "abc-03-kapot.md"

    async def scenario(editor: Editor) -> None:
        # front matter that does not parse: a diagnostic where the YAML breaks
        uri = editor.open(broken, '---\ntitle: "niet gesloten\nid: x\n---\n\n## Vereiste\n')
        diagnostics = await editor.until(uri, lambda d: d != [])
        assert [
            (str(d.code), d.range.start.line, d.range.start.character) for d in diagnostics
        ] == [
            ("VL003", 1, 7)  # where the quote that is never closed opens, as `check` says
        ]
        # a file outside the workspace and a page that is not content: nothing to say
        away = editor.open(outside, DEFECTS)
        assert await editor.until(away, lambda d: True) == []
        notes = editor.open(workspace / "README.md", "# notes, not content\n")
        assert await editor.until(notes, lambda d: True) == []
        for target in (away, notes):
            hover = await editor.client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=target),
                    position=types.Position(line=1, character=3),
                )
            )
            assert hover is None
            actions = await editor.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=target),
                    range=types.Range(
                        start=types.Position(line=0, character=0),
                        end=types.Position(line=2, character=0),
                    ),
                    context=types.CodeActionContext(diagnostics=[]),
                )
            )
            assert not actions
        # a request about a document the editor never opened answers empty too
        completions = await editor.client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri="untitled:Untitled-1"),
                position=types.Position(line=0, character=0),
            )
        )
        assert completions is None
        # binary junk in the buffer is a finding, not a crash; the server still answers
        editor.change(uri, "---\ntitle: a\x00b\n---\n")
        diagnostics = await editor.until(uri, lambda d: "VL001" in _codes(d))
        assert (diagnostics[0].range.start.line, diagnostics[0].range.start.character) == (1, 8)

    assert run_session(workspace, scenario) == 0


def test_utf8_positions_when_the_editor_asks_for_them(workspace: Path) -> None:
    path = workspace / "vereisten" / "abc-01-logboek-bijhouden.md"

    async def scenario(editor: Editor) -> None:
        uri = editor.open(path, page("abc-01-logboek-bijhouden", DEFECTS))
        diagnostics = await editor.until(uri, lambda d: len(d) >= 3)
        title = next(d for d in diagnostics if d.code == "VL014")
        # 44 code points; each é is one byte more, the rocket three
        assert (title.range.start.character, title.range.end.character) == (49, 50)

    utf8 = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf8]
        )
    )
    assert run_session(workspace, scenario, utf8, types.PositionEncodingKind.Utf8) == 0
