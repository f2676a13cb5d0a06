// node dist/scripts/bench/shared-rate-limit.js [--takes N]: what charging a client in the primary's shared
// rate-limit table costs a worker process (the multi-process server's design, README "On every core"). A real
// node:cluster primary answers with the server's own code (answerQuestion over a createRateLimiter table);
// one worker charges through its PrimaryLink, first one call at a time (the latency a request waits), then 16
// at once (16 connections' worth). Reported: round trip p50/p99 and CPU per charge in the worker and in the
// primary, read from process.cpuUsage on each side.
import cluster from 'node:cluster';
import { parseScriptArgs } from '../script-args.js';
import { answerQuestion } from '../../src/transports/http/cluster/serve-cluster.js';
import { isWorkerMessage } from '../../src/transports/http/cluster/cluster-messages.js';
import { connectToPrimary, processChannel } from '../../src/transports/http/cluster/primary-link.js';
import { createRateLimiter } from '../../src/transports/http/rate-limiter.js';
import { percentile } from './percentiles.js';

const { values } = parseScriptArgs(import.meta.url, { options: { takes: { type: 'string', default: '20000' } } });
const takes = Number(values.takes);

if (cluster.isPrimary) {
  const buckets = createRateLimiter({ burst: 1e9, perMinute: 1e9 });
  const worker = cluster.fork();
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  worker.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && (message as { bench?: string }).bench === 'start') {
      cpuAtStart = process.cpuUsage();
      return;
    }
    if (typeof message === 'object' && message !== null && (message as { bench?: string }).bench === 'done') {
      const cpu = process.cpuUsage(cpuAtStart);
      const report = (message as { report: string }).report;
      console.log(`${report}\nprimary CPU per charge: ${((cpu.user + cpu.system) / (2 * takes)).toFixed(1)} µs (both phases)`);
      worker.kill();
      return;
    }
    if (isWorkerMessage(message) && message.type === 'upsun-docs:take') worker.send(answerQuestion(message, { buckets, status: () => ({ workers: 1, serving: 1, replaced: 0 }) }));
  });
} else {
  const link = connectToPrimary(cluster.worker!.id, processChannel());
  const lines: string[] = [];
  // Warm both sides' JIT before measuring.
  for (let i = 0; i < 2000; i++) await link.rateLimiter.take(`client-${i % 100}`, 1);
  process.send!({ bench: 'start' });
  const times: number[] = [];
  let cpu = process.cpuUsage();
  for (let i = 0; i < takes; i++) {
    const started = performance.now();
    await link.rateLimiter.take(`client-${i % 1000}`, 1);
    times.push(performance.now() - started);
  }
  let used = process.cpuUsage(cpu);
  lines.push(`one at a time: ${takes} charges, round trip p50 ${(percentile(times, 50) * 1000).toFixed(0)} µs, p99 ${(percentile(times, 99) * 1000).toFixed(0)} µs; worker CPU per charge ${((used.user + used.system) / takes).toFixed(1)} µs`);
  cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < takes; i += 16) await Promise.all(Array.from({ length: 16 }, (_, j) => link.rateLimiter.take(`client-${(i + j) % 1000}`, 1)));
  const elapsed = performance.now() - started;
  used = process.cpuUsage(cpu);
  lines.push(`16 at once: ${takes} charges in ${elapsed.toFixed(0)} ms (${Math.round((takes / elapsed) * 1000)} a second); worker CPU per charge ${((used.user + used.system) / takes).toFixed(1)} µs`);
  process.send!({ bench: 'done', report: lines.join('\n') });
}
