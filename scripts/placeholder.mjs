#!/usr/bin/env node
// A root script whose implementation has not landed yet. It says so and fails: it never pretends to work.
const [name, issue] = process.argv.slice(2);
console.error(`pnpm ${name}: not implemented yet (tracked in issue #${issue}). Nothing was run.`);
process.exit(1);
