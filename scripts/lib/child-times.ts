// Wall and CPU time of a child process, for the benchmarks that run commands as a user would.
// CPU is user + system of the command and all its threads and children, from bash's `times`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ChildTiming {
  wall: number;
  cpu: number;
  /** The last line the command printed (stdout and stderr together), e.g. its summary. */
  lastLine: string;
}

/** Runs ARGV with its output in OUTPUT_FILE; throws unless it exits with one of OK. Seconds. */
export function timeChild(argv: string[], outputFile: string, ok: number[] = [0]): ChildTiming {
  const started = process.hrtime.bigint();
  const result = spawnSync('bash', ['-c', '"$@" > "$ZHIBIAO_BENCH_OUT" 2>&1; status=$?; times; exit $status', 'bench', ...argv], {
    encoding: 'utf8', timeout: 3_600_000, env: { ...process.env, ZHIBIAO_BENCH_OUT: outputFile },
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const output = readFileSync(outputFile, 'utf8').trim().split('\n');
  if (result.error || result.status === null || !ok.includes(result.status)) {
    throw new Error(`${argv.slice(0, 3).join(' ')} … exited ${result.status ?? result.error}: ${output.slice(-2).join(' / ')}`);
  }
  const children = result.stdout.trim().split('\n').at(-1) ?? '';
  const [user, system] = [...children.matchAll(/(\d+)m([\d.]+)s/gu)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { wall, cpu: user + system, lastLine: output.at(-1) ?? '' };
}
