/*
 * AcuBot's chat widget. A clinic pastes one tag into its pages:
 *   <script src="https://bot.example/embed.js" defer
 *           data-title="Ask our assistant" data-accent-color="#1f6f78"
 *           data-launcher-text="Questions? Chat with us" data-avatar-url="" data-avatar-initials="AB"></script>
 * The script finds the bot from its own address, takes its defaults from the bot's settings, shows a
 * chat button, and on the first click loads Microsoft's Web Chat from the bot (no CDN) and connects to
 * the bot's own Direct Line endpoint with a token the bot issues to this page.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.AcuBotWidget) return;
  var origin = new URL(script.src, window.location.href).origin;
  var overrides = {
    title: script.dataset.title,
    accentColor: script.dataset.accentColor,
    launcherText: script.dataset.launcherText,
    botAvatarUrl: script.dataset.avatarUrl,
    botAvatarInitials: script.dataset.avatarInitials
  };

  var state = { config: null, started: false, refused: false, launcher: null, panel: null, chat: null };
  window.AcuBotWidget = { open: open, close: close };

  addStylesheet(origin + '/embed.css');
  fetch(origin + '/api/webchat/settings')
    .then(function (response) {
      if (response.status === 403) explainRefusal();
      return response.ok ? response.json() : {};
    })
    .catch(function () { explainRefusal(); return {}; })
    .then(function (settings) {
      state.config = merge(settings, overrides);
      build(state.config);
    });

  function build(config) {
    document.documentElement.style.setProperty('--acubot-accent', config.accentColor || '#1f6f78');

    var launcher = document.createElement('button');
    launcher.type = 'button';
    launcher.className = 'acubot-launcher';
    launcher.setAttribute('aria-haspopup', 'dialog');
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'acubot-window');
    launcher.textContent = config.launcherText || 'Chat with us';
    launcher.addEventListener('click', open);

    var panel = document.createElement('section');
    panel.id = 'acubot-window';
    panel.className = 'acubot-window';
    panel.hidden = true;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', config.title || 'Chat');

    var header = document.createElement('div');
    header.className = 'acubot-header';
    var heading = document.createElement('h2');
    heading.textContent = config.title || 'Chat';
    if (config.clinicName) {
      var subtitle = document.createElement('small');
      subtitle.textContent = config.clinicName;
      heading.appendChild(subtitle);
    }
    var closeButton = document.createElement('button');
    closeButton.type = 'button';
    closeButton.className = 'acubot-close';
    closeButton.setAttribute('aria-label', 'Close the chat');
    closeButton.textContent = '\u00d7';
    closeButton.addEventListener('click', close);
    header.appendChild(heading);
    header.appendChild(closeButton);

    var chat = document.createElement('div');
    chat.className = 'acubot-chat';
    chat.setAttribute('role', 'log');
    panel.appendChild(header);
    panel.appendChild(chat);
    panel.addEventListener('keydown', function (event) { if (event.key === 'Escape') close(); });

    document.body.appendChild(launcher);
    document.body.appendChild(panel);
    state.launcher = launcher;
    state.panel = panel;
    state.chat = chat;
  }

  function open() {
    if (!state.panel) return;
    state.panel.hidden = false;
    state.launcher.setAttribute('aria-expanded', 'true');
    if (!state.started) {
      state.started = true;
      start().catch(function (error) {
        state.started = false;
        showStatus('The chat could not start. Please try again later.');
        if (window.console) window.console.error('AcuBot: the chat could not start (' + error + ').' + (state.refused ? ' ' + refusalAdvice() : ''));
      });
    } else {
      focusSendBox();
    }
  }

  function close() {
    if (!state.panel) return;
    state.panel.hidden = true;
    state.launcher.setAttribute('aria-expanded', 'false');
    state.launcher.focus();
  }

  function start() {
    showStatus('Connecting\u2026');
    return Promise.all([loadScript(origin + '/webchat/webchat.js'), fetchToken()]).then(function (results) {
      var session = results[1];
      var config = state.config;
      state.chat.textContent = '';
      window.WebChat.renderWebChat({
        directLine: window.WebChat.createDirectLine({ token: session.token, domain: origin + '/v3/directline' }),
        userID: session.userId,
        username: 'You',
        locale: document.documentElement.lang || navigator.language || 'en-US',
        styleOptions: {
          accent: config.accentColor,
          bubbleFromUserBackground: config.accentColor,
          bubbleFromUserTextColor: '#ffffff',
          bubbleFromUserBorderRadius: 12,
          bubbleBorderRadius: 12,
          suggestedActionBorderRadius: 16,
          botAvatarImage: config.botAvatarUrl || undefined,
          botAvatarInitials: config.botAvatarInitials || 'AB',
          hideUploadButton: true,
          suggestedActionLayout: 'flow',
          suggestedActionHeight: 'auto',
          sendBoxButtonColor: config.accentColor
        }
      }, state.chat);
      focusSendBox();
    });
  }

  function fetchToken() {
    var key = 'acubot.userId';
    var userId = null;
    try { userId = window.sessionStorage.getItem(key); } catch (e) { /* storage blocked */ }
    return fetch(origin + '/api/webchat/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId: userId })
    }).then(function (response) {
      if (!response.ok) throw new Error('token request answered ' + response.status);
      return response.json();
    }).then(function (session) {
      try { window.sessionStorage.setItem(key, session.userId); } catch (e) { /* storage blocked */ }
      return session;
    });
  }

  /*
   * A page whose site the bot does not allow sees only a CORS error (the browser hides the bot's 403):
   * say in the console what the site's developer should configure. The bot's log names the origin too.
   */
  function explainRefusal() {
    state.refused = true;
    if (window.console) window.console.error('AcuBot: could not use the bot at ' + origin + ' from this page. ' + refusalAdvice());
  }

  function refusalAdvice() {
    var site = window.location.origin;
    return 'If the bot is running, this site (' + site + ') is probably not allowed to embed it: add "' + site +
      '" to the bot\'s WebChat:AllowedOrigins setting (for example WebChat__AllowedOrigins__0=' + site +
      ' in its environment) and restart the bot. The bot logs a warning naming each site it refused.';
  }

  function focusSendBox() {
    window.setTimeout(function () {
      var box = state.chat.querySelector('input[type="text"], textarea');
      if (box) box.focus();
    }, 300);
  }

  function showStatus(text) {
    state.chat.textContent = '';
    var status = document.createElement('p');
    status.className = 'acubot-status';
    status.textContent = text;
    state.chat.appendChild(status);
  }

  function loadScript(src) {
    if (window.WebChat) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var element = document.createElement('script');
      element.src = src;
      element.async = true;
      element.onload = function () { resolve(); };
      element.onerror = function () { reject(new Error('could not load ' + src)); };
      document.head.appendChild(element);
    });
  }

  function addStylesheet(href) {
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }

  function merge(settings, values) {
    var merged = {};
    Object.keys(settings || {}).forEach(function (key) { merged[key] = settings[key]; });
    Object.keys(values).forEach(function (key) { if (values[key]) merged[key] = values[key]; });
    return merged;
  }
})();
