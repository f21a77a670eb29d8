// A loopback round-robin TCP balancer for bench/run-two-instances.sh (the same as the tests'
// tests/AcuBot.Tests/Deploy/RoundRobinProxy.cs): each new connection goes to the next backend in turn,
// bytes copied untouched (keep-alive and WebSocket upgrades pass), a backend that refuses is skipped.
//   node round-robin.js LISTEN_PORT BACKEND_PORT...
'use strict';
const net = require('net');
const [listen, ...backends] = process.argv.slice(2).map(Number);
let next = 0;
let refused = 0;
const server = net.createServer((client) => {
  client.setNoDelay(true);
  const turn = next++;
  const tryBackend = (i) => {
    if (i >= backends.length) { client.destroy(); return; }
    const backend = net.connect({ host: '127.0.0.1', port: backends[(turn + i) % backends.length] });
    backend.once('error', (error) => {
      if (error.code === 'ECONNREFUSED' && !backend.connected) { refused++; tryBackend(i + 1); } else client.destroy();
    });
    backend.once('connect', () => {
      backend.connected = true;
      backend.setNoDelay(true);
      client.pipe(backend);
      backend.pipe(client);
      client.on('error', () => backend.destroy());
      backend.on('error', () => client.destroy());
      backend.on('close', () => client.destroy());
      client.on('close', () => backend.destroy());
    });
  };
  client.pause(); // until a backend is connected: pipe() resumes it
  client.on('error', () => {});
  tryBackend(0);
});
server.listen(listen, '127.0.0.1', () => process.stdout.write(`listening ${listen} -> ${backends.join(',')}\n`));
process.on('SIGTERM', () => { process.stdout.write(`refused connections skipped: ${refused}\n`); process.exit(0); });
