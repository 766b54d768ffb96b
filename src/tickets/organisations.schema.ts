import { z } from 'zod';
import { Limit, Timestamp } from '../platform/http/schemas.js';

// Labels of 1-63 letters, digits or inner hyphens, then a letter TLD or a punycode one.
const DOMAIN_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** An email domain, lower-cased; a leading `@` is forgiven. */
export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, ''))
  .pipe(z.string().regex(DOMAIN_PATTERN, 'must be a domain such as example.com'));

const Domains = z
  .array(Domain)
  .max(100)
  .refine((list) => new Set(list).size === list.length, 'must not repeat a domain')
  .describe('Email domains such as example.com; customers at them join the organisation');

const Name = z.string().trim().min(1).max(200);
const Plan = z.string().trim().min(1).max(100).nullable();
const Notes = z.string().max(10_000).nullable();

export const CreateOrganisationBody = z
  .object({ name: Name, domains: Domains.optional(), plan: Plan.optional(), vip: z.boolean().optional(), notes: Notes.optional() })
  .strict();
export type CreateOrganisationInput = z.infer<typeof CreateOrganisationBody>;

export const UpdateOrganisationBody = z
  .object({
    name: Name.optional(),
    domains: Domains.optional().describe('Replaces the set of domains'),
    plan: Plan.optional(),
    vip: z.boolean().optional(),
    notes: Notes.optional(),
  })
  .strict();
export type UpdateOrganisationInput = z.infer<typeof UpdateOrganisationBody>;

export const ListOrganisationsQuery = z.object({
  q: z.string().trim().min(1).max(200).optional().describe('Part of the name'),
  limit: Limit(100, 25),
  cursor: z.string().max(500).optional(),
});
export type ListOrganisationsFilter = z.infer<typeof ListOrganisationsQuery>;

export const OrganisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  domains: z.array(z.string()),
  plan: z.string().nullable(),
  vip: z.boolean(),
  notes: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const OrganisationDetailSchema = OrganisationSchema.extend({ customerCount: z.number(), ticketCount: z.number() });
export type OrganisationDetail = z.infer<typeof OrganisationDetailSchema>;

export const OrganisationListResponse = z.object({ items: z.array(OrganisationSchema), nextCursor: z.string().nullable() });
