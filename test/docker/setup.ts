// Root hooks for the Docker suite: fail at once, with what to do, when no engine answers, and
// check after the run that no test left a labelled object behind.
import Docker from 'dockerode';
import { assertNothingLeaked } from './helpers';

before(async function () {
  this.timeout(15_000);
  const docker = new Docker();
  try {
    await docker.ping();
  } catch (error) {
    throw new Error(
      `The Docker tests need a running Docker engine (DOCKER_HOST or /var/run/docker.sock) and none answered: ${(error as Error).message}. ` +
        'Run scripts/ensure-docker.sh (installs and starts one on Debian) and scripts/build-test-images.sh.',
      { cause: error },
    );
  }
});

after(async function () {
  this.timeout(60_000);
  await assertNothingLeaked();
});
