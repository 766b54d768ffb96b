import { describe, expect, it } from 'vitest';
import { guideSource, type GuideDoc } from './guide-match.js';

const GUIDES: GuideDoc[] = [
  { id: 'g1', title: 'Printer does not print', description: 'Walk through paper, toner and the print queue.', category: 'Hardware', visibility: 'public' },
  { id: 'g2', title: 'Troubleshoot email delivery', description: 'When emails from the app never arrive: spam, filters, bounces.', category: 'Email', visibility: 'public' },
  { id: 'g3', title: 'VPN connection drops', description: 'Check the client, the network and the certificate.', category: 'Network', visibility: 'internal' },
];

describe('guide suggestions', () => {
  it('ranks guides sharing the ticket words, links public ones, and suggests none for unrelated text', async () => {
    let loads = 0;
    const source = guideSource(async () => (loads++, GUIDES), (id) => `https://help.example.com/help/guides/${id}`);
    const email = await source.suggest({ subject: 'Password reset email never arrives', body: 'The email never arrives, I checked spam.' }, 3);
    expect(email).toEqual([{ id: 'g2', title: 'Troubleshoot email delivery', score: expect.any(Number), url: 'https://help.example.com/help/guides/g2' }]);
    expect((await source.suggest({ subject: 'VPN keeps dropping', body: 'The VPN connection drops every hour.' }, 3))[0]).toMatchObject({ id: 'g3', url: null });
    expect(await source.suggest({ subject: 'Invoice address', body: 'How do I change it?' }, 3)).toEqual([]);
    expect(loads).toBe(1);
  });

  it('tries the loader again after a failure', async () => {
    let calls = 0;
    const source = guideSource(async () => {
      calls++;
      if (calls === 1) throw new Error('database down');
      return GUIDES;
    }, (id) => id);
    await expect(source.suggest({ subject: 'printer', body: '' }, 1)).rejects.toThrow('database down');
    expect((await source.suggest({ subject: 'printer does not print', body: '' }, 1))[0].id).toBe('g1');
  });
});
