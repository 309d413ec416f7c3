// The local mail stand-in for `npm start` and the tests (see README.md).
export { startMailStandIn, STAND_IN_MAIL_FROM, STAND_IN_MAIL_KEY, type MailStandIn, type StoredMail } from './server.ts';

import { STAND_IN_MAIL_FROM, STAND_IN_MAIL_KEY } from './server.ts';

/** The worker's mail variables pointing at a stand-in. */
export const standInMailVars = (url: string): Record<string, string> => ({
  MAIL_API_BASE: url,
  MAIL_API_KEY: STAND_IN_MAIL_KEY,
  MAIL_FROM: STAND_IN_MAIL_FROM,
});
