export function renderReference(schema: Record<string, unknown>): string;
export function updatedReadme(readme: string, schema: Record<string, unknown>): string;
