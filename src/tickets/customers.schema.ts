import { z } from 'zod';
import { Email, Limit, Timestamp } from '../platform/http/schemas.js';
import { UUID_PATTERN } from '../platform/ids.js';
import { TICKET_STATUSES } from './status.js';

const OrganisationId = z.string().regex(UUID_PATTERN, 'must be an id');
const Name = z.string().trim().min(1).max(200);

export const CreateCustomerBody = z
  .object({
    email: Email,
    name: Name.optional(),
    organisationId: OrganisationId.nullable().optional().describe("Default: the organisation owning the email's domain"),
  })
  .strict();
export type CreateCustomerInput = z.infer<typeof CreateCustomerBody>;

export const UpdateCustomerBody = z
  .object({ name: Name.nullable().optional(), organisationId: OrganisationId.nullable().optional() })
  .strict();
export type UpdateCustomerInput = z.infer<typeof UpdateCustomerBody>;

export const ListCustomersQuery = z.object({
  q: z.string().trim().min(1).max(254).optional().describe('Part of the email or name'),
  organisation: z.string().max(64).optional().describe('An organisation id, or `none`'),
  limit: Limit(100, 25),
  cursor: z.string().max(600).optional(),
});
export type ListCustomersFilter = z.infer<typeof ListCustomersQuery>;

export const CustomerSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  organisationId: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Customer = z.infer<typeof CustomerSchema>;

export const CustomerDetailSchema = CustomerSchema.extend({
  organisation: z.object({ id: z.string(), name: z.string(), plan: z.string().nullable(), vip: z.boolean() }).nullable(),
  ticketCounts: z.object({
    total: z.number(),
    byStatus: z.object(Object.fromEntries(TICKET_STATUSES.map((s) => [s, z.number()])) as Record<(typeof TICKET_STATUSES)[number], z.ZodNumber>),
  }),
});
export type CustomerDetail = z.infer<typeof CustomerDetailSchema>;

export const CustomerListItemSchema = CustomerSchema.extend({ organisationName: z.string().nullable() });
export type CustomerListItem = z.infer<typeof CustomerListItemSchema>;

export const CustomerListResponse = z.object({ items: z.array(CustomerListItemSchema), nextCursor: z.string().nullable() });
