import { z } from 'zod';
import { Timestamp } from '../platform/http/schemas.js';
import { UUID_PATTERN } from '../platform/ids.js';
import { MessageSchema, TicketSchema } from '../tickets/tickets.schema.js';
import { TicketChange } from './ticket-changes.js';

export const CreateMacroBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(2000).nullable().optional(),
    body: z.string().min(1).max(20_000).nullable().optional().describe('Reply or note text with {{placeholders}}; omit for a macro that only changes fields'),
    visibility: z.enum(['public', 'internal']).optional().describe('public: a reply to the requester (default); internal: a note'),
    actions: z.array(TicketChange).max(20).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type CreateMacroInput = z.infer<typeof CreateMacroBody>;

export const UpdateMacroBody = CreateMacroBody.partial().strict();
export type UpdateMacroInput = z.infer<typeof UpdateMacroBody>;

export const MacroSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  body: z.string().nullable(),
  visibility: z.enum(['public', 'internal']),
  actions: z.array(TicketChange),
  active: z.boolean(),
  usageCount: z.number(),
  lastUsedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Macro = z.infer<typeof MacroSchema>;

export const MacroListQuery = z.object({ active: z.enum(['true', 'false']).optional() });
export const MacroListResponse = z.object({ items: z.array(MacroSchema) });

export const MacroTicketBody = z.object({ ticketId: z.string().regex(UUID_PATTERN, 'must be a ticket id') }).strict();

export const ApplyMacroBody = MacroTicketBody.extend({
  send: z
    .boolean()
    .default(true)
    .describe('false: apply the actions but return the rendered text as `draft` (for the agent to edit and send) instead of adding it; a status change then waits in the draft'),
}).strict();

export const PreviewSchema = z.object({
  body: z.string().nullable().describe('The rendered text'),
  visibility: z.enum(['public', 'internal']),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).describe('Fields the macro would change'),
});
export type Preview = z.infer<typeof PreviewSchema>;

export const DraftSchema = z.object({
  body: z.string(),
  visibility: z.enum(['public', 'internal']),
  status: z.string().nullable().describe('The status the macro sets, to travel with the reply when it is sent'),
});
export type MacroDraft = z.infer<typeof DraftSchema>;

export const ApplyResultSchema = z.object({
  ticket: TicketSchema,
  message: MessageSchema.nullable(),
  draft: DraftSchema.nullable().describe('With send: false, the rendered text not yet sent'),
});
