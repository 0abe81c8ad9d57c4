import { ConfigError, DataFileError, OutOfSpaceError } from '../core/errors.js';
import { PACKAGE } from '../bench/version.js';
import { runCommand } from './run.js';

const USAGE = `bananas ${PACKAGE.version}: neural architecture search with BANANAS and its baselines

usage:
  bananas run     [flags]        run seeded trials on a tabular benchmark and print a summary
  bananas report  DIR [flags]    summarise a results folder: markdown table and SVG plots
  bananas predict [flags]        evaluate the meta-network predictor on held-out architectures
  bananas help [COMMAND]         flags of a command
  bananas version

Run 'bananas help run' for the flags of a command.`;

/** Output channels, so tests can capture what the CLI renders. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (live progress line). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
  env: process.env,
};

/**
 * Entry point of the `bananas` command. Returns the exit code: 0 on success, 2 for a usage or
 * configuration error, 1 for a data or runtime error. Errors are one line on stderr; the stack
 * is shown only with BANANAS_DEBUG=1.
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest, io);
      case 'report': {
        const { reportCommand } = await import('./report.js');
        return await reportCommand(rest, io);
      }
      case 'predict': {
        const { predictCommand } = await import('./predict.js');
        return await predictCommand(rest, io);
      }
      case 'help':
      case '--help':
      case '-h':
        return await helpCommand(rest[0], io);
      case 'version':
      case '--version':
        io.out(`${PACKAGE.version}\n`);
        return 0;
      case undefined:
        io.err(USAGE + '\n');
        return 2;
      default:
        throw new ConfigError(
          `unknown command '${command}'; valid: run, report, predict, help, version`,
        );
    }
  } catch (e) {
    return reportError(e, io);
  }
}

async function helpCommand(command: string | undefined, io: CliIo): Promise<number> {
  if (command === 'run') {
    const { runHelp } = await import('./run.js');
    io.out(runHelp() + '\n');
  } else if (command === 'report') {
    const { reportHelp } = await import('./report.js');
    io.out(reportHelp() + '\n');
  } else if (command === 'predict') {
    const { predictHelp } = await import('./predict.js');
    io.out(predictHelp() + '\n');
  } else if (command === undefined) io.out(USAGE + '\n');
  else throw new ConfigError(`no help for '${command}'; commands: run, report, predict`);
  return 0;
}

/** Prints an error as one line and maps it to an exit code. */
function reportError(e: unknown, io: CliIo): number {
  const err = e instanceof Error ? e : new Error(String(e));
  const usage = err instanceof ConfigError;
  // Node's file-system errors (ENOENT, EISDIR, EACCES, ...) name the path: report them plainly
  const code = (err as unknown as { code?: unknown }).code;
  const system = typeof code === 'string' && /^E[A-Z]+$/.test(code);
  const known =
    usage ||
    system ||
    err instanceof DataFileError ||
    err instanceof OutOfSpaceError ||
    err instanceof TypeError ||
    err instanceof RangeError ||
    err instanceof SyntaxError;
  const prefix = known ? 'error' : `internal error (${err.name})`;
  io.err(`bananas: ${prefix}: ${err.message.split('\n')[0]}\n`);
  if (io.env['BANANAS_DEBUG'] === '1' && err.stack) io.err(err.stack + '\n');
  else if (!known) io.err('bananas: set BANANAS_DEBUG=1 to see the stack trace\n');
  return usage ? 2 : 1;
}
