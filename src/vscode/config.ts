// Typed access to the flotilla.* settings, and which changes need what: a new dockerHost needs a
// new engine connection, a new glob a new manifest scan. Reads go through a getter, so this file
// has no vscode import and its rules are unit-tested without an editor.

export const SECTION = 'flotilla';

export interface FlotillaConfig {
  /** Effective engine endpoint setting; empty = DOCKER_HOST or the platform socket. */
  dockerHost: string;
  manifestGlob: string;
  logsTail: number;
  downOnClose: boolean;
}

/**
 * The file names the editor takes for manifests unless flotilla.manifestGlob says otherwise:
 * the two the CLI finds on its own (src/cli/context.ts MANIFEST_NAMES) and *.flotilla.yaml.
 * package.json's activation events and yamlValidation list the same names (a unit test checks).
 */
export const DEFAULT_MANIFEST_NAMES = ['flotilla.yaml', 'flotilla.yml', '*.flotilla.yaml'] as const;

export const DEFAULTS: FlotillaConfig = {
  dockerHost: '',
  manifestGlob: `**/{${DEFAULT_MANIFEST_NAMES.join(',')}}`,
  logsTail: 200,
  downOnClose: false,
};

/** Setting keys under the section, as package.json contributes them. */
export const KEYS: Record<keyof FlotillaConfig, string> = {
  dockerHost: 'dockerHost',
  manifestGlob: 'manifestGlob',
  logsTail: 'logs.tail',
  downOnClose: 'downOnClose',
};

/** Changes to these need a reconnect to the engine. */
const RECONNECT: readonly (keyof FlotillaConfig)[] = ['dockerHost'];
const RESCAN: readonly (keyof FlotillaConfig)[] = ['manifestGlob'];

/**
 * Reads the settings with types checked (a wrong type falls back to the default). In an
 * untrusted workspace dockerHost is ignored: a workspace must not point the editor at an engine.
 */
export function readConfig(get: (key: string) => unknown, trusted: boolean): FlotillaConfig {
  const text = (key: keyof FlotillaConfig) => {
    const value = get(KEYS[key]);
    return typeof value === 'string' ? value.trim() : (DEFAULTS[key] as string);
  };
  const tail = get(KEYS.logsTail);
  return {
    dockerHost: trusted ? text('dockerHost') : '',
    manifestGlob: text('manifestGlob') || DEFAULTS.manifestGlob,
    logsTail: typeof tail === 'number' && Number.isInteger(tail) && tail >= 0 ? tail : DEFAULTS.logsTail,
    downOnClose: get(KEYS.downOnClose) === true,
  };
}

export interface ConfigEffects {
  reconnect: boolean;
  rescan: boolean;
}

/** What a settings change (or a trust change, which changes the effective dockerHost) requires. */
export function effectsOf(before: FlotillaConfig, after: FlotillaConfig): ConfigEffects {
  return {
    reconnect: RECONNECT.some((key) => before[key] !== after[key]),
    rescan: RESCAN.some((key) => before[key] !== after[key]),
  };
}
