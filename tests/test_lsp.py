"""The language server, driven over stdio by a real Language Server Protocol client (pygls's),
as an editor drives `contractdsl lsp`: problems as a file is typed, quick fixes, hover prose,
go to definition, references, rename across an agreement set, completion, formatting and the
outline."""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the `lsp` extra")

from lsprotocol import types as t  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

import contractdsl  # noqa: E402
from contractdsl.format import format_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TWITTER = ROOT / "agreements" / "twitter"
FILES = ("developer-agreement-2022.agreement", "developer-agreement-2023.agreement",
         "microsoft-apps.agreement")
PROJECT = """\
[[agreement]]
name = "twitter"
versions = ["developer-agreement-*.agreement"]
schedules = ["microsoft-apps.agreement"]
"""


class Editor:
    """An LSP client that keeps the problems the server last sent for each file."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.client = LanguageClient("contractdsl-test", "1")
        self.problems: dict[str, list[t.Diagnostic]] = {}
        self.arrived = asyncio.Condition()
        self.versions: dict[str, int] = {}

        @self.client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        async def diagnostics(params: t.PublishDiagnosticsParams):
            async with self.arrived:
                self.problems[params.uri] = params.diagnostics
                self.arrived.notify_all()

    async def start(self):
        await self.client.start_io(sys.executable, "-m", "contractdsl", "lsp", cwd=self.folder)
        result = await self.client.initialize_async(t.InitializeParams(
            capabilities=t.ClientCapabilities(), root_uri=from_fs_path(str(self.folder))))
        self.client.initialized(t.InitializedParams())
        return result

    async def stop(self):
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    def uri(self, name: str) -> str:
        return from_fs_path(str(self.folder / name))

    async def problems_of(self, uri: str, action) -> list[t.Diagnostic]:
        """Do ``action`` and wait for the problems it makes the server send for ``uri``."""
        async with self.arrived:
            self.problems.pop(uri, None)
            action()
            await asyncio.wait_for(self.arrived.wait_for(lambda: uri in self.problems), 60)
            return list(self.problems[uri])

    async def open(self, name: str, text: str) -> list[t.Diagnostic]:
        uri = self.uri(name)
        self.versions[uri] = 1
        return await self.problems_of(uri, lambda: self.client.text_document_did_open(
            t.DidOpenTextDocumentParams(text_document=t.TextDocumentItem(
                uri=uri, language_id="contractdsl", version=1, text=text))))

    async def change(self, name: str, text: str) -> list[t.Diagnostic]:
        uri = self.uri(name)
        self.versions[uri] += 1
        return await self.problems_of(uri, lambda: self.client.text_document_did_change(
            t.DidChangeTextDocumentParams(
                text_document=t.VersionedTextDocumentIdentifier(uri=uri,
                                                                version=self.versions[uri]),
                content_changes=[t.TextDocumentContentChangeWholeDocument(text=text)])))


def apply(text: str, edits: list[t.TextEdit]) -> str:
    """The text with the edits made (positions in an ASCII text: characters)."""
    lines = text.split("\n")

    def offset(p: t.Position) -> int:
        return sum(len(line) + 1 for line in lines[: p.line]) + p.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def position(text: str, needle: str, after: str = "", inside: int = 1) -> t.Position:
    """The position ``inside`` characters into the first ``needle`` that follows ``after``."""
    at = text.index(needle, text.index(after) if after else 0) + inside
    line = text.count("\n", 0, at)
    return t.Position(line=line, character=at - (text.rfind("\n", 0, at) + 1))


@pytest.fixture
def folder(tmp_path):
    for name in FILES:
        shutil.copy(TWITTER / name, tmp_path / name)
    (tmp_path / "contractdsl.toml").write_text(PROJECT, encoding="utf-8")
    return tmp_path


def run(folder: Path, scenario) -> None:
    async def main():
        editor = Editor(folder)
        await editor.start()
        try:
            await scenario(editor)
        finally:
            await editor.stop()

    asyncio.run(main())


def test_an_editor_fixes_a_typo_reads_prose_follows_a_clause_renames_and_formats(folder):
    agreement = (folder / FILES[0]).read_text(encoding="utf-8")
    typo = agreement.replace("must not share content with third_party",
                             "must not share content with third_prty")
    assert typo != agreement

    async def scenario(editor: Editor):
        uri = editor.uri(FILES[0])
        # the typo: a located problem with its rule code and a did-you-mean
        problems = await editor.open(FILES[0], typo)
        assert len(problems) == 1, problems
        problem = problems[0]
        assert problem.code == "unknown-name"
        assert "unknown recipient `third_prty`" in problem.message
        assert "did you mean `third_party`?" in problem.message
        start = position(typo, "third_prty", inside=0)
        assert problem.range == t.Range(start=start, end=t.Position(
            line=start.line, character=start.character + len("third_prty")))

        # the quick fix it offers, applied, makes the problem go
        actions = await editor.client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=uri), range=problem.range,
            context=t.CodeActionContext(diagnostics=[problem])))
        assert [a.title for a in actions] == ["change to `third_party`"]
        fixed = apply(typo, actions[0].edit.changes[uri])
        assert fixed == agreement
        assert await editor.change(FILES[0], fixed) == []

        # hover a term: its prose, as `render` says it
        hover = await editor.client.text_document_hover_async(t.HoverParams(
            text_document=t.TextDocumentIdentifier(uri=uri),
            position=position(fixed, "government", after='clause XII.C.1')))
        assert "**recipient** `government`" in hover.contents.value
        assert "a government-related entity" in hover.contents.value

        # the clause an `except as permitted by` names: its definition and its prose
        at = position(fixed, "XII.C.1-users", after="except as permitted by DP-3.5")
        found = await editor.client.text_document_definition_async(t.DefinitionParams(
            text_document=t.TextDocumentIdentifier(uri=uri), position=at))
        assert [(f.uri, f.range.start) for f in found] == [
            (uri, position(fixed, "XII.C.1-users", after='clause XII.C.1-users "', inside=0))]
        hover = await editor.client.text_document_hover_async(t.HoverParams(
            text_document=t.TextDocumentIdentifier(uri=uri), position=at))
        said = contractdsl.render(contractdsl.load(*(folder / f for f in FILES), cache=False),
                                  format="text")
        clause_prose = hover.contents.value.split("\n\n", 1)[1]
        assert hover.contents.value.startswith(
            '**clause XII.C.1-users** "Government end users served under the use case"')
        assert " ".join(clause_prose.split()) in " ".join(said.split())

        # rename a purpose: in every file of the set, the agreement's and its schedule's
        at = position(fixed, "search_results_display")
        prepared = await editor.client.text_document_prepare_rename_async(
            t.PrepareRenameParams(text_document=t.TextDocumentIdentifier(uri=uri), position=at))
        assert prepared.placeholder == "search_results_display"
        assert prepared.range.start == position(fixed, "search_results_display", inside=0)
        edit = await editor.client.text_document_rename_async(t.RenameParams(
            text_document=t.TextDocumentIdentifier(uri=uri), new_name="search_display",
            position=position(fixed, "search_results_display")))
        assert set(edit.changes) == {editor.uri(name) for name in FILES}
        renamed = {}
        for name in FILES:
            old = fixed if name == FILES[0] else (folder / name).read_text(encoding="utf-8")
            renamed[name] = apply(old, edit.changes[editor.uri(name)])
            assert "search_results_display" not in renamed[name]
            assert renamed[name].count("search_display") == old.count("search_results_display")
            (folder / name).write_text(renamed[name], encoding="utf-8")
        assert "app bing_pages \"Bing Pages\" approved for search_display" in \
            renamed[FILES[2]]
        assert contractdsl.check(contractdsl.load(*(folder / f for f in FILES),
                                                  cache=False)) == []
        # the renamed text in the editor: still no problem in any file of the set
        assert await editor.change(FILES[0], renamed[FILES[0]]) == []
        assert list(editor.problems[editor.uri(FILES[2])]) == []

        # format: a statement written out of the canonical layout is put back
        untidy = renamed[FILES[0]].replace("clause XII.C.1-users \"Government end users served "
                                           "under the use case\":\n  licensee may share content "
                                           "with government",
                                           "clause   XII.C.1-users \"Government end users served "
                                           "under the use case\":  licensee may share   content "
                                           "with government")
        assert untidy != renamed[FILES[0]]
        await editor.change(FILES[0], untidy)
        edits = await editor.client.text_document_formatting_async(
            t.DocumentFormattingParams(text_document=t.TextDocumentIdentifier(uri=uri),
                                       options=t.FormattingOptions(tab_size=2,
                                                                   insert_spaces=True)))
        assert edits and apply(untidy, edits) == format_text(untidy) == renamed[FILES[0]]

    run(folder, scenario)


def test_a_syntax_error_is_located_and_a_misspelt_keyword_can_be_fixed(folder):
    text = ('agreement "A".\naction share "share".\ndata content "c".\nrecipient others "o".\n'
            'clause X: licensee may share content wiht others.\n')

    async def scenario(editor: Editor):
        problems = await editor.open("alone.agreement", text)
        assert [p.code for p in problems] == ["syntax"]
        assert problems[0].range == t.Range(start=t.Position(line=4, character=37),
                                            end=t.Position(line=4, character=41))
        assert "did you mean `with`?" in problems[0].message
        uri = editor.uri("alone.agreement")
        actions = await editor.client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=uri), range=problems[0].range,
            context=t.CodeActionContext(diagnostics=problems)))
        fixed = apply(text, actions[0].edit.changes[uri])
        assert "licensee may share content with others." in fixed
        assert await editor.change("alone.agreement", fixed) == []

    run(folder, scenario)


async def completions(editor: Editor, name: str, text: str) -> dict[str, t.CompletionItem]:
    """The items the server offers at the end of ``text``, once the editor holds it."""
    await editor.change(name, text)
    lines = text.split("\n")
    found = await editor.client.text_document_completion_async(t.CompletionParams(
        text_document=t.TextDocumentIdentifier(uri=editor.uri(name)),
        position=t.Position(line=len(lines) - 1, character=len(lines[-1]))))
    return {item.label: item for item in found.items}


async def names_offered(editor: Editor, text: str, positions: dict[str, set[str]]) -> None:
    """Each line of ``positions`` typed after ``text`` (in `terms.agreement`, opened here): the
    names offered there, keywords aside, are those it gives."""
    await editor.open("terms.agreement", text)
    for line, names in positions.items():
        found = await completions(editor, "terms.agreement", text + line)
        assert {label for label, item in found.items()
                if item.kind != t.CompletionItemKind.Keyword} == names, line


def errors(problems: list[t.Diagnostic]) -> list[str]:
    """The errors among the problems (the linter's warnings may follow a clean check)."""
    return [p.message for p in problems if p.severity == t.DiagnosticSeverity.Error]


def test_completion_offers_the_names_the_grammar_allows_and_keywords(folder):
    base = (folder / FILES[0]).read_text(encoding="utf-8")

    async def complete(editor: Editor, line: str) -> dict[str, t.CompletionItem]:
        return await completions(editor, FILES[0], base + line)

    async def scenario(editor: Editor):
        await editor.open(FILES[0], base)
        recipients = await complete(editor, "clause Z: licensee may share content with gov")
        assert {"government", "third_party", "end_users"} <= set(recipients)
        assert "research" not in recipients and "share" not in recipients
        assert recipients["government"].detail == "recipient: a government-related entity"
        purposes = await complete(editor, "clause Z: licensee may share content for ")
        assert {"research", "display", "search_results_display", "a", "an"} <= set(purposes)
        assert "government" not in purposes
        assert purposes["an"].kind == t.CompletionItemKind.Keyword
        clauses = await complete(editor, "clause Z: licensee must not share content "
                                         "except as permitted by ")
        assert {"XII.C.1-users", "DP-3.5", "DP-3.8"} <= set(clauses)
        conditions = await complete(editor, "clause Z: licensee may share content when ")
        assert {"user_consent", "written_approval", "not", "purpose", "tier"} <= set(conditions)
        assert "government" not in conditions
        apps = await complete(editor, "clause Z: licensee may share content when app is ")
        assert {"bing_pages", "xbox_one_social", "labelled"} <= set(apps)  # from the schedule
        statements = await complete(editor, "cla")
        assert {"clause", "purpose", "unit", "tier"} <= set(statements)
        assert not any(item.kind != t.CompletionItemKind.Keyword for item in statements.values())

    run(folder, scenario)


def test_references_symbols_and_range_formatting(folder):
    text = (folder / FILES[0]).read_text(encoding="utf-8")

    async def scenario(editor: Editor):
        uri = editor.uri(FILES[0])
        await editor.open(FILES[0], text)
        # a purpose and an action share the name `display` without meeting
        found = await editor.client.text_document_references_async(t.ReferenceParams(
            text_document=t.TextDocumentIdentifier(uri=uri),
            position=position(text, "display", after="purpose display", inside=2),
            context=t.ReferenceContext(include_declaration=True)))
        purpose_uses = {(f.uri, f.range.start.line) for f in found}
        second = from_fs_path(str(folder / FILES[1]))
        assert (uri, position(text, "purpose display").line) in purpose_uses
        assert (second, position((folder / FILES[1]).read_text(), "purpose display").line) \
            in purpose_uses
        assert (uri, position(text, "action display").line) not in purpose_uses
        assert (uri, position(text, "under display").line) in purpose_uses
        # a unit's alias stands for the unit
        units = await editor.client.text_document_definition_async(t.DefinitionParams(
            text_document=t.TextDocumentIdentifier(uri=uri),
            position=position(text, "requests", after="must not read more than 450")))
        assert [u.range.start.line for u in units] == [position(text, "unit requests").line]
        # renaming an alias renames it where the unit declares it and where it is used
        with_alias = text.replace("450 requests per 15", "450 calls per 15")
        await editor.change(FILES[0], with_alias)
        edit = await editor.client.text_document_rename_async(t.RenameParams(
            text_document=t.TextDocumentIdentifier(uri=uri), new_name="queries",
            position=position(with_alias, "calls per 15")))
        aliased = apply(with_alias, edit.changes[uri])
        assert 'alias queries.' in aliased and "450 queries per 15" in aliased
        assert "450 requests per" not in aliased and "unit requests " in aliased
        refused = editor.client.text_document_rename_async(t.RenameParams(
            text_document=t.TextDocumentIdentifier(uri=uri), new_name="data",
            position=position(with_alias, "calls per 15")))
        with pytest.raises(Exception, match="cannot be a unit name"):
            await refused
        await editor.change(FILES[0], text)
        # a clause id: where it is defined and where a clause names it
        edit = await editor.client.text_document_rename_async(t.RenameParams(
            text_document=t.TextDocumentIdentifier(uri=uri), new_name="I.B.9",
            position=position(text, "I.B.2", after='clause I.B.2 "')))
        assert list(edit.changes) == [uri]
        moved = apply(text, edit.changes[uri])
        assert 'clause I.B.9 "Display' in moved
        # the ids that merely begin with it are other clauses, and keep their names
        assert "I.B.1, I.B.9, I.B.3, XII.C.1-users, DP-1.1" in moved
        assert "clause I.B.2-copies " in moved and "clause I.B.2-amount " in moved
        statements = "\n".join(line for line in moved.splitlines()
                               if not line.lstrip().startswith("#"))  # comments are prose
        assert re.search(r"I\.B\.2(?!-)", statements) is None

        symbols = await editor.client.text_document_document_symbol_async(
            t.DocumentSymbolParams(text_document=t.TextDocumentIdentifier(uri=uri)))
        names = [s.name for s in symbols]
        assert "clause XII.C.1" in names and "third_party" in names and "essential" in names
        clause = symbols[names.index("clause XII.C.1")]
        assert clause.detail == "Government end users"
        assert clause.kind == t.SymbolKind.Class

        # only the statements in the range are laid out again
        untidy = text.replace("action read ", "action  read ").replace(
            "data posts ", "data   posts ")
        await editor.change(FILES[0], untidy)
        line = position(untidy, "action  read").line
        edits = await editor.client.text_document_range_formatting_async(
            t.DocumentRangeFormattingParams(
                text_document=t.TextDocumentIdentifier(uri=uri),
                range=t.Range(start=t.Position(line=line, character=0),
                              end=t.Position(line=line, character=5)),
                options=t.FormattingOptions(tab_size=2, insert_spaces=True)))
        partly = apply(untidy, edits)
        assert "action read " in partly and "data   posts " in partly

    run(folder, scenario)


def test_the_references_the_model_keeps_for_each_statement():
    doc = contractdsl.parse((TWITTER / FILES[0]).read_text(encoding="utf-8"),
                            "a.agreement").documents[0]
    research = next(term for term in doc.terms if term.name == "research")
    assert [(r.kind, r.name) for r in research.refs] == [("purpose", "analysis")]
    duty = next(term for term in doc.terms if term.name == "notify_licensor")
    assert [(r.kind, r.name) for r in duty.refs] == [("fact", "licensor_notified")]
    tier = doc.tiers[0]
    assert [(r.kind, r.name) for r in tier.refs] == [("unit", "USD"), ("action", "read"),
                                                      ("unit", "posts"), ("scope", "project")]
    ref = tier.refs[1]
    assert (ref.span.line, ref.span.column, ref.span.end_column) == (
        position_line(doc.source, "  read no more"), 3, 7)
    posts = next(unit for unit in doc.units if unit.name == "posts")
    assert [(r.kind, r.name) for r in posts.refs] == [("unit", "tweets")]
    schedule = contractdsl.parse((TWITTER / FILES[2]).read_text(encoding="utf-8")).documents[0]
    app = next(a for a in schedule.apps if a.name == "bing_pages")
    assert [(r.kind, r.name) for r in app.refs] == [("purpose", "search_results_display"),
                                                     ("label", "production")]


def position_line(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


def test_without_the_lsp_extra_the_command_says_how_to_install_it(monkeypatch, capsys):
    from contractdsl.cli import main

    monkeypatch.setitem(sys.modules, "pygls", None)  # as if it were not installed
    for name in [n for n in sys.modules if n.startswith(("pygls.", "contractdsl.serve"))]:
        monkeypatch.delitem(sys.modules, name)
    assert main(["lsp"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: the language server needs `pygls`")
    assert "help: install it with `pip install 'contractdsl[lsp]'`" in error


def test_the_linters_findings_follow_the_checkers_problems(tmp_path):
    text = ('agreement "Terms" version "1". effective 2024-01-01.\n'
            'action use "use". data content "content".\n'
            'purpose research "research".\npurpose resale "reselling content".\n'
            'clause 1: licensee may use content for research.\n')
    (tmp_path / "terms.agreement").write_text(text, encoding="utf-8")

    async def scenario(editor):
        uri = editor.uri("terms.agreement")
        async with editor.arrived:
            editor.client.text_document_did_open(t.DidOpenTextDocumentParams(
                text_document=t.TextDocumentItem(uri=uri, language_id="contractdsl", version=1,
                                                 text=text)))
            await asyncio.wait_for(editor.arrived.wait_for(
                lambda: any(d.code == "CD107" for d in editor.problems.get(uri, []))), 60)
        (finding,) = editor.problems[uri]
        assert finding.severity == t.DiagnosticSeverity.Warning
        assert finding.message.startswith("purpose `resale` is defined but never used")
        assert (finding.range.start.line, finding.range.start.character) == (3, 8)

    run(tmp_path, scenario)


def test_an_act_and_a_declared_scope_are_found_where_defined_and_used():
    from contractdsl.serve.analysis import SetAnalysis

    text = ('agreement "A" version "1". effective 2024-01-01.\n'
            'action use "use". act register "register". data content "c".\n'
            'fact done "done". standard quick "quick". unit apps "apps".\n'
            'scope channel "channel".\n'
            'duty answer "answer" shown by register.\n'
            'clause 1: licensee must not register more than 1 apps per day per app and channel.\n'
            'clause 2: licensee must answer within quick after done.\n')
    analysis = SetAnalysis({"a.agreement": text})
    assert analysis.diagnostics["a.agreement"] == []
    found = {(o.kind, o.name, o.span.line, o.defines is not None)
             for o in analysis.occurrences("a.agreement")}
    assert {("act", "register", 2, True), ("act", "register", 5, False),
            ("act", "register", 6, False), ("scope", "channel", 4, True),
            ("scope", "channel", 6, False), ("standard", "quick", 7, False),
            ("fact", "done", 7, False)} <= found
    assert analysis.defined("a.agreement", "act", "register")
    assert analysis.defined("a.agreement", "scope", "channel")
    assert "register" in analysis.names("a.agreement", "action")


def test_hovering_a_scope_holding_apps_says_that_it_holds_them():
    from contractdsl.serve.analysis import SetAnalysis
    from contractdsl.serve.server import definitions, prose

    text = ('agreement "A" version "1". effective 2024-01-01.\n'
            'action read "read". data content "c". unit posts "posts".\n'
            'scope project "Project of the account" holding apps.\n'
            'clause 1: licensee must not read more than 5 posts per day per project.\n')
    analysis = SetAnalysis({"a.agreement": text})
    assert analysis.diagnostics["a.agreement"] == []
    found = analysis.at("a.agreement", 4, text.splitlines()[3].index("project") + 1)
    (scope,) = definitions(analysis, "a.agreement", found)
    assert prose(analysis, "a.agreement", scope) == (
        "**scope** `project`: Project of the account (it holds apps: each app belongs to one)")



def test_hovering_a_name_the_versions_define_in_other_words_says_which_says_what():
    """A schedule read with two versions that describe its purpose differently: the hover
    heads each description with the version and line that give it; one description shared
    by both versions is said once, with no heading."""
    from contractdsl.serve.analysis import SetAnalysis
    from contractdsl.serve.server import definitions, described

    def version(year: str, words: str) -> str:
        return (f'agreement "Terms" version "{year}". effective {year}-01-01.\n'
                'action use "use". data content "content".\n'
                f'purpose display "{words}".\n'
                'clause 1: licensee may use content for display.\n')
    schedule = 'schedule "Apps" for "Terms".\napp one "App one" approved for display.\n'

    def hover(old: str, new: str) -> str:
        analysis = SetAnalysis({"v1.agreement": version("2022", old),
                                "v2.agreement": version("2023", new),
                                "s.agreement": schedule})
        assert not any(analysis.diagnostics.values()), analysis.diagnostics
        found = analysis.at("s.agreement", 2, schedule.splitlines()[1].index("display") + 1)
        return described(analysis, "s.agreement", definitions(analysis, "s.agreement", found))

    assert hover("showing in a service", "showing in a service or an app") == (
        "*version 2022 (v1.agreement, line 3)*\n\n"
        "**purpose** `display`: showing in a service\n\n---\n\n"
        "*version 2023 (v2.agreement, line 3)*\n\n"
        "**purpose** `display`: showing in a service or an app")
    assert hover("showing in a service", "showing in a service") == (
        "**purpose** `display`: showing in a service")

SMALL = ('agreement "Terms" version "1". effective 2024-01-01.\n'
         'action share "share". data content "content".\n'
         'recipient third_party "any third party".\n'
         'recipient government "a government entity" under third_party.\n'
         'purpose research "research".\n'
         'unit USD "US dollars" measures money.\n'
         'tier pro "Pro" costs 5,000 USD per calendar month.\n'
         'clause A: licensee may share content with third_party for research.\n'
         'clause B: licensee must not share content with government except as permitted by A.\n')


def test_a_quick_fix_for_a_misspelt_parent_or_tier_puts_the_name_alone_in_place(tmp_path):
    text = SMALL + ('purpose academic "academic research" under resarch.\n'
                    'clause C: licensee may share content for academic when tier is pri.\n')

    async def scenario(editor: Editor):
        uri = editor.uri("terms.agreement")
        problems = await editor.open("terms.agreement", text)
        # each problem underlines the misspelt name, not the statement or the condition
        assert [(p.message.split("\n")[0], p.range) for p in problems] == [
            ("purpose `academic` is under `resarch`, which is not a purpose",
             t.Range(start=position(text, "resarch", inside=0),
                     end=position(text, "resarch", inside=len("resarch")))),
            ("unknown tier `pri`", t.Range(start=position(text, "pri.", inside=0),
                                           end=position(text, "pri.", inside=3)))]
        fixed = text
        for problem in problems:
            actions = await editor.client.text_document_code_action_async(t.CodeActionParams(
                text_document=t.TextDocumentIdentifier(uri=uri), range=problem.range,
                context=t.CodeActionContext(diagnostics=[problem])))
            fixed = apply(fixed, actions[0].edit.changes[uri])
        assert fixed == text.replace("under resarch", "under research").replace(
            "tier is pri", "tier is pro")
        assert [p for p in await editor.change("terms.agreement", fixed)
                if p.severity == t.DiagnosticSeverity.Error] == []

    run(tmp_path, scenario)


def test_a_misspelt_clause_id_on_a_line_after_clause_is_underlined_and_fixed_there(tmp_path):
    text = ('agreement "Terms" version "1". effective 2024-01-01.\n'
            'action share "share". data content "content".\n'
            'recipient third_party "any third party".\n'
            'clause I.B-1 "Licence":\n'
            '  licensee may share content with third_party.\n'
            'clause I.B-2 "Redistribution":\n'
            '  licensee must not share content with third_party\n'
            '    except as permitted by I.B-l.\n')

    async def scenario(editor: Editor):
        uri = editor.uri("terms.agreement")
        problems = await editor.open("terms.agreement", text)
        # the id is underlined where it is written, not `clause I.B-2`, and the help proposes
        # a permission, not the prohibition that names it
        assert [(p.message, p.range) for p in problems] == [
            ("clause `I.B-2` says `except as permitted by I.B-l`, but there is no clause "
             "`I.B-l`\nhelp: did you mean `I.B-1`?",
             t.Range(start=position(text, "I.B-l", inside=0),
                     end=position(text, "I.B-l", inside=len("I.B-l"))))]
        actions = await editor.client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=uri), range=problems[0].range,
            context=t.CodeActionContext(diagnostics=problems)))
        fixed = apply(text, actions[0].edit.changes[uri])
        assert fixed == text.replace("by I.B-l.", "by I.B-1.")
        assert errors(await editor.change("terms.agreement", fixed)) == []

    run(tmp_path, scenario)


def test_hover_escapes_the_agreements_words_so_none_becomes_markdown_html_or_a_link(tmp_path):
    text = ('agreement "Terms" version "1". effective 2024-01-01.\n'
            'action share "share <img src=x onerror=alert(1)> *all*". data content "content".\n'
            'recipient broker "a broker | [see](https://example.com) `x`".\n'
            'clause A "Brokers <script>alert(1)</script> _only_":\n'
            '  licensee must not share content with broker.\n')

    async def scenario(editor: Editor):
        uri = editor.uri("terms.agreement")
        await editor.open("terms.agreement", text)

        async def hover(needle: str, after: str) -> str:
            found = await editor.client.text_document_hover_async(t.HoverParams(
                text_document=t.TextDocumentIdentifier(uri=uri),
                position=position(text, needle, after=after)))
            return found.contents.value

        assert await hover("broker", "content with") == (
            "**recipient** `broker`: a broker \\| \\[see\\](https://example.com) \\`x\\`")
        assert await hover("A", "clause") == (
            '**clause A** "Brokers \\<script\\>alert(1)\\</script\\> \\_only\\_"\n\n'
            "The licensee must not share \\<img src=x onerror=alert(1)\\> \\*all\\* (content) "
            "with a broker \\| \\[see\\](https://example.com) \\`x\\`.")

    run(tmp_path, scenario)


def test_a_rename_to_a_name_the_set_defines_already_is_refused(tmp_path):
    async def scenario(editor: Editor):
        uri = editor.uri("terms.agreement")
        await editor.open("terms.agreement", SMALL)

        def rename(needle: str, after: str, new_name: str):
            return editor.client.text_document_rename_async(t.RenameParams(
                text_document=t.TextDocumentIdentifier(uri=uri), new_name=new_name,
                position=position(SMALL, needle, after=after)))

        with pytest.raises(Exception, match=re.escape(
                "`third_party` cannot be renamed `government`: the set would no longer check "
                "(terms.agreement:4:1: recipient `government` is defined twice (first at line "
                "3))")):
            await rename("third_party", "clause A", "government")
        with pytest.raises(Exception, match=re.escape(
                "`A` cannot be renamed `B`: the set would no longer check (terms.agreement:9:1: "
                "clause `B` is defined twice (first at line 8))")):
            await rename("A", "permitted by", "B")
        # a name free for its kind is taken, though a term of another kind has it
        edit = await rename("third_party", "clause A", "research")
        renamed = apply(SMALL, edit.changes[uri])
        assert renamed.count("research") == SMALL.count("research") + 3
        assert errors(await editor.change("terms.agreement", renamed)) == []

    run(tmp_path, scenario)


def test_formatting_gives_the_text_of_fmt_whatever_the_file_ends_with(tmp_path):
    untidy = ('agreement "Terms" version "1".   effective 2024-01-01.\n'
              '# the terms\naction   share "share". # what is done\ndata content "c".\n'
              'clause A:   licensee may share content.')
    files = {"bare.agreement": untidy, "crlf.agreement": untidy.replace("\n", "\r\n") + "\r\n",
             "tabs.agreement": untidy.replace("   ", "\t") + "\n"}

    async def scenario(editor: Editor):
        for name, text in files.items():
            await editor.open(name, text)
            edits = await editor.client.text_document_formatting_async(
                t.DocumentFormattingParams(text_document=t.TextDocumentIdentifier(
                    uri=editor.uri(name)), options=t.FormattingOptions(tab_size=2,
                                                                        insert_spaces=True)))
            assert apply(text, edits) == format_text(text), name
            end = "\r\n" if name == "crlf.agreement" else "\n"  # the file's line ends, kept
            assert f"# the terms{end}" in format_text(text)
            assert f"# what is done{end}" in format_text(text) and "\r\r" not in format_text(text)
        # a file the editor has not opened is read from disk; one that is not there: no edit,
        # and no error
        (tmp_path / "closed.agreement").write_text(untidy, encoding="utf-8")
        for name, laid_out in (("closed.agreement", format_text(untidy)), ("gone.agreement", "")):
            edits = await editor.client.text_document_formatting_async(
                t.DocumentFormattingParams(text_document=t.TextDocumentIdentifier(
                    uri=editor.uri(name)), options=t.FormattingOptions(tab_size=2,
                                                                        insert_spaces=True)))
            assert apply(untidy if laid_out else "", edits or []) == laid_out

    run(tmp_path, scenario)


def test_completion_replaces_the_whole_clause_id_typed_so_far(tmp_path):
    text = SMALL.replace("clause A:", "clause XII.C.1:").replace("permitted by A", "permitted by XII.C.1")
    line = "clause Z: licensee must not share content except as permitted by XII.C"

    async def scenario(editor: Editor):
        await editor.open("terms.agreement", text)
        typed = text + line
        end = t.Position(line=typed.count("\n"), character=len(line))
        item = (await completions(editor, "terms.agreement", typed))["XII.C.1"]
        # the edit starts where the id starts: an editor's word would start after the last `.`
        assert item.text_edit.range == t.Range(start=t.Position(
            line=end.line, character=len(line) - len("XII.C")), end=end)
        assert apply(typed, [item.text_edit]).endswith("except as permitted by XII.C.1")

    run(tmp_path, scenario)


def test_after_an_undo_completion_offers_the_names_the_text_defines_not_those_undone(tmp_path):
    added = SMALL + 'recipient partner "a partner".\n'
    line = "clause Z: licensee may share content with "

    async def scenario(editor: Editor):
        await editor.open("terms.agreement", SMALL)
        await editor.change("terms.agreement", added)
        await editor.change("terms.agreement", SMALL)  # the recipient added, then undone
        found = await completions(editor, "terms.agreement", SMALL + line)
        assert sorted(found) == ["government", "third_party"]

    run(tmp_path, scenario)


def test_completion_names_only_clauses_of_the_kind_notwithstanding_or_except_may_name(folder):
    def ids(name: str, *kinds: str) -> set[str]:
        doc = contractdsl.parse((folder / name).read_text(encoding="utf-8"), name)
        return {c.id for d in doc.documents for c in d.clauses if c.kind in kinds}

    async def scenario(editor: Editor):
        offered = {}
        for name in FILES[:2]:  # each version offers its own clauses
            base = (folder / name).read_text(encoding="utf-8")
            await editor.open(name, base)
            over = await completions(editor, name, base + "clause Z: licensee may share "
                                     "content notwithstanding ")
            assert set(over) == ids(name, "prohibition", "limit")
            lifted = await completions(editor, name, base + "clause Z: licensee must not "
                                       "share content except as permitted by DP-3.5, ")
            assert set(lifted) == ids(name, "permission")
            offered[name] = over, lifted
        # a permission prevails over prohibitions and limits, not over permissions (`I.B.1`)
        # or obligations (`XII.C.1`); a prohibition yields to permissions alone
        over, lifted = offered[FILES[0]]
        assert "II.A(b2)" in over and "I.B.1" not in over and "XII.C.1" not in over
        assert "XII.C.1-users" in lifted and "II.A(b2)" not in lifted
        # a limit yields to permissions too; the item replaces the id typed so far
        base = (folder / FILES[0]).read_text(encoding="utf-8")
        typed = base + ("clause Z: licensee must not read more than 5 posts per day "
                        "except as permitted by XII.C")
        lifted = await completions(editor, FILES[0], typed)
        assert set(lifted) == ids(FILES[0], "permission")
        done = apply(typed, [lifted["XII.C.1-users"].text_edit]) + ".\n"
        assert done.endswith("except as permitted by XII.C.1-users.\n")
        assert errors(await editor.change(FILES[0], done)) == []

    run(folder, scenario)


UNITS = ('agreement "Terms" version "1". effective 2024-01-01.\n'
         'action read "read". data content "content".\n'
         'unit posts "posts" alias tweets. unit requests "API requests" alias request.\n'
         'unit USD "US dollars" measures money. unit EUR "euros" measures money.\n')


def test_completion_offers_money_units_for_amounts_of_money_and_counted_units_for_counts(
        tmp_path):
    counted = {"posts", "tweets", "requests", "request"}
    money = {"USD", "EUR"}
    positions = {  # a line typed after UNITS, and the units the checker accepts after it
        "clause L: licensee must not read more than 5 ": counted,
        "clause L: licensee must not read more than 5 posts per ": counted,
        "clause L: licensee must not read more than 5 concurrent ": counted,
        "clause F: licensee must pay 3 ": money,
        "clause F: licensee must pay 3 USD per ": counted,
        "clause F: licensee must pay 3 USD per 10 ": counted,
        # a threshold counts what the fee is charged per
        "clause F: licensee must pay 3 USD per 10 tweets beyond 5 ": {"posts", "tweets"},
        "clause F: licensee must pay 3 USD per request if more than 5 ": {"requests", "request"},
        "clause C: licensee's liability is at most 5 ": money,
        "clause C: licensee's liability is at most the greater of 5 ": money,
        # the amounts a cap compares are in one currency
        "clause C: licensee's liability is at most the lesser of 5 EUR and 10 ": {"EUR"},
        'tier pro "Pro" costs 5 ': money,
        'tier pro "Pro" earned by paying at least 5 ': money,
        # an allowance caps things counted or money spent
        'tier pro "Pro": read no more than 5 ': counted | money,
    }

    async def scenario(editor: Editor):
        await editor.open("terms.agreement", UNITS)
        for line, units in positions.items():
            found = await completions(editor, "terms.agreement", UNITS + line)
            assert {label for label, item in found.items()
                    if item.kind == t.CompletionItemKind.Unit} == units, line
        # what is offered checks clean: a limit of posts, a fee in euros per 10 requests
        found = await completions(editor, "terms.agreement",
                                  UNITS + "clause L: licensee must not read more than 5 ")
        assert found["posts"].detail == "unit: posts" and "USD" not in found
        typed = UNITS + "clause F: licensee must pay 3 E"
        found = await completions(editor, "terms.agreement", typed)
        assert set(found) == money
        done = apply(typed, [found["EUR"].text_edit]) + " per 10 requests.\n"
        assert done.endswith("licensee must pay 3 EUR per 10 requests.\n")
        assert errors(await editor.change("terms.agreement", done)) == []

    run(tmp_path, scenario)


def test_completion_offers_the_attributes_of_the_party_named_and_no_act_for_an_action(
        tmp_path):
    text = ('agreement "Terms" version "1". effective 2024-01-01.\n'
            'action share "share". act register "register an app". data content "content".\n'
            'attribute government_entity "a government entity" of licensee.\n'
            'attribute minor "under 18" of user.\n'
            'measure user_tokens "user access tokens held" of licensee.\n'
            'measure age "age in years" of user.\n')
    positions = {
        "clause A: licensee may share content when user is ": {"minor"},
        "clause A: licensee may share content when licensee is not ": {"government_entity"},
        "clause A: licensee may share content when user's ": {"age"},
        "clause A: licensee may share content when licensee's ": {"user_tokens"},
        "licensee is ": {"government_entity"},  # what a file states of its licensee
        "licensee's ": {"user_tokens"},
        # `action is` names a use of content, not an act; a rule may name either
        "clause A: licensee may share content when action is ": {"share"},
        'action publish "publish" under ': {"share"},
        "clause A: licensee may ": {"share", "register"},
    }

    async def scenario(editor: Editor):
        await names_offered(editor, text, positions)
        done = text + "clause A: licensee may share content when user is minor.\n"
        assert errors(await editor.change("terms.agreement", done)) == []

    run(tmp_path, scenario)


def test_completion_offers_standards_where_a_fact_may_stand_and_acts_that_show_a_duty(
        tmp_path):
    """A condition naming a fact alone may name a standard (`when reasonable`), and a duty
    is shown by a fact or an act: the checker accepts each, so each is offered; a clause is
    offered with its kind and title."""
    text = ('agreement "Terms" version "1". effective 2024-01-01.\n'
            'action read "read". act click "click the notice". data content "content".\n'
            'fact approval "approval". standard reasonable "reasonable volume".\n'
            'clause 1 "Licence": licensee may read content.\n'
            'clause 2 "No bulk reading": licensee must not read content unless reasonable.\n')
    positions = {
        "clause 3: licensee may read content when ": {"approval", "reasonable"},
        "clause 3: licensee may read content unless approval and not ": {"approval",
                                                                          "reasonable"},
        'duty notify "notify the licensor" shown by ': {"approval", "click"},
        # the date of a fact alone counts a deadline
        "clause 3: licensee must notify within 5 days after ": {"approval"},
    }

    async def scenario(editor: Editor):
        await names_offered(editor, text, positions)
        found = await completions(editor, "terms.agreement",
                                  text + "clause 3: licensee may read content when ")
        assert (found["approval"].detail, found["reasonable"].detail) == (
            "fact: approval", "standard: reasonable volume")
        done = text + "clause 3: licensee may read content when reasonable.\n" \
            'duty notify "notify the licensor" shown by click.\n'
        assert errors(await editor.change("terms.agreement", done)) == []
        found = await completions(editor, "terms.agreement", text + "clause 3: licensee may "
                                  "read content notwithstanding ")
        assert found["2"].detail == "prohibition: No bulk reading"

    run(tmp_path, scenario)


def test_formatting_keeps_the_line_ends_of_a_file_saved_on_windows(tmp_path):
    """A canonical file with CRLF line ends needs no edit; an untidy one is laid out with
    CRLF, as `fmt` writes it."""
    canonical = 'agreement "T".\r\nlicensor "L".\r\n\r\npurpose research "r".\r\n'
    untidy = 'agreement "T".\r\nlicensor "L".   purpose research "r".\r\n'

    async def scenario(editor: Editor):
        for name, text in (("canonical.agreement", canonical), ("untidy.agreement", untidy)):
            await editor.open(name, text)
            edits = await editor.client.text_document_formatting_async(
                t.DocumentFormattingParams(text_document=t.TextDocumentIdentifier(
                    uri=editor.uri(name)), options=t.FormattingOptions(tab_size=2,
                                                                        insert_spaces=True)))
            assert apply(text, edits or []) == canonical, name
            assert not edits if text == canonical else edits, name

    run(tmp_path, scenario)


@pytest.mark.parametrize("text, found", [
    # a bad date hides no other problem, the checker's neither
    ('agreement "A" version "1". effective 2024-02-30.\n'
     'action use "use". data content "c". purpose analysis "analysis".\n'
     'clause 1: licensee may use content for analyis.\n'
     'clause 2: licensee must not use more than 5 uses per 0 days.\n',
     [(1, 38, "bad-date", "`2024-02-30` is not a date in the calendar"),
      (3, 40, "unknown-name", "unknown purpose `analyis`"),
      (4, 45, "unknown-name", "unknown unit `uses`"),
      (4, 54, "bad-number", "`0` is not a whole number of periods")]),
    # nor does a syntax error hide one in another clause
    ('agreement "A" version "1".\naction use "use".\ndata content "c".\n'
     'clause 1: licensee may use content wiht others.\n'
     'clause 2: licensee may use content.\n'
     'clause 3: licensee shall use content.\n',
     [(4, 36, "syntax", "unknown word `wiht`"),
      (6, 20, "syntax", "`shall` is not a clause form")]),
])
def test_the_editor_shows_every_problem_of_a_file_one_hides_none(text, found):
    from contractdsl.serve.analysis import SetAnalysis

    analysis = SetAnalysis({"a.agreement": text}, remember=False)
    assert [(d.line, d.column, d.code, d.message) for d in analysis.diagnostics["a.agreement"]] \
        == found
    assert analysis.lint() == {}  # (the linter reads only a set that checks clean)
