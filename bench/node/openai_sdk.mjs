// The `openai` Node SDK as a client of the same endpoint, K requests in flight, N in all; Baton's
// engine is compared with it in calls per CPU-second. run_all.sh installs the SDK outside the
// repository and copies this file next to it. Prints one JSON line.
//
// node openai_sdk.mjs BASE_URL BODY_FILE N IN_FLIGHT
import fs from 'node:fs';
import OpenAI from 'openai';

const [baseURL, bodyFile, total, inFlight] = process.argv.slice(2);
const n = Number(total), k = Number(inFlight);
const body = JSON.parse(fs.readFileSync(bodyFile, 'utf8'));
const client = new OpenAI({ baseURL, apiKey: 'sim-no-key', maxRetries: 0 });
const latencies = [];
let started = 0, ok = 0, failed = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
async function worker() {
    while (started < n) {
        ++started;
        const s = performance.now();
        try {
            await client.chat.completions.create(body);
            ++ok;
        } catch (e) {
            ++failed;
        }
        latencies.push((performance.now() - s) * 1000);
    }
}
await Promise.all(Array.from({ length: k }, worker));
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6, wallS = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const pct = p => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] || 0;
console.log(JSON.stringify({
    client: 'openai-node-sdk', calls: ok, failed, in_flight: k, wall_s: wallS, cpu_s: cpuS,
    cpu_us_per_call: cpuS * 1e6 / Math.max(1, ok), calls_per_cpu_s: ok / Math.max(cpuS, 1e-9),
    p50_us: pct(0.5), p99_us: pct(0.99),
}));
