// Command-line flags shared by the benchmark scripts over ../shared/bench.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);

export const flag = (name: string): boolean => args.includes(name);

export const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** `--dir PATH`, else the named folder of ../shared/bench next to this checkout. */
export function benchDir(name: string): string {
  return resolve(option('--dir') ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'bench', name));
}

/** `--only a,b`: the names to keep, or undefined for all. */
export const onlyNames = (): string[] | undefined => option('--only')?.split(',');
