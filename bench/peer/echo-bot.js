// The load benchmark's peer: an echo bot on the Bot Framework JavaScript SDK, as its samples build one
// (botbuilder's CloudAdapter + ActivityHandler behind Express), with no authentication (empty app id,
// as the Emulator runs bots locally). With "deliveryMode": "expectReplies" the adapter returns the
// replies in the response body, as AcuBot does. Usage: node echo-bot.js PORT (listens on 127.0.0.1 only).
'use strict';
const express = require('express');
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

const port = Number(process.argv[2] || process.env.PORT || 3979);

const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' });
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context, error) => {
  console.error(`turn error: ${error}`);
  await context.sendActivity('The bot encountered an error.');
};

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }
}
const bot = new EchoBot();

const app = express();
app.use(express.json({ limit: '256kb' }));
app.post('/api/messages', (req, res) => adapter.process(req, res, (context) => bot.run(context)));
app.get('/healthz', (req, res) => res.json({ status: 'ready' }));
app.listen(port, '127.0.0.1', () => console.log(`echo bot listening on http://127.0.0.1:${port}/api/messages`));
