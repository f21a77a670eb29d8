// Direct Line load for bench/run-two-instances.sh: conversations as Web Chat makes them, on 127.0.0.1 only,
// bounded in time. Each worker starts a conversation with the secret, reads it over a WebSocket (even workers)
// or by polling GET activities every 50 ms (odd workers), posts MESSAGES questions of the eval files one after
// the other, each when the answer to the last has arrived, then starts a new conversation. A stream closed by
// the bot (a restart: 1001) or dropped is reopened as botframework-directlinejs does: GET the conversation
// with the watermark, then the new stream URL. With RATE > 0 the posts are paced instead (open loop, all
// workers on WebSockets, RATE posts per second in all, whatever the answers): latency at a fixed rate.
// No request is sent again: the figure is for a client that cannot resend, as botframework-directlinejs
// under Node. With "resend": true, a request whose connection fails without an answer is sent again once,
// as a browser does (see call). Prints one JSON line: requests, errors by kind, resent requests, reconnects,
// post-to-reply latency percentiles (ms).
// DEBUG_LOAD=1 in the environment: each network failure on stderr, with its time.
//   node directline-load.js '{"base":"http://127.0.0.1:PORT","secret":"...","duration":60,"workers":16,
//                             "messages":4,"rate":0,"webSocketOnly":false,"resend":false,"questions":["tests/eval/questions.jsonl"]}'
'use strict';
const fs = require('fs');
const WebSocket = require('ws'); // tests/peer's pinned ws (NODE_PATH)

const config = JSON.parse(process.argv[2]);
const base = config.base.replace(/\/$/, '') + '/v3/directline';
const durationMs = Math.min(config.duration || 60, 300) * 1000;
const workers = Math.min(config.workers || 16, 256);
const messages = config.messages || 4;
const rate = config.rate || 0;
const resend = config.resend === true;
const replyTimeoutMs = 15000;
const questions = config.questions.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line).q));
const stats = { requests: 0, posts: 0, replies: 0, conversations: 0, reconnects: 0, streamsClosedByBot: 0, errors: {}, resent: {}, latencies: [] };
const started = Date.now();
const deadline = started + durationMs;
const error = (kind) => { stats.errors[kind] = (stats.errors[kind] || 0) + 1; };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const resentPosts = [];
let questionIndex = 0;
let clientActivities = 0;
const nextQuestion = () => questions[questionIndex++ % questions.length];

async function call(method, path, credential, body, retried) {
  stats.requests++;
  let response;
  try {
    response = await fetch(base + path, {
      method, headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body), signal: AbortSignal.timeout(replyTimeoutMs),
    });
  } catch (e) {
    const kind = `${method} ${path.endsWith('/activities') ? 'activities' : path === '/conversations' ? 'conversations' : 'conversation'} network ${(e.cause && e.cause.code) || e.name}`;
    if (process.env.DEBUG_LOAD) process.stderr.write(`${((Date.now() - started) / 1000).toFixed(2)} s ${kind} ${e.cause && e.cause.message}\n`);
    // With resend on, a request on a kept-alive connection that the server closed as it stopped (a restart),
    // with no answer at all, is sent again once, as browsers do (the server closed it idle, so it never read
    // the request); counted apart, and the POSTs among them checked for duplicates at the end.
    const closedUnanswered = ['UND_ERR_SOCKET', 'ECONNRESET'].includes(e.cause && e.cause.code);
    if (resend && !retried && (method === 'GET' || closedUnanswered)) {
      stats.resent[kind] = (stats.resent[kind] || 0) + 1;
      if (method === 'POST' && body && body.channelData) resentPosts.push({ path, credential, clientActivityID: body.channelData.clientActivityID });
      return call(method, path, credential, body, true);
    }
    error(kind);
    return null;
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) { error(`${method} HTTP ${response.status}`); return null; }
  return text ? JSON.parse(text) : {};
}

class Conversation {
  constructor(started, webSocket) {
    Object.assign(this, { id: started.conversationId, token: started.token, watermark: null, waiting: new Map(), seen: new Set() });
    this.user = `load-${Math.random().toString(36).slice(2)}`;
    if (webSocket) this.open(started.streamUrl);
  }

  receive(set) {
    if (set.watermark) this.watermark = set.watermark;
    for (const activity of set.activities || []) {
      if (activity.type !== 'message' || !activity.replyToId || activity.from.id === this.user) continue;
      const waiter = this.waiting.get(activity.replyToId);
      if (waiter) { this.waiting.delete(activity.replyToId); waiter(); } else this.seen.add(activity.replyToId); // before the POST's answer
    }
  }

