import '../insight.css';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { Field } from '../../components/Field';
import { bytes, when } from '../../format';
import { navigate } from '../../router';
import { InboundMail } from './InboundMail';

interface EmailSettings {
  inbound: {
    smtp: { enabled: boolean; host: string; port: number | null; maxMessageBytes: number };
    imap: { enabled: boolean; host: string | null; port: number | null; tls: boolean | null; mailbox: string | null; folder: string | null; pollSeconds: number | null };
    senderRateLimitPerHour: number;
    attachmentMaxBytes: number;
  };
  outbound: { configured: boolean; host: string | null; port: number | null; secure: boolean | null; authenticated: boolean; from: string; replyTo: string | null };
}
interface Delivery {
  id: string;
  ticketId: string | null;
  to: string;
  subject: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** Channels: e-mail (configuration in force, inbound mail, outbound deliveries) and live chat (status, the widget snippet). */
export default function Channels() {
  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title">Channels</h2>
      <EmailConfig />
      <InboundMail />
      <Deliveries />
      <Chat />
    </section>
  );
}

function EmailConfig() {
  const [s, setS] = useState<EmailSettings | null>(null);
  useEffect(() => void api<EmailSettings>('/api/v1/email/settings').then(setS), []);
  if (!s) return <section className="admin-placeholder" aria-busy="true" />;
  const { smtp, imap } = s.inbound;
  const out = s.outbound;
  return (
    <section aria-labelledby="email-config-title" className="panel">
      <h3 id="email-config-title">E-mail configuration</h3>
      <p className="hint">Set by the server’s environment (docs/email.md); passwords are never shown.</p>
      <dl className="facts">
        <dt>SMTP listener (inbound)</dt>
        <dd>{smtp.enabled ? `${smtp.host}, port ${smtp.port === 0 ? '(any free port)' : smtp.port}, messages up to ${bytes(smtp.maxMessageBytes)}` : 'off (FRONTLINE_SMTP_PORT is not set)'}</dd>
        <dt>IMAP mailbox (inbound)</dt>
        <dd>{imap.enabled ? `${imap.mailbox} on ${imap.host}:${imap.port}${imap.tls ? ' (TLS)' : ''}, folder ${imap.folder}, every ${imap.pollSeconds} s` : 'off (FRONTLINE_IMAP_HOST is not set)'}</dd>
        <dt>Outbound SMTP</dt>
        <dd>
          {out.configured ? `${out.host}:${out.port}${out.secure ? ' (TLS)' : ''}${out.authenticated ? ', with credentials' : ''}` : 'not configured (SMTP_URL is not set): replies by e-mail are recorded as failed'}
        </dd>
        <dt>From</dt>
        <dd>
          {out.from}
          {out.replyTo && ` (replies to ${out.replyTo})`}
        </dd>
        <dt>Limits</dt>
        <dd>
          {s.inbound.senderRateLimitPerHour} messages per sender per hour, attachments up to {bytes(s.inbound.attachmentMaxBytes)}
        </dd>
      </dl>
    </section>
  );
}

