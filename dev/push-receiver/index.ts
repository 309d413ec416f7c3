// The local push service for web push tests and development (see README.md).
export { startPushReceiver, type PushReceiver } from './server.ts';
export type { Behavior, Delivery, Message } from './model.ts';
