import { useCallback, useEffect, useState } from 'react';
import { live, useLive, type LiveFrame } from '../live';

type Viewer = { userId: string; name: string; typing: boolean };

/** "Ann is viewing", "Bob is typing…": the other agents on this ticket right now (space reserved, no shift). */
export function Presence({ ticketId, selfId }: { ticketId: string; selfId: string }) {
  const [others, setOthers] = useState<Viewer[]>([]);
  useEffect(() => {
    live.view(ticketId);
    return () => live.view(null);
  }, [ticketId]);
  useLive(
    useCallback(
      (frame: LiveFrame) => {
        if (frame.type === 'presence' && frame.ticketId === ticketId) setOthers(frame.viewers.filter((v) => v.userId !== selfId));
      },
      [ticketId, selfId],
    ),
  );
  const text = others.map((o) => `${o.name} is ${o.typing ? 'typing…' : 'viewing'}`).join(' · ');
  return (
    <p className="presence" role="status" aria-live="polite" data-testid="presence">
      {text}
    </p>
  );
}

/** Tells the others this agent is typing, at most every 2 s. */
export function typingNotifier(ticketId: string): () => void {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last < 2_000) return;
    last = now;
    live.send({ type: 'typing', ticketId, on: true });
  };
}
