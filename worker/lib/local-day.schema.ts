// The one schema for a local calendar day in a query string. It lives apart
// from openapi.ts so that code checked without the worker's bindings (bench/,
// the Node-side tests) can import it.
import { z } from '@hono/zod-openapi';
import { isCalendarDate } from './local-time.ts';

/** A local calendar day, YYYY-MM-DD, within the years anyone's viewing history can span. */
export const LocalDaySchema = z
  .string()
  .refine(isCalendarDate, 'Use a real calendar day as YYYY-MM-DD')
  .refine((day) => day >= '1900-01-01' && day <= '2999-12-31', 'Use a day between 1900-01-01 and 2999-12-31');
