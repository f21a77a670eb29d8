// Drives AcuBot's Direct Line endpoints with Microsoft's own client, botframework-directlinejs, in Node:
// `ws` stands in for the browser's WebSocket and `xhr2` for its XMLHttpRequest (the library looks for
// both as globals). Run by tests/AcuBot.Tests/Conformance; it reports what it observes as JSON lines on
// stdout (one object per line, each with an "event") and leaves the verdicts to the test.
//
//   node directline.js <scenario> '<json config>'
//   config: { domain, token, userId, webSocket, question, ... } (see each scenario)
'use strict';

global.XMLHttpRequest = require('xhr2');
const NodeWebSocket = require('ws');

const sockets = [];
// Every socket the library opens is kept, so a scenario can cut one, and its close codes are reported.
class RecordingWebSocket extends NodeWebSocket {
  constructor(url, protocols) {
    super(url, protocols);
    sockets.push(this);
    this.addEventListener('close', (event) => emit({ event: 'socketClosed', code: event.code, reason: event.reason }));
    this.addEventListener('open', () => emit({ event: 'socketOpened', index: sockets.indexOf(this) }));
  }
}
global.WebSocket = RecordingWebSocket;

const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

function emit(record) {
  process.stdout.write(JSON.stringify(record) + '\n');
}

function fail(message) {
  emit({ event: 'fail', message });
  process.exit(1);
}

const [scenario, configJson] = process.argv.slice(2);
const config = JSON.parse(configJson || '{}');
const timeoutMs = config.timeoutMs || 20000;

function connect(options) {
  const directLine = new DirectLine({
    domain: config.domain,
    token: options.token || config.token,
    webSocket: options.webSocket !== undefined ? options.webSocket : config.webSocket !== false,
    pollingInterval: 200,
    // The reconnect delay is 3 s plus up to 12 s at random; the lowest keeps the run short.
    random: () => 0,
    // How long the library waits for an HTTP answer, and between two tries to reconnect (20 s by default).
    ...(config.libraryTimeoutMs ? { timeout: config.libraryTimeoutMs } : {}),
  });
  const state = { activities: [], statuses: [], waiters: [] };
  const wake = () => state.waiters.slice().forEach((check) => check());
  directLine.connectionStatus$.subscribe((status) => {
    state.statuses.push(ConnectionStatus[status]);
    emit({ event: 'status', status: ConnectionStatus[status] });
    wake();
  });
  directLine.activity$.subscribe((activity) => {
    state.activities.push(activity);
    emit({ event: 'activity', activity });
    wake();
  }, (error) => emit({ event: 'activityError', message: String(error && error.message || error) }));
  return { directLine, state };
}

function waitFor(state, what, predicate) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => fail(`timed out waiting for ${what}`), timeoutMs);
    const check = () => {
      const found = predicate();
      if (found) {
        clearTimeout(timer);
        state.waiters.splice(state.waiters.indexOf(check), 1);
        resolve(found);
      }
    };
    state.waiters.push(check);
    check();
  });
}

function post(directLine, activity) {
  return new Promise((resolve, reject) =>
    directLine.postActivity(activity).subscribe((id) => resolve(id), (error) => reject(error)));
}

const fromBot = (activity) => activity.from && activity.from.role === 'bot';
const isMessage = (activity) => activity.type === 'message';

async function ask(connection, text, clientActivityID) {
  const { directLine, state } = connection;
  const id = await post(directLine, {
    type: 'message', from: { id: config.userId }, text, channelData: { clientActivityID },
  });
  emit({ event: 'posted', id, clientActivityID });
  const echo = await waitFor(state, `the echo of ${id}`, () => state.activities.find((a) => a.id === id));
  const answer = await waitFor(state, `the answer to ${id}`,
    () => state.activities.find((a) => fromBot(a) && isMessage(a) && a.replyToId === id));
  return { id, echo, answer };
}

// Resolves when predicate() holds, checked every 50 ms (for what no activity announces, such as a socket's state).
function until(what, predicate) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => { clearInterval(poll); fail(`timed out waiting for ${what}`); }, timeoutMs);
    const poll = setInterval(() => {
      if (predicate()) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      }
    }, 50);
  });
}

const isOpen = (socket) => socket.readyState === NodeWebSocket.OPEN;
const closes = [];
const recordClose = (socket) => socket.addEventListener('close', (event) => closes.push(event.code));

