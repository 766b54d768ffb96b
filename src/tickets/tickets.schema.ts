import { z } from 'zod';
import { Email, Limit, Timestamp } from '../platform/http/schemas.js';
import { TICKET_STATUSES } from './status.js';

export const CHANNELS = ['api', 'email', 'web', 'portal', 'chat', 'phone', 'video', 'other'] as const;
export const Channel = z.enum(CHANNELS);
export const Status = z.enum(TICKET_STATUSES);
export const Priority = z.number().int().min(1).max(4).describe('1 critical … 4 general');

const Tag = z.string().trim().min(1).max(64);
const Tags = z.array(Tag).max(50);
const Category = z.string().trim().min(1).max(120);
const CustomFieldValues = z.record(z.string().max(64), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]));

export const RequesterInput = z.object({ email: Email, name: z.string().trim().min(1).max(200).optional() });

export const CreateTicketBody = z.object({
  subject: z.string().trim().min(1).max(500),
  body: z.string().min(1).describe('The first message, plain text'),
  requester: RequesterInput,
  channel: Channel.optional(),
  priority: Priority.optional(),
  category: Category.optional(),
  tags: Tags.optional(),
  assigneeId: z.string().optional(),
  groupId: z.string().optional(),
  customFields: CustomFieldValues.optional(),
  externalId: z.string().trim().min(1).max(200).optional(),
});
export type CreateTicketInput = z.infer<typeof CreateTicketBody>;

export const UpdateTicketBody = z
  .object({
    subject: z.string().trim().min(1).max(500).optional(),
    status: Status.optional(),
    priority: Priority.optional(),
    category: Category.nullable().optional(),
    assigneeId: z.string().nullable().optional(),
    groupId: z.string().nullable().optional(),
    tags: Tags.optional(),
    customFields: CustomFieldValues.optional(),
  })
  .strict();
export type UpdateTicketInput = z.infer<typeof UpdateTicketBody>;

export const SORTS = ['updated', 'created', 'priority', 'sla', 'number', 'relevance'] as const;

/** A query parameter holding one value or several, comma-separated. */
const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value), z.array(item).min(1));

export const ListTicketsQuery = z.object({
  q: z.string().max(500).optional(),
  number: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().describe('The ticket with this number (as agents quote it: #1042)'),
  status: csv(Status).optional().describe('One status or several, comma-separated'),
  priority: csv(z.coerce.number().int().min(1).max(4)).optional(),
  category: z.string().max(120).optional(),
  assignee: z.string().max(64).optional().describe('A user id, `me` or `none`'),
  group: z.string().max(64).optional(),
  tag: z.string().max(64).optional(),
  requester: z.string().max(254).optional().describe('A customer id or email'),
  organisation: z.string().max(64).optional(),
  channel: Channel.optional(),
  sort: z.enum(SORTS).optional().describe('Default: relevance with q, else updated'),
  order: z.enum(['asc', 'desc']).optional(),
  limit: Limit(100, 25),
  cursor: z.string().max(500).optional(),
});
export type ListTicketsFilter = z.infer<typeof ListTicketsQuery>;

export const TicketSchema = z.object({
  id: z.string(),
  number: z.number(),
  externalId: z.string().nullable(),
  subject: z.string(),
  status: Status,
  priority: z.number(),
  category: z.string().nullable(),
  channel: z.string(),
  requester: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }),
  organisationId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  groupId: z.string().nullable(),
  tags: z.array(z.string()),
  customFields: z.record(z.string(), z.unknown()),
  version: z.number(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  firstResponseAt: Timestamp.nullable(),
  solvedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  sla: z.object({ firstResponseDueAt: Timestamp.nullable(), resolutionDueAt: Timestamp.nullable(), nextDueAt: Timestamp.nullable() }).passthrough(),
  triage: z.record(z.string(), z.unknown()).nullable(),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const TicketListResponse = z.object({ items: z.array(TicketSchema), nextCursor: z.string().nullable() });

export const MessageSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  visibility: z.enum(['public', 'internal']),
  author: z.object({ type: z.enum(['agent', 'customer', 'system']), id: z.string().nullable() }),
  body: z.string(),
  html: z.string().nullable(),
  channel: z.string(),
  createdAt: Timestamp,
});
export type Message = z.infer<typeof MessageSchema>;

export const CreateMessageBody = z.object({
  body: z.string().min(1),
  html: z.string().optional().describe('Rich body; sanitised before it is stored'),
  visibility: z.enum(['public', 'internal']),
  status: Status.optional().describe('Set the ticket status in the same step (submit as pending, solved …)'),
});

export const MessageListQuery = z.object({ limit: Limit(500, 100), cursor: z.string().max(200).optional() });
export const MessageListResponse = z.object({ items: z.array(MessageSchema), nextCursor: z.string().nullable() });
