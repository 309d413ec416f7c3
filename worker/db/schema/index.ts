export * from './users.ts';
export * from './catalog.ts';
export * from './activity.ts';
export * from './calendar.ts';
export * from './watchlist.ts';
export * from './history.ts';
export * from './catch-up.ts';
export * from './imports.ts';
