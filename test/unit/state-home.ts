// Each test of the calling describe gets an empty state directory (XDG_STATE_HOME), so locks,
// live status and revision files never touch the user's or another test's; restored after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export function useTempStateHome(prefix: string): void {
  const saved = process.env.XDG_STATE_HOME;
  let home: string | undefined;
  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), `flotilla-${prefix}-`));
    process.env.XDG_STATE_HOME = home;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_STATE_HOME;
    else process.env.XDG_STATE_HOME = saved;
    if (home) rmSync(home, { recursive: true, force: true });
  });
}
