// The manifest language features in a real editor: a value broken by typing shows its error in
// the Problems panel on its line, an unknown key gets a "did you mean", and completion inside a
// service offers the schema's keys.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { useShopEditor, type EditorFixture } from './fixture';
import { REPO } from './code-server';
import { lineOf } from './workspace';

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
}

/** The keys the schema allows in a service and in a container. */
function schemaKeys(): { service: string[]; container: string[] } {
  const schema = JSON.parse(readFileSync(path.join(REPO, 'schemas', 'flotilla.schema.json'), 'utf8')) as SchemaNode & { definitions?: Record<string, SchemaNode> };
  const serviceNode = schema.properties?.services?.additionalProperties;
  const service = typeof serviceNode === 'object' ? resolve(schema, serviceNode) : undefined;
  const containerNode = service?.properties?.containers?.additionalProperties;
  const container = typeof containerNode === 'object' ? resolve(schema, containerNode) : undefined;
  if (!service?.properties || !container?.properties) throw new Error('cannot find the service and container keys in the schema');
  return { service: Object.keys(service.properties), container: Object.keys(container.properties) };
}

function resolve(schema: SchemaNode & { definitions?: Record<string, SchemaNode> }, node: SchemaNode & { $ref?: string }): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/definitions/', '');
  const target = schema.definitions?.[name];
  if (!target) throw new Error(`unresolved $ref ${node.$ref}`);
  return target;
}

/** Replaces the end of a line in the editor: Backspace over `remove` characters, then types `text`. */
async function editLineEnd(editor: EditorFixture, line: number, remove: number, text: string): Promise<void> {
  const { workbench, page } = editor.session;
  await workbench.openFile('flotilla.yaml');
  await workbench.goToLineEnd(line);
  for (let i = 0; i < remove; i += 1) await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  await page.keyboard.press('Control+S');
}

describe('e2e: editing flotilla.yaml', function () {
  const editor = useShopEditor({ trust: true });

  it('typing an invalid replicas value shows the error in the Problems panel at its line', async function () {
    const { manifestPath } = editor.workspace;
    const line = lineOf(manifestPath, /^ {4}replicas: \d+/);
    const current = /replicas: (\d+)/.exec(readFileSync(manifestPath, 'utf8').split('\n')[line - 1]!)![1]!;
    await editLineEnd(editor, line, current.length, '-1');
    const problem = await editor.session.workbench.waitForProblem(/replicas|minimum|>= ?0|at least/i, 60_000);
    assert.match(problem, new RegExp(`Ln ${line}\\b`), `the problem is placed on line ${line}: ${problem}`);
    await editor.session.screenshot('04-problems');
  });

  it('a misspelt key gets a "did you mean" in the Problems panel', async function () {
    const { manifestPath } = editor.workspace;
    const line = lineOf(manifestPath, /^ {4}stopGracePeriod:/);
    const text = readFileSync(manifestPath, 'utf8').split('\n')[line - 1]!;
    // Retype the key with one letter wrong.
    await editLineEnd(editor, line, text.trimStart().length, 'stopGracePeriud: 2s');
    const problem = await editor.session.workbench.waitForProblem(/stopGracePeriud/, 60_000);
    assert.match(problem, /did you mean/i, problem);
    assert.match(problem, /stopGracePeriod/, problem);
    assert.match(problem, new RegExp(`Ln ${line}\\b`), `the problem is placed on line ${line}: ${problem}`);
  });

  it('completion inside a service offers the schema keys a service may have', async function () {
    const { workbench, page } = editor.session;
    const { manifestPath } = editor.workspace;
    const keys = schemaKeys();
    // Inside the api service, on a new line at the service's key indentation.
    const apiLine = lineOf(manifestPath, /^ {2}api:/);
    const line =
      readFileSync(manifestPath, 'utf8')
        .split('\n')
        .findIndex((text, index) => index >= apiLine && /^ {4}stopGracePeriod:/.test(text)) + 1;
    assert.ok(line > apiLine, 'the api service has a stopGracePeriod line to type after');
    await workbench.openFile('flotilla.yaml');
    await workbench.goToLineEnd(line);
    await page.keyboard.press('Enter');
    const offered = await workbench.triggerCompletion();
    await editor.session.screenshot('05-completion');
    for (const key of ['health', 'deploy']) assert.ok(offered.includes(key), `completion offers "${key}": ${offered.join(', ')}`);
    const containerOnly = keys.container.filter((key) => !keys.service.includes(key));
    assert.deepEqual(
      offered.filter((label) => containerOnly.includes(label)),
      [],
      'no container-only keys are offered at service level',
    );
  });
});
