// Five-field cron text (minute hour day-of-month month day-of-week), as autoscale schedules
// use it. Checked field by field so a problem names the field and its place in the text.

export interface CronProblem {
  message: string;
  /** Offset and length of the offending field in the text. */
  offset: number;
  length: number;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // 7 is Sunday too, as in Vixie cron.
  { name: 'day-of-week', min: 0, max: 7, names: DAYS },
];

/** The first problem of a cron text, or undefined when it is valid. */
export function checkCron(text: string): CronProblem | undefined {
  const fields = [...text.matchAll(/\S+/g)];
  if (fields.length !== FIELDS.length) {
    return { message: `needs 5 fields (minute hour day-of-month month day-of-week), like "0 9 * * 1-5"; it has ${fields.length}`, offset: 0, length: text.length };
  }
  for (let i = 0; i < FIELDS.length; i++) {
    const match = fields[i] as RegExpMatchArray;
    const problem = checkField(match[0], FIELDS[i] as FieldSpec);
    if (problem) return { message: problem, offset: match.index ?? 0, length: match[0].length };
  }
  return undefined;
}

function checkField(field: string, spec: FieldSpec): string | undefined {
  const range = `${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]?.toUpperCase()}-${spec.names[spec.names.length - 1]?.toUpperCase()}` : ''}`;
  for (const item of field.split(',')) {
    const match = /^(\*|([0-9a-zA-Z]+)(?:-([0-9a-zA-Z]+))?)(?:\/([0-9]+))?$/.exec(item);
    if (!match) return `the ${spec.name} field "${field}" is not a cron field (use *, a value, a range a-b, a list a,b or a step */n)`;
    const [, , from, to, step] = match;
    if (step !== undefined && (Number(step) < 1 || Number(step) > spec.max)) return `the ${spec.name} field "${field}" has step ${step}, outside 1-${spec.max}`;
    const values = [from, to].filter((v): v is string => v !== undefined).map((v) => valueOf(v, spec));
    if (values.some((v) => v === undefined)) return `the ${spec.name} field "${field}" is out of range ${range}`;
    if (values.length === 2 && (values[0] as number) > (values[1] as number)) return `the ${spec.name} field "${field}" has a range that runs backwards`;
  }
  return undefined;
}

function valueOf(text: string, spec: FieldSpec): number | undefined {
  if (/^[0-9]+$/.test(text)) {
    const value = Number(text);
    return value >= spec.min && value <= spec.max ? value : undefined;
  }
  const index = spec.names?.indexOf(text.toLowerCase() as never) ?? -1;
  if (index < 0) return undefined;
  return spec.name === 'month' ? index + 1 : index;
}