  open(url) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data) => { if (data.length) this.receive(JSON.parse(data)); });
    this.socket.on('error', () => {});
    this.socket.on('close', (code) => {
      if (this.ended) return;
      if (code === 1001) stats.streamsClosedByBot++;
      this.reconnect();
    });
  }

  async reconnect() {
    // As botframework-directlinejs: a new stream URL from GET conversations/{id}?watermark (it waits 3 s first; we retry at once).
    for (let attempt = 0; attempt < 20 && !this.ended; attempt++) {
      const again = await call('GET', `/conversations/${this.id}${this.watermark ? `?watermark=${this.watermark}` : ''}`, this.token);
      if (again && again.streamUrl) { stats.reconnects++; this.open(again.streamUrl); return; }
      await sleep(250);
    }
  }

  async poll(until) {
    while (!this.ended && Date.now() < until) {
      const set = await call('GET', `/conversations/${this.id}/activities${this.watermark ? `?watermark=${this.watermark}` : ''}`, this.token);
      if (set) this.receive(set);
      if (this.waiting.size === 0) return;
      await sleep(50);
    }
  }

  // Posts a question; resolves with the post-to-reply time in ms, or null.
  async ask(text, polling) {
    const t0 = process.hrtime.bigint();
    const posted = await call('POST', `/conversations/${this.id}/activities`, this.token, { type: 'message', from: { id: this.user }, text, channelData: { clientActivityID: `load-${++clientActivities}` } });
    if (!posted || !posted.id) return null;
    stats.posts++;
    const replied = this.seen.delete(posted.id) ? Promise.resolve(true) : new Promise((resolve) => this.waiting.set(posted.id, () => resolve(true)));
    if (polling) this.poll(Date.now() + replyTimeoutMs);
    const ok = await Promise.race([replied, sleep(replyTimeoutMs).then(() => false)]);
    if (!ok) { this.waiting.delete(posted.id); error("no reply in 15 s"); if (process.env.DEBUG_LOAD) process.stderr.write(`no reply: ${this.id} ${posted.id} ${JSON.stringify(text)} socket ${this.socket && this.socket.readyState}\n`); return null; }
    stats.replies++;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    stats.latencies.push(ms);
    return ms;
  }

  end() {
    this.ended = true;
    if (this.socket) this.socket.close();
  }
}

async function start(webSocket) {
  const started = await call('POST', '/conversations', config.secret);
  if (!started) { await sleep(100); return null; }
  stats.conversations++;
  return new Conversation(started, webSocket);
}

async function closedLoopWorker(index) {
  const webSocket = config.webSocketOnly || index % 2 === 0;
  while (Date.now() < deadline) {
    const conversation = await start(webSocket);
    if (!conversation) continue;
    if (webSocket) await sleep(20); // the stream opening
    for (let i = 0; i < messages && Date.now() < deadline; i++) await conversation.ask(nextQuestion(), !webSocket);
    conversation.end();
  }
}

async function pacedWorker(index) {
  const interval = (workers / rate) * 1000;
  const conversation = await start(true);
  if (!conversation) return;
  await sleep(500 + (index * interval) / workers);
  const pending = [];
  for (let due = Date.now(); due < deadline; due += interval) {
    await sleep(Math.max(0, due - Date.now()));
    pending.push(conversation.ask(nextQuestion(), false));
  }
  await Promise.all(pending);
  conversation.end();
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
}

(async () => {
  const tasks = [];
  for (let i = 0; i < workers; i++) tasks.push(rate > 0 ? pacedWorker(i) : closedLoopWorker(i));
  await Promise.all(tasks);
  const seconds = (Date.now() - started) / 1000;
  // A resent post that the bot had received after all would be in its transcript twice.
  let resentNotExactlyOnce = 0;
  for (const resent of resentPosts) {
    const transcript = await call('GET', resent.path, resent.credential);
    const copies = transcript ? transcript.activities.filter((a) => a.channelData && a.channelData.clientActivityID === resent.clientActivityID).length : -1;
    if (copies !== 1) resentNotExactlyOnce++;
  }
  const sorted = stats.latencies.sort((a, b) => a - b);
  const errors = Object.values(stats.errors).reduce((a, b) => a + b, 0);
  process.stdout.write(JSON.stringify({
    seconds: Math.round(seconds * 10) / 10, workers, rate, resend, requests: stats.requests, conversations: stats.conversations,
    posts: stats.posts, replies: stats.replies, repliesPerSecond: Math.round((stats.replies / seconds) * 10) / 10,
    errors, errorKinds: stats.errors, resent: stats.resent, resentNotExactlyOnce, reconnects: stats.reconnects, streamsClosedByBot: stats.streamsClosedByBot,
    latencyMs: { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: percentile(sorted, 100) },
  }) + '\n');
  process.exit(0);
})();
