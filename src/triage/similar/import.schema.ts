import { z } from 'zod';
import { Email } from '../../platform/http/schemas.js';
import { Priority, Status } from '../../tickets/tickets.schema.js';

/** Longest subject an imported ticket may have (the API's limit). */
export const SUBJECT_MAX_CHARS = 500;

/**
 * A `createdAt` in any ISO-8601 form with a time zone (`2020-01-02T17:14:21Z`,
 * `2020-01-02 17:14:21+00:00`), stored as UTC with milliseconds.
 */
const CreatedAt = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i, 'must be an ISO-8601 time with a time zone, for example 2024-05-01T09:30:00Z')
  .transform((value, ctx) => {
    const ms = Date.parse(value.replace(' ', 'T'));
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'is not a real date' });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

/** One line of `frontline tickets import`: a ticket keyed by its external id. */
export const TicketImportRecord = z.object({
  externalId: z.union([z.string().trim().min(1).max(200), z.number().int().transform(String)]),
  subject: z.string().trim().min(1).max(SUBJECT_MAX_CHARS),
  // Imported history may have reports without a description; the subject still says what it is.
  body: z.string(),
  requester: z.object({ email: Email, name: z.string().trim().min(1).max(200).optional() }),
  createdAt: CreatedAt.nullish(),
  status: Status.nullish(),
  priority: Priority.nullish(),
  category: z.string().trim().min(1).max(120).nullish(),
});
export type TicketImportRecord = z.infer<typeof TicketImportRecord>;

/** What an import did. */
export interface TicketImportCounts {
  /** Lines read (blank lines aside). */
  lines: number;
  created: number;
  /** Lines whose externalId was already a ticket, from an earlier import or earlier in the file. */
  skipped: number;
}
