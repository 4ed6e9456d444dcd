// Tokenise files with editors/contractdsl.tmLanguage.json through vscode-textmate and
// vscode-oniguruma, the engine VS Code runs: `node tokenize.mjs FILE...` prints, as JSON, each
// file's lines as lists of tokens {start, end, scopes}.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import oniguruma from "vscode-oniguruma";
import textmate from "vscode-textmate";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
await oniguruma.loadWASM(wasm);

const registry = new textmate.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text) => new oniguruma.OnigString(text),
  }),
  loadGrammar: async (scopeName) => {
    if (scopeName !== "source.contractdsl") return null;
    const file = path.join(here, "..", "contractdsl.tmLanguage.json");
    return textmate.parseRawGrammar(readFileSync(file, "utf8"), file);
  },
});

const grammar = await registry.loadGrammar("source.contractdsl");
const out = {};
for (const file of process.argv.slice(2)) {
  let stack = textmate.INITIAL;
  out[file] = readFileSync(file, "utf8").split("\n").map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ start: t.startIndex, end: t.endIndex, scopes: t.scopes }));
  });
}
process.stdout.write(JSON.stringify(out));
