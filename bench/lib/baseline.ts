import { randomUUID } from 'node:crypto';
import { BACKSTOP_CHECKPOINT_PAGES, startCheckpointer } from '../../src/platform/db/sqlite-checkpointer.js';

/** The rows one ticket creation writes, as plain values. */
function ticketRows(number: number, customerId: string) {
  const now = new Date().toISOString();
  const id = randomUUID();
  const subject = 'Payment failed twice on checkout';
  const body = 'Our customers see a payment failure at checkout since 9am; card declined errors for valid cards.';
  return {
    ticket: [id, number, subject, 'new', 3, 'api', customerId, '["payments"]', '{}', 1, now, now],
    tag: [id, 'payments'],
    message: [randomUUID(), id, 'public', 'customer', customerId, body, 'api', now],
    fts: [number, subject, body],
    audit: [now, 'token', 'bench', 'bench', 'ticket.created', 'ticket', id, id, JSON.stringify({ after: { subject, status: 'new', priority: 3, channel: 'api', tags: ['payments'] } })],
  };
}

const SQL = {
  ticket: 'INSERT INTO tickets (id, number, subject, status, priority, channel, requester_id, tags, custom_fields, version, created_at, updated_at) VALUES ',
  tag: 'INSERT INTO ticket_tags (ticket_id, tag) VALUES ',
  message: 'INSERT INTO messages (id, ticket_id, visibility, author_type, author_id, body_text, channel, created_at) VALUES ',
  audit: 'INSERT INTO audit_events (at, actor_type, actor_id, actor_label, action, entity_type, entity_id, ticket_id, changes) VALUES ',
};
const marks = (n: number, from = 1, pg = false) => `(${Array.from({ length: n }, (_, i) => (pg ? `$${from + i}` : '?')).join(', ')})`;

/**
 * The baseline: the same rows as one HTTP ticket creation (counter, ticket, tag, message,
 * search entry, audit event), written by better-sqlite3 directly with prepared statements,
 * one transaction per ticket. Returns tickets per second.
 */
export async function sqliteBaseline(path: string, count: number): Promise<number> {
  const { default: SQLite } = await import('better-sqlite3');
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // The same checkpoint arrangement as the server, so the comparison is of everything else.
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  const stopCheckpointer = startCheckpointer(path, 1000, (message) => console.error(message));
  const customerId = randomUUID();
  const now = new Date().toISOString();
  db.prepare('INSERT INTO customers (id, email, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(customerId, `baseline-${customerId}@example.com`, 'Baseline', now, now);
  const counter = db.prepare(`UPDATE counters SET value = value + 1 WHERE name = 'ticket_number' RETURNING value`);
  const customer = db.prepare('SELECT id FROM customers WHERE email = ?');
  const ticket = db.prepare(SQL.ticket + marks(12));
  const tag = db.prepare(SQL.tag + marks(2));
  const message = db.prepare(SQL.message + marks(8));
  const fts = db.prepare('INSERT INTO ticket_fts (rowid, title, body) VALUES (?, ?, ?)');
  const audit = db.prepare(SQL.audit + marks(9));
  const one = db.transaction(() => {
    customer.get(`baseline-${customerId}@example.com`);
    const number = (counter.get() as { value: number }).value;
    const rows = ticketRows(number, customerId);
    ticket.run(rows.ticket);
    tag.run(rows.tag);
    message.run(rows.message);
    fts.run(rows.fts);
    audit.run(rows.audit);
  });
  const started = performance.now();
  for (let i = 0; i < count; i++) one();
  const seconds = (performance.now() - started) / 1000;
  await stopCheckpointer();
  db.close();
  return count / seconds;
}

/** The same baseline on PostgreSQL with `pg`, one transaction per ticket, `concurrency` clients. */
export async function postgresBaseline(url: string, count: number, concurrency: number): Promise<number> {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  const customerId = randomUUID();
  const now = new Date().toISOString();
  await pool.query('INSERT INTO customers (id, email, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)', [customerId, `baseline-${customerId}@example.com`, 'Baseline', now, now]);
  const vector = `setweight(to_tsvector('english', $2), 'A') || setweight(to_tsvector('english', $3), 'D')`;
  let next = 0;
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (next < count) {
        next++;
        await client.query('BEGIN');
        await client.query('SELECT id FROM customers WHERE email = $1', [`baseline-${customerId}@example.com`]);
        // As the app: PostgreSQL numbers tickets from a sequence (takeSequenceNumbers).
        const number = Number((await client.query(`SELECT nextval('ticket_number_seq') AS value`)).rows[0].value);
        const rows = ticketRows(number, customerId);
        await client.query(SQL.ticket + marks(12, 1, true), rows.ticket);
        await client.query(SQL.tag + marks(2, 1, true), rows.tag);
        await client.query(SQL.message + marks(8, 1, true), rows.message);
        await client.query(`INSERT INTO ticket_fts (doc_key, document) VALUES ($1, ${vector})`, rows.fts);
        await client.query(SQL.audit + marks(9, 1, true), rows.audit);
        await client.query('COMMIT');
      }
    } finally {
      client.release();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return count / seconds;
}
