"""The language server given bad input over stdio: a header announcing a message too long to
hold, a body that is not JSON, a request about a document that is no file. Each is answered or
passed over, said in one line on standard error (never a traceback), and the server goes on
serving the messages that follow."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytest.importorskip("pygls", reason="the language server needs the `lsp` extra")

from pygls.uris import from_fs_path  # noqa: E402

from contractdsl.limits import MAX_LSP_MESSAGE  # noqa: E402

TEXT = """agreement "Example".
action share "make content available".
recipient third_party "any third party".
clause A: licensee may share with third_party.
"""


def frame(message) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def request(id_, method, params=None) -> bytes:
    return frame({"jsonrpc": "2.0", "id": id_, "method": method, "params": params})


def notification(method, params=None) -> bytes:
    return frame({"jsonrpc": "2.0", "method": method, "params": params})


START = request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": {}}) + \
    notification("initialized", {})
STOP = request(99, "shutdown") + notification("exit")


def serve(stdin: bytes, folder, *options: str) -> tuple[int, list[dict], str]:
    """The server's exit status, the messages it wrote and what it said on standard error."""
    done = subprocess.run([sys.executable, "-m", "contractdsl", "lsp", *options], input=stdin,
                          cwd=folder, capture_output=True, timeout=120)
    messages, out = [], done.stdout
    while out:
        head, _, out = out.partition(b"\r\n\r\n")
        length = next(int(value) for name, _, value in (
            line.partition(b":") for line in head.split(b"\r\n")) if name == b"Content-Length")
        messages.append(json.loads(out[:length]))
        out = out[length:]
    return done.returncode, messages, done.stderr.decode("utf-8", "replace")


def answer(messages: list[dict], id_) -> dict:
    (found,) = [m for m in messages if m.get("id") == id_ and "method" not in m]
    return found


def hover(id_, uri: str) -> bytes:
    return request(id_, "textDocument/hover", {"textDocument": {"uri": uri},
                                               "position": {"line": 3, "character": 36}})


def test_a_header_announcing_more_than_a_message_may_hold_is_refused_and_the_stream_ends(tmp_path):
    status, messages, said = serve(b"Content-Length: 99999999999\r\n\r\n{}", tmp_path)
    assert status == 0, said
    assert messages == []
    assert "99999999999 bytes" in said and "64 MiB" in said
    assert "internal error" not in said and "Traceback" not in said


def test_a_message_longer_than_the_limit_is_skipped_and_the_next_one_answered(tmp_path):
    too_long = MAX_LSP_MESSAGE + 1
    stdin = (b"Content-Length: %d\r\n\r\n" % too_long + b"x" * too_long) + START + STOP
    status, messages, said = serve(stdin, tmp_path)
    assert status == 0, said
    assert "capabilities" in answer(messages, 1)["result"]
    assert answer(messages, 99)["result"] is None
    assert f"{too_long} bytes" in said and "skipped" in said
    assert "Traceback" not in said


@pytest.mark.parametrize("quiet", ["--quiet", "-q"])
def test_quiet_keeps_the_servers_warnings_off_standard_error(tmp_path, quiet):
    too_long = MAX_LSP_MESSAGE + 1
    stdin = (b"Content-Length: %d\r\n\r\n" % too_long + b"x" * too_long) + START + STOP
    status, messages, said = serve(stdin, tmp_path, quiet)
    assert status == 0, said
    assert "capabilities" in answer(messages, 1)["result"]
    assert answer(messages, 99)["result"] is None
    assert said == ""


def test_a_body_that_is_not_json_is_passed_over_without_a_traceback(tmp_path):
    stdin = START + frame(b'{"a":') + frame(b"\xff\xfe") + request(2, "shutdown") + \
        notification("exit")
    status, messages, said = serve(stdin, tmp_path)
    assert status == 0, said
    assert "capabilities" in answer(messages, 1)["result"]
    assert answer(messages, 2)["result"] is None
    assert "Expecting value" in said
    assert "Traceback" not in said and 'File "' not in said


