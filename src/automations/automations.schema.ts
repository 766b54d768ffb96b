import { z } from 'zod';
import { Email, Timestamp } from '../platform/http/schemas.js';
import { UUID_PATTERN } from '../platform/ids.js';
import { AddTagsAction, AssignAction, RemoveTagsAction, SetFieldsAction } from '../macros/ticket-changes.js';

/** Events a rule can run on; `time` rules are evaluated by the periodic sweep instead. */
export const EVENT_TRIGGERS = ['ticket.created', 'ticket.updated', 'message.created', 'sla.warning', 'sla.breached', 'csat.received'] as const;
export const TRIGGERS = [...EVENT_TRIGGERS, 'time'] as const;
export type EventTrigger = (typeof EVENT_TRIGGERS)[number];
export type Trigger = (typeof TRIGGERS)[number];

export const OPERATORS = [
  'is',
  'is_not',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'greater_than',
  'less_than',
  'changed',
  'changed_to',
  'changed_from',
  'hours_since_greater_than',
  'hours_since_less_than',
] as const;
export type Operator = (typeof OPERATORS)[number];

export const ConditionSchema = z
  .object({
    field: z.string().min(1).max(100).describe('e.g. ticket.status, requester.email, organisation.plan'),
    operator: z.enum(OPERATORS),
    value: z.unknown().optional(),
  })
  .strict();
export type Condition = z.infer<typeof ConditionSchema>;

export const ConditionsSchema = z
  .object({
    all: z.array(ConditionSchema).max(50).default([]).describe('Every one must hold'),
    any: z.array(ConditionSchema).max(50).default([]).describe('At least one must hold (when there are any)'),
  })
  .strict();
export type Conditions = z.infer<typeof ConditionsSchema>;

const Id = z.string().regex(UUID_PATTERN, 'must be an id');
const Template = z.string().min(1).max(20_000);

export const AddNoteAction = z.object({ type: z.literal('add_note'), body: Template }).strict();
export const SendEmailAction = z
  .object({
    type: z.literal('send_email'),
    to: z.union([z.literal('requester'), z.literal('assignee'), Email]).describe('requester, assignee or an address'),
    subject: z.string().min(1).max(500),
    body: Template,
  })
  .strict();
export const CallWebhookAction = z.object({ type: z.literal('call_webhook'), webhookId: Id }).strict();
export const ApplyMacroAction = z.object({ type: z.literal('apply_macro'), macroId: Id }).strict();

export const ActionSchema = z.discriminatedUnion('type', [
  SetFieldsAction,
  AssignAction,
  AddTagsAction,
  RemoveTagsAction,
  AddNoteAction,
  SendEmailAction,
  CallWebhookAction,
  ApplyMacroAction,
]);
export type Action = z.infer<typeof ActionSchema>;

export const CreateAutomationBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(2000).nullable().optional(),
    trigger: z.enum(TRIGGERS),
    conditions: ConditionsSchema.default({ all: [], any: [] }),
    actions: z.array(ActionSchema).min(1).max(20),
    active: z.boolean().optional(),
    position: z.number().int().min(0).optional().describe('Run order among all rules; default: last'),
  })
  .strict();
export type CreateAutomationInput = z.infer<typeof CreateAutomationBody>;

export const UpdateAutomationBody = CreateAutomationBody.omit({ position: true }).partial().strict();
export type UpdateAutomationInput = z.infer<typeof UpdateAutomationBody>;

export const ReorderBody = z
  .object({ ids: z.array(Id).min(1).max(1000).refine((ids) => new Set(ids).size === ids.length, 'must not repeat an automation') })
  .strict()
  .describe('Every automation id, in the order they should run');

export const AutomationSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  trigger: z.enum(TRIGGERS),
  conditions: z.object({ all: z.array(ConditionSchema), any: z.array(ConditionSchema) }),
  actions: z.array(ActionSchema),
  active: z.boolean(),
  position: z.number(),
  runCount: z.number(),
  lastRunAt: Timestamp.nullable(),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Automation = z.infer<typeof AutomationSchema>;

export const AutomationListQuery = z.object({ trigger: z.enum(TRIGGERS).optional() });
export const AutomationListResponse = z.object({ items: z.array(AutomationSchema) });

export const ConditionFieldsResponse = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['enum', 'text', 'number', 'ref', 'boolean', 'tags', 'time']),
      values: z.array(z.union([z.string(), z.number()])).optional().describe('The values an enum or number field takes'),
      triggers: z.array(z.enum(TRIGGERS)).optional().describe('Only rules on these triggers carry the field'),
      operators: z.array(z.enum(OPERATORS)),
      changeOperators: z.array(z.enum(OPERATORS)).describe('changed… operators, for ticket.updated rules'),
    }),
  ),
});
