import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Field, FormError, useSubmit, type FieldErrors } from '../../components/Field';
import { pct } from '../../format';

interface Evaluation {
  source: 'request' | 'history';
  modelVersion: number;
  category: { rows: number; accuracy: number; macroF1: number; outOfScopeRate: number; perLabel: { label: string; precision: number; recall: number; f1: number; support: number }[] };
  tier: { rows: number; accuracy: number | null; confusion: number[][] };
  crossValidation: { folds: number; accuracy: number; macroF1: number } | null;
}
type Item = { body: string; category?: string; priority?: number };

/**
 * Lines `category | text` or `category | tier | text` (tier 1–4; the category may be left empty to
 * score the tier rules alone). Returns the items, or the line numbers that are not in that shape.
 */
export function parseExamples(text: string): { items: Item[]; bad: number[] } {
  const items: Item[] = [];
  const bad: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const parts = line.split('|').map((p) => p.trim());
    const tiered = parts.length >= 3 && /^[1-4]$/.test(parts[1]!);
    const body = parts.slice(tiered ? 2 : 1).join(' | ');
    if (parts.length < 2 || !body || (!parts[0] && !tiered)) return void bad.push(i + 1);
    items.push({ body, ...(parts[0] ? { category: parts[0] } : {}), ...(tiered ? { priority: Number(parts[1]) } : {}) });
  });
  return { items, bad };
}

/** Evaluate the active model: on solved tickets (its own training data) or on labelled examples pasted here. */
export function TriageEvaluate() {
  const [text, setText] = useState('');
  const [result, setResult] = useState<Evaluation | null>(null);
  const [errors, submit, busy] = useSubmit();
  const [local, setLocal] = useState<FieldErrors>({});

  const run = async (e: FormEvent) => {
    e.preventDefault();
    setLocal({});
    const { items, bad } = parseExamples(text);
    if (bad.length > 0) return setLocal({ items: `Line ${bad.slice(0, 5).join(', ')}: write "category | text" or "category | tier | text"` });
    await submit(async () => setResult(await api<Evaluation>('/api/v1/triage/evaluate', { method: 'POST', body: items.length ? { items } : {} })));
  };
  // Server errors name items by index (`items.3.body`): any of them belongs beside the text box.
  const itemsError = local.items ?? Object.entries(errors).find(([path]) => path.startsWith('items'))?.[1];

  return (
    <section aria-labelledby="evaluate-title" className="panel">
      <h3 id="evaluate-title">Evaluate</h3>
      <form onSubmit={run} noValidate aria-label="Evaluate the model">
        <Field id="evaluate-items" label="Labelled examples (optional; one per line: category | text, or category | tier | text)" error={itemsError}>
          {(p) => <textarea {...p} rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder={'refund_request | I was charged twice, please refund\npassword_reset | 2 | I cannot log in since the reset'} />}
        </Field>
        <FormError errors={errors} />
        <button type="submit" className="primary" disabled={busy}>
          {text.trim() ? 'Evaluate on these examples' : 'Evaluate on solved tickets'}
        </button>
      </form>
      {result && (
        <div aria-live="polite">
          <p>
            Model v{result.modelVersion} on {result.category.rows} {result.source === 'history' ? 'solved tickets (its own training data: optimistic)' : 'examples'}:
          </p>
          <dl className="facts" aria-label="Evaluation figures">
            <dt>Accuracy</dt>
            <dd>{pct(result.category.accuracy)}</dd>
            <dt>Macro-F1</dt>
            <dd>{pct(result.category.macroF1)}</dd>
            <dt>Out of scope</dt>
            <dd>{pct(result.category.outOfScopeRate)}</dd>
            {result.crossValidation && (
              <>
                <dt>Cross-validated at training</dt>
                <dd>
                  {pct(result.crossValidation.accuracy)} accuracy, {pct(result.crossValidation.macroF1)} macro-F1 ({result.crossValidation.folds} folds)
                </dd>
              </>
            )}
            {result.tier.rows > 0 && (
              <>
                <dt>Tier rules accuracy</dt>
                <dd>
                  {pct(result.tier.accuracy)} on {result.tier.rows}
                </dd>
              </>
            )}
          </dl>
          {result.category.perLabel.length > 0 && (
            <table className="grid" aria-label="Figures per label">
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Precision</th>
                  <th scope="col">Recall</th>
                  <th scope="col">F1</th>
                  <th scope="col">Support</th>
                </tr>
              </thead>
              <tbody>
                {result.category.perLabel.map((l) => (
                  <tr key={l.label}>
                    <th scope="row">{l.label}</th>
                    <td>{pct(l.precision)}</td>
                    <td>{pct(l.recall)}</td>
                    <td>{pct(l.f1)}</td>
                    <td>{l.support}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.tier.rows > 0 && (
            <table className="grid confusion" aria-label="Tier confusion (true tier by row, rules' tier by column)">
              <thead>
                <tr>
                  <th scope="col">True ↓ / rules →</th>
                  {[1, 2, 3, 4].map((t) => (
                    <th scope="col" key={t}>
                      Tier {t}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.tier.confusion.map((row, i) => (
                  <tr key={i}>
                    <th scope="row">Tier {i + 1}</th>
                    {row.map((n, j) => (
                      <td key={j} className={i === j ? 'diagonal' : undefined}>
                        {n}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
