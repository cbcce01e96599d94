// Manifest language features for editors, pure (no vscode): cursor paths, completion, hover,
// outline symbols and editor-ready diagnostic ranges.

export { cursorContext, type CursorContext } from './cursor';
export { completeAt, type CompletionEntry } from './completion';
export { hoverAt, describeKey, type HoverInfo } from './hover';
export { manifestSymbols, type ManifestSymbol, type ManifestSymbolKind } from './symbols';
export { editorRange, lineLengthsOf, type LineLengths } from './diagnostic-range';
