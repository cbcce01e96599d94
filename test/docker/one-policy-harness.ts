// What the "one policy" suites share: a state home for this process and its CLI children, a
// workspace per project whose manifest the editor's registry (stand-in) and the CLI both read,
// the editor's Supervisors with every supervisor note recorded, and the CLI run without blocking
// this process (the editor's supervisor in it must keep running meanwhile).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FlotillaStore } from '../../src/core/status/store';
import type { SupervisorNote } from '../../src/core/supervise/supervisor';
import type { FlotillaTarget } from '../../src/vscode/contract';
import { Supervisors } from '../../src/vscode/supervision';
import { CLI, type CliResult } from './cli-harness';
import { editorContext } from './editor-up.test';
import { cleanupProject, uniqueProject } from './helpers';

/** Runs the built CLI as a child process without blocking the event loop. */
export function flotillaAsync(cwd: string, args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    }),
  );
}

export function policySuite() {
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  const saved = process.env.XDG_STATE_HOME;
  const projects: string[] = [];
  const dirs: string[] = [];
  const made: Supervisors[] = [];
  const stops: (() => Promise<void>)[] = [];

  before(() => {
    process.env.XDG_STATE_HOME = stateHome;
  });
  after(async () => {
    for (const stop of stops) await stop();
    for (const supervisors of made) await supervisors.stopAll();
    for (const project of projects) await cleanupProject(project);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.XDG_STATE_HOME;
    else process.env.XDG_STATE_HOME = saved;
    rmSync(stateHome, { recursive: true, force: true });
  });

  return {
    stateHome,
    /** Stopped (before the clean-up) even when a test fails half-way. */
    onCleanup: (stop: () => Promise<void>) => stops.push(stop),
    setup(name: string) {
      const project = uniqueProject(name);
      projects.push(project);
      const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-policy-'));
      dirs.push(dir);
      const notes: SupervisorNote[] = [];
      const store = new FlotillaStore();
      const apply = store.applySupervisorNote.bind(store);
      store.applySupervisorNote = (p, note) => {
        notes.push(note);
        apply(p, note);
      };
      const supervisors = new Supervisors(store, () => undefined);
      made.push(supervisors);
      const editor = editorContext(supervisors, dir);
      const target: FlotillaTarget = { kind: 'service', manifestPath: editor.manifestPath, project, service: 'web' };
      return { project, dir, notes, target, ...editor };
    },
  };
}
