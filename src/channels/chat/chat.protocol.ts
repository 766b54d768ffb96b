import { z } from 'zod';

/** Frames a client sends. Every frame is one JSON object with a `type`. */
const ClientId = z.string().min(1).max(64);
const SessionId = z.string().min(1).max(64);
const Body = z.string().max(20_000);

export const VisitorFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    visitorId: z.string().min(8).max(64),
    sessionId: SessionId.nullish(),
    lastSeq: z.number().int().min(0).default(0),
    name: z.string().trim().max(120).nullish(),
    email: z.email().max(254).nullish(),
    pageUrl: z.string().max(2_000).nullish(),
    groupId: z.string().max(64).nullish(),
  }),
  z.object({ type: z.literal('message'), clientId: ClientId, body: Body }),
  z.object({ type: z.literal('typing'), on: z.boolean() }),
  z.object({ type: z.literal('contact'), name: z.string().trim().max(120).nullish(), email: z.email().max(254).nullish() }),
  z.object({ type: z.literal('end') }),
]);
export type VisitorFrame = z.infer<typeof VisitorFrame>;

export const AgentFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('presence'), status: z.enum(['online', 'away']) }),
  z.object({ type: z.literal('message'), sessionId: SessionId, clientId: ClientId, body: Body }),
  z.object({ type: z.literal('typing'), sessionId: SessionId, on: z.boolean() }),
  z.object({ type: z.literal('end'), sessionId: SessionId }),
  z.object({ type: z.literal('resume'), sessions: z.array(z.object({ sessionId: SessionId, lastSeq: z.number().int().min(0) })).max(200) }),
]);
export type AgentFrame = z.infer<typeof AgentFrame>;

/** A message as both sides receive it. */
export interface MessageOut {
  type: 'message';
  sessionId: string;
  seq: number;
  sender: 'visitor' | 'agent' | 'system';
  clientId: string;
  body: string;
  at: string;
}
