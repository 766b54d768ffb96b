import { z } from 'zod';

/** Frames a console sends on /api/v1/stream. Every frame is one JSON object with a `type`. */
const TicketId = z.string().min(1).max(64);

export const StreamFrame = z.discriminatedUnion('type', [
  /** "I have this ticket open" (null: none any more). */
  z.object({ type: z.literal('viewing'), ticketId: TicketId.nullable() }),
  /** "I am writing on this ticket"; `on: false` (or 6 s of silence) ends it. */
  z.object({ type: z.literal('typing'), ticketId: TicketId, on: z.boolean().default(true) }),
  z.object({ type: z.literal('ping') }),
]);
export type StreamFrame = z.infer<typeof StreamFrame>;

/** Who else has a ticket open, as each viewer of that ticket receives it. */
export interface PresenceOut {
  type: 'presence';
  ticketId: string;
  viewers: { userId: string; name: string; typing: boolean }[];
}
