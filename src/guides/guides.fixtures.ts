// Test factory: a small guide used by the guide and help-center tests.

/** Router trouble: restart, then check the light; two ways to solve, one to a ticket. */
export const routerGuide = (overrides: Record<string, unknown> = {}) => ({
  title: 'My internet is down',
  description: 'Get your connection back',
  visibility: 'public',
  status: 'published',
  startNodeId: 'power',
  nodes: [
    { id: 'power', type: 'question', title: 'Is the router light on?', options: [{ label: 'Yes', next: 'restart' }, { label: 'No', next: 'plug' }] },
    { id: 'plug', type: 'step', title: 'Plug the router in', body: 'Use the **grey** cable.', next: 'check' },
    { id: 'restart', type: 'step', title: 'Restart the router', next: 'check' },
    { id: 'check', type: 'question', title: 'Does the internet work now?', options: [{ label: 'Yes', next: 'fixed' }, { label: 'No', next: 'ticket' }, { label: 'Try again', next: 'restart' }] },
    { id: 'fixed', type: 'outcome', title: 'You are back online', outcome: 'solved' },
    { id: 'ticket', type: 'outcome', title: 'We need to look at it', outcome: 'ticket' },
  ],
  ...overrides,
});
