import { startStandInApiServer } from '../src/standin/index.js';
import { generatePairs, liveObjects } from './workload.js';

// Runs the API server stand-in in its own process, so the operator's memory is measured alone.
const count = Number(process.argv[2]);
const driftEvery = Number(process.argv[3] ?? 10);
const server = await startStandInApiServer({ objects: liveObjects(generatePairs(count, driftEvery)), historyWindow: 100_000 });
process.send?.({ url: server.url });
process.on('message', (message: { stop?: boolean }) => {
  if (message.stop) void server.close().then(() => process.exit(0));
});
