// Terminal output: aligned tables, optional colour (only on a TTY, and never with NO_COLOR).

export interface Output {
  out(line?: string): void;
  err(line: string): void;
  color: boolean;
}

export const terminal: Output = {
  out: (line = '') => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, dim: 2, bold: 1 } as const;
export type Color = keyof typeof CODES;

export function paint(output: Output, color: Color, text: string): string {
  return output.color ? `\u001b[${CODES[color]}m${text}\u001b[0m` : text;
}

export const PREFIX_COLORS: Color[] = ['cyan', 'yellow', 'green', 'magenta', 'blue'];

/** Aligns plain cells; `decorate` may then colour a padded cell without upsetting the widths. */
export function table(rows: string[][], decorate: (padded: string, row: number, column: number) => string = (c) => c): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row, r) =>
    row
      .map((cell, i) => decorate(i === row.length - 1 ? cell : cell.padEnd(widths[i] as number), r, i))
      .join('  ')
      .trimEnd(),
  );
}
