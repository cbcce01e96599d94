// A copy of examples/shop in a temporary folder, its project renamed to a unique ftest- name so
// runs sharing the engine do not collide and clean-up by label finds exactly its objects.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { uniqueProject } from '../docker/helpers';
import { REPO } from './code-server';

export const SHOP_EXAMPLE = path.join(REPO, 'examples', 'shop');

export interface ShopWorkspace {
  dir: string;
  manifestPath: string;
  project: string;
  /** Every container the manifest asks for, as tree paths "service/pod/container". */
  expectedContainers: string[];
  services: string[];
  dispose(): void;
}

export function shopWorkspace(name: string): ShopWorkspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-e2e-ws-'));
  // The manifest is what the editor needs; the image build contexts hold busybox copies.
  cpSync(SHOP_EXAMPLE, dir, { recursive: true, filter: (source) => !source.includes(`${path.sep}images`) });
  const manifestPath = path.join(dir, 'flotilla.yaml');
  const project = uniqueProject(name);
  const original = readFileSync(manifestPath, 'utf8');
  const renamed = original.replace(/^project: .*$/m, `project: ${project}`);
  if (renamed === original) throw new Error(`${manifestPath} has no top-level "project:" line to rename`);
  writeFileSync(manifestPath, renamed);
  const manifest = parse(renamed) as { services: Record<string, { replicas?: number; containers: Record<string, unknown> }> };
  const expectedContainers = Object.entries(manifest.services).flatMap(([service, spec]) =>
    Array.from({ length: spec.replicas ?? 1 }, (_, index) => Object.keys(spec.containers).map((container) => `${service}/${service}-${index + 1}/${container}`)).flat(),
  );
  return {
    dir,
    manifestPath,
    project,
    expectedContainers,
    services: Object.keys(manifest.services),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** 1-based number of the first line matching `pattern` in the file. */
export function lineOf(file: string, pattern: RegExp): number {
  const index = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((line) => pattern.test(line));
  if (index < 0) throw new Error(`no line of ${file} matches ${pattern}`);
  return index + 1;
}
