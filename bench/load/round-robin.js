// A loopback round-robin TCP balancer for bench/run-two-instances.sh, with active health checks as a real
// balancer has them (nginx Plus `health_check`, HAProxy `option httpchk`, a Kubernetes readiness probe): each
// new connection goes to the next backend in turn among those whose readiness answered 200 at the last check,
// bytes copied untouched (keep-alive and WebSocket upgrades pass), a backend that refuses is skipped. A
// backend that drains before it stops (503 "draining" on /health/ready) gets no new connection; the
// connections it already has carry on until it closes them. The tests' tests/AcuBot.Tests/Deploy/RoundRobinProxy.cs
// is the same balancer without the health checks.
//   node round-robin.js LISTEN_PORT BACKEND_PORT...
// Environment: HEALTH_PATH (/health/ready), HEALTH_INTERVAL_MS (1000: every backend checked once a second,
// on a new connection, 1 s timeout; one failed check takes it out, one passed check brings it back).
'use strict';
const net = require('net');
const http = require('http');
const [listen, ...backends] = process.argv.slice(2).map(Number);
const healthPath = process.env.HEALTH_PATH || '/health/ready';
const healthIntervalMs = Number(process.env.HEALTH_INTERVAL_MS || 1000);
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const healthy = backends.map(() => true); // as nginx Plus does, a backend is in until its first check fails
const connections = backends.map(() => 0);
const transitions = [];
let next = 0;
let refused = 0;

function check(i) {
  const request = http.get({ host: '127.0.0.1', port: backends[i], path: healthPath, agent: false, timeout: 1000 }, (response) => {
    response.resume();
    mark(i, response.statusCode === 200, `HTTP ${response.statusCode}`);
  });
  request.on('timeout', () => request.destroy(new Error('timeout')));
  request.on('error', (error) => mark(i, false, error.code || error.message));
}

function mark(i, up, why) {
  if (healthy[i] === up) return;
  healthy[i] = up;
  transitions.push(`${seconds()} s ${backends[i]} ${up ? 'up' : 'down'} (${why})`);
}

for (let i = 0; i < backends.length; i++) {
  check(i);
  setInterval(() => check(i), healthIntervalMs).unref();
}

const server = net.createServer((client) => {
  client.setNoDelay(true);
  // The backends in the order this connection tries them: the healthy ones from the next in turn, then (all
  // down, as nginx does when every server is marked down) the others.
  const turn = next++;
  const order = backends.map((_, k) => (turn + k) % backends.length);
  const candidates = [...order.filter((i) => healthy[i]), ...order.filter((i) => !healthy[i])];
  const tryBackend = (k) => {
    if (k >= candidates.length) { client.destroy(); return; }
    const i = candidates[k];
    const backend = net.connect({ host: '127.0.0.1', port: backends[i] });
    backend.once('error', (error) => {
      if (error.code === 'ECONNREFUSED' && !backend.connected) { refused++; tryBackend(k + 1); } else client.destroy();
    });
    backend.once('connect', () => {
      backend.connected = true;
      connections[i]++;
      backend.setNoDelay(true);
      client.pipe(backend);
      backend.pipe(client);
      client.on('error', () => backend.destroy());
      backend.on('error', () => client.destroy());
      // A clean close (a response with Connection: close, a WebSocket closed) is passed on once what was
      // written has gone out (pipe ends the other side); an error cuts the other side at once.
      backend.on('close', (hadError) => { if (hadError) client.destroy(); });
      client.on('close', (hadError) => { if (hadError) backend.destroy(); else backend.end(); });
    });
  };
  client.pause(); // until a backend is connected: pipe() resumes it
  client.on('error', () => {});
  tryBackend(0);
});
server.listen(listen, '127.0.0.1', () => process.stdout.write(`listening ${listen} -> ${backends.join(',')}, checking ${healthPath} every ${healthIntervalMs} ms\n`));
process.on('SIGTERM', () => {
  process.stdout.write(`connections by backend: ${backends.map((port, i) => `${port}: ${connections[i]}`).join(', ')}\n`);
  process.stdout.write(`refused connections skipped: ${refused}\n`);
  process.stdout.write(`health transitions: ${transitions.length ? transitions.join('; ') : 'none'}\n`);
  process.exit(0);
});
