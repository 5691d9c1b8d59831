// Points each official SDK at a loopback capture server, makes the same calls Baton makes
// (tests/core/tst_conformance.cpp builds the same ones), and writes what each SDK sent:
// method, path, the headers that matter, and the JSON body. Keys are fake; the capture writes
// only the header's form ("Bearer <key>"), never a real credential.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [modules, outDir] = process.argv.slice(2);
const require = createRequire(path.join(modules, 'x.js'));
const OpenAI = require('openai').default ?? require('openai');
const Anthropic = require('@anthropic-ai/sdk').default ?? require('@anthropic-ai/sdk');
const Anthropic0 = require('anthropic-sdk-0').default ?? require('anthropic-sdk-0');
const { GoogleGenAI } = await import(path.join(modules, '@google/genai/dist/node/index.mjs'));

const KEY = 'test-key-0123';
const versionOf = (pkg) => JSON.parse(fs.readFileSync(path.join(modules, pkg, 'package.json'), 'utf8')).version;
const KEPT = ['content-type', 'accept', 'authorization', 'x-api-key', 'anthropic-version', 'x-goog-api-key'];
const SYSTEM = 'Be brief.', USER = 'Capital of France?', MAX = 64, SEED = 3;

// Minimal valid replies, so that each SDK finishes its call normally.
const replies = {
    openai: [false, '{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Paris."},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}'],
    openai_stream: [true, 'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Paris."},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n'],
    anthropic: [false, '{"id":"m","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"Paris."}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}'],
    anthropic_stream: [true, 'event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\nevent: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Paris."}}\n\nevent: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\nevent: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n'],
    gemini: [false, '{"candidates":[{"content":{"role":"model","parts":[{"text":"Paris."}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":1,"candidatesTokenCount":1}}'],
    gemini_stream: [true, 'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Paris."}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":1,"candidatesTokenCount":1}}\n\n'],
};

let current = null; // which reply the next request gets
const captured = [];
const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
        const headers = {};
        for (const k of KEPT) if (req.headers[k] !== undefined) headers[k] = req.headers[k].replaceAll(KEY, '<key>');
        captured.push({ method: req.method, path: req.url, headers, body: body ? JSON.parse(body) : null });
        const [sse, text] = typeof current === 'string' ? replies[current] : current;
        res.writeHead(200, { 'content-type': sse ? 'text/event-stream' : 'application/json' });
        res.end(text);
    });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

async function record(name, reply, sdk, call) {
    current = reply;
    captured.length = 0;
    const result = await call();
    if (captured.length !== 1) throw new Error(`${name}: expected one request, got ${captured.length}`);
    // The reply the SDK read, and what it read from it: Baton must read the same.
    const out = { sdk, ...captured[0], reply: { sse: replies[reply][0], body: replies[reply][1] }, sdk_read: result };
    fs.mkdirSync(path.join(outDir, 'sdk'), { recursive: true });
    fs.writeFileSync(path.join(outDir, 'sdk', `${name}.json`), JSON.stringify(out, null, 2) + '\n');
    console.log(`recorded ${name} (${sdk})`);
}

const messages = [{ role: 'system', content: SYSTEM }, { role: 'user', content: USER }];
const openai = new OpenAI({ apiKey: KEY, baseURL: `${base}/v1`, maxRetries: 0 });
await record('openai', 'openai', 'openai ' + versionOf('openai'), async () => {
    const r = await openai.chat.completions.create({ model: 'gpt-5-mini', messages, max_completion_tokens: MAX, seed: SEED });
    return { text: r.choices[0].message.content, finish_reason: r.choices[0].finish_reason };
});
await record('openai_stream', 'openai_stream', 'openai ' + versionOf('openai'), async () => {
    const s = await openai.chat.completions.create({
        model: 'gpt-5-mini', messages, max_completion_tokens: MAX, seed: SEED, stream: true,
        stream_options: { include_usage: true },
    });
    let text = '', finish_reason = null;
    for await (const c of s) {
        text += c.choices[0]?.delta?.content ?? '';
        finish_reason = c.choices[0]?.finish_reason ?? finish_reason;
    }
    return { text, finish_reason };
});

