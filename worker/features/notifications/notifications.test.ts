import { describe, expect, it } from 'vitest';
import { call, expectErrorEnvelope, query, signUp } from '../../test-helpers.ts';

async function seed(userId: string, rows: { title: string; status: string; minutesAgo: number }[]) {
  const ids: string[] = [];
  for (const row of rows) {
    const [inserted] = await query<{ id: string }>(
      `INSERT INTO notifications (user_id, title, body, status, scheduled_for, sent_at, payload)
       VALUES ($1, $2, 'S01E01 · Pilot', $3, now() - make_interval(mins => $4),
               CASE WHEN $3 IN ('sent', 'read') THEN now() - make_interval(mins => $4) END,
               jsonb_build_object('event_type', 'new_episode', 'url', '/shows/x'))
       RETURNING id`,
      [userId, row.title, row.status, row.minutesAgo],
    );
    ids.push(inserted!.id);
  }
  return ids;
}

const unread = (token: string) => call('GET', '/api/v1/notifications/unread-count', { token });

describe('the inbox', () => {
  it('lists what is due, newest first; upcoming ones only on request', async () => {
    const ada = await signUp();
    await seed(ada.id, [
      { title: 'older', status: 'read', minutesAgo: 120 },
      { title: 'newer', status: 'sent', minutesAgo: 5 },
      { title: 'undeliverable', status: 'failed', minutesAgo: 60 },
      { title: 'later', status: 'pending', minutesAgo: -600 },
    ]);
    const inbox = await call('GET', '/api/v1/notifications', { token: ada.accessToken });
    expect(inbox.status).toBe(200);
    expect(inbox.body.notifications.map((item: { title: string }) => item.title)).toEqual(['newer', 'undeliverable', 'older']);
    // The badge's count comes with the page: sent and failed, not the pending one.
    expect(inbox.body).toMatchObject({ page: 1, has_more: false, unread: 2 });
    expect(inbox.body.notifications[0]).toMatchObject({ event_type: 'new_episode', url: '/shows/x', body: 'S01E01 · Pilot' });
    const pending = await call('GET', '/api/v1/notifications?status=pending', { token: ada.accessToken });
    expect(pending.body.notifications.map((item: { title: string }) => item.title)).toEqual(['later']);
  });

  it('pages by 30', async () => {
    const bob = await signUp();
    await seed(bob.id, Array.from({ length: 31 }, (_, i) => ({ title: `n${i}`, status: 'sent', minutesAgo: i + 1 })));
    const first = await call('GET', '/api/v1/notifications', { token: bob.accessToken });
    expect(first.body.notifications).toHaveLength(30);
    expect(first.body.has_more).toBe(true);
    const second = await call('GET', '/api/v1/notifications?page=2', { token: bob.accessToken });
    expect(second.body.notifications.map((item: { title: string }) => item.title)).toEqual(['n30']);
    expect(second.body.has_more).toBe(false);
  });

  it.each(['status=archived', 'page=0', 'page=x'])('rejects %s with 400', async (params) => {
    const account = await signUp();
    expectErrorEnvelope(await call('GET', `/api/v1/notifications?${params}`, { token: account.accessToken }), 400, 'validation_failed');
  });
});

describe('read state and the unread badge', () => {
  it('counts sent and failed as unread, and keeps the count current through reads', async () => {
    const cy = await signUp();
    const [sentId, failedId] = await seed(cy.id, [
      { title: 'a', status: 'sent', minutesAgo: 1 },
      { title: 'b', status: 'failed', minutesAgo: 2 },
      { title: 'c', status: 'read', minutesAgo: 3 },
    ]);
    expect((await unread(cy.accessToken)).body).toEqual({ unread: 2 });

    const read = await call('PATCH', `/api/v1/notifications/${sentId}/read`, { token: cy.accessToken });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: sentId, status: 'read', read_at: expect.any(String) });
    expect((await unread(cy.accessToken)).body).toEqual({ unread: 1 });
    expect((await call('GET', '/api/v1/notifications', { token: cy.accessToken })).body.unread).toBe(1);
    expect((await call('PATCH', `/api/v1/notifications/${sentId}/read`, { token: cy.accessToken })).status).toBe(200);

    const all = await call('POST', '/api/v1/notifications/read-all', { token: cy.accessToken });
    expect(all.body).toEqual({ marked: 1 });
    expect((await unread(cy.accessToken)).body).toEqual({ unread: 0 });
    const [row] = await query<{ status: string }>('SELECT status FROM notifications WHERE id = $1', [failedId]);
    expect(row!.status).toBe('read');
  });

  it('counts the rows on every request: a change made anywhere shows at once, in the badge and the inbox alike', async () => {
    const gus = await signUp();
    expect((await unread(gus.accessToken)).body).toEqual({ unread: 0 });
    // Written straight to the table, as another worker's delivery would be.
    await seed(gus.id, [{ title: 'just delivered', status: 'sent', minutesAgo: 0 }]);
    expect((await unread(gus.accessToken)).body).toEqual({ unread: 1 });
    expect((await call('GET', '/api/v1/notifications', { token: gus.accessToken })).body).toMatchObject({ unread: 1 });
  });

  it("answers 404 for another person's notification and changes nothing", async () => {
    const [dee, eve] = [await signUp(), await signUp()];
    const [id] = await seed(dee.id, [{ title: 'private', status: 'sent', minutesAgo: 1 }]);
    expectErrorEnvelope(await call('PATCH', `/api/v1/notifications/${id}/read`, { token: eve.accessToken }), 404, 'not_found');
    expect((await call('GET', '/api/v1/notifications', { token: eve.accessToken })).body.notifications).toEqual([]);
    expect((await call('POST', '/api/v1/notifications/read-all', { token: eve.accessToken })).body).toEqual({ marked: 0 });
    expect((await unread(dee.accessToken)).body).toEqual({ unread: 1 });
  });

  it('refuses to mark an unsent notification read (409) and a malformed id (400)', async () => {
    const fay = await signUp();
    const [id] = await seed(fay.id, [{ title: 'soon', status: 'pending', minutesAgo: -60 }]);
    expectErrorEnvelope(await call('PATCH', `/api/v1/notifications/${id}/read`, { token: fay.accessToken }), 409, 'conflict');
    expectErrorEnvelope(await call('PATCH', '/api/v1/notifications/nope/read', { token: fay.accessToken }), 400, 'validation_failed');
    expectErrorEnvelope(await call('GET', '/api/v1/notifications/unread-count'), 401, 'unauthorized');
  });
});
