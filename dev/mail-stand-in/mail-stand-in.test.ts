import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailStandIn, STAND_IN_MAIL_KEY, type MailStandIn } from './index.ts';

let standIn: MailStandIn;
beforeAll(async () => {
  standIn = await startMailStandIn();
});
afterAll(() => standIn.stop());

const send = (body: unknown, key = STAND_IN_MAIL_KEY) =>
  fetch(`${standIn.url}/emails`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the mail stand-in', () => {
  it("accepts Resend's wire format and lists the message as JSON and HTML", async () => {
    const response = await send({ from: 'a@example.com', to: ['Ada@Example.com'], subject: 'Hello <you>', text: 'hi', html: '<p>hi</p>' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: expect.any(String) });
    const listed = (await (await fetch(`${standIn.url}/__mail?to=ada@example.com`)).json()) as { messages: unknown[] };
    expect(listed.messages).toHaveLength(1);
    expect(listed.messages[0]).toMatchObject({ from: 'a@example.com', to: ['Ada@Example.com'], subject: 'Hello <you>', text: 'hi' });
    const html = await (await fetch(`${standIn.url}/`)).text();
    expect(html).toContain('Hello &lt;you&gt;');
  });

  it('refuses a wrong key and a message without a recipient, as the service would', async () => {
    expect((await send({ from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't' }, 'wrong')).status).toBe(401);
    expect((await send({ from: 'a@example.com', subject: 's', text: 't' })).status).toBe(422);
  });

  it('forgets everything on DELETE /__mail', async () => {
    await send({ from: 'a@example.com', to: 'c@example.com', subject: 's', text: 't' });
    expect((await fetch(`${standIn.url}/__mail`, { method: 'DELETE' })).status).toBe(204);
    expect(standIn.messages()).toEqual([]);
  });
});
