// Compose's value formats: durations, byte sizes, command strings, port mappings, variables.
import assert from 'node:assert/strict';
import { parseDotEnv, substitute } from '../../../src/interop/compose/interpolate';
import { readPort } from '../../../src/interop/compose/ports';
import { convertDuration, convertMemory, splitCommand } from '../../../src/interop/compose/units';

describe('compose values', () => {
  it('reads Go durations into the largest whole Flotilla unit', () => {
    assert.equal(convertDuration('1m30s'), '90s');
    assert.equal(convertDuration('2m'), '2m');
    assert.equal(convertDuration('1h'), '1h');
    assert.equal(convertDuration('1.5s'), '1500ms');
    assert.equal(convertDuration('500us'), '1ms');
    assert.equal(convertDuration('0'), '0s');
    assert.equal(convertDuration('ten seconds'), undefined);
  });

  it('reads docker byte sizes as binary units', () => {
    assert.equal(convertMemory('512m'), '512Mi');
    assert.equal(convertMemory('1g'), '1Gi');
    assert.equal(convertMemory('1gb'), '1Gi');
    assert.equal(convertMemory('1.5g'), '1536Mi');
    assert.equal(convertMemory(1000), 1000);
    assert.equal(convertMemory('lots'), undefined);
  });

  it('splits command strings into words as compose does, quotes kept together', () => {
    assert.deepEqual(splitCommand(`sh -c "echo 'hi there' && sleep 1"`), ['sh', '-c', "echo 'hi there' && sleep 1"]);
    assert.deepEqual(splitCommand(`a  'b c' d\\ e ""`), ['a', 'b c', 'd e', '']);
  });

  it('reads short and long port mappings, ranges expanded', () => {
    assert.deepEqual(readPort('80'), [{ target: 80, protocol: 'tcp' }]);
    assert.deepEqual(readPort('8080:80/udp'), [{ target: 80, published: 8080, protocol: 'udp' }]);
    assert.deepEqual(readPort('127.0.0.1:8080:80'), [{ target: 80, published: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }]);
    assert.deepEqual(readPort('127.0.0.1::80'), [{ target: 80, hostIp: '127.0.0.1', protocol: 'tcp' }]);
    assert.deepEqual(readPort('[::1]:8080:80'), [{ target: 80, published: 8080, hostIp: '::1', protocol: 'tcp' }]);
    assert.deepEqual(readPort('9000-9001:8000-8001'), [
      { target: 8000, published: 9000, protocol: 'tcp' },
      { target: 8001, published: 9001, protocol: 'tcp' },
    ]);
    assert.deepEqual(readPort({ target: 80, published: '8080', host_ip: '127.0.0.1' }), [{ target: 80, published: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }]);
    assert.match(readPort('eighty') as string, /not a port mapping/);
  });

  it('substitutes variables with every operator and reports unset ones', () => {
    const vars = { SET: 'v', EMPTY: '' };
    assert.equal(substitute('${SET:-d} ${EMPTY:-d} ${EMPTY-d} ${NONE-d}', vars).value, 'v d  d');
    assert.equal(substitute('${SET:+alt} ${EMPTY:+alt} ${EMPTY+alt}', vars).value, 'alt  alt');
    assert.equal(substitute('$SET-$$SET-${NONE:-${SET}}', vars).value, 'v-$SET-v');
    assert.deepEqual(substitute('a${NONE}b', vars), { value: 'ab', unset: ['NONE'], required: undefined });
    assert.equal(substitute('${EMPTY:?needs a value}', vars).required, 'EMPTY is required: needs a value');
    assert.equal(substitute('${EMPTY?needs a value}', vars).required, undefined);
  });

  it('reads .env files: export, comments, quotes, earlier variables', () => {
    const env = parseDotEnv(`# c\nexport A=1\nB = two words # note\nC='$A literal'\nD="x\\ny $A"\nnot a line\n`);
    assert.deepEqual(env, { A: '1', B: 'two words', C: '$A literal', D: 'x\ny 1' });
  });
});