for (const [name, Client, pkg] of [['anthropic', Anthropic, '@anthropic-ai/sdk'], ['anthropic_v0', Anthropic0, 'anthropic-sdk-0']]) {
    const client = new Client({ apiKey: KEY, baseURL: base, maxRetries: 0 });
    const version = versionOf(pkg);
    const params = { model: 'claude-sonnet-4-6', system: SYSTEM, messages: [{ role: 'user', content: USER }], max_tokens: MAX };
    await record(name, 'anthropic', '@anthropic-ai/sdk ' + version, async () => {
        const r = await client.messages.create(params);
        return { text: r.content[0].text, stop_reason: r.stop_reason };
    });
    await record(name + '_stream', 'anthropic_stream', '@anthropic-ai/sdk ' + version, async () => {
        const s = await client.messages.create({ ...params, stream: true });
        let text = '', stop_reason = null;
        for await (const e of s) {
            if (e.type === 'content_block_delta' && e.delta.type === 'text_delta') text += e.delta.text;
            if (e.type === 'message_delta') stop_reason = e.delta.stop_reason;
        }
        return { text, stop_reason };
    });
}

const genai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: base } });
const genaiVersion = versionOf('@google/genai');
const gparams = {
    model: 'gemini-2.5-flash',
    contents: [{ role: 'user', parts: [{ text: USER }] }],
    config: { systemInstruction: SYSTEM, maxOutputTokens: MAX, seed: SEED },
};
await record('gemini', 'gemini', '@google/genai ' + genaiVersion, async () => {
    const r = await genai.models.generateContent(gparams);
    return { text: r.text, finish_reason: r.candidates[0].finishReason };
});
await record('gemini_stream', 'gemini_stream', '@google/genai ' + genaiVersion, async () => {
    let text = '', finish_reason = null;
    for await (const c of await genai.models.generateContentStream(gparams)) {
        text += c.text ?? '';
        finish_reason = c.candidates?.[0]?.finishReason ?? finish_reason;
    }
    return { text, finish_reason };
});
// Each hand-written response of cases.json, read by its provider's SDK: what the SDK makes of
// the text and the finish reason is what Baton must make of them (tst_conformance).
const cases = JSON.parse(fs.readFileSync(path.join(outDir, 'cases.json'), 'utf8')).cases;
const reads = {};
for (const c of cases) {
    current = [c.stream, fs.readFileSync(path.join(outDir, c.response), 'utf8')];
    try {
        reads[c.name] = await readWithSdk(c);
    } catch (e) {
        reads[c.name] = { error: e.constructor.name, message: String(e.message).slice(0, 200) };
    }
}
fs.writeFileSync(path.join(outDir, 'sdk', 'reads.json'), JSON.stringify(reads, null, 2) + '\n');
console.log(`recorded ${cases.length} SDK reads of cases.json`);
server.close();

async function readWithSdk(c) {
    if (c.provider === 'openai') {
        const args = { model: c.model, messages, max_completion_tokens: MAX };
        if (!c.stream) {
            const r = await openai.chat.completions.create(args);
            return { text: r.choices[0].message.content ?? '', finish_reason: r.choices[0].finish_reason, usage: r.usage };
        }
        let text = '', finish_reason = null, usage = null;
        for await (const k of await openai.chat.completions.create({ ...args, stream: true, stream_options: { include_usage: true } })) {
            text += k.choices[0]?.delta?.content ?? '';
            finish_reason = k.choices[0]?.finish_reason ?? finish_reason;
            usage = k.usage ?? usage;
        }
        return { text, finish_reason, usage };
    }
    if (c.provider === 'anthropic') {
        const client = new Anthropic({ apiKey: KEY, baseURL: base, maxRetries: 0 });
        const args = { model: c.model, system: SYSTEM, messages: [{ role: 'user', content: USER }], max_tokens: MAX };
        if (!c.stream) {
            const r = await client.messages.create(args);
            const text = r.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
            return { text, finish_reason: r.stop_reason, usage: r.usage };
        }
        const stream = client.messages.stream(args);
        const r = await stream.finalMessage();
        const text = r.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
        return { text, finish_reason: r.stop_reason, usage: r.usage };
    }
    const args = { ...gparams, model: c.model };
    if (!c.stream) {
        const r = await genai.models.generateContent(args);
        return { text: r.text ?? '', finish_reason: r.candidates?.[0]?.finishReason ?? null,
                 block_reason: r.promptFeedback?.blockReason ?? null, usage: r.usageMetadata };
    }
    let text = '', finish_reason = null, usage = null;
    for await (const k of await genai.models.generateContentStream(args)) {
        text += k.text ?? '';
        finish_reason = k.candidates?.[0]?.finishReason ?? finish_reason;
        usage = k.usageMetadata ?? usage;
    }
    return { text, finish_reason, block_reason: null, usage };
}
