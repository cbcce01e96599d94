// `flotilla` command: one table of commands on the same core as the editor.

import { isFlotillaError } from '../core/model/errors';
import * as deploy from './commands/deploy';
import * as down from './commands/down';
import * as exportCommand from './commands/export';
import * as history from './commands/history';
import * as importCommand from './commands/import';
import * as logs from './commands/logs';
import * as plan from './commands/plan';
import * as restart from './commands/restart';
import * as rollback from './commands/rollback';
import * as scale from './commands/scale';
import * as status from './commands/status';
import * as up from './commands/up';
import * as validate from './commands/validate';
import { UsageError } from './context';
import { type Output, paint, terminal } from './output';

interface Command {
  help: string;
  run(args: string[], output: Output): Promise<number>;
}

const COMMANDS: Record<string, Command> = { up, down, status, logs, validate, plan, deploy, rollback, restart, scale, history, import: importCommand, export: exportCommand };

function usage(output: Output): void {
  output.out('Flotilla: pods, health and deploys on your Docker engine.\n\nUsage: flotilla COMMAND [options]\n');
  for (const command of Object.values(COMMANDS)) output.out(`  ${command.help}`);
  output.out('\nThe manifest is ./flotilla.yaml unless -f FILE names another. The engine is DOCKER_HOST or the local socket.');
}

export async function main(argv: string[], output: Output = terminal): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    usage(output);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    output.err(`flotilla: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return 2;
  }
  // Every command answers --help (or -h) with its own usage, before it parses or reads anything.
  if (args.includes('--help') || args.includes('-h')) {
    output.out(`usage: flotilla ${command.help}`);
    return 0;
  }
  try {
    return await command.run(args, output);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      output.err(`flotilla ${name}: ${(error as Error).message}`);
      return 2;
    }
    if (isFlotillaError(error)) {
      output.err(paint(output, 'red', `flotilla ${name}: ${error.message}`));
      if (error.detail && process.env.FLOTILLA_DEBUG) output.err(error.detail);
      return error.code === 'cancelled' ? 130 : 1;
    }
    output.err(`flotilla ${name}: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
