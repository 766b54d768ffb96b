import { z } from 'zod';
import { FIELD_TYPES } from './custom-fields.service.js';

const Label = z.string().trim().min(1).max(200);
const Options = z
  .array(z.string().trim().min(1).max(200))
  .max(500)
  .refine((list) => new Set(list).size === list.length, 'must not repeat an option')
  .describe('The choices of a dropdown field');
const Position = z.number().int().min(0).max(10_000);

export const CreateCustomFieldBody = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be snake_case: a lower-case letter, then letters, digits or _, at most 64')
      .describe('Stable name used in ticket customFields; cannot change'),
    label: Label,
    type: z.enum(FIELD_TYPES).describe('Cannot change'),
    options: Options.optional(),
    required: z.boolean().optional(),
    position: Position.optional(),
  })
  .strict();

export const UpdateCustomFieldBody = z
  .object({ label: Label.optional(), options: Options.optional(), required: z.boolean().optional(), active: z.boolean().optional(), position: Position.optional() })
  .strict();

export const CustomFieldSchema = z.object({
  id: z.string(),
  key: z.string(),
  label: z.string(),
  type: z.enum(FIELD_TYPES),
  options: z.array(z.string()),
  required: z.boolean(),
  active: z.boolean(),
  position: z.number(),
});

export const CustomFieldListResponse = z.object({ items: z.array(CustomFieldSchema) });
