// The sync engine against the stand-ins: events derived exactly once,
// idempotent re-runs, reschedules in place, all-or-nothing transactions, and
// set-based fan-out. Shows used here are used by no other test file, because
// upstream mutations are visible to the whole run.
import { describe, expect, it } from 'vitest';
import { openDb, type Executor } from '../../db/client.ts';
import { query, signUp, TEST_ENV, unique } from '../../test-helpers.ts';
import { fanOut } from '../notifications/fan-out.ts';
import { mutate, summaryRow, sync } from './sync.fixtures.ts';

async function track(showId: string, userId: string, hoursBefore = 0) {
  await query(
    `INSERT INTO user_tracked_shows (user_id, show_id, notify_hours_before) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, show_id) DO UPDATE SET notify_hours_before = EXCLUDED.notify_hours_before`,
    [userId, showId, hoursBefore],
  );
}

describe('a full sync', () => {
  it('derives exactly one event per dated episode, typed by its place in the show; a second run writes nothing new', async () => {
    const showId = await summaryRow('Abbott Elementary', 125935);
    // Another test file may have fetched this show already; either way, after a sync:
    await sync(showId);

    const dated = await query<{ id: string; season_number: number; episode_number: number; episode_type: string | null }>(
      'SELECT id, season_number, episode_number, episode_type FROM episodes WHERE show_id = $1 AND air_date IS NOT NULL',
      [showId],
    );
    const events = await query<{ episode_id: string; event_type: string; all_day: boolean; event_date: Date; sequence: number }>(
      "SELECT episode_id, event_type, all_day, event_date, sequence FROM timeline_events WHERE show_id = $1 AND event_type <> 'status_change'",
      [showId],
    );
    expect(dated.length).toBeGreaterThan(50);
    expect(events).toHaveLength(dated.length);
    expect(new Set(events.map((event) => event.episode_id)).size).toBe(dated.length);
    const typeOf = new Map(events.map((event) => [event.episode_id, event.event_type]));
    for (const episode of dated) {
      const expected =
        episode.season_number === 1 && episode.episode_number === 1
          ? 'series_premiere'
          : episode.season_number > 1 && episode.episode_number === 1
            ? 'season_premiere'
            : episode.episode_type === 'finale'
              ? 'season_finale'
              : 'new_episode';
      expect(typeOf.get(episode.id), `S${episode.season_number}E${episode.episode_number}`).toBe(expected);
    }
    // ABC at 21:00 Eastern: timed events at the TVmaze instant.
    expect(events.every((event) => event.all_day === false)).toBe(true);

    const before = await query<{ updated_at: Date }>('SELECT max(updated_at) AS updated_at FROM episodes WHERE show_id = $1', [showId]);
    const second = await sync(showId);
    expect(second).toMatchObject({ episodesWritten: 0, eventsCreated: 0, eventsMoved: 0, eventsRetitled: 0, eventsRemoved: 0, notificationsCreated: 0, statusChanged: false });
    const after = await query<{ updated_at: Date }>('SELECT max(updated_at) AS updated_at FROM episodes WHERE show_id = $1', [showId]);
    expect(after[0]!.updated_at).toEqual(before[0]!.updated_at);
    expect(await query('SELECT 1 FROM timeline_events WHERE show_id = $1', [showId])).toHaveLength(events.length);
  });

  it('records every run in sync_log', async () => {
    const showId = await summaryRow('Abbott Elementary', 125935);
    await sync(showId);
    const [log] = await query<{ source: string; status: string }>(
      'SELECT source, status FROM sync_log WHERE show_id = $1 ORDER BY started_at DESC LIMIT 1',
      [showId],
    );
    expect(log).toEqual({ source: 'tmdb:manual', status: 'success' });
  });
});

