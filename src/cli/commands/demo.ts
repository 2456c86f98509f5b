import { EXIT, UsageError, type Command } from '../command.js';
import { runDemo } from '../../demo/run-demo.js';

export const demoCommand: Command = async (argv, io) => {
  if (argv.length > 0) throw new UsageError(`demo takes no arguments (got "${argv.join(' ')}")`);
  return (await runDemo(io)) ? EXIT.ok : EXIT.failure;
};
