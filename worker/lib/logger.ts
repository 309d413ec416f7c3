// Structured JSON logs (Workers Logs indexes JSON lines), tagged with the
// request id so one request's lines can be found together.
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(base: Record<string, unknown> = {}): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ level, message, ...base, ...fields });
    if (level === 'error') console.error(line);
    else if (level === 'warn') console.warn(line);
    else console.log(line);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  // drizzle wraps driver errors: the cause says what Postgres objected to.
  const cause =
    error.cause === undefined ? undefined : error.cause instanceof Error ? error.cause.message : describeValue(error.cause);
  return { error: error.message, name: error.name, ...(cause ? { cause } : {}), stack: error.stack };
}

function describeValue(value: unknown): string {
  if (value && typeof value === 'object') {
    const { constructor, message, type } = value as { constructor?: { name?: string }; message?: unknown; type?: unknown };
    return [constructor?.name, type, message].filter((part) => typeof part === 'string' && part).join(': ');
  }
  return String(value);
}
