import { z } from 'zod';
import { Limit, Timestamp } from '../platform/http/schemas.js';

export const AuditEventSchema = z.object({
  id: z.number(),
  at: Timestamp,
  actor: z.object({ type: z.enum(['user', 'token', 'customer', 'automation', 'system']), id: z.string().nullable(), label: z.string().nullable() }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  ticketId: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});

export const AuditListResponse = z.object({ items: z.array(AuditEventSchema), nextCursor: z.string().nullable() });

export const AuditQuery = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  ticketId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: Limit(500, 100),
  cursor: z.string().max(40).optional(),
});
