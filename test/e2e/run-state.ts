// What the suite's root hook prepares once for every test (set in setup.ts).
export const e2eRun = {
  /** This run's temporary folder. */
  root: '',
  /** code-server extensions dir holding the packaged Flotilla .vsix. */
  extensionsDir: '',
};
