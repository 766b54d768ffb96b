import { useEffect, useState } from 'react';
import { api } from '../../api';

/** Per-value lookups beyond the first page are capped: a breakdown lists the busiest values first. */
const MAX_SINGLE_LOOKUPS = 25;

/** Readable names for the values of a breakdown (ids for groups, agents and organisations). */
export function useNames(by: string, values: string[]): (value: string) => string {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const key = `${by}:${values.join(',')}`;
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      const found = new Map<string, string>();
      if (by === 'group') for (const g of (await api<{ items: { id: string; name: string }[] }>('/api/v1/groups?limit=100')).items) found.set(g.id, g.name);
      if (by === 'agent') for (const u of (await api<{ items: { id: string; name: string }[] }>('/api/v1/users')).items) found.set(u.id, u.name);
      if (by === 'organisation') {
        for (const o of (await api<{ items: { id: string; name: string }[] }>('/api/v1/organisations?limit=100')).items) found.set(o.id, o.name);
        const missing = values.filter((v) => v && !found.has(v)).slice(0, MAX_SINGLE_LOOKUPS);
        const more = await Promise.all(missing.map((id) => api<{ id: string; name: string }>(`/api/v1/organisations/${id}`).catch(() => null)));
        for (const o of more) if (o) found.set(o.id, o.name);
      }
      if (!cancelled) setNames(found);
    };
    void load().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [key]); // values are part of the key
  return (value: string) => {
    if (value === '') return by === 'agent' ? 'Unassigned' : '(none)';
    if (by === 'tier') return `Tier ${value}`;
    return names.get(value) ?? value;
  };
}
