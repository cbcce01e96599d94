// Every line a supervisor, a deploy, a plan or a service port says, worded once for the CLI and
// the editor. Pure: may import any core module except the editor's store (which imports this).

export { describeBackoff } from './backoff';
export { describeDeployError, describeDeployNote, describeDeployOutcome } from './deploy';
export { describeEvent, describeHealing, describeHealthChange, describeNote } from './notes';
export { describeAction, formatPlan, progressText } from './plan';
export { describeProxyNote, type ProxyNote } from './proxy';
export { describePortClosed, describePortFailed, describeServing } from './serving';
export { describeCountdown } from './time';
export type { Tone, Worded } from './tone';
