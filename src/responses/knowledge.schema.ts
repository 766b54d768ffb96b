import { z } from 'zod';

export const ArticleDraftBody = z
  .object({
    visibility: z.enum(['internal', 'public']).default('internal').describe('Default internal: a draft from one ticket is team material until someone generalises it'),
  })
  .strict()
  .default({ visibility: 'internal' });
