// Starts `contractdsl lsp` for agreement files and hands it the editor's requests.
const { workspace } = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const command = workspace.getConfiguration("contractdsl").get("command") || "contractdsl";
  client = new LanguageClient(
    "contractdsl",
    "contractdsl",
    { command, args: ["lsp"] },
    { documentSelector: [{ scheme: "file", language: "contractdsl" }] },
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
