import { useEffect, useState } from 'react';
import { api } from '../../api';
import { Sparkline } from '../../components/Chart';
import { fixed, pct } from '../../format';
import type { Period } from './period';

interface Growing {
  category: string;
  lastWeek: number;
  previousWeek: number;
  growth: number;
  trend: number[];
}
interface AtRisk {
  customerId: string;
  organisationId: string | null;
  contacts: number;
  escalated: number;
  reopened: number;
  csatAvg: number | null;
  score: number;
}
type Customer = { id: string; email: string; name: string | null; organisation: { name: string } | null };

/** Customers named in the at-risk table (one lookup each, so only the first few). */
const AT_RISK_SHOWN = 10;

/** Growing issues (categories up week over week) and customers at risk in the period. */
export function Patterns({ period }: { period: Period }) {
  const [growing, setGrowing] = useState<Growing[] | null>(null);
  const [atRisk, setAtRisk] = useState<(AtRisk & { customer: Customer | null })[] | null>(null);
  useEffect(() => void api<{ items: Growing[] }>('/api/v1/analytics/patterns/growing?weeks=4').then((r) => setGrowing(r.items), () => setGrowing([])), []);
  useEffect(() => {
    let cancelled = false;
    setAtRisk(null);
    void (async () => {
      const r = await api<{ items: AtRisk[] }>(`/api/v1/analytics/patterns/at-risk?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}&limit=${AT_RISK_SHOWN}`);
      const customers = await Promise.all(r.items.map((c) => api<Customer>(`/api/v1/customers/${c.customerId}`).catch(() => null)));
      if (!cancelled) setAtRisk(r.items.map((c, i) => ({ ...c, customer: customers[i] ?? null })));
    })().catch(() => !cancelled && setAtRisk([]));
    return () => {
      cancelled = true;
    };
  }, [period.from, period.to]);

  return (
    <div className="two-up">
      <section aria-labelledby="growing-title" className="panel">
        <h2 id="growing-title">Growing issues</h2>
        <p className="hint">Categories with more tickets in the last 7 days than in the 7 before (at least 5 last week).</p>
        {growing === null ? (
          <div className="admin-placeholder" aria-busy="true" />
        ) : growing.length === 0 ? (
          <p className="empty">Nothing is growing.</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Last week</th>
                <th scope="col">Week before</th>
                <th scope="col">Growth</th>
                <th scope="col">4 weeks</th>
              </tr>
            </thead>
            <tbody>
              {growing.map((g) => (
                <tr key={g.category}>
                  <th scope="row">{g.category || '(none)'}</th>
                  <td>{g.lastWeek}</td>
                  <td>{g.previousWeek}</td>
                  <td>+{pct(g.growth, 0)}</td>
                  <td>
                    <Sparkline values={g.trend} label={`Weekly tickets: ${g.trend.join(', ')}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="risk-title" className="panel">
        <h2 id="risk-title">Customers at risk</h2>
        <p className="hint">Three or more tickets in the period; score = tickets + 2 × escalated + 2 × reopened.</p>
        {atRisk === null ? (
          <div className="admin-placeholder" aria-busy="true" />
        ) : atRisk.length === 0 ? (
          <p className="empty">Nobody stands out in this period.</p>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Tickets</th>
                <th scope="col">Escalated</th>
                <th scope="col">Reopened</th>
                <th scope="col">CSAT</th>
                <th scope="col">Score</th>
              </tr>
            </thead>
            <tbody>
              {atRisk.map((c) => (
                <tr key={c.customerId}>
                  <th scope="row">
                    {c.customer ? (c.customer.name ?? c.customer.email) : c.customerId}
                    {c.customer?.organisation && <span className="hint"> · {c.customer.organisation.name}</span>}
                  </th>
                  <td>{c.contacts}</td>
                  <td>{c.escalated}</td>
                  <td>{c.reopened}</td>
                  <td>{c.csatAvg === null ? '–' : fixed(c.csatAvg)}</td>
                  <td>{c.score}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
