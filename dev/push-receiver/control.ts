// The control API under /__control: create subscriptions, put fault
// behaviours on them, read what arrived, reset. Tests drive it over HTTP.
import { BEHAVIOR_STATUSES, type Behavior, type BehaviorStatus, type State, createState, createSubscription, subscriptionJson } from './model.ts';
import type { Reply } from './push.ts';

const json = (body: unknown, status = 200): Reply => ({ status, body });
const badRequest = (message: string): Reply => json({ error: message }, 400);
const notFound = (message: string): Reply => json({ error: message }, 404);

function parseVapidKey(body: unknown): string | null {
  const key = (body as { vapidPublicKey?: unknown } | undefined)?.vapidPublicKey;
  if (key === undefined || key === null) return null;
  const bytes = typeof key === 'string' && /^[A-Za-z0-9_-]+$/.test(key) ? Buffer.from(key, 'base64url') : Buffer.alloc(0);
  if (typeof key !== 'string' || bytes.length !== 65 || bytes[0] !== 0x04) throw new Error('vapidPublicKey must be an uncompressed P-256 public key in base64url');
  return key;
}

function parseBehavior(body: unknown): Behavior {
  const input = (body ?? {}) as Record<string, unknown>;
  if (!BEHAVIOR_STATUSES.includes(input.status as BehaviorStatus)) throw new Error(`status must be one of ${BEHAVIOR_STATUSES.join(', ')}`);
  const count = (key: string) => {
    const value = input[key];
    if (value === undefined || value === null) return null;
    if (!Number.isInteger(value) || (value as number) < 0) throw new Error(`${key} must be a non-negative integer`);
    return value as number;
  };
  return { status: input.status as BehaviorStatus, retryAfterSeconds: count('retryAfterSeconds'), remaining: count('times') };
}

export function control(state: State, url: string, method: string, path: string, query: URLSearchParams, body: unknown): Reply {
  const [, , collection, id, leaf] = path.replace(/\/$/, '').split('/');
  const subscription = collection === 'subscriptions' && id ? state.subscriptions.get(id) : undefined;
  if (collection === 'subscriptions' && id && !subscription) return notFound(`no subscription ${id}`);

  switch (`${method} ${collection ?? ''}${id ? '/:id' : ''}${leaf ? `/${leaf}` : ''}`) {
    case 'GET ':
      return json({ url, subscriptions: state.subscriptions.size, messages: state.messages.length, deliveries: state.deliveries.length });
    case 'POST subscriptions':
      try {
        return json(subscriptionJson(createSubscription(state, parseVapidKey(body)), url), 201);
      } catch (error) {
        return badRequest((error as Error).message);
      }
    case 'GET subscriptions/:id':
      return json({
        ...subscriptionJson(subscription!, url),
        vapidPublicKey: subscription!.vapidPublicKey, behavior: subscription!.behavior, gone: subscription!.goneStatus !== null,
      });
    case 'POST subscriptions/:id/behavior':
      try {
        subscription!.behavior = parseBehavior(body);
        return json(subscription!.behavior, 201);
      } catch (error) {
        return badRequest((error as Error).message);
      }
    case 'DELETE subscriptions/:id/behavior':
      subscription!.behavior = null;
      return { status: 204 };
    case 'GET subscriptions/:id/messages':
      return json({ messages: state.messages.filter((message) => message.subscriptionId === id) });
    case 'GET deliveries': {
      const since = Number(query.get('since') ?? 0);
      const of = query.get('subscription');
      return json({ deliveries: state.deliveries.filter((d) => d.receivedAt >= since && (of === null || d.subscriptionId === of)) });
    }
    case 'POST reset':
      Object.assign(state, createState());
      return { status: 204 };
    default:
      return notFound(`no control route ${method} ${path}`);
  }
}
