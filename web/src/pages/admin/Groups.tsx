import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';

interface Group {
  id: string;
  name: string;
  description: string | null;
  memberCount: number;
}
interface Detail extends Group {
  members: { id: string; name: string; email: string; role: string }[];
}
interface Routing {
  rules: { category: string; groupId: string; skill: string | null }[];
  onCallGroupId: string | null;
  groups: { groupId: string; mode: string }[];
}
const MODES = ['manual', 'round_robin', 'least_loaded'];

/** Groups with their members and assignment mode, the on-call group, and category routing rules. */
export function Groups() {
  const [groups, setGroups] = useState<Group[]>([]);
  const [users, setUsers] = useState<{ id: string; name: string }[]>([]);
  const [routing, setRouting] = useState<Routing | null>(null);
  const [open, setOpen] = useState<Detail | null>(null);
  const [name, setName] = useState('');
  const [rulesText, setRulesText] = useState('');
  const [errors, submit, busy] = useSubmit();
  const [routingErrors, submitRouting] = useSubmit();
  const [memberErrors, submitMember] = useSubmit();
  const load = async () => {
    const [g, r, u] = await Promise.all([api<{ items: Group[] }>('/api/v1/groups?limit=100'), api<Routing>('/api/v1/routing'), api<{ items: { id: string; name: string }[] }>('/api/v1/users')]);
    setGroups(g.items);
    setRouting(r);
    setUsers(u.items);
    setRulesText(r.rules.map((x) => [x.category, g.items.find((gr) => gr.id === x.groupId)?.name ?? x.groupId, x.skill ?? ''].join(' | ')).join('\n'));
  };
  useEffect(() => void load(), []);
  const groupName = (id: string | null) => groups.find((g) => g.id === id)?.name ?? '';

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (await submit(async () => void (await api('/api/v1/groups', { method: 'POST', body: { name } })))) {
      setName('');
      await load();
    }
  };
  const show = async (id: string) => setOpen(await api<Detail>(`/api/v1/groups/${id}`));
  const addMember = (userId: string) => open && submitMember(async () => setOpen(await api<Detail>(`/api/v1/groups/${open.id}/members`, { method: 'POST', body: { userId } })));
  const removeMember = (userId: string) => open && submitMember(async () => setOpen(await api<Detail>(`/api/v1/groups/${open.id}/members/${userId}`, { method: 'DELETE' })));
  const setMode = (groupId: string, mode: string) => submitRouting(async () => void (await api(`/api/v1/groups/${groupId}/routing`, { method: 'PUT', body: { mode } }))).then(load);
  const setOnCall = (groupId: string) => submitRouting(async () => void (await api('/api/v1/routing/on-call', { method: 'PUT', body: { groupId: groupId || null } }))).then(load);
  const saveRules = (e: FormEvent) => {
    e.preventDefault();
    const rules = rulesText
      .split('\n')
      .map((line) => line.split('|').map((s) => s.trim()))
      .filter((parts) => parts[0])
      .map(([category, group, skill]) => ({ category, groupId: groups.find((g) => g.name === group)?.id ?? group, ...(skill ? { skill } : {}) }));
    void submitRouting(async () => void (await api('/api/v1/routing/rules', { method: 'PUT', body: { rules } }))).then(load);
  };

  return (
    <section aria-labelledby="groups-title">
      <h2 id="groups-title">Groups and routing</h2>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Members</th>
            <th scope="col">Assignment</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.id}>
              <td>
                <button type="button" className="link" onClick={() => void show(g.id)}>
                  {g.name}
                </button>
              </td>
              <td>{g.memberCount}</td>
              <td>
                <select aria-label={`Assignment in ${g.name}`} value={routing?.groups.find((x) => x.groupId === g.id)?.mode ?? 'manual'} onChange={(e) => void setMode(g.id, e.target.value)}>
                  {MODES.map((m) => (
                    <option key={m} value={m}>
                      {m.replace('_', ' ')}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && (
        <div className="admin-form" aria-label={`Members of ${open.name}`} role="region">
          <h3>Members of {open.name}</h3>
          <ul>
            {open.members.map((m) => (
              <li key={m.id}>
                {m.name} ({m.role}){' '}
                <button type="button" className="link" onClick={() => void removeMember(m.id)}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <label htmlFor="add-member">Add member</label>{' '}
          <select id="add-member" value="" onChange={(e) => e.target.value && void addMember(e.target.value)}>
            <option value="">choose…</option>
            {users.filter((u) => !open.members.some((m) => m.id === u.id)).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <FormError errors={memberErrors} />
        </div>
      )}
      <form className="admin-form" onSubmit={create} aria-label="Add a group" noValidate>
        <Field id="group-name" label="New group" error={errors.name}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <FormError errors={errors} />
        <button type="submit" disabled={busy}>
          Add group
        </button>
      </form>
      <div className="admin-form">
        <label htmlFor="on-call">On-call group (Tier 1 tickets)</label>{' '}
        <select id="on-call" value={routing?.onCallGroupId ?? ''} onChange={(e) => void setOnCall(e.target.value)}>
          <option value="">none</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        {routing?.onCallGroupId && <span className="meta"> now: {groupName(routing.onCallGroupId)}</span>}
      </div>
      <form className="admin-form" onSubmit={saveRules} aria-label="Routing rules">
        <Field id="routing-rules" label="Routing rules, one a line: category | group | skill (optional)" error={routingErrors.rules ?? Object.entries(routingErrors).find(([k]) => k.startsWith('rules'))?.[1]}>
          {(p) => <textarea {...p} rows={5} value={rulesText} onChange={(e) => setRulesText(e.target.value)} />}
        </Field>
        <FormError errors={routingErrors} />
        <button type="submit">Save rules</button>
      </form>
    </section>
  );
}