describe('upstream changes', () => {
  it('a new episode becomes one event and one notification per tracker', async () => {
    const showId = await summaryRow('The Pitt', 250307);
    await sync(showId);
    const ada = await signUp();
    await track(showId, ada.id, 2);
    await mutate({ op: 'add_episode', tmdbShowId: 250307, season: 2, episode: 16, name: `Extra ${unique()}`, airDate: '2099-01-15', airTime: '21:00' });

    const result = await sync(showId);
    expect(result!.eventsCreated).toBe(1);
    // Ada's, and one for anyone else tracking The Pitt in this run.
    expect(result!.notificationsCreated).toBeGreaterThanOrEqual(1);
    const [event] = await query<{ id: string; event_type: string; event_date: Date }>(
      `SELECT te.id, te.event_type, te.event_date FROM timeline_events te JOIN episodes e ON e.id = te.episode_id
       WHERE e.show_id = $1 AND e.season_number = 2 AND e.episode_number = 16`,
      [showId],
    );
    // The stand-ins, like TMDB, mark a season's last episode as its finale.
    expect(event!.event_type).toBe('season_finale');
    const [notification] = await query<{ scheduled_for: Date; status: string }>(
      'SELECT scheduled_for, status FROM notifications WHERE user_id = $1 AND timeline_event_id = $2',
      [ada.id, event!.id],
    );
    expect(notification!.status).toBe('pending');
    expect(notification!.scheduled_for.getTime()).toBe(event!.event_date.getTime() - 2 * 3600_000);

    // Idempotent: a second run does not notify again.
    expect(await sync(showId)).toMatchObject({ eventsCreated: 0, notificationsCreated: 0 });
    expect(await query('SELECT 1 FROM notifications WHERE user_id = $1 AND timeline_event_id = $2', [ada.id, event!.id])).toHaveLength(1);
  });

  it('a rescheduled episode moves its event (sequence bumped) and its pending notification, adding nothing', async () => {
    const showId = await summaryRow('The Pitt', 250307);
    await sync(showId);
    const bob = await signUp();
    await track(showId, bob.id, 0);
    await mutate({ op: 'add_episode', tmdbShowId: 250307, season: 2, episode: 17, airDate: '2099-02-01', airTime: '21:00' });
    await sync(showId);
    const eventOf = () =>
      query<{ id: string; event_date: Date; sequence: number }>(
        `SELECT te.id, te.event_date, te.sequence FROM timeline_events te JOIN episodes e ON e.id = te.episode_id
         WHERE e.show_id = $1 AND e.season_number = 2 AND e.episode_number = 17`,
        [showId],
      );
    const [before] = await eventOf();

    await mutate({ op: 'reschedule_episode', tmdbShowId: 250307, season: 2, episode: 17, airDate: '2099-02-08', airTime: '21:00' });
    const result = await sync(showId);
    expect(result).toMatchObject({ eventsCreated: 0, eventsMoved: 1, notificationsCreated: 0 });
    // Bob's, and those of anyone else tracking The Pitt in this run.
    expect(result!.notificationsMoved).toBeGreaterThanOrEqual(1);
    const [after] = await eventOf();
    expect(after!.id).toBe(before!.id);
    expect(after!.sequence).toBe(before!.sequence + 1);
    expect(after!.event_date.getTime() - before!.event_date.getTime()).toBe(7 * 86_400_000);
    const [notification] = await query<{ scheduled_for: Date }>(
      'SELECT scheduled_for FROM notifications WHERE user_id = $1 AND timeline_event_id = $2',
      [bob.id, after!.id],
    );
    expect(notification!.scheduled_for.getTime()).toBe(after!.event_date.getTime());
  });

  it('an event whose episode has a new name is renamed in place (sequence bumped), and cached timelines are retired', async () => {
    const showId = await summaryRow('The Pitt', 250307);
    await mutate({ op: 'add_episode', tmdbShowId: 250307, season: 2, episode: 19, name: 'Named later', airDate: '2099-04-01', airTime: '21:00' });
    await sync(showId);
    const eventOf = async () =>
      (
        await query<{ id: string; description: string; sequence: number }>(
          `SELECT te.id, te.description, te.sequence FROM timeline_events te JOIN episodes e ON e.id = te.episode_id
           WHERE e.show_id = $1 AND e.season_number = 2 AND e.episode_number = 19`,
          [showId],
        )
      )[0]!;
    // The event as it was written before the episode had its name.
    await query("UPDATE timeline_events SET description = 'S02E19' WHERE id = $1", [(await eventOf()).id]);
    const before = await eventOf();
    const epoch = await TEST_ENV.CACHE.get('timeline-epoch');

    expect(await sync(showId)).toMatchObject({ eventsRetitled: 1, eventsMoved: 0, eventsCreated: 0 });
    const after = await eventOf();
    expect(after).toEqual({ id: before.id, description: 'Named later', sequence: before.sequence + 1 });
    expect(await TEST_ENV.CACHE.get('timeline-epoch')).not.toBe(epoch);
  });

  it('a removed episode takes its event and pending notifications with it', async () => {
    const showId = await summaryRow('The Pitt', 250307);
    await mutate({ op: 'add_episode', tmdbShowId: 250307, season: 2, episode: 18, airDate: '2099-03-01', airTime: '21:00' });
    await sync(showId);
    const cy = await signUp();
    await track(showId, cy.id, 0);
    await query(
      `INSERT INTO notifications (user_id, timeline_event_id, title, body, scheduled_for)
       SELECT $1, te.id, 't', 'b', te.event_date FROM timeline_events te JOIN episodes e ON e.id = te.episode_id
       WHERE e.show_id = $2 AND e.season_number = 2 AND e.episode_number = 18 ON CONFLICT DO NOTHING`,
      [cy.id, showId],
    );
    await mutate({ op: 'remove_episode', tmdbShowId: 250307, season: 2, episode: 18 });
    expect(await sync(showId)).toMatchObject({ eventsRemoved: 1, episodesRemoved: 1 });
    expect(await query('SELECT 1 FROM episodes WHERE show_id = $1 AND season_number = 2 AND episode_number = 18', [showId])).toHaveLength(0);
    expect(await query("SELECT 1 FROM notifications WHERE user_id = $1 AND status = 'pending' AND timeline_event_id IS NULL", [cy.id])).toHaveLength(0);
  });

  it('a status change is one event, sent to trackers who want status news', async () => {
    const showId = await summaryRow('Only Murders in the Building', 107113);
    await sync(showId);
    const dee = await signUp();
    await track(showId, dee.id);
    await mutate({ op: 'set_status', tmdbShowId: 107113, status: 'Ended' });
    const result = await sync(showId);
    expect(result).toMatchObject({ statusChanged: true });
    const events = await query<{ id: string; description: string }>(
      "SELECT id, description FROM timeline_events WHERE show_id = $1 AND event_type = 'status_change'",
      [showId],
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.description).toBe('Only Murders in the Building is now ended (was returning)');
    expect(await query('SELECT 1 FROM notifications WHERE user_id = $1 AND timeline_event_id = $2', [dee.id, events[0]!.id])).toHaveLength(1);
    expect(await sync(showId)).toMatchObject({ statusChanged: false, eventsCreated: 0 });
  });
});