const scenarios = {
  // Online, welcome, one question answered; optionally a token refresh and a second question.
  async chat() {
    const connection = connect({});
    const { directLine, state } = connection;
    await waitFor(state, 'Online', () => state.statuses.includes('Online'));
    const welcome = await waitFor(state, 'the welcome', () => state.activities.find((a) => fromBot(a) && isMessage(a)));
    const first = await ask(connection, config.question, 'client-1');
    let refreshed = null;
    if (config.refresh) {
      // What the library's refresh loop does every 15 minutes, done now.
      const token = await new Promise((resolve, reject) => directLine.refreshToken().subscribe(resolve, reject));
      directLine.token = token;
      const second = await ask(connection, config.question, 'client-2');
      refreshed = { tokenChanged: token !== config.token, answer: second.answer };
    }
    emit({
      event: 'result',
      // Who the library (and Web Chat, which reads the same claim) takes the user to be.
      userFromToken: directLine.parseToken(directLine.token) || null,
      welcome, echo: first.echo, answer: first.answer, postedId: first.id, refreshed,
      typing: state.activities.filter((a) => a.type === 'typing').length,
      statuses: state.statuses,
      socketsOpened: sockets.length,
    });
    directLine.end();
  },

  // The connection is cut after an answer; a question asked meanwhile is answered after the reconnect.
  async reconnect() {
    const connection = connect({ webSocket: true });
    const { directLine, state } = connection;
    await waitFor(state, 'the welcome', () => state.activities.find((a) => fromBot(a) && isMessage(a)));
    await ask(connection, config.question, 'before-cut');
    sockets[sockets.length - 1].terminate(); // no close frame: as a dropped network connection
    emit({ event: 'cut' });
    const later = await ask(connection, config.secondQuestion, 'while-away');
    emit({
      event: 'result',
      ids: state.activities.filter((a) => a.type !== 'typing').map((a) => a.id),
      later: later.answer,
      socketsOpened: sockets.length,
      statuses: state.statuses,
    });
    directLine.end();
  },

  // Behind a load balancer in front of two instances, which the test stops in turn (tests/AcuBot.Tests/Deploy):
  // a question answered; 'streaming': the test kills the instance holding the stream (SIGKILL); a question
  // asked while the stream is down, answered after the library reconnected with its watermark; 'reconnected':
  // the test stops the other instance (SIGTERM) and starts it again; once the library has a stream again,
  // a third question. The result lists the id of every activity received, repeats included.
  async failover() {
    const connection = connect({ webSocket: true });
    const { directLine, state } = connection;
    await waitFor(state, 'the welcome', () => state.activities.find((a) => fromBot(a) && isMessage(a)));
    const first = await ask(connection, config.question, 'first');
    let socket = sockets.find(isOpen);
    recordClose(socket);
    emit({ event: 'streaming', postedId: first.id });

    await until('the stream to drop', () => socket.readyState === NodeWebSocket.CLOSED);
    const second = await ask(connection, config.secondQuestion, 'while-away');
    socket = sockets.find(isOpen);
    recordClose(socket);
    emit({ event: 'reconnected', postedId: second.id, socketsOpened: sockets.length });

    await until('the stream to close', () => socket.readyState === NodeWebSocket.CLOSED);
    await until('a stream again', () => sockets.some(isOpen));
    const third = await ask(connection, config.thirdQuestion, 'after-restart');
    emit({
      event: 'result',
      ids: state.activities.filter((a) => a.type !== 'typing').map((a) => a.id),
      postedIds: [first.id, second.id, third.id],
      answers: [first.answer, second.answer, third.answer].map((a) => a.text),
      closeCodes: closes,
      socketsOpened: sockets.length,
      statuses: state.statuses,
    });
    directLine.end();
  },

  // The token expires mid-chat: the library must reach ExpiredToken (and Web Chat says so).
  async expire() {
    const connection = connect({});
    const { directLine, state } = connection;
    await waitFor(state, 'the welcome', () => state.activities.find((a) => fromBot(a) && isMessage(a)));
    // Until the token's own expiry has passed (its "exp" claim, in seconds).
    const { exp } = JSON.parse(Buffer.from(config.token.split('.')[1], 'base64url').toString('utf8'));
    emit({ event: 'ready', expiresInMs: exp * 1000 - Date.now() });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 500));
    post(directLine, { type: 'message', from: { id: config.userId }, text: config.question }).catch(() => {});
    await waitFor(state, 'ExpiredToken', () => state.statuses.includes('ExpiredToken'));
    emit({ event: 'result', statuses: state.statuses });
    directLine.end();
  },

  // The bot shuts down while the stream is open: the socket must get a close frame, not just drop.
  async shutdown() {
    const connection = connect({ webSocket: true });
    const { state } = connection;
    await waitFor(state, 'the welcome', () => state.activities.find((a) => fromBot(a) && isMessage(a)));
    const socket = sockets[sockets.length - 1];
    socket.addEventListener('close', (event) => {
      emit({ event: 'result', code: event.code, reason: event.reason });
      process.exit(0);
    });
    emit({ event: 'ready' });
    await new Promise(() => {}); // until the close
  },
};

if (!scenarios[scenario]) fail(`unknown scenario '${scenario}'`);
scenarios[scenario]().then(() => {
  emit({ event: 'done' });
  process.exit(0);
}, (error) => fail(String(error && error.stack || error)));
