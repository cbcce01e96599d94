// A stand-in for the 'vscode' module, so editor commands run in a Docker test without an editor:
// trust is granted, progress notifications run their task and record what they report, and
// messages are recorded. Only the members the driven commands use exist; anything else throws,
// so a command that starts needing more fails loudly instead of passing silently. The views
// and the real editor are the e2e suite's.
import Module from 'node:module';

export interface Shown {
  kind: 'info' | 'warning' | 'error' | 'status' | 'progress' | 'pick' | 'input';
  text: string;
}

export const shown: Shown[] = [];

/** What the user answers to a quick pick (given its items) and an input box; undefined cancels. */
export const answers: { quickPick?: (items: { label: string }[]) => unknown; inputBox?: string } = {};

const disposable = { dispose: () => undefined };
interface Progress {
  report: (value: { message?: string }) => void;
}
interface CancellationToken {
  isCancellationRequested: boolean;
  onCancellationRequested: () => typeof disposable;
}

const standIn = {
  workspace: { isTrusted: true, asRelativePath: (p: unknown) => String(p) },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  window: {
    withProgress: async <T>(options: { title?: string }, task: (progress: Progress, token: CancellationToken) => Promise<T>): Promise<T> => {
      shown.push({ kind: 'progress', text: `${options.title ?? ''}` });
      return task(
        { report: (value) => shown.push({ kind: 'progress', text: value.message ?? '' }) },
        { isCancellationRequested: false, onCancellationRequested: () => disposable },
      );
    },
    setStatusBarMessage: (text: string) => (shown.push({ kind: 'status', text }), disposable),
    showInformationMessage: async (text: string) => void shown.push({ kind: 'info', text }),
    showWarningMessage: async (text: string) => void shown.push({ kind: 'warning', text }),
    showErrorMessage: async (text: string) => void shown.push({ kind: 'error', text }),
    showQuickPick: async (items: { label: string }[] | Promise<{ label: string }[]>) => {
      const list = await items;
      shown.push({ kind: 'pick', text: list.map((item) => item.label).join(', ') });
      return answers.quickPick?.(list);
    },
    showInputBox: async (options: { value?: string }) => {
      shown.push({ kind: 'input', text: options.value ?? '' });
      return answers.inputBox;
    },
  },
};

function strict(target: object, where: string): object {
  return new Proxy(target, {
    get(object, key) {
      if (typeof key === 'symbol' || key === 'then' || key === '__esModule' || key === 'default') return Reflect.get(object, key);
      if (!(key in object)) throw new Error(`the vscode stand-in has no ${where}${String(key)}: add it to test/docker/vscode-standin.ts`);
      const value = Reflect.get(object, key) as unknown;
      return value && typeof value === 'object' ? strict(value, `${where}${String(key)}.`) : value;
    },
  });
}

type Resolver = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolver; _cache: Record<string, unknown> };
const STANDIN_ID = '\0vscode-standin';
const original = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? STANDIN_ID : original.call(this, request, ...rest);
};
moduleInternals._cache[STANDIN_ID] = { id: STANDIN_ID, filename: STANDIN_ID, loaded: true, exports: strict(standIn, 'vscode.') };
