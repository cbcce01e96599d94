import assert from 'node:assert/strict';
import { hoverAt } from '../../../src/core/manifest/language';
import { atCursor, SERVICE_HEAD } from './cursor-text';

function hover(marked: string) {
  const { text, offset } = atCursor(marked);
  return hoverAt(text, offset);
}

describe('language: hover', () => {
  it("uses the description written beside a $ref, not the definition's", () => {
    const info = hover(`${SERVICE_HEAD}    hea|lth:\n      tcp: { port: 1 }\n`)!;
    assert.deepEqual(info.path, ['services', 'web', 'health']);
    assert.match(info.markdown, /^\*\*services\.web\.health\*\*: object\n\nA probe for the pod, run against its first container/);
    assert.doesNotMatch(info.markdown, /A probe Flotilla runs against the container/);
  });

  it('shows type, default, the value format and examples', () => {
    const info = hover(`${SERVICE_HEAD}    deploy:\n      minHealthy|Time: 5s\n`)!;
    assert.equal(
      info.markdown,
      [
        '**services.web.deploy.minHealthyTime**: duration',
        'How long new pods must stay healthy before they count.',
        'Format: A duration: a number with ms, s, m or h.',
        'Default: `"5s"`',
        'Examples:\n\n```yaml\nminHealthyTime: 10s\nminHealthyTime: 500ms\nminHealthyTime: 2m\n```',
      ].join('\n\n'),
    );
  });

  it('lists allowed values, and answers on the value too', () => {
    const onKey = hover(`${SERVICE_HEAD}    rest|art: never\n`)!;
    assert.match(onKey.markdown, /Allowed: `always`, `on-failure`, `never`/);
    assert.match(onKey.markdown, /Default: `"always"`/);
    const { text } = atCursor(`${SERVICE_HEAD}    rest|art: never\n`);
    assert.equal(text.slice(onKey.start, onKey.end), 'restart');
    const onValue = hover(`${SERVICE_HEAD}    restart: ne|ver\n`)!;
    assert.equal(onValue.markdown, onKey.markdown);
  });

  it('describes a name the user chose by what it names, in flow mappings too', () => {
    assert.match(hover(`${SERVICE_HEAD.replace('web', 'w|eb')}    replicas: 1\n`)!.markdown, /^\*\*services\.web\*\*: object\n\nA service: replicas of one pod/);
    const memory = hover(`${SERVICE_HEAD}    containers:\n      app:\n        resources: { cpus: 1, mem|ory: 64Mi }\n`)!;
    assert.deepEqual(memory.path, ['services', 'web', 'containers', 'app', 'resources', 'memory']);
    assert.match(memory.markdown, /Memory limit: the container is OOM-killed above it/);
  });

  it('has nothing for unknown keys and comments', () => {
    assert.equal(hover(`${SERVICE_HEAD}    replica|z: 1\n`), undefined);
    assert.equal(hover(`${SERVICE_HEAD}    # restart|\n`), undefined);
  });
});
