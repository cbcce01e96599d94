export const OUTPUT: string;
export const AJV_OPTIONS: Record<string, unknown>;
export function renderValidator(schema: Record<string, unknown>): string;
