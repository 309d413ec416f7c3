// GET /api/v1/shows/search | trending | popular | :id | :id/seasons/:num | :id/episodes
import { createRoute, z } from '@hono/zod-openapi';
import { commonErrors, createRouter, errorResponse, jsonResponse, UuidParam } from '../../lib/openapi.ts';
import { requestSyncDeps } from '../metadata/request-deps.ts';
import {
  EpisodeListSchema,
  EpisodesQuerySchema,
  ListQuerySchema,
  SearchQuerySchema,
  SearchResultSchema,
  SeasonDetailSchema,
  ShowDetailSchema,
  ShowListSchema,
} from './shows.schemas.ts';
import { getSeason, getShow, listEpisodes, listTitles, search } from './shows.service.ts';

const deps = requestSyncDeps;

const idParams = z.object({ id: UuidParam('id') });
const notFoundResponse = { 404: errorResponse('No such show, movie or season.') };

const searchRoute = createRoute({
  method: 'get',
  path: '/search',
  tags: ['shows'],
  summary: 'Search shows and movies',
  description:
    'Trigram similarity on the local catalog; when that finds fewer than 5, TMDB is searched too and new titles are stored. Cached for an hour per normalized query.',
  request: { query: SearchQuerySchema },
  responses: { 200: jsonResponse(SearchResultSchema, 'Matches, most relevant first.'), ...commonErrors },
});

// Generic, so each route keeps its own literal path in the app's type (AppType).
const listRoute = <K extends 'trending' | 'popular'>(kind: K) =>
  createRoute({
    method: 'get',
    path: `/${kind}` as const,
    tags: ['shows'],
    summary: kind === 'trending' ? "This week's trending titles (TMDB)" : 'Popular titles (TMDB)',
    request: { query: ListQuerySchema },
    responses: { 200: jsonResponse(ShowListSchema, 'Titles, cached for an hour.'), ...commonErrors },
  });

const detailRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['shows'],
  summary: 'Full detail with seasons and ratings',
  request: { params: idParams },
  responses: { 200: jsonResponse(ShowDetailSchema, 'The title.'), ...notFoundResponse, ...commonErrors },
});

const seasonRoute = createRoute({
  method: 'get',
  path: '/{id}/seasons/{num}',
  tags: ['shows'],
  summary: 'A season with its episodes',
  request: {
    params: idParams.extend({
      num: z.coerce.number().int('season numbers are whole numbers').min(0).max(10_000).openapi({ param: { name: 'num', in: 'path' } }),
    }),
  },
  responses: { 200: jsonResponse(SeasonDetailSchema, 'The season.'), ...notFoundResponse, ...commonErrors },
});

const episodesRoute = createRoute({
  method: 'get',
  path: '/{id}/episodes',
  tags: ['shows'],
  summary: 'Episodes, optionally only upcoming ones',
  request: { params: idParams, query: EpisodesQuerySchema },
  responses: { 200: jsonResponse(EpisodeListSchema, 'Episodes in order, 100 a page.'), ...notFoundResponse, ...commonErrors },
});

export const showsRoutes = createRouter()
  .openapi(searchRoute, async (c) => c.json(await search(deps(c), c.req.valid('query')), 200))
  .openapi(listRoute('trending'), async (c) => c.json(await listTitles(deps(c), 'trending', c.req.valid('query').type), 200))
  .openapi(listRoute('popular'), async (c) => c.json(await listTitles(deps(c), 'popular', c.req.valid('query').type), 200))
  .openapi(detailRoute, async (c) => c.json(await getShow(deps(c), c.req.valid('param').id), 200))
  .openapi(seasonRoute, async (c) => {
    const { id, num } = c.req.valid('param');
    return c.json(await getSeason(deps(c), id, num), 200);
  })
  .openapi(episodesRoute, async (c) => c.json(await listEpisodes(deps(c), c.req.valid('param').id, c.req.valid('query')), 200));
