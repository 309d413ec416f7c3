// Where the local runtime's e-mail goes: the real provider when MAIL_API_KEY
// is configured (shell or .dev.vars), else the local mail stand-in, whose
// address and key are handed to the worker as wrangler vars.
import { standInMailVars, startMailStandIn } from '../mail-stand-in/index.ts';
import { devVarsWithValues } from './dev-vars.ts';

/** Where `npm start` runs the mail stand-in; any free port when it is taken. */
export const MAIL_STAND_IN_PORT = 8791;

export interface Mail {
  vars: Record<string, string>;
  /** One line for the start-up banner: where to read mail. */
  label: string;
  stop(): Promise<void>;
}

export async function startMail(devVarsPath: string, env = process.env): Promise<Mail> {
  if (env.MAIL_API_KEY || devVarsWithValues(devVarsPath).has('MAIL_API_KEY')) {
    return { vars: {}, label: 'sent through MAIL_API_BASE (MAIL_API_KEY set)', stop: async () => undefined };
  }
  const standIn = await startMailStandIn({ port: MAIL_STAND_IN_PORT }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    return startMailStandIn();
  });
  return {
    vars: standInMailVars(standIn.url),
    label: `local stand-in, read it at ${standIn.url}/ (JSON: ${standIn.url}/__mail)`,
    stop: () => standIn.stop(),
  };
}
