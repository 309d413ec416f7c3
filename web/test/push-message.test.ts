// What the service worker shows for a push, and what a click on it does.
import { describe, expect, it } from 'vitest';
import { notificationFromPush, planClick } from '../src/lib/push-message.ts';

const origin = 'https://showtracker.example';

describe('notificationFromPush', () => {
  it('shows the poster and offers Open and Mark watched for an episode', () => {
    const { title, options } = notificationFromPush(
      {
        id: 'n1',
        title: 'Severance',
        body: "S02E05 · tonight 21:00 · Trojan's Horse",
        show_id: 's1',
        url: '/shows/s1',
        icon: 'https://image.tmdb.org/t/p/w500/p.jpg',
        tag: 'show-s1',
        actions_token: 'token',
      },
      origin,
    );
    expect(title).toBe('Severance');
    expect(options).toMatchObject({
      body: "S02E05 · tonight 21:00 · Trojan's Horse",
      icon: 'https://image.tmdb.org/t/p/w500/p.jpg',
      image: 'https://image.tmdb.org/t/p/w500/p.jpg',
      tag: 'show-s1',
      data: { id: 'n1', url: '/shows/s1', actions_token: 'token' },
    });
    expect(options.actions?.map((action) => action.title)).toEqual(['Open', 'Mark watched']);
  });

  it('offers only Open without an actions token, uses the app icon without a poster, and keeps links on the app', () => {
    const { title, options } = notificationFromPush({ id: 'n2', body: 'Breaking Bad is now ended', url: 'https://evil.example/x' }, origin);
    expect(title).toBe('ShowTracker');
    expect(options.icon).toBe('/icons/icon-192.png');
    expect(options.actions?.map((action) => action.action)).toEqual(['open']);
    expect((options.data as { url: string }).url).toBe('/');
  });
});

describe('planClick', () => {
  it('marks watched with the token for the Mark watched action, else opens the show page', () => {
    const data = { id: 'n1', url: '/shows/s1', actions_token: 'token' };
    expect(planClick('watched', data, origin)).toEqual({ kind: 'watched', id: 'n1', token: 'token', url: `${origin}/shows/s1` });
    expect(planClick('open', data, origin)).toEqual({ kind: 'open', url: `${origin}/shows/s1` });
    expect(planClick('', data, origin)).toEqual({ kind: 'open', url: `${origin}/shows/s1` });
    expect(planClick('watched', { id: 'n1', url: '/shows/s1' }, origin)).toEqual({ kind: 'open', url: `${origin}/shows/s1` });
    expect(planClick('', { url: 'https://evil.example/' }, origin)).toEqual({ kind: 'open', url: `${origin}/` });
  });
});
