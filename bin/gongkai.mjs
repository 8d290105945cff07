#!/usr/bin/env node
// The `gongkai` command (`npx gongkai …` in the checkout). TypeScript sources run through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const args = process.argv.slice(2);
const code = await runCli(args.length ? args : ['--help']);
// `serve` keeps running until a signal; every other command ends here, whatever handles are left open.
if (code !== 0 || args[0] !== 'serve') process.exit(code);
