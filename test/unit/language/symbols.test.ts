import assert from 'node:assert/strict';
import type { Range } from '../../../src/core/model/diagnostics';
import { manifestSymbols, type ManifestSymbol } from '../../../src/core/manifest/language';
import { SHOP } from '../manifests';

const at = (range: Range) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
const outline = (symbols: ManifestSymbol[]): unknown[] =>
  symbols.map((symbol) => [symbol.kind, symbol.name, symbol.detail, at(symbol.range), at(symbol.selectionRange), ...(symbol.children.length ? [outline(symbol.children)] : [])]);

describe('language: document symbols', () => {
  it('outlines the project, services with their containers, and volumes, with exact ranges', () => {
    assert.deepEqual(outline(manifestSymbols(SHOP)), [
      ['project', 'shop', 'project', '1:0-1:13', '1:0-1:7'],
      [
        'services',
        'services',
        '2 services',
        '2:0-21:25',
        '2:0-2:8',
        [
          [
            'service',
            'web',
            '2 replicas',
            '3:2-17:42',
            '3:2-3:5',
            [
              ['container', 'app', 'shop/web:1', '6:6-11:55', '6:6-6:9'],
              ['container', 'log-drain', 'shop/logdrain:1', '12:6-14:71', '12:6-12:15'],
            ],
          ],
          ['service', 'api', '', '18:2-21:25', '18:2-18:5', [['container', 'server', 'shop/api:1', '20:6-21:25', '20:6-20:12']]],
        ],
      ],
      ['volumes', 'volumes', '1 volume', '22:0-23:10', '22:0-22:7', [['volume', 'logs', '', '23:2-23:10', '23:2-23:6']]],
    ]);
  });

  it('still outlines what parses in a document with errors, and lists nodes', () => {
    const text = 'version: 1\nnodes:\n  - name: local\n    engine: unix:///var/run/docker.sock\nservices:\n  web:\n    containers:\n      app: { image: [unclosed\n  api:\n';
    const symbols = manifestSymbols(text);
    assert.deepEqual(
      symbols.map((symbol) => symbol.name),
      ['nodes', 'services'],
    );
    assert.deepEqual(outline([symbols[0]!]), [['nodes', 'nodes', '1 node', '1:0-3:39', '1:0-1:5', [['node', 'local', 'unix:///var/run/docker.sock', '2:4-3:39', '2:10-2:15']]]]);
    assert.equal(symbols[1]!.children[0]!.name, 'web');
  });

  it('has no symbols for a document that is not a mapping', () => {
    assert.deepEqual(manifestSymbols('- just\n- a list\n'), []);
    assert.deepEqual(manifestSymbols(''), []);
  });
});
