#!/usr/bin/env node
import { runCli } from './cli/main.js';

const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`driftback: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
