import * as z from 'zod';

/**
 * The body of a submit: an application the rule set finds ineligible is filed only when the
 * applicant says they know (`acknowledgeIneligible: true`); the instructor's queue shows it.
 */
export const submitInput = z
  .object({
    acknowledgeIneligible: z.boolean({ error: 'acknowledgeIneligible : vrai ou faux attendu' }).optional(),
  })
  .strict();
