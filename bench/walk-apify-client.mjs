// The official JavaScript client walking the user's builds the way its README shows (for await over list()).
// Usage: node walk-apify-client.mjs <baseUrl> <token> [walks]
// Prints one JSON line: {"walks":[{"items","ms","firstMs"}, ...]}; walk 1 is the first in a fresh process.
import { ApifyClient } from 'apify-client';

const [baseUrl, token, walksArg] = process.argv.slice(2);
const walks = [];
for (let w = 0; w < Number(walksArg ?? 2); w++) {
    const client = new ApifyClient({ baseUrl, token });
    const started = process.hrtime.bigint();
    let firstMs = null;
    let items = 0;
    for await (const build of client.builds().list()) {
        if (items === 0) firstMs = Number(process.hrtime.bigint() - started) / 1e6;
        items++;
    }
    walks.push({ items, ms: Number(process.hrtime.bigint() - started) / 1e6, firstMs });
}
console.log(JSON.stringify({ walks }));
