import { recordAudit } from '../audit/audit.service.js';
import { allUsers } from '../accounts/users.service.js';
import type { AlertRow } from '../analytics/analytics.tables.js';
import type { Actor } from '../platform/auth/principal.js';
import { inTransaction, type Deps } from '../platform/context.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { Finding } from './monitors.catalog.js';
import type { Alert, Evidence } from './monitors.schema.js';
import { findAlert, findUnresolvedAlert, insertAlert, listAlertRows, updateAlert } from './monitors.store.js';

export function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    monitor: row.monitor,
    key: row.dedup_key,
    status: row.status as Alert['status'],
    severity: row.severity,
    title: row.title,
    evidence: JSON.parse(row.evidence) as Evidence,
    occurrences: Number(row.occurrences),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSeenAt: row.last_seen_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
  };
}

/**
 * Records a finding. While an alert for the same monitor and key is unresolved, the finding only
 * refreshes its evidence and count (no new notification). A new alert is audited, mailed (an
 * `email.send` job in the same transaction) and published as `alert.raised` after the commit.
 */
export async function raiseAlert(deps: Deps, actor: Actor, monitor: string, finding: Finding, notify: string[]): Promise<{ alert: Alert; raised: boolean }> {
  const now = deps.clock.now().toISOString();
  const recipients = notify.length > 0 ? notify : (await allUsers(deps)).filter((u) => u.active && u.role === 'admin').map((u) => u.email);
  const result = await inTransaction(deps, async (trx) => {
    const existing = await findUnresolvedAlert(trx, monitor, finding.key);
    if (existing) {
      const patch = { title: finding.title, severity: finding.severity, evidence: JSON.stringify(finding.evidence), occurrences: Number(existing.occurrences) + 1, last_seen_at: now, updated_at: now };
      await updateAlert(trx, existing.id, patch);
      return { row: { ...existing, ...patch }, raised: false };
    }
    const row: AlertRow = {
      id: newId(),
      monitor,
      dedup_key: finding.key,
      status: 'open',
      severity: finding.severity,
      title: finding.title,
      evidence: JSON.stringify(finding.evidence),
      occurrences: 1,
      created_at: now,
      updated_at: now,
      last_seen_at: now,
      acknowledged_at: null,
      acknowledged_by: null,
      resolved_at: null,
      resolved_by: null,
    };
    await insertAlert(trx, row);
    await recordAudit(trx, deps.clock, { actor, action: 'alert.raised', entityType: 'alert', entityId: row.id, changes: { after: { monitor, key: finding.key, status: 'open', severity: finding.severity, title: finding.title } } });
    const text = `${finding.title}\n\nFigures: ${JSON.stringify(finding.evidence.figures)}\nTickets: ${finding.evidence.samples.map((s) => `#${s.number} ${s.subject}`).join('; ') || 'none'}\nDetails: ${finding.evidence.link}\n`;
    for (const to of recipients) await deps.jobs.enqueue('email.send', { to, subject: `[Frontline alert] ${finding.title}`, text }, { trx, key: `alert:${row.id}:${to}` });
    return { row, raised: true };
  });
  if (result.raised) {
    deps.events.publish('alert.raised', { alertId: result.row.id, monitor, key: finding.key, severity: finding.severity, title: finding.title, link: finding.evidence.link });
  }
  return { alert: toAlert(result.row), raised: result.raised };
}

export async function listAlerts(deps: Deps, status: string, limit: number): Promise<Alert[]> {
  return (await listAlertRows(deps.db.kysely, status, limit)).map(toAlert);
}

/** Moves an alert to acknowledged or resolved; audited. Resolved is final. */
export async function changeAlertStatus(deps: Deps, actor: Actor, id: string, to: 'acknowledged' | 'resolved'): Promise<Alert> {
  return inTransaction(deps, async (trx) => {
    const row = await findAlert(trx, id);
    if (!row) throw notFound('Alert');
    if (row.status === 'resolved') throw new AppError('conflict', 'The alert is already resolved');
    if (row.status === to) return toAlert(row);
    const now = deps.clock.now().toISOString();
    const patch: Partial<AlertRow> =
      to === 'acknowledged' ? { status: to, acknowledged_at: now, acknowledged_by: actor.id ?? actor.label, updated_at: now } : { status: to, resolved_at: now, resolved_by: actor.id ?? actor.label, updated_at: now };
    await updateAlert(trx, id, patch);
    await recordAudit(trx, deps.clock, { actor, action: `alert.${to}`, entityType: 'alert', entityId: id, changes: { before: { status: row.status }, after: { status: to } } });
    return toAlert({ ...row, ...patch });
  });
}
