import { useState } from 'react';
import { api } from '../../api';
import { FormError, useSubmit } from '../../components/Field';
import { PolicyEditor, WHEN, type Escalation, type Policy, type PolicyChoices } from './PolicyEditor';
import { EditDeleteCell, EmptyRow, minutesText, moved, OrderCell, type Named } from './shared';

export type { Policy, PolicyChoices } from './PolicyEditor';

/** The list line for a policy's conditions: "Tier 1, 2 · email · plan enterprise". */
function conditionsText(c: Policy['conditions'], choices: PolicyChoices): string {
  const name = (list: Named[], id: string) => list.find((x) => x.id === id)?.name ?? id;
  const parts = [
    c.tiers?.length && `tier ${c.tiers.join(', ')}`,
    c.groupIds?.length && `group ${c.groupIds.map((id) => name(choices.groups, id)).join(', ')}`,
    c.organisationIds?.length && `organisation ${c.organisationIds.map((id) => name(choices.organisations, id)).join(', ')}`,
    c.plans?.length && `plan ${c.plans.join(', ')}`,
    c.channels?.length && `channel ${c.channels.join(', ')}`,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'every ticket';
}

function escalationText(e: Escalation, groups: Named[]): string {
  if (e.type === 'raise_priority') return 'raise priority';
  if (e.type === 'assign_group') return `assign ${groups.find((g) => g.id === e.groupId)?.name ?? e.groupId}`;
  return `e-mail ${e.to.join(', ')}`;
}

/** SLA policies in the order they are matched: the first active one whose conditions hold applies. */
export function SlaPolicies({ policies, choices, reload }: { policies: Policy[]; choices: PolicyChoices; reload: () => Promise<void> }) {
  const [editing, setEditing] = useState<Policy | 'new' | null>(null);
  const [listErrors, submitList, listBusy] = useSubmit();
  const move = (index: number, delta: number) =>
    submitList(async () => void (await api('/api/v1/sla/policies/order', { method: 'PUT', body: { ids: moved(policies, index, delta).map((p) => p.id) } }))).then(reload);
  const remove = (p: Policy) => submitList(async () => void (await api(`/api/v1/sla/policies/${p.id}`, { method: 'DELETE' }))).then(reload);
  const calendarName = (id: string | null) => (id ? (choices.calendars.find((c) => c.id === id)?.name ?? id) : 'around the clock');

  return (
    <section aria-labelledby="policies-title">
      <h2 id="policies-title">SLA policies</h2>
      <p className="hint">Matched top to bottom: the first active policy whose conditions all hold sets a ticket's targets. Tiers a policy leaves out keep the built-in targets.</p>
      <FormError errors={listErrors} />
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Name</th>
            <th scope="col">Applies to</th>
            <th scope="col">Targets (first response / resolution / next reply)</th>
            <th scope="col">Calendar</th>
            <th scope="col">Warn at</th>
            <th scope="col">Escalation</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {policies.map((p, i) => (
            <tr key={p.id}>
              <OrderCell name={p.name} index={i} count={policies.length} disabled={listBusy} onMove={(d) => void move(i, d)} />
              <td>
                {p.name}
                {!p.active && <span className="meta"> (inactive)</span>}
              </td>
              <td>{conditionsText(p.conditions, choices)}</td>
              <td>
                {Object.keys(p.targets).length === 0
                  ? 'built-in'
                  : Object.entries(p.targets).map(([tier, t]) => (
                      <div key={tier}>
                        T{tier}: {minutesText(t.firstResponseMinutes)} / {minutesText(t.resolutionMinutes)} / {minutesText(t.nextReplyMinutes)}
                      </div>
                    ))}
              </td>
              <td>{calendarName(p.calendarId)}</td>
              <td>{p.warnPercent}%</td>
              <td>
                {WHEN.map(([key, label]) =>
                  p.escalation[key].length ? (
                    <div key={key}>
                      {label}: {p.escalation[key].map((e) => escalationText(e, choices.groups)).join(', ')}
                    </div>
                  ) : null,
                )}
              </td>
              <EditDeleteCell name={p.name} onEdit={() => setEditing(p)} onDelete={() => remove(p)} />
            </tr>
          ))}
          {policies.length === 0 && <EmptyRow columns={8}>No policies: every ticket runs on the built-in targets of its tier.</EmptyRow>}
        </tbody>
      </table>
      {editing ? (
        <PolicyEditor
          key={editing === 'new' ? 'new' : editing.id}
          policy={editing === 'new' ? null : editing}
          choices={choices}
          onDone={async (saved) => {
            setEditing(null);
            if (saved) await reload();
          }}
        />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          New policy
        </button>
      )}
    </section>
  );
}

