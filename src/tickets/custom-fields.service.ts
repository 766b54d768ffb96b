import type { Kysely } from 'kysely';
import type { Actor } from '../platform/auth/principal.js';
import { PerDatabaseCache } from '../platform/cache.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AppError, notFound, type FieldError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { diff, recordAudit } from '../audit/audit.service.js';
import { findCustomFieldRow, insertCustomField, listCustomFieldRows, updateCustomFieldRow, type CustomFieldRow } from './custom-fields.store.js';

export const FIELD_TYPES = ['text', 'number', 'boolean', 'date', 'dropdown'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface CustomField {
  id: string;
  key: string;
  label: string;
  type: FieldType;
  options: string[];
  required: boolean;
  active: boolean;
  position: number;
}

const toField = (row: CustomFieldRow): CustomField => ({
  id: row.id,
  key: row.key,
  label: row.label,
  type: row.type as FieldType,
  options: row.options ? (JSON.parse(row.options) as string[]) : [],
  required: row.required === 1,
  active: row.active === 1,
  position: row.position,
});

export async function listCustomFields(db: Kysely<Database>): Promise<CustomField[]> {
  return (await listCustomFieldRows(db)).map(toField);
}

// Every new ticket is checked against the active definitions: kept for a few seconds, cleared on
// this node by a change (another node sees it within the TTL).
const activeFields = new PerDatabaseCache<CustomField[]>(5_000);

/** The active definitions; inside a transaction, pass it as `db` (on SQLite its connection is the only one). */
const activeCustomFields = (deps: Deps, db: Kysely<Database>) =>
  activeFields.get(deps.db, async () => (await listCustomFields(db)).filter((f) => f.active));

function checkDefinition(type: FieldType, options: string[] | undefined): void {
  if (type === 'dropdown' && (!options || options.length === 0)) {
    throw new AppError('validation_failed', 'A dropdown field needs at least one option', { fields: [{ path: 'options', message: 'is required for dropdown' }] });
  }
}

/** Defines a new custom field (admin). */
export async function createCustomField(
  deps: Deps,
  actor: Actor,
  input: { key: string; label: string; type: FieldType; options?: string[]; required?: boolean; position?: number },
): Promise<CustomField> {
  checkDefinition(input.type, input.options);
  const now = deps.clock.now().toISOString();
  const row: CustomFieldRow = {
    id: newId(),
    key: input.key,
    label: input.label,
    type: input.type,
    options: input.type === 'dropdown' ? JSON.stringify(input.options) : null,
    required: input.required ? 1 : 0,
    active: 1,
    position: input.position ?? 0,
    created_at: now,
    updated_at: now,
  };
  await inTransaction(deps, async (trx) => {
    await insertCustomField(trx, row);
    await recordAudit(trx, deps.clock, { actor, action: 'custom_field.created', entityType: 'custom_field', entityId: row.id, changes: { after: toField(row) as never } });
  });
  activeFields.clear(deps.db);
  return toField(row);
}

/** Changes a field's label, options, required flag, position or active flag; its key and type are fixed. */
export async function updateCustomField(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { label?: string; options?: string[]; required?: boolean; active?: boolean; position?: number },
): Promise<CustomField> {
  const current = await findCustomFieldRow(deps.db.kysely, id);
  if (!current) throw notFound('Custom field');
  const type = current.type as FieldType;
  if (input.options !== undefined) checkDefinition(type, input.options);
  const next: CustomFieldRow = {
    ...current,
    label: input.label ?? current.label,
    options: input.options !== undefined && type === 'dropdown' ? JSON.stringify(input.options) : current.options,
    required: input.required === undefined ? current.required : input.required ? 1 : 0,
    active: input.active === undefined ? current.active : input.active ? 1 : 0,
    position: input.position ?? current.position,
    updated_at: deps.clock.now().toISOString(),
  };
  await inTransaction(deps, async (trx) => {
    await updateCustomFieldRow(trx, id, next);
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'custom_field.updated',
      entityType: 'custom_field',
      entityId: id,
      changes: diff(toField(current) as never, toField(next) as never),
    });
  });
  activeFields.clear(deps.db);
  return toField(next);
}

/**
 * Checks ticket custom-field values against the active definitions. With `creating`, required
 * fields must be present. Returns the merged values; throws 400 naming each bad field.
 */
export async function validateCustomFieldValues(
  deps: Deps,
  db: Kysely<Database>,
  values: Record<string, unknown>,
  current: Record<string, unknown>,
  creating: boolean,
): Promise<Record<string, unknown>> {
  const fields = await activeCustomFields(deps, db);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(values)) {
    const field = byKey.get(key);
    if (!field) errors.push({ path: `customFields.${key}`, message: 'is not a defined custom field' });
    else if (value !== null) {
      const problem = valueProblem(field, value);
      if (problem) errors.push({ path: `customFields.${key}`, message: problem });
    }
  }
  const merged = { ...current, ...values };
  if (creating) {
    for (const field of fields) {
      if (field.required && (merged[field.key] === undefined || merged[field.key] === null || merged[field.key] === '')) {
        errors.push({ path: `customFields.${field.key}`, message: 'is required' });
      }
    }
  }
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), { fields: errors });
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
  return merged;
}

function valueProblem(field: CustomField, value: unknown): string | undefined {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? undefined : 'must be text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'must be a date YYYY-MM-DD';
    case 'dropdown':
      return typeof value === 'string' && field.options.includes(value) ? undefined : `must be one of ${field.options.join(', ')}`;
  }
}