def test_a_request_about_a_document_that_is_no_file_gets_an_error_and_the_server_goes_on(
        tmp_path):
    path = tmp_path / "example.agreement"
    path.write_text(TEXT, encoding="utf-8")
    stdin = START + notification("textDocument/didOpen", {"textDocument": {
        "uri": "untitled:Untitled-1", "languageId": "contractdsl", "version": 1, "text": TEXT}}) \
        + hover(2, "not a uri\x1b[31m") + hover(3, "untitled:Untitled-1") \
        + hover(4, from_fs_path(str(path))) + STOP
    status, messages, said = serve(stdin, tmp_path)
    assert status == 0, said
    for id_ in (2, 3):
        error = answer(messages, id_)["error"]
        assert error["code"] == -32602  # invalid params
        assert "is not the URI of a file" in error["message"]
        assert "Traceback" not in json.dumps(error)
    assert "**recipient** `third_party`" in answer(messages, 4)["result"]["contents"]["value"]
    assert not [m for m in messages if m.get("method") == "window/showMessage"]
    assert "Traceback" not in said and 'File "' not in said and "\x1b" not in said


def test_a_loop_of_symbolic_links_among_the_files_of_a_set_is_reported_not_a_crash(tmp_path):
    path = tmp_path / "example.agreement"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "contractdsl.toml").write_text('[[agreement]]\nname = "x"\n'
                                               'versions = ["*.agreement"]\n')
    (tmp_path / "loop_a.agreement").symlink_to("loop_b.agreement")
    (tmp_path / "loop_b.agreement").symlink_to("loop_a.agreement")
    (tmp_path / "folder_a").symlink_to("folder_b")
    (tmp_path / "folder_b").symlink_to("folder_a")
    loop = from_fs_path(str(tmp_path / "loop_a.agreement"))
    within = from_fs_path(str(tmp_path / "folder_a" / "example.agreement"))
    stdin = START + notification("textDocument/didOpen", {"textDocument": {
        "uri": from_fs_path(str(path)), "languageId": "contractdsl", "version": 1,
        "text": TEXT}}) + hover(2, from_fs_path(str(path))) + hover(3, loop) \
        + request(4, "textDocument/documentSymbol", {"textDocument": {"uri": loop}}) \
        + hover(5, within) + STOP
    status, messages, said = serve(stdin, tmp_path)
    assert status == 0, said
    assert "**recipient** `third_party`" in answer(messages, 2)["result"]["contents"]["value"]
    for id_ in (3, 4, 5):
        assert "error" not in answer(messages, id_), answer(messages, id_)
    assert answer(messages, 99)["result"] is None
    assert not [m for m in messages if m.get("method") == "window/showMessage"]
    assert "Traceback" not in said and 'File "' not in said and "loop" not in said.lower()


def test_a_request_whose_params_do_not_fit_its_method_is_answered_with_an_error(tmp_path):
    path = tmp_path / "example.agreement"
    path.write_text(TEXT, encoding="utf-8")
    uri = from_fs_path(str(path))
    stdin = START + notification("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "contractdsl", "version": 1, "text": TEXT}}) \
        + request(2, "textDocument/hover", {"textDocument": {"uri": uri},
                                             "position": {"line": -1, "character": 0}}) \
        + request(3, "textDocument/rename", {"textDocument": {"uri": uri},
                                              "position": {"line": 3, "character": 36},
                                              "newName": "not a name"}) \
        + hover(4, uri) + STOP
    status, messages, said = serve(stdin, tmp_path)
    assert status == 0, said
    hovered = answer(messages, 2)["error"]
    assert hovered["code"] == -32602  # invalid params
    assert hovered["message"].startswith("invalid params for `textDocument/hover`: ")
    renamed = answer(messages, 3)["error"]
    assert renamed["code"] == -32602
    assert renamed["message"].startswith("`not a name` cannot be a recipient name")
    for error in (hovered, renamed):
        assert "Traceback" not in json.dumps(error) and not error.get("data")
    assert "**recipient** `third_party`" in answer(messages, 4)["result"]["contents"]["value"]
    assert "contractdsl lsp: invalid params for `textDocument/hover`: " in said
    assert "Traceback" not in said and 'File "' not in said
    assert all(line.startswith("contractdsl lsp: ") for line in said.splitlines())


