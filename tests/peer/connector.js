// A Bot Connector for AcuBot to reply to, built from the Bot Framework JS SDK's own ChannelServiceRoutes
// and ChannelServiceHandler (botbuilder 4.23.3), as a stand-in for the Emulator's connector: every reply
// the bot POSTs is accepted and parsed by the SDK, then reported on stdout as a JSON line with the
// request's headers. Run by tests/AcuBot.Tests/Conformance.
//
//   node connector.js      -> {"event":"listening","port":N}, then {"event":"reply",...} per reply
'use strict';

const http = require('http');
const { ChannelServiceHandler, ChannelServiceRoutes } = require('botbuilder');
const { SimpleCredentialProvider, AuthenticationConfiguration } = require('botframework-connector');

function emit(record) {
  process.stdout.write(JSON.stringify(record) + '\n');
}

let received = 0;
// The request each parsed body came in, so a reply is reported with its own headers even when several interleave.
const requestOf = new WeakMap();

class RecordingHandler extends ChannelServiceHandler {
  async onReplyToActivity(claimsIdentity, conversationId, activityId, activity) {
    return this.record('replyToActivity', conversationId, activityId, activity);
  }

  async onSendToConversation(claimsIdentity, conversationId, activity) {
    return this.record('sendToConversation', conversationId, null, activity);
  }

  record(operation, conversationId, activityId, activity) {
    received += 1;
    const request = requestOf.get(activity) || {};
    emit({ event: 'reply', operation, conversationId, activityId, activity, headers: request.headers, bodyBytes: request.bodyBytes });
    return { id: `reply-${received}` };
  }
}

// No app id and no password: authentication is off, as with the Emulator.
const handler = new RecordingHandler(new SimpleCredentialProvider('', ''), new AuthenticationConfiguration());

// ChannelServiceRoutes registers on a restify- or express-like server: a small router is enough.
const routes = [];
const server = {};
for (const method of ['get', 'post', 'put', 'delete']) {
  server[method] = (pattern, route) => {
    const names = [];
    const regex = new RegExp('^' + pattern.replace(/:([A-Za-z]+)/g, (_, name) => { names.push(name); return '([^/]+)'; }) + '$');
    routes.push({ method: method.toUpperCase(), regex, names, route });
  };
}
new ChannelServiceRoutes(handler).register(server);

http.createServer((req, res) => {
  const path = req.url.split('?')[0];
  const match = routes.map((r) => ({ r, m: req.method === r.method && r.regex.exec(path) })).find((x) => x.m);
  if (!match) {
    emit({ event: 'unrouted', method: req.method, url: req.url });
    res.statusCode = 404;
    res.end();
    return;
  }
  req.params = {};
  match.r.names.forEach((name, i) => { req.params[name] = decodeURIComponent(match.m[i + 1]); });
  res.status = (code) => { res.statusCode = code; return res; };
  res.send = (body) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    if (!res.headersSent) res.setHeader('Content-Type', typeof body === 'string' ? 'text/plain' : 'application/json');
    res.write(text);
  };
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    if (raw.length > 0) {
      try {
        // Parsed here so that its request can be found again; ChannelServiceRoutes validates it as it would its own.
        req.body = JSON.parse(raw.toString('utf8'));
        if (req.body && typeof req.body === 'object') requestOf.set(req.body, { headers: req.headers, bodyBytes: raw.length });
      } catch (error) {
        emit({ event: 'unparsable', url: req.url, message: error.message });
        res.statusCode = 400;
        res.end();
        return;
      }
    }
    match.r.route(req, res, () => {});
  });
}).listen(0, '127.0.0.1', function () {
  emit({ event: 'listening', port: this.address().port });
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
