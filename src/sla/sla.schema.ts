import { z } from 'zod';
import { Email, Limit, Timestamp } from '../platform/http/schemas.js';
import { Channel } from '../tickets/tickets.schema.js';

const ClockTime = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:MM (00:00 … 24:00)');
const LocalDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be YYYY-MM-DD');

export const OpeningHours = z
  .object({ day: z.number().int().min(0).max(6).describe('0 = Sunday … 6 = Saturday'), start: ClockTime, end: ClockTime })
  .strict();

export const HolidaysInput = z
  .object({
    country: z.string().trim().min(2).max(3).nullable().optional().describe('ISO country code for public holidays (date-holidays), e.g. DE'),
    state: z.string().trim().min(1).max(10).nullable().optional().describe('State or province code, e.g. BY'),
    region: z.string().trim().min(1).max(10).nullable().optional(),
    dates: z.array(LocalDate).max(1000).optional().describe('Extra closed days'),
  })
  .strict();

export const CreateCalendarBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    timeZone: z.string().trim().min(1).max(64).describe('IANA zone, e.g. Europe/Berlin'),
    hours: z.array(OpeningHours).min(1).max(100),
    holidays: HolidaysInput.optional(),
    isDefault: z.boolean().optional().describe('The calendar the built-in tier targets run on (Tier 1 stays around the clock)'),
  })
  .strict();
export type CreateCalendarInput = z.infer<typeof CreateCalendarBody>;
export const UpdateCalendarBody = CreateCalendarBody.partial().strict();
export type UpdateCalendarInput = z.infer<typeof UpdateCalendarBody>;

export const CalendarSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  hours: z.array(OpeningHours),
  holidays: z.object({ country: z.string().nullable(), state: z.string().nullable(), region: z.string().nullable(), dates: z.array(z.string()) }),
  isDefault: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Calendar = z.infer<typeof CalendarSchema>;

const Minutes = z.number().int().min(1).max(525_600);
export const TierTargets = z
  .object({ firstResponseMinutes: Minutes, resolutionMinutes: Minutes, nextReplyMinutes: Minutes.nullable().optional() })
  .strict();
export type TierTargetsInput = z.infer<typeof TierTargets>;

export const EscalationAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('raise_priority') }).strict().describe('Priority one step more urgent (4 → 3 … → 1)'),
  z.object({ type: z.literal('assign_group'), groupId: z.string() }).strict(),
  z.object({ type: z.literal('email'), to: z.array(Email).min(1).max(20) }).strict(),
]);
export type EscalationActionInput = z.infer<typeof EscalationAction>;

export const Escalation = z
  .object({ onWarning: z.array(EscalationAction).max(10).default([]), onBreach: z.array(EscalationAction).max(10).default([]) })
  .strict();
export type EscalationInput = z.infer<typeof Escalation>;

export const PolicyConditions = z
  .object({
    tiers: z.array(z.number().int().min(1).max(4)).max(4).optional(),
    groupIds: z.array(z.string()).max(100).optional(),
    organisationIds: z.array(z.string()).max(100).optional(),
    plans: z.array(z.string().trim().min(1).max(120)).max(100).optional(),
    channels: z.array(Channel).max(10).optional(),
  })
  .strict()
  .describe('Every listed condition must hold (each list: any of its values); an empty object matches every ticket');
export type PolicyConditionsInput = z.infer<typeof PolicyConditions>;

export const CreatePolicyBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    position: z.number().int().min(0).max(1_000_000).optional().describe('Matching order, lowest first; default after the last'),
    active: z.boolean().optional(),
    conditions: PolicyConditions.optional(),
    targets: z
      .object({ '1': TierTargets.optional(), '2': TierTargets.optional(), '3': TierTargets.optional(), '4': TierTargets.optional() })
      .strict()
      .optional()
      .describe('Per tier; a tier left out uses the built-in defaults'),
    calendarId: z.string().nullable().optional().describe('null: around the clock'),
    warnPercent: z.number().int().min(1).max(99).optional().describe('Share of the target at which sla.warning fires; default 75'),
    escalation: Escalation.optional(),
  })
  .strict();
export type CreatePolicyInput = z.infer<typeof CreatePolicyBody>;
export const UpdatePolicyBody = CreatePolicyBody.partial().strict();
export type UpdatePolicyInput = z.infer<typeof UpdatePolicyBody>;

export const PolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number(),
  active: z.boolean(),
  conditions: PolicyConditions,
  targets: z.record(z.string(), TierTargets),
  calendarId: z.string().nullable(),
  warnPercent: z.number(),
  escalation: z.object({ onWarning: z.array(EscalationAction), onBreach: z.array(EscalationAction) }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Policy = z.infer<typeof PolicySchema>;

export const PolicyOrderBody = z
  .object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000).refine((ids) => new Set(ids).size === ids.length, 'must not repeat a policy') })
  .strict()
  .describe('Every policy id, in the order they should be matched');

export const HolidayRegionsQuery = z.object({
  country: z.string().trim().min(2).max(3).optional().describe('Without it: the countries; with it: its states'),
  state: z.string().trim().min(1).max(10).optional().describe('With country: the regions of this state'),
});
export const HolidayRegionsResponse = z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) });

export const CalendarListResponse = z.object({ items: z.array(CalendarSchema) });
export const PolicyListResponse = z.object({ items: z.array(PolicySchema) });

export const AtRiskQuery = z.object({
  withinMinutes: z.coerce.number().int().min(0).max(525_600).default(240).describe('Deadlines up to this far ahead (breached ones always)'),
  group: z.string().max(64).optional(),
  assignee: z.string().max(64).optional(),
  limit: Limit(200, 50),
});
export type AtRiskFilter = z.infer<typeof AtRiskQuery>;

export const AtRiskItem = z.object({
  id: z.string(),
  number: z.number(),
  subject: z.string(),
  status: z.string(),
  priority: z.number(),
  assigneeId: z.string().nullable(),
  groupId: z.string().nullable(),
  metric: z.string().describe('The metric with the earliest deadline'),
  dueAt: Timestamp,
  timeLeftMs: z.number().describe('Negative when breached'),
  breached: z.boolean(),
});
export const AtRiskResponse = z.object({ items: z.array(AtRiskItem) });
