/**
 * The embeddable chat widget, served as `/widget.js`: dependency-free browser JavaScript that
 * sites include with `<script src="https://support.example.com/widget.js" data-title="…"
 * data-color="#2754c5" data-group="<group id>" data-email="on|off" async></script>`.
 *
 * It keeps a visitor id and the chat's last sequence number in localStorage, gives every
 * message a client id, keeps it until the server acknowledges it, resends unacknowledged ones
 * after a reconnect (the server stores each client id once), and shows each sequence number
 * once — so a dropped connection neither loses nor doubles a message. Text is inserted with
 * textContent only, never as HTML.
 */
export const WIDGET_SOURCE = String.raw`(() => {
  'use strict';
  const script = document.currentScript;
  if (!script || window.__frontlineChat) return;
  window.__frontlineChat = true;
  const origin = new URL(script.src).origin;
  const opts = script.dataset;
  const color = /^#[0-9a-f]{3,8}$/i.test(opts.color || '') ? opts.color : '#2754c5';
  const store = (() => { try { localStorage.setItem('fl.t', '1'); return localStorage; } catch { const m = new Map(); return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => m.set(k, v), removeItem: (k) => m.delete(k) }; } })();
  const rid = () => (crypto.randomUUID ? crypto.randomUUID() : Date.now().toString(36) + Math.random().toString(36).slice(2));
  let visitorId = store.getItem('fl.vid'); if (!visitorId) { visitorId = rid(); store.setItem('fl.vid', visitorId); }
  let sessionId = store.getItem('fl.sid');
  let lastSeq = Number(store.getItem('fl.seq') || 0);
  const pending = new Map();
  const shown = new Set();
  let ws = null; let retry = 0; let typingTimer = null;

  const el = (tag, attrs, text) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v); if (text) e.textContent = text; return e; };
  const root = el('div', { id: 'frontline-chat' });
  const shadow = root.attachShadow ? root.attachShadow({ mode: 'open' }) : root;
  const style = el('style'); style.textContent = ':host{all:initial}*{box-sizing:border-box;font:14px/1.4 system-ui,sans-serif}.btn{position:fixed;right:20px;bottom:20px;background:' + color + ';color:#fff;border:0;border-radius:24px;padding:12px 18px;cursor:pointer;z-index:2147483000}.panel{position:fixed;right:20px;bottom:76px;width:320px;max-width:calc(100vw - 40px);height:420px;background:#fff;border:1px solid #ccd;border-radius:8px;display:none;flex-direction:column;z-index:2147483000;box-shadow:0 4px 16px #0003}.panel.open{display:flex}header{background:' + color + ';color:#fff;padding:10px;border-radius:8px 8px 0 0;font-weight:600}.log{flex:1;overflow:auto;padding:8px}.m{margin:4px 0;padding:6px 8px;border-radius:6px;max-width:85%;white-space:pre-wrap;word-wrap:break-word}.visitor{background:#e8eefc;margin-left:auto}.agent{background:#f1f1f1}.system{color:#666;font-style:italic}.sending{opacity:.6}.status{font-size:12px;color:#666;padding:0 8px;min-height:16px}form{display:flex;gap:4px;padding:8px;border-top:1px solid #eee}textarea{flex:1;resize:none;height:40px}input{width:100%;margin:4px 0}';
  shadow.appendChild(style);
  const button = el('button', { class: 'btn', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'fl-panel' }, opts.title || 'Chat with us');
  const panel = el('div', { class: 'panel', id: 'fl-panel', role: 'dialog', 'aria-label': opts.title || 'Chat with us' });
  const header = el('header', {}, opts.title || 'Chat with us');
  const log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite' });
  const status = el('div', { class: 'status', 'aria-live': 'polite' });
  const form = el('form');
  const input = el('textarea', { 'aria-label': 'Message', maxlength: '5000', placeholder: 'Type a message…' });
  const send = el('button', { type: 'submit' }, 'Send');
  form.append(input, send);
  panel.append(header, log, status, form);
  shadow.append(button, panel);
  document.body.appendChild(root);

  const line = (who, text, id) => { const m = el('div', { class: 'm ' + who }, text); if (id) m.dataset.id = id; log.appendChild(m); log.scrollTop = log.scrollHeight; return m; };
  const setSeq = (seq) => { if (seq > lastSeq) { lastSeq = seq; store.setItem('fl.seq', String(seq)); } };
  const setSession = (id) => { sessionId = id; if (id) store.setItem('fl.sid', id); else { store.removeItem('fl.sid'); store.setItem('fl.seq', '0'); lastSeq = 0; } };
  const transmit = (frame) => { if (ws && ws.readyState === 1) ws.send(JSON.stringify(frame)); };

  function askContact() {
    if (opts.email === 'off' || shadow.querySelector('.contact')) return;
    const box = el('form', { class: 'contact' });
    const email = el('input', { type: 'email', required: '', placeholder: 'Your e-mail address', 'aria-label': 'Your e-mail address', maxlength: '254' });
    box.append(email, el('button', { type: 'submit' }, 'Save'));
    box.addEventListener('submit', (e) => { e.preventDefault(); transmit({ type: 'contact', email: email.value }); box.remove(); });
    log.appendChild(box);
  }

  function onFrame(frame) {
    if (frame.type === 'welcome') { if (!frame.sessionId) setSession(null); status.textContent = frame.agentsOnline > 0 ? '' : 'We are offline; leave a message.'; for (const [clientId, body] of pending) transmit({ type: 'message', clientId, body }); }
    else if (frame.type === 'ack') { if (frame.sessionId && frame.sessionId !== sessionId) setSession(frame.sessionId); pending.delete(frame.clientId); const m = shadow.querySelector('[data-id="' + frame.clientId + '"]'); if (m) m.classList.remove('sending'); }
    else if (frame.type === 'message') { if (shown.has(frame.seq)) return; shown.add(frame.seq); setSeq(frame.seq); if (frame.sender === 'visitor' && shadow.querySelector('[data-id="' + frame.clientId + '"]')) return; line(frame.sender, frame.body, frame.clientId); }
    else if (frame.type === 'typing') { status.textContent = frame.on ? 'Agent is typing…' : ''; }
    else if (frame.type === 'joined') { line('system', (frame.agentName || 'An agent') + ' joined the chat.'); }
    else if (frame.type === 'offline') { line('system', frame.message); askContact(); }
    else if (frame.type === 'ended') { line('system', 'The chat has ended. Thank you!'); setSession(null); shown.clear(); }
    else if (frame.type === 'error') { status.textContent = frame.message || 'Something went wrong'; }
  }

  function connect() {
    ws = new WebSocket(origin.replace(/^http/, 'ws') + '/chat/ws');
    ws.onopen = () => { retry = 0; transmit({ type: 'hello', visitorId, sessionId, lastSeq, pageUrl: location.href.slice(0, 2000), groupId: opts.group || null }); };
    ws.onmessage = (e) => { try { onFrame(JSON.parse(e.data)); } catch {} };
    ws.onclose = () => { const delay = Math.min(30000, 1000 * 2 ** retry++); status.textContent = 'Reconnecting…'; setTimeout(connect, delay); };
  }

  button.addEventListener('click', () => { const open = panel.classList.toggle('open'); button.setAttribute('aria-expanded', String(open)); if (open) input.focus(); if (open && !ws) connect(); });
  form.addEventListener('submit', (e) => { e.preventDefault(); const body = input.value.trim(); if (!body) return; const clientId = rid(); pending.set(clientId, body); line('visitor sending', body, clientId); transmit({ type: 'message', clientId, body }); input.value = ''; transmit({ type: 'typing', on: false }); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); } });
  input.addEventListener('input', () => { transmit({ type: 'typing', on: true }); clearTimeout(typingTimer); typingTimer = setTimeout(() => transmit({ type: 'typing', on: false }), 2000); });
  if (sessionId) connect();
})();
`;
