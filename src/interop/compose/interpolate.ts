// Compose's variable substitution, done on every string value before validation as docker
// compose does: ${VAR}, $VAR, ${VAR:-default} (unset or empty), ${VAR-default} (unset),
// ${VAR:?message} / ${VAR?message} (required), ${VAR:+alt} / ${VAR+alt}, and $$ for a dollar.
// Values come from the process environment first, then the project's .env file.

export type Variables = Readonly<Record<string, string | undefined>>;

export interface Substituted {
  value: string;
  /** Variables used with no value and no default (compose substitutes an empty string). */
  unset: string[];
  /** The message of a ${VAR:?message} whose variable has no value. */
  required?: string;
}

const REFERENCE = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function substitute(text: string, variables: Variables): Substituted {
  const unset: string[] = [];
  let required: string | undefined;
  const value = text.replace(
    REFERENCE,
    (_match, dollar: string | undefined, braced: string | undefined, operator: string | undefined, operand: string | undefined, bare: string | undefined) => {
      if (dollar) return '$';
      const name = (braced ?? bare) as string;
      const current = variables[name];
      const isSet = current !== undefined;
      const isNonEmpty = isSet && current !== '';
      const inner = () => {
        const nested = substitute(operand ?? '', variables);
        unset.push(...nested.unset);
        required ??= nested.required;
        return nested.value;
      };
      switch (operator) {
        case ':-':
          return isNonEmpty ? current : inner();
        case '-':
          return isSet ? current : inner();
        case ':+':
          return isNonEmpty ? inner() : '';
        case '+':
          return isSet ? inner() : '';
        case ':?':
        case '?':
          if (operator === ':?' ? isNonEmpty : isSet) return current as string;
          required ??= `${name} is required${operand ? `: ${inner()}` : ''}`;
          return '';
        default:
          if (!isSet) unset.push(name);
          return current ?? '';
      }
    },
  );
  return { value, unset, required };
}

/**
 * A .env file as compose reads it: KEY=VALUE lines, `export ` allowed, # comments, values in
 * single quotes taken literally, double quotes with \n escapes, unquoted values trimmed and cut
 * at " #". Earlier variables can be used in later values.
 */
export function parseDotEnv(text: string, environment: Variables = {}): Record<string, string> {
  const result: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rawValue] = match as unknown as [string, string, string];
    result[key] = readDotEnvValue(rawValue, { ...result, ...environment });
  }
  return result;
}

function readDotEnvValue(raw: string, known: Variables): string {
  if (raw.startsWith("'")) return raw.slice(1, raw.indexOf("'", 1) > 0 ? raw.indexOf("'", 1) : undefined);
  if (raw.startsWith('"')) {
    const end = raw.lastIndexOf('"');
    const inner = raw
      .slice(1, end > 0 ? end : undefined)
      .replace(/\\n/g, '\n')
      .replace(/\\"/g, '"');
    return substitute(inner, known).value;
  }
  return substitute(raw.replace(/\s+#.*$/, '').trim(), known).value;
}

/** `KEY=VALUE` lines of an env_file: the same syntax as .env. */
export const parseEnvFile = parseDotEnv;
