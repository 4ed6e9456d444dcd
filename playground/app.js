// The playground: agreement files and a usage in the page, contractdsl running on Pyodide.
// Everything it loads is served with the page; it needs no network.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const $ = (id) => document.getElementById(id);
const state = { example: null, files: {}, current: null, usage: "" };
let examples = [];
let python = null;
let grammar = null;

// Scopes of the TextMate grammar (editors/contractdsl.tmLanguage.json) to the page's colours.
const CLASSES = [["comment", "tm-comment"], ["string", "tm-string"],
  ["constant.numeric.date", "tm-date"], ["constant.numeric", "tm-number"],
  ["storage.type", "tm-storage"], ["variable.language", "tm-party"],
  ["entity.name.section", "tm-clause"], ["entity.name.type", "tm-defined"],
  ["keyword", "tm-keyword"], ["support.constant", "tm-unit"]];

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

function classOf(scopes) {
  for (const [prefix, name] of CLASSES) {
    if (scopes.some((s) => s.startsWith(prefix))) return name;
  }
  return "";
}

async function loadGrammar() {
  await onig.loadWASM(await (await fetch("vscode-oniguruma/onig.wasm")).arrayBuffer());
  const source = await (await fetch("contractdsl.tmLanguage.json")).text();
  const registry = new vscodetextmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
      createOnigString: (text) => new onig.OnigString(text),
    }),
    loadGrammar: async () => vscodetextmate.parseRawGrammar(source, "contractdsl.tmLanguage.json"),
  });
  return registry.loadGrammar("source.contractdsl");
}

// The text as coloured HTML, each problem's range underlined.
function highlight(text, problems) {
  let stack = vscodetextmate.INITIAL;
  return text.split("\n").map((line, index) => {
    const marks = problems.filter((p) => p.line <= index + 1 && index + 1 <= p.end_line)
      .map((p) => [p.line === index + 1 ? p.column - 1 : 0,
                   p.end_line === index + 1 ? p.end_column - 1 : line.length]);
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    const cuts = new Set([0, line.length]);
    for (const t of result.tokens) cuts.add(Math.min(t.startIndex, line.length));
    for (const [a, b] of marks) { cuts.add(a); cuts.add(Math.min(b, line.length)); }
    const points = [...cuts].sort((a, b) => a - b);
    let html = "";
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const token = result.tokens.filter((t) => t.startIndex <= a).pop();
      const names = [token ? classOf(token.scopes) : "",
        marks.some(([s, e]) => s <= a && a < e) ? "problem" : ""].filter(Boolean).join(" ");
      html += names ? `<span class="${names}">${escape(line.slice(a, b))}</span>` : escape(line.slice(a, b));
    }
    return html;
  }).join("\n") + "\n";
}

function call(name, ...args) {
  return JSON.parse(python.globals.get(name)(...args));
}

let problems = {};
function showProblems() {
  const text = state.files[state.current] ?? "";
  const mine = problems[state.current] ?? [];
  $("highlight").innerHTML = grammar ? highlight(text, mine) : escape(text);
  const list = $("problems");
  list.replaceChildren();
  for (const [file, found] of Object.entries(problems)) {
    for (const p of found) {
      const item = document.createElement("li");
      item.className = p.severity;
      item.textContent = `${file}:${p.line}:${p.column}: ${p.severity}: ${p.message}` +
        (p.code ? ` [${p.code}]` : "") + (p.help ? `\nhelp: ${p.help}` : "");
      list.append(item);
    }
  }
}

function check() {
  problems = python ? call("problems", JSON.stringify(state.files)) : {};
  showProblems();
  renderProse();
}

function renderProse() {
  if (!python) return;
  const said = call("prose", JSON.stringify(state.files), $("locale").value);
  $("prose").srcdoc = said.html ?? `<p>${escape(said.error)}</p>`;
}

function decide() {
  const found = call("decide", JSON.stringify(state.files), state.usage, $("locale").value);
  const out = $("decision");
  out.replaceChildren();
  if (found.error) { out.textContent = found.error; return; }
  for (const d of found.decisions) {
    const head = document.createElement("div");
    head.className = `outcome ${d.outcome}`;
    head.textContent = d.outcome;
    const words = document.createElement("div");
    words.textContent = d.text;
    out.append(head, words);
  }
}

function fill(select, names, chosen) {
  select.replaceChildren(...names.map((n) => new Option(n, n, false, n === chosen)));
}

function open(example, files, usage, current) {
  state.example = example?.name ?? null;
  state.files = { ...files };
  state.current = current && current in files ? current : Object.keys(files)[0];
  state.usage = usage;
  fill($("example"), examples.map((e) => e.name), state.example);
  fill($("file"), Object.keys(state.files), state.current);
  fill($("usages"), Object.keys(example?.usages ?? {}), null);
  $("text").value = state.files[state.current];
  $("usage").value = state.usage;
  $("decision").replaceChildren();
  check();
}

function openExample(name) {
  const example = examples.find((e) => e.name === name) ?? examples[0];
  const usages = Object.values(example.usages);
  open(example, example.files, usages[0] ?? "", null);
}

// The shareable link: the files, the usage and the open file in the URL's fragment.
function encode(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decode(fragment) {
  const binary = atob(fragment.replace(/-/g, "+").replace(/_/g, "/"));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

function wire() {
  let pending = null;
  $("text").addEventListener("input", () => {
    state.files[state.current] = $("text").value;
    showProblems();
    clearTimeout(pending);
    pending = setTimeout(check, 250);
  });
  $("text").addEventListener("scroll", () => {
    $("highlight").scrollTop = $("text").scrollTop;
    $("highlight").scrollLeft = $("text").scrollLeft;
  });
  $("usage").addEventListener("input", () => { state.usage = $("usage").value; });
  $("file").addEventListener("change", () => {
    state.current = $("file").value;
    $("text").value = state.files[state.current];
    showProblems();
  });
  $("example").addEventListener("change", () => openExample($("example").value));
  $("usages").addEventListener("change", () => {
    const example = examples.find((e) => e.name === state.example);
    state.usage = $("usage").value = example.usages[$("usages").value];
  });
  $("locale").addEventListener("change", () => { renderProse(); if ($("decision").childElementCount) decide(); });
  $("decide").addEventListener("click", decide);
  $("share").addEventListener("click", async () => {
    const link = `${location.href.split("#")[0]}#${encode({ example: state.example, files: state.files, usage: state.usage, current: state.current })}`;
    history.replaceState(null, "", link);
    try { await navigator.clipboard.writeText(link); } catch { /* the address bar has it */ }
    $("status").textContent = "Link copied: the text travels in the link";
  });
}

async function main() {
  wire();
  examples = await (await fetch("examples.json")).json();
  grammar = await loadGrammar();
  if (location.hash.length > 1) {
    const shared = decode(location.hash.slice(1));
    open(examples.find((e) => e.name === shared.example), shared.files, shared.usage, shared.current);
  } else {
    openExample(examples[0].name);
  }
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", import.meta.url).href });
  const site = "/home/pyodide/site";
  pyodide.unpackArchive(await (await fetch("site-packages.zip")).arrayBuffer(), "zip", { extractDir: site });
  pyodide.runPython(`import sys; sys.path.insert(0, "${site}")`);
  pyodide.runPython(await (await fetch("playground.py")).text());
  python = pyodide;
  check();
  $("decide").disabled = false;
  $("status").textContent = "Ready";
  document.body.dataset.ready = "yes";
}

main().catch((error) => {
  $("status").textContent = `Could not start: ${error}`;
  console.error(error);
});
