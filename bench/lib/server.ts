import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/frontline.js', import.meta.url));

/** Runs `frontline …` from the build and resolves with its output; rejects on a non-zero exit. */
export function frontline(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', FRONTLINE_DEMO: '0', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => (code === 0 ? resolve({ stdout, stderr, ms: performance.now() - started }) : reject(new Error(`frontline ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`))));
  });
}

export interface RunningServer {
  url: string;
  pid: number;
  /** Resident memory now and at its peak, in MB, read from /proc. */
  memory(): { rssMb: number; peakMb: number };
  /** CPU time the server process has used so far, in seconds (user + system). */
  cpuSeconds(): number;
  /** The same for its main thread alone (the event loop; the rest is worker and thread-pool threads). */
  mainThreadCpuSeconds(): number;
  stop(): Promise<void>;
}

/** User + system CPU seconds from a /proc stat file: fields 14 and 15, after the parenthesised command name, in clock ticks. */
function cpuOf(statFile: string): number {
  const fields = readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Starts `frontline serve` from the build (what `npm start` runs), as a separate process, and
 * waits until it listens. `nodeArgs` go to node before the script (`--cpu-prof` …).
 */
export async function startServer(env: Record<string, string>, port: number, nodeArgs: string[] = []): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, BIN, 'serve'], {
    env: { ...process.env, LOG_LEVEL: 'warn', FRONTLINE_DEMO: '0', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes('listening on')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${output.slice(-2000)}`)));
  });
  const status = () => readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status())?.[1] ?? 0);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    memory: () => ({ rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 }),
    cpuSeconds: () => cpuOf(`/proc/${child.pid}/stat`),
    mainThreadCpuSeconds: () => cpuOf(`/proc/${child.pid}/task/${child.pid}/stat`),
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
