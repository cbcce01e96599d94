// Test texts with the cursor written as "|" (manifests in these tests use no "|" otherwise).
export function atCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('mark the cursor with exactly one |');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export const SERVICE_HEAD = 'version: 1\nservices:\n  web:\n';
