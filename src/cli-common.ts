// What every command module shares: usage errors, limits, the exit on failure. Kept light:
// src/cli.ts imports it before any command runs.
import { CommanderError } from 'commander';
import { totalmem } from 'node:os';

export function fail(message: string, code: number): never {
  process.stderr.write(`zhibiao: ${message}\n`);
  process.exit(code);
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CommanderError(2, 'zhibiao.usage', `not a positive whole number: ${value}`);
  return n;
}

export interface LimitOptions {
  timeout: number;
  maxMemory?: number;
}

/** 1024 MB per worker, less when CONCURRENCY workers at that limit would take more than 60% of RAM (never under 256). */
export function defaultMaxMemory(concurrency: number): number {
  return Math.max(256, Math.min(1024, Math.floor((totalmem() / 2 ** 20) * 0.6 / Math.max(1, concurrency))));
}

/** A command action whose module (default export) is imported when the command runs. */
export function lazy<A extends unknown[]>(load: () => Promise<{ default: (...args: A) => unknown }>): (...args: A) => Promise<void> {
  return async (...args) => {
    await (await load()).default(...args);
  };
}
