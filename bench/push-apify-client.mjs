// The official JavaScript client pushing items into a dataset with pushItems, in batches, as its docs show.
// Usage: node push-apify-client.mjs <baseUrl> <token> <datasetId> <count> <batchSize>
// The items (the same shape as bench/Measure-Storage.ps1 makes) are made before the clock starts.
// Prints one JSON line: {"items","ms"}.
import { ApifyClient } from 'apify-client';

const [baseUrl, token, datasetId, countArg, batchArg] = process.argv.slice(2);
const count = Number(countArg), batchSize = Number(batchArg);
const items = Array.from({ length: count }, (_, i) => ({ id: i, name: `item ${i}`, price: i / 100, tags: ['a', 'b'], seller: { name: `seller ${i % 10}` } }));
const dataset = new ApifyClient({ baseUrl, token }).dataset(datasetId);
const started = process.hrtime.bigint();
for (let i = 0; i < count; i += batchSize) await dataset.pushItems(items.slice(i, i + batchSize));
console.log(JSON.stringify({ items: count, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
