// The official JavaScript client walking the user's builds the way its README shows (for await over list()).
// Usage: node walk-apify-client.mjs <baseUrl> <token> [walks] [latencyActor]
// Prints one JSON line: {"walks":[{"items","ms","firstMs"}, ...], "latency": {"items","ms"}}; walk 1 is the first in
// a fresh process; "latency" walks the builds of latencyActor (a slow server) after the walks.
import { ApifyClient } from 'apify-client';

const [baseUrl, token, walksArg, latencyActor] = process.argv.slice(2);

async function walk(list) {
    const started = process.hrtime.bigint();
    let firstMs = null;
    let items = 0;
    for await (const build of list) {
        if (items === 0) firstMs = Number(process.hrtime.bigint() - started) / 1e6;
        items++;
    }
    return { items, ms: Number(process.hrtime.bigint() - started) / 1e6, firstMs };
}

const walks = [];
for (let w = 0; w < Number(walksArg ?? 2); w++) {
    walks.push(await walk(new ApifyClient({ baseUrl, token }).builds().list()));
}
const latency = latencyActor ? await walk(new ApifyClient({ baseUrl, token }).actor(latencyActor).builds().list()) : null;
console.log(JSON.stringify({ walks, latency }));
