import assert from 'node:assert/strict';
import { FlotillaError } from '../../../src/core/model/errors';
import { dockerOptions, endpointTransport, hostAddresses } from '../../../src/engine/endpoint';
import { isUnreachable, portInUse, translate } from '../../../src/engine/errors';

const ENDPOINT = 'unix:///var/run/docker.sock';

// The shape docker-modem gives an engine answer that is not a success (wording from Docker 20.10).
function answer(statusCode: number, message: string) {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), { statusCode, json: { message } });
}

function connection(code: string, message: string) {
  return Object.assign(new Error(message), { code, errno: -2, syscall: 'connect' });
}

describe('engine error translation', () => {
  it('says which endpoint cannot be reached, why, and what to do', () => {
    const error = translate('unix:///tmp/nonexistent.sock', connection('ENOENT', 'connect ENOENT /tmp/nonexistent.sock'));
    assert.equal(error.code, 'engine-unreachable');
    assert.equal(
      error.message,
      'Cannot reach the Docker engine at unix:///tmp/nonexistent.sock (no socket at that path, ENOENT). Start Docker, or point DOCKER_HOST (or the flotilla.dockerHost setting) at a running engine.',
    );
    assert.equal(error.detail, 'connect ENOENT /tmp/nonexistent.sock');
    assert.equal(translate('tcp://127.0.0.1:1', connection('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1')).code, 'engine-unreachable');
    assert.equal(translate(ENDPOINT, connection('EACCES', 'connect EACCES /var/run/docker.sock')).code, 'engine-unreachable');
    // An engine that answered, even with a code that looks like a socket error, is reachable.
    assert.equal(isUnreachable(Object.assign(new Error('x'), { code: 'ENOENT', statusCode: 500 })), false);
  });

  it('names the missing image and how to get it', () => {
    const error = translate(ENDPOINT, answer(404, 'No such image: flotilla-test/nope:1'), { image: 'flotilla-test/nope:1', name: 'p-web-1-app' });
    assert.equal(error.code, 'image-missing');
    assert.equal(error.message, `Image "flotilla-test/nope:1" is not on the engine at ${ENDPOINT}: build it (docker build -t flotilla-test/nope:1 …) or pull it first.`);
    assert.equal(error.detail, 'No such image: flotilla-test/nope:1');
    // A 404 about something else (here: the network) is not a missing image.
    assert.equal(translate(ENDPOINT, answer(404, 'network flotilla-x not found'), { image: 'a:1' }).code, 'engine-error');
  });

  it('names the host address of a taken port, in both of the engine wordings', () => {
    const proxy =
      'driver failed programming external connectivity on endpoint p-web-1-app (205d): Error starting userland proxy: listen tcp4 127.0.0.1:35157: bind: address already in use';
    const allocator = 'driver failed programming external connectivity on endpoint p-web-1-app (92b5): Bind for 127.0.0.1:32788 failed: port is already allocated';
    assert.equal(portInUse(proxy), '127.0.0.1:35157');
    assert.equal(portInUse(allocator), '127.0.0.1:32788');
    assert.equal(portInUse('listen udp [::]:53: bind: address already in use'), '[::]:53');
    assert.equal(portInUse('no such container'), undefined);
    const error = translate(ENDPOINT, answer(500, proxy));
    assert.equal(error.code, 'port-in-use');
    assert.match(error.message, /^Host port 127\.0\.0\.1:35157 is already in use: /);
    assert.equal(error.detail, proxy);
  });

  it('names a container name taken by someone else', () => {
    const message =
      'Conflict. The container name "/shop-web-1-app" is already in use by container "c247". You have to remove (or rename) that container to be able to reuse that name.';
    const error = translate(ENDPOINT, answer(409, message));
    assert.equal(error.code, 'name-conflict');
    assert.match(
      error.message,
      /^The name "shop-web-1-app" is already taken on the engine at unix:\/\/\/var\/run\/docker\.sock by a container of another project or one made by hand: /,
    );
  });

  it('keeps FlotillaErrors, reads aborts as cancelled, and passes anything else on with the engine words', () => {
    const own = new FlotillaError('timeout', 'x');
    assert.equal(translate(ENDPOINT, own), own);
    assert.equal(translate(ENDPOINT, Object.assign(new Error('The operation was aborted'), { name: 'AbortError' })).code, 'cancelled');
    const other = translate(ENDPOINT, answer(500, 'something broke'));
    assert.deepEqual([other.code, other.message, other.detail], ['engine-error', `The Docker engine at ${ENDPOINT} refused: something broke`, 'something broke']);
  });
});

describe('engine endpoints', () => {
  const none = { host: undefined, port: undefined, socketPath: undefined, protocol: undefined, username: undefined };
  it('reads the DOCKER_HOST forms, overriding what docker-modem would take from the environment', () => {
    assert.deepEqual(dockerOptions('unix:///var/run/docker.sock', {}), { ...none, socketPath: '/var/run/docker.sock' });
    assert.deepEqual(dockerOptions('npipe:////./pipe/docker_engine', {}), { ...none, socketPath: '\\\\.\\pipe\\docker_engine' });
    assert.deepEqual(dockerOptions('tcp://10.0.0.5:2375', {}), { ...none, host: '10.0.0.5', port: 2375, protocol: 'http' });
    assert.deepEqual(dockerOptions('tcp://10.0.0.5', { DOCKER_TLS_VERIFY: '1' }), { ...none, host: '10.0.0.5', port: 2376, protocol: 'https' });
    assert.deepEqual(dockerOptions('ssh://deploy@build-box:2222', { SSH_AUTH_SOCK: '/run/agent' }), {
      ...none,
      host: 'build-box',
      port: 2222,
      protocol: 'ssh',
      username: 'deploy',
      sshOptions: { agent: '/run/agent' },
    });
  });

  it('names how each form reaches its engine (for the choice of backend addresses)', () => {
    const forms = ['unix:///var/run/docker.sock', 'npipe:////./pipe/docker_engine', 'tcp://10.0.0.5:2375', 'https://box:2376', 'ssh://deploy@build-box'];
    assert.deepEqual(forms.map(endpointTransport), ['unix', 'npipe', 'tcp', 'tcp', 'ssh']);
  });

  it("lists this host's own addresses (where a local bridge's gateway is found)", () => {
    assert.ok(hostAddresses().has('127.0.0.1'));
  });

  it('refuses what it cannot read, saying which forms it takes', () => {
    for (const endpoint of ['http//nope', 'ftp://host', 'unix://relative.sock', 'tcp://']) {
      assert.throws(
        () => dockerOptions(endpoint, {}),
        (error: FlotillaError) => error.code === 'refused' && error.message.includes(endpoint) && error.message.includes('ssh://'),
      );
    }
  });
});
