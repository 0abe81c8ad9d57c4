import { ConfigError } from '../core/errors.js';

/** Kinds of flag value. */
export type FlagKind = 'string' | 'int' | 'number' | 'list' | 'intList' | 'boolean';

/** One command-line flag. */
export interface FlagSpec {
  name: string;
  kind: FlagKind;
  help: string;
  /** Allowed values for 'string' and each element of 'list'. */
  choices?: readonly string[];
}

export type ParsedFlags = Record<string, string | number | boolean | string[] | number[]>;

/**
 * Parses `--name value`, `--name=value` and bare `--flag` (booleans). Unknown flags, missing
 * values, malformed numbers and values outside `choices` throw ConfigError naming the flag.
 * Positional arguments are returned in `rest`.
 */
export function parseFlags(
  argv: readonly string[],
  specs: readonly FlagSpec[],
): { flags: ParsedFlags; rest: string[] } {
  const flags: ParsedFlags = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const spec = specs.find((s) => s.name === name);
    if (spec === undefined) {
      throw new ConfigError(
        `unknown flag --${name}; valid: ${specs.map((s) => '--' + s.name).join(' ')}`,
      );
    }
    if (spec.kind === 'boolean') {
      if (eq >= 0) {
        const v = arg.slice(eq + 1);
        if (v !== 'true' && v !== 'false')
          throw new ConfigError(`--${name} takes no value or true/false, got '${v}'`);
        flags[name] = v === 'true';
      } else flags[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new ConfigError(`--${name} needs a value`);
      i++;
    }
    flags[name] = convert(spec, value);
  }
  return { flags, rest };
}

function convert(spec: FlagSpec, value: string): string | number | string[] | number[] {
  const bad = (what: string): never => {
    throw new ConfigError(`--${spec.name} expects ${what}, got '${value}'`);
  };
  switch (spec.kind) {
    case 'string':
      if (value === '') bad('a value');
      if (spec.choices && !spec.choices.includes(value)) bad(`one of ${spec.choices.join(', ')}`);
      return value;
    case 'int': {
      if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value)))
        bad('an integer below 2^53');
      return Number(value);
    }
    case 'number': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) bad('a number');
      return n;
    }
    case 'list': {
      const items = value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (items.length === 0) bad('a comma-separated list');
      for (const it of items)
        if (spec.choices && !spec.choices.includes(it))
          bad(`items from ${spec.choices.join(', ')}`);
      return items;
    }
    case 'intList': {
      const items = value.split(',').map((s) => s.trim());
      if (items.some((s) => !/^\d+$/.test(s)))
        bad('a comma-separated list of non-negative integers');
      return items.map(Number);
    }
    default:
      return value;
  }
}

/** Help text for a list of flags, one per line. */
export function formatFlagHelp(specs: readonly FlagSpec[]): string {
  const width = Math.max(...specs.map((s) => s.name.length + (s.kind === 'boolean' ? 0 : 6))) + 4;
  return specs
    .map((s) => {
      const left = `  --${s.name}${s.kind === 'boolean' ? '' : ' VALUE'}`;
      return `${left.padEnd(width + 2)}${s.help}`;
    })
    .join('\n');
}
