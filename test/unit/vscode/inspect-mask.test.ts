import assert from 'node:assert/strict';
import './vscode-stub';
import { maskInspectEnv } from '../../../src/vscode/commands/inspect';
import { MASK } from '../../../src/vscode/views/tooltips';

describe('Inspect command output', () => {
  it('masks secret-looking env values in the inspect JSON and keeps the rest', () => {
    const info = { Id: 'abc', Config: { Image: 'x', Env: ['API_TOKEN=t0k3n', 'PATH=/bin', 'EMPTY', 'X_KEY=a=b'] } };
    assert.deepEqual(maskInspectEnv(info), { Id: 'abc', Config: { Image: 'x', Env: [`API_TOKEN=${MASK}`, 'PATH=/bin', 'EMPTY=', `X_KEY=${MASK}`] } });
    assert.deepEqual(maskInspectEnv({ Id: 'no config' }), { Id: 'no config' });
  });
});
