// What the server under test costs: its processes (the primary and its workers), their CPU time and memory,
// read from /proc (Linux), as the load test samples them.
import { readdirSync, readFileSync } from 'node:fs';

/** The process and its descendants: a multi-process server is a primary and its forked workers. */
export function listProcessTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (!stat) continue;
    // Field 4 of /proc/<pid>/stat (the first after the command name) is the parent's pid.
    const parent = Number(stat[1]);
    parents.set(parent, [...(parents.get(parent) ?? []), Number(name)]);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of parents.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/** CPU seconds (user + system) the processes have used, from /proc/<pid>/stat fields 14 and 15, in clock ticks (100 a second on Linux). */
export function readCpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat) ticks += Number(stat[11]) + Number(stat[12]);
  }
  return ticks / 100;
}

/** Resident memory of one process in MB (VmRSS), 0 when it is gone. */
export function readRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0) / 1024;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0; // exited between the listing and the read
    throw error;
  }
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces), or undefined when the process is gone. */
function readStat(pid: number): string[] | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
    throw error;
  }
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/**
 * Samples the tree's memory every `intervalMs` until stopped: the peak of the sum over all processes (what
 * the container must hold) and the peak of any one process (what one heap limit must allow).
 */
export function sampleMemory(root: number, intervalMs = 100): { stop(): { peakTotalMb: number; peakProcessMb: number; processes: number } } {
  let peakTotalMb = 0;
  let peakProcessMb = 0;
  let processes = 0;
  let pids: number[] = [];
  let samples = 0;
  const sample = () => {
    // Listing scans all of /proc: once a second is enough to see a replaced worker, and keeps the sampler cheap.
    if (samples++ % 10 === 0) pids = listProcessTree(root);
    processes = Math.max(processes, pids.length);
    let total = 0;
    for (const pid of pids) {
      const rss = readRssMb(pid);
      total += rss;
      peakProcessMb = Math.max(peakProcessMb, rss);
    }
    peakTotalMb = Math.max(peakTotalMb, total);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakTotalMb, peakProcessMb, processes };
    },
  };
}
