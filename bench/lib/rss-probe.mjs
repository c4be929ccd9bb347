// Preloaded into the pod by the benchmark (`node --import`): when the process exits, writes its peak resident set
// size to the file named by BENCH_RSS_FILE, with where its memory is at that moment (V8's heap, the code in it,
// memory held outside it). The pod itself is not changed.
// VmHWM (/proc/self/status) is the peak of this process's own memory; getrusage's maxRSS is not used because on
// Linux it also carries the parent's peak from before exec (the benchmark process that spawned the pod).
import { readFileSync, writeFileSync } from 'node:fs';
import { getHeapCodeStatistics, getHeapStatistics } from 'node:v8';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    let vmHwmKib;
    try {
      const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
      if (match) vmHwmKib = Number(match[1]);
    } catch {
      // Not Linux: fall back to maxRSS below.
    }
    const heap = getHeapStatistics();
    const code = getHeapCodeStatistics();
    const memory = process.memoryUsage();
    writeFileSync(
      target,
      JSON.stringify({
        maxRssKib: vmHwmKib ?? process.resourceUsage().maxRSS,
        source: vmHwmKib === undefined ? 'maxRSS' : 'VmHWM',
        atExit: {
          rssBytes: memory.rss,
          heapCommittedBytes: heap.total_heap_size,
          heapUsedBytes: heap.used_heap_size,
          codeBytes: code.code_and_metadata_size + code.bytecode_and_metadata_size,
          externalBytes: memory.external,
        },
      }),
    );
  });
}
