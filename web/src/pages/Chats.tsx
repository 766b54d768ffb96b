import { useEffect, useRef, useState, type FormEvent } from 'react';
import { chatAgent, useChats, type Chat } from '../chat';
import { navigate } from '../router';

/** Live chats given to this agent: answer, see the visitor typing, end (the chat becomes a ticket). */
export function Chats() {
  const { chats, connected, status, error } = useChats();
  const [selected, setSelected] = useState<string | null>(null);
  const current = chats.find((c) => c.sessionId === selected) ?? chats.find((c) => !c.ended) ?? chats[0] ?? null;
  return (
    <div className="chats">
      <nav className="views" aria-label="Chats">
        <h2>Chats</h2>
        <label>
          My status{' '}
          <select value={status} onChange={(e) => chatAgent.presence(e.target.value as 'online' | 'away')}>
            <option value="online">Online</option>
            <option value="away">Away</option>
          </select>
        </label>
        <p className="hint">{connected ? 'Connected' : 'Connecting…'}</p>
        <ul>
          {chats.map((c) => (
            <li key={c.sessionId}>
              <button type="button" aria-current={c === current ? 'page' : undefined} onClick={() => setSelected(c.sessionId)}>
                {c.visitorName ?? c.visitorEmail ?? 'Visitor'}
                {c.ended ? ' (ended)' : ''}
              </button>
            </li>
          ))}
        </ul>
        {chats.length === 0 && <p className="empty">No chats yet. New ones appear here while you are online.</p>}
      </nav>
      {current ? <ChatPane key={current.sessionId} chat={current} /> : <section className="chat-pane" />}
      {error && (
        <p role="alert" className="error chat-error">
          {error}
        </p>
      )}
    </div>
  );
}

function ChatPane({ chat }: { chat: Chat }) {
  const [body, setBody] = useState('');
  const typingOn = useRef(false);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [chat.messages.length]);
  const setTyping = (on: boolean) => {
    if (typingOn.current === on) return;
    typingOn.current = on;
    chatAgent.typing(chat.sessionId, on);
  };
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    chatAgent.reply(chat.sessionId, body.trim());
    setBody('');
    setTyping(false);
  };
  const title = chat.visitorName ?? chat.visitorEmail ?? 'Visitor';
  return (
    <section className="chat-pane" aria-labelledby="chat-title">
      <div className="list-head">
        <h1 id="chat-title">Chat with {title}</h1>
        {!chat.ended && (
          <button type="button" onClick={() => chatAgent.end(chat.sessionId)}>
            End chat
          </button>
        )}
      </div>
      <p className="meta">{[chat.visitorEmail, chat.pageUrl].filter(Boolean).join(' · ')}</p>
      <ol className="messages" ref={list} aria-label="Chat messages">
        {chat.messages.map((m) => (
          <li key={m.clientId ?? `s${m.seq}`} className={`message chat-${m.sender}`}>
            <p className="meta">
              {m.sender === 'visitor' ? title : m.sender === 'agent' ? 'You' : 'System'}
              {m.pending ? ' · sending…' : ''}
            </p>
            <div className="body">{m.body}</div>
          </li>
        ))}
      </ol>
      <p className="presence" role="status" aria-live="polite">
        {chat.visitorTyping ? `${title} is typing…` : ''}
      </p>
      {chat.ended ? (
        <p>
          Chat ended.{' '}
          {chat.ticketId && (
            <a href={`/app/tickets/${chat.ticketId}`} onClick={(e) => (e.preventDefault(), navigate(`/tickets/${chat.ticketId}`))}>
              Open its ticket
            </a>
          )}{' '}
          <button type="button" className="link" onClick={() => chatAgent.dismiss(chat.sessionId)}>
            Dismiss
          </button>
        </p>
      ) : (
        <form className="composer" onSubmit={send}>
          <label htmlFor="chat-reply" className="visually-hidden">
            Chat reply
          </label>
          <textarea
            id="chat-reply"
            rows={3}
            value={body}
            onChange={(e) => (setBody(e.target.value), setTyping(e.target.value.length > 0))}
            onBlur={() => setTyping(false)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) send(e);
            }}
          />
          <div className="composer-actions">
            <button type="submit" className="primary">
              Send
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