def test_a_request_whose_id_is_an_object_gets_an_invalid_request_error_without_a_traceback(
        tmp_path):
    path = tmp_path / "example.agreement"
    path.write_text(TEXT, encoding="utf-8")
    stdin = START + frame({"jsonrpc": "2.0", "id": {"a": 1}, "method": "textDocument/hover",
                           "params": {"textDocument": {"uri": from_fs_path(str(path))},
                                      "position": {"line": 3, "character": 36}}}) \
        + hover(2, from_fs_path(str(path))) + STOP
    status, messages, said = serve(stdin, tmp_path)
    assert status == 0, said
    (refused,) = [m for m in messages if "id" in m and m["id"] is None]
    assert refused["error"]["code"] == -32600  # invalid request
    assert refused["error"]["message"] == ("invalid request `textDocument/hover`: its id is an "
                                           "object, not a number, a text or null")
    assert "**recipient** `third_party`" in answer(messages, 2)["result"]["contents"]["value"]
    assert "Traceback" not in said and 'File "' not in said


@pytest.mark.parametrize("header, words", [
    (b"Content-Length: abc\r\n\r\n{}", "`Content-Length: abc` is not a length in bytes"),
    (b"Content-Type: application/json\r\n\r\n{}", "2 bytes that are no message are skipped"),
    (b'Content-Length: 5\r\n\r\n{"jsonrpc": "2.0"}', "13 bytes that are no message are skipped"),
])
def test_the_messages_after_one_whose_length_is_wrong_or_missing_are_answered(
        tmp_path, header, words):
    path = tmp_path / "example.agreement"
    path.write_text(TEXT, encoding="utf-8")
    stdin = START + header + hover(2, from_fs_path(str(path))) + STOP
    status, messages, said = serve(stdin, tmp_path)
    assert status == 0, said
    assert "**recipient** `third_party`" in answer(messages, 2)["result"]["contents"]["value"]
    assert answer(messages, 99)["result"] is None
    assert f"contractdsl lsp: {words}" in said
    assert "Traceback" not in said


def test_a_request_after_shutdown_gets_an_invalid_request_error(tmp_path):
    stdin = START + request(2, "shutdown") + request(3, "textDocument/hover", {
        "textDocument": {"uri": "file:///x.agreement"}, "position": {"line": 0, "character": 0}}) \
        + notification("exit")
    status, messages, said = serve(stdin, tmp_path)
    assert status == 0, said
    assert answer(messages, 2)["result"] is None
    error = answer(messages, 3)["error"]
    assert error["code"] == -32600
    assert error["message"] == ("`textDocument/hover` came after `shutdown`: the server takes "
                                "no more requests")


@pytest.mark.parametrize("character, kind", [(24, "an action"), (36, "a recipient")])
def test_a_rename_refused_names_the_kind_with_its_article(tmp_path, character, kind):
    path = tmp_path / "example.agreement"
    path.write_text(TEXT, encoding="utf-8")
    uri = from_fs_path(str(path))
    stdin = START + request(2, "textDocument/rename", {
        "textDocument": {"uri": uri}, "position": {"line": 3, "character": character},
        "newName": "clause"}) + STOP
    status, messages, said = serve(stdin, tmp_path)
    assert status == 0, said
    assert answer(messages, 2)["error"]["message"] == (
        f"`clause` cannot be {kind} name: a name is a word of letters, digits and `_` that is "
        "not a keyword")