function Deliveries() {
  const [items, setItems] = useState<Delivery[] | null>(null);
  useEffect(() => void api<{ items: Delivery[] }>('/api/v1/email/deliveries?limit=50').then((r) => setItems(r.items)), []);
  return (
    <section aria-labelledby="deliveries-title" className="panel">
      <h3 id="deliveries-title">Outbound deliveries</h3>
      {items === null ? (
        <div className="admin-placeholder" aria-busy="true" />
      ) : items.length === 0 ? (
        <p className="empty">Nothing sent yet.</p>
      ) : (
        <table className="grid" aria-label="Outbound deliveries">
          <thead>
            <tr>
              <th scope="col">Queued</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">State</th>
              <th scope="col">Attempts</th>
              <th scope="col">Ticket</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>{when(d.createdAt)}</td>
                <td>{d.to}</td>
                <td>{d.subject}</td>
                <td>
                  {d.status === 'sent' ? `sent ${when(d.sentAt)}` : d.status}
                  {d.error && <span className="error"> — {d.error}</span>}
                </td>
                <td>{d.attempts}</td>
                <td>
                  {d.ticketId && (
                    <a href={`/app/tickets/${d.ticketId}`} onClick={(e) => (e.preventDefault(), navigate(`/tickets/${d.ticketId}`))}>
                      Open
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Escapes an attribute value for the snippet (it is pasted into someone's HTML). */
const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The embed snippet for the chat widget (docs/chat.md), from the choices made here. */
export function widgetSnippet(origin: string, o: { title: string; color: string; groupId: string; askEmail: boolean }): string {
  const parts = [`src="${attr(`${origin}/widget.js`)}"`];
  if (o.title.trim()) parts.push(`data-title="${attr(o.title.trim())}"`);
  if (o.color) parts.push(`data-color="${attr(o.color)}"`);
  if (o.groupId) parts.push(`data-group="${attr(o.groupId)}"`);
  parts.push(`data-email="${o.askEmail ? 'on' : 'off'}"`);
  return `<script ${parts.join(' ')} async></script>`;
}

function Chat() {
  const [online, setOnline] = useState<number | null>(null);
  const [groups, setGroups] = useState<{ id: string; name: string }[]>([]);
  const [o, setO] = useState({ title: 'Chat with us', color: '#2754c5', groupId: '', askEmail: true });
  const [copied, setCopied] = useState('');
  const refresh = () => api<{ agentsOnline: number }>('/api/v1/chat/status').then((r) => setOnline(r.agentsOnline));
  useEffect(() => {
    void refresh();
    void api<{ items: { id: string; name: string }[] }>('/api/v1/groups?limit=100').then((r) => setGroups(r.items));
  }, []);
  const snippet = widgetSnippet(window.location.origin, o);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied('Copied.');
    } catch {
      // No clipboard permission (or not a secure context): select it for Ctrl+C instead.
      (document.getElementById('widget-snippet') as HTMLTextAreaElement | null)?.select();
      setCopied('Selected: press Ctrl+C to copy.');
    }
  };
  return (
    <section aria-labelledby="chat-title" className="panel">
      <h3 id="chat-title">Live chat</h3>
      <p>
        <span role="status">{online === null ? 'Checking…' : online === 0 ? 'Nobody is online for chat: visitors are asked for an e-mail address.' : `${online} agent${online === 1 ? '' : 's'} online for chat.`}</span>{' '}
        <button type="button" onClick={() => void refresh()}>
          Refresh
        </button>
      </p>
      <h4>Widget</h4>
      <div className="field-grid">
        <Field id="widget-title" label="Button and panel title">
          {(p) => <input {...p} value={o.title} maxLength={60} onChange={(e) => setO({ ...o, title: e.target.value })} />}
        </Field>
        <Field id="widget-color" label="Colour">
          {(p) => <input {...p} type="color" value={o.color} onChange={(e) => setO({ ...o, color: e.target.value })} />}
        </Field>
        <Field id="widget-group" label="Route chats to group">
          {(p) => (
            <select {...p} value={o.groupId} onChange={(e) => setO({ ...o, groupId: e.target.value })}>
              <option value="">Any online agent</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label>
        <input type="checkbox" checked={o.askEmail} onChange={(e) => setO({ ...o, askEmail: e.target.checked })} /> Ask visitors for their e-mail address
      </label>
      <Field id="widget-snippet" label="Paste this into your site’s pages">
        {(p) => <textarea {...p} readOnly rows={3} value={snippet} className="code" onFocus={(e) => e.target.select()} />}
      </Field>
      <button type="button" onClick={() => void copy()}>
        Copy snippet
      </button>
      <span role="status"> {copied}</span>
    </section>
  );
}
