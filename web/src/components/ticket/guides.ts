/** Guide runs as the API returns them (docs/guides.md). */
export interface GuideNode {
  id: string;
  type: 'step' | 'question' | 'outcome';
  title: string;
  body?: string;
  options?: { label: string; next: string }[];
  outcome?: 'solved' | 'ticket';
}
export interface PathStep {
  position: number;
  nodeId: string;
  title: string;
  answer: string | null;
}
export interface RunSummary {
  id: string;
  guideId: string;
  guideTitle: string;
  channel: 'helpcenter' | 'agent';
  status: 'active' | 'solved' | 'escalated' | 'abandoned';
  endReason: string | null;
  startedAt: string;
}
export interface Run extends RunSummary {
  currentNode: GuideNode;
  path: PathStep[];
}

const ENDS: Record<string, string> = { gave_up: 'gave up', timeout: 'timed out', ticket_opened: 'opened this ticket' };

/** "solved", "gave up", "in progress"… */
export function runStatus(run: Pick<RunSummary, 'status' | 'endReason'>): string {
  if (run.status === 'active') return 'in progress';
  if (run.status === 'escalated') return 'ended: needs a ticket';
  if (run.status === 'abandoned') return ENDS[run.endReason ?? ''] ?? 'abandoned';
  return 'solved';
}

export const runBy = (run: Pick<RunSummary, 'channel'>) => (run.channel === 'helpcenter' ? 'customer, help center' : 'agent');
