import { z } from 'zod';
import { Timestamp } from '../platform/http/schemas.js';
import { UUID_PATTERN } from '../platform/ids.js';

export const BurstSettingsSchema = z
  .object({
    enabled: z.boolean(),
    minTickets: z.number().int().min(2).max(100).describe('Look-alike tickets, the new one included, that make a burst'),
    windowMinutes: z.number().int().min(1).max(7 * 24 * 60).describe('How far back a burst may reach'),
    minScore: z.number().min(0.05).max(1).describe('Similarity every two tickets of a burst must reach (0 … 1)'),
  })
  .strict();
export type BurstSettings = z.infer<typeof BurstSettingsSchema>;

export const LinkBody = z.object({ incidentId: z.string().regex(UUID_PATTERN, 'must be a ticket id') }).strict();

const TicketRef = z.object({
  id: z.string(),
  number: z.number(),
  subject: z.string(),
  status: z.string(),
});

export const IncidentViewSchema = z.object({
  /** The incident this ticket belongs to, if any. */
  incident: TicketRef.extend({ linkedBy: z.string(), linkedAt: Timestamp }).nullable(),
  /** When the ticket is itself an incident: the tickets linked to it, oldest link first. */
  members: z.array(TicketRef.extend({ linkedBy: z.string(), linkedAt: Timestamp })),
});
export type IncidentView = z.infer<typeof IncidentViewSchema>;