describe('a sync that fails half-way', () => {
  it('leaves the database as it was and says why in sync_log', async () => {
    const showId = await summaryRow("Frieren: Beyond Journey's End", 209867);
    const trigger = `fail_${unique()}`;
    await query(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.show_id = '${showId}' THEN RAISE EXCEPTION 'injected failure while writing events'; END IF; RETURN NEW; END $$`);
    await query(`CREATE TRIGGER ${trigger} BEFORE INSERT ON timeline_events FOR EACH ROW EXECUTE FUNCTION ${trigger}()`);
    try {
      await expect(sync(showId)).rejects.toThrow();
    } finally {
      await query(`DROP TRIGGER ${trigger} ON timeline_events`);
      await query(`DROP FUNCTION ${trigger}()`);
    }
    expect(await query('SELECT 1 FROM seasons WHERE show_id = $1', [showId])).toHaveLength(0);
    expect(await query('SELECT 1 FROM episodes WHERE show_id = $1', [showId])).toHaveLength(0);
    const [show] = await query<{ details_synced_at: Date | null }>('SELECT details_synced_at FROM shows WHERE id = $1', [showId]);
    expect(show!.details_synced_at).toBeNull();
    const [log] = await query<{ status: string; error_message: string }>(
      'SELECT status, error_message FROM sync_log WHERE show_id = $1 ORDER BY started_at DESC LIMIT 1',
      [showId],
    );
    expect(log!.status).toBe('failed');
    expect(log!.error_message).toBeTruthy();

    const retried = await sync(showId);
    expect(retried!.eventsCreated).toBeGreaterThan(0);
  });
});

describe('fan-out', () => {
  it('reaches many trackers in one statement', async () => {
    const showId = await summaryRow('The Pitt', 250307);
    await sync(showId);
    const tag = unique();
    await query(
      `INSERT INTO users (email, username, password_hash)
       SELECT 'fan-' || $1 || '-' || n || '@example.com', 'fan_' || $1 || '_' || n, 'x' FROM generate_series(1, 200) n`,
      [tag],
    );
    await query(
      `INSERT INTO user_tracked_shows (user_id, show_id) SELECT id, $1 FROM users WHERE username LIKE $2`,
      [showId, `fan\\_${tag}\\_%`],
    );
    const [event] = await query<{ id: string }>(
      `SELECT te.id FROM timeline_events te WHERE te.show_id = $1 AND te.event_date > now() ORDER BY te.event_date LIMIT 1`,
      [showId],
    );
    const { db, close } = openDb(TEST_ENV);
    let statements = 0;
    const counting = new Proxy(db, {
      get(target, property, receiver) {
        if (property === 'execute') {
          return (...args: Parameters<Executor['execute']>) => {
            statements++;
            return target.execute(...args);
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    try {
      const created = await fanOut(counting, { eventIds: [event!.id] });
      expect(created).toBeGreaterThanOrEqual(200);
    } finally {
      await close();
    }
    expect(statements).toBe(1);
    const fans = await query(
      `SELECT 1 FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username LIKE $1 AND n.timeline_event_id = $2`,
      [`fan\\_${tag}\\_%`, event!.id],
    );
    expect(fans).toHaveLength(200);
  });
});
