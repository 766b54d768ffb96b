import { useState, type ReactNode } from 'react';
import { ApiError } from '../api';

export type FieldErrors = Record<string, string>;

/**
 * Turns a problem answer into messages by field (`body.email` → `email`; `_` for the form as a
 * whole). A bare `body` stays `body`: services name a field called body that way (a macro's or an
 * article's text), and the form shows it there.
 */
export function errorsOf(error: unknown): FieldErrors {
  if (error instanceof ApiError) {
    const out: FieldErrors = {};
    for (const e of error.errors) out[e.path.startsWith('body.') ? e.path.slice(5) : e.path || '_'] ??= e.message;
    if (Object.keys(out).length === 0) out._ = error.message;
    return out;
  }
  return { _: error instanceof Error ? error.message : 'Something went wrong' };
}

/** Runs a form's submission and keeps the server's field-level errors. */
export function useSubmit(): [FieldErrors, (run: () => Promise<void>) => Promise<boolean>, boolean] {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const submit = async (run: () => Promise<void>) => {
    setErrors({});
    setBusy(true);
    try {
      await run();
      return true;
    } catch (e) {
      setErrors(errorsOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return [errors, submit, busy];
}

/** A labelled control with its error beside it (linked for screen readers). */
export function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {}) })}
      <span id={`${id}-error`} className="field-error error" role={error ? 'alert' : undefined}>
        {error ?? ''}
      </span>
    </div>
  );
}

export function FormError({ errors }: { errors: FieldErrors }) {
  return errors._ ? (
    <p role="alert" className="error">
      {errors._}
    </p>
  ) : null;
}
