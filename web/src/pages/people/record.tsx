import { useState } from 'react';
import { useLoad } from '../../useLoad';

/**
 * The record a people page shows (a customer, an organisation) and its edit form: loaded from
 * `url`, then replaced by the server's answer when an edit is saved.
 */
export function useRecord<T>(url: string) {
  const { data, error } = useLoad<T>(url);
  const [saved, setSaved] = useState<T | null>(null);
  const [editing, setEditing] = useState(false);
  return {
    record: saved ?? data ?? null,
    error,
    editing,
    edit: () => setEditing(true),
    cancel: () => setEditing(false),
    save: (next: T) => {
      setSaved(next);
      setEditing(false);
    },
  };
}

/** A record page before its record is there: the error if loading failed, else a placeholder that keeps the space. */
export function NotLoaded({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : (
    <div className="admin-placeholder" aria-busy="true" />
  );
}

/** Cancel and Save at the end of a record's edit form. */
export function EditActions({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  return (
    <div className="composer-actions">
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="primary" disabled={busy}>
        Save
      </button>
    </div>
  );
}
