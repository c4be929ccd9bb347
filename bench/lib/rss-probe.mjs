// Preloaded into the pod by the benchmark (`node --import`): when the process exits, writes its peak resident set
// size (getrusage maxRSS, in KiB) to the file named by BENCH_RSS_FILE. The pod itself is not changed.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, JSON.stringify({ maxRssKib: process.resourceUsage().maxRSS }));
  });
}
