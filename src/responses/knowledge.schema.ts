import { z } from 'zod';

// A POST without a body is the common case: it means the defaults.
export const ArticleDraftBody = z.preprocess(
  (value) => value ?? {},
  z
    .object({
      visibility: z.enum(['internal', 'public']).default('internal').describe('Default internal: a draft from one ticket is team material until someone generalises it'),
    })
    .strict(),
);
