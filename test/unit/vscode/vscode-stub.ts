// Lets a unit test load modules that import 'vscode' without an editor: 'vscode' resolves to an
// object whose every member is an inert function, unless a test supplies a working stand-in
// for some members (supplyVscode) while it runs. Modules bind 'vscode' once, when first loaded,
// so the members are fixed names whose values are looked up on each use. A test that needs the
// real editor belongs in e2e.
import Module from 'node:module';

const inert: unknown = new Proxy(function inert() {}, {
  get: (_target, key) => (key === Symbol.toPrimitive ? () => '' : inert),
  apply: () => inert,
  construct: () => inert as object,
});

/** The runtime members of 'vscode' that src/vscode uses. */
const MEMBERS = [
  'workspace',
  'window',
  'languages',
  'commands',
  'env',
  'extensions',
  'Uri',
  'EventEmitter',
  'Disposable',
  'RelativePattern',
  'Range',
  'Position',
  'Selection',
  'Diagnostic',
  'DiagnosticSeverity',
  'CodeLens',
  'Hover',
  'MarkdownString',
  'SnippetString',
  'CompletionItem',
  'CompletionItemKind',
  'DocumentSymbol',
  'SymbolKind',
  'TabInputText',
  'ThemeIcon',
  'ThemeColor',
  'TreeItem',
  'TreeItemCollapsibleState',
  'ProgressLocation',
  'StatusBarAlignment',
  'TextEditorRevealType',
  'TextEditorSelectionChangeKind',
] as const;

const supplied: Partial<Record<string, unknown>> = {};
const stub: Record<string, unknown> = {};
for (const name of MEMBERS) Object.defineProperty(stub, name, { enumerable: true, get: () => supplied[name] ?? inert });

/** Makes these members work as given until the returned function is called. */
export function supplyVscode(members: Partial<Record<(typeof MEMBERS)[number], unknown>>): () => void {
  Object.assign(supplied, members);
  return () => {
    for (const name of Object.keys(members)) delete supplied[name];
  };
}

type Resolver = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolver; _cache: Record<string, unknown> };
const STUB_ID = '\0vscode-stub';
const original = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? STUB_ID : original.call(this, request, ...rest);
};
moduleInternals._cache[STUB_ID] = { id: STUB_ID, filename: STUB_ID, loaded: true, exports: stub };
