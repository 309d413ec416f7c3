// US broadcast and cable shows of the shipped catalog. Ids are the real
// providers' ids as best known; historic seasons keep their real start
// dates, current ones sit relative to today (negative = days ago).
import { type ShowSpec, weekly, yearly } from './spec.ts';

const ANIMATION = 16, COMEDY = 35, CRIME = 80, DRAMA = 18, MYSTERY = 9648, SCIFI = 10765, TALK = 10767, ACTION = 10759, WESTERN = 37;

export const US_SHOWS: ShowSpec[] = [
  {
    tmdb: 1396, tvdb: 81189, imdb: 'tt0903747', tvmaze: 169, name: 'Breaking Bad', lang: 'en', origin: 'US',
    overview: 'A chemistry teacher diagnosed with cancer turns to making methamphetamine to secure his family\'s future.',
    network: 'amc', time: '21:00', status: 'Ended', genres: [DRAMA, CRIME], runtime: 47, popularity: 310.5, vote: 8.9,
    omdb: ['9.5', 2_412_851, 96, 87], rated: 'TV-MA', awards: 'Won 16 Primetime Emmys. 175 wins & 278 nominations total',
    specials: { eps: 5, at: '2009-02-17', every: 7 },
    seasons: [
      weekly(7, '2008-01-20'), weekly(13, '2009-03-08'), weekly(13, '2010-03-21'), weekly(13, '2011-07-17'),
      weekly(16, '2012-07-15', { mid: 8, breakDays: 336 }),
    ],
    titles: { '1x1': 'Pilot', '5x8': 'Gliding Over All', '5x16': 'Felina' },
  },
  {
    tmdb: 1399, tvdb: 121361, imdb: 'tt0944947', tvmaze: 82, name: 'Game of Thrones', lang: 'en', origin: 'US',
    overview: 'Noble families fight for control of the Iron Throne while an ancient enemy returns in the north.',
    network: 'hbo', time: '21:00', status: 'Ended', genres: [SCIFI, DRAMA, ACTION], runtime: 57, popularity: 420.1, vote: 8.5,
    omdb: ['9.2', 2_390_112], rated: 'TV-MA', awards: 'Won 59 Primetime Emmys. 397 wins & 655 nominations total',
    seasons: [
      weekly(10, '2011-04-17'), weekly(10, '2012-04-01'), weekly(10, '2013-03-31'), weekly(10, '2014-04-06'),
      weekly(10, '2015-04-12'), weekly(10, '2016-04-24'), weekly(7, '2017-07-16'), weekly(6, '2019-04-14'),
    ],
    titles: { '1x1': 'Winter Is Coming', '8x6': 'The Iron Throne' },
  },
  {
    tmdb: 100088, tvdb: 392256, imdb: 'tt3581920', tvmaze: 46562, name: 'The Last of Us', lang: 'en', origin: 'US',
    overview: 'Twenty years after a fungal outbreak, a smuggler escorts a teenage girl across a ruined America.',
    network: 'hbo', time: '21:00', status: 'Returning Series', genres: [DRAMA], runtime: 55, popularity: 512.3, vote: 8.6,
    omdb: ['8.6', 612_004, 96, 84], rated: 'TV-MA',
    seasons: [weekly(9, '2023-01-15'), weekly(7, '2025-04-13'), weekly(8, -14)],
  },
  {
    tmdb: 94997, tvdb: 371572, imdb: 'tt11198330', tvmaze: 44778, name: 'House of the Dragon', lang: 'en', origin: 'US',
    overview: 'Two hundred years before Game of Thrones, House Targaryen tears itself apart over the succession.',
    network: 'hbo', time: '21:00', status: 'Returning Series', genres: [SCIFI, DRAMA, ACTION], runtime: 62, popularity: 380.7, vote: 8.4,
    omdb: ['8.3', 515_660, 90, 70], rated: 'TV-MA',
    seasons: [weekly(10, '2022-08-21'), weekly(8, '2024-06-16'), weekly(8, 30)],
  },
  {
    tmdb: 76331, tvdb: 338186, imdb: 'tt7660850', tvmaze: 27175, name: 'Succession', lang: 'en', origin: 'US',
    overview: 'The Roy family fights over control of one of the biggest media conglomerates in the world.',
    network: 'hbo', time: '21:00', status: 'Ended', genres: [DRAMA], runtime: 62, popularity: 95.2, vote: 8.4,
    omdb: ['8.8', 301_552, 94, 90], rated: 'TV-MA', awards: 'Won 19 Primetime Emmys. 74 wins & 210 nominations total',
    seasons: [weekly(10, '2018-06-03'), weekly(10, '2019-08-11'), weekly(9, '2021-10-17'), weekly(10, '2023-03-26')],
    titles: { '4x10': 'With Open Eyes' },
  },
  {
    tmdb: 111803, tvdb: 390430, imdb: 'tt13406094', tvmaze: 53126, name: 'The White Lotus', lang: 'en', origin: 'US',
    overview: 'Guests and staff of an exclusive resort chain unravel over one week.',
    network: 'hbo', time: '21:00', status: 'Returning Series', genres: [COMEDY, DRAMA], runtime: 60, popularity: 140.4, vote: 7.7,
    omdb: ['8.0', 221_904, 91], rated: 'TV-MA',
    seasons: [weekly(6, '2021-07-11'), weekly(7, '2022-10-30'), weekly(8, '2025-02-16')],
  },
  {
    tmdb: 63247, tvdb: 296762, imdb: 'tt0475784', tvmaze: 1371, name: 'Westworld', lang: 'en', origin: 'US',
    overview: 'In a futuristic theme park, android hosts begin to question the nature of their reality.',
    network: 'hbo', time: '21:00', status: 'Canceled', genres: [MYSTERY, SCIFI, WESTERN], runtime: 62, popularity: 88.0, vote: 8.1,
    omdb: ['8.5', 541_017], rated: 'TV-MA',
    seasons: [weekly(10, '2016-10-02'), weekly(10, '2018-04-22'), weekly(8, '2020-03-15'), weekly(8, '2022-06-26')],
  },
  {
    tmdb: 224372, tvdb: 433631, imdb: 'tt27497448', tvmaze: 61178, name: 'A Knight of the Seven Kingdoms', lang: 'en', origin: 'US',
    overview: 'A century before Game of Thrones, a young knight and his squire wander Westeros.',
    network: 'hbo', time: '22:00', status: 'In Production', genres: [SCIFI, DRAMA], runtime: 40, popularity: 160.9, vote: 0,
    omdb: [null, null], rated: 'TV-MA',
    seasons: [weekly(6, 5)],
  },
  {
    tmdb: 232766, tvdb: 447466, imdb: 'tt31463179', tvmaze: null, name: 'Harry Potter', lang: 'en', origin: 'US',
    overview: 'A new adaptation of the novels, one book a season.',
    network: 'hbo', time: null, status: 'Planned', genres: [], runtime: 0, popularity: 45.1, vote: 0,
    omdb: [null, null], bare: true, seasons: [], announced: true,
  },
  {
    tmdb: 1416, tvdb: 73762, imdb: 'tt0413573', tvmaze: 67, name: "Grey's Anatomy", lang: 'en', origin: 'US',
    overview: 'Surgical interns and their supervisors navigate medicine and life at a Seattle hospital.',
    network: 'abc', time: '22:00', status: 'Returning Series', genres: [DRAMA], runtime: 43, popularity: 890.6, vote: 8.2,
    omdb: ['7.6', 348_015], rated: 'TV-14',
    seasons: [
      ...yearly([9, 27, 25, 17, 24, 23, 22, 24, 24, 24, 25, 24, 24, 24, 25, 20, 17, 20, 20, 18, 18], '2005-09-22'),
      weekly(18, -35, { mid: 8, breakDays: 56, tvdbOnly: [7] }),
    ],
  },
  {
    tmdb: 456, tvdb: 71663, imdb: 'tt0096697', tvmaze: 83, name: 'The Simpsons', lang: 'en', origin: 'US',
    overview: 'The satiric adventures of a working-class family in the misfit city of Springfield.',
    network: 'fox', time: '20:00', status: 'Returning Series', type: 'Scripted', genres: [ANIMATION, COMEDY], runtime: 22,
    popularity: 450.8, vote: 8.0, omdb: ['8.7', 441_337], rated: 'TV-PG',
    seasons: [...yearly([13, ...Array<number>(35).fill(22)], '1989-12-17'), weekly(20, -49, { mid: 10, breakDays: 21 })],
  },
  {
    tmdb: 125935, tvdb: 400974, imdb: 'tt14218830', tvmaze: 57216, name: 'Abbott Elementary', lang: 'en', origin: 'US',
    overview: 'A documentary crew follows teachers at an underfunded Philadelphia public school.',
    network: 'abc', time: '21:00', status: 'Returning Series', genres: [COMEDY], runtime: 22, popularity: 70.3, vote: 7.9,
    omdb: ['8.2', 71_002, 99], rated: 'TV-PG',
    seasons: [...yearly([13, 22, 14, 22], '2021-12-07'), weekly(22, -42, { mid: 10, breakDays: 42 })],
  },
  {
    tmdb: 1667, tvdb: 76177, imdb: 'tt0072562', tvmaze: 361, name: 'Saturday Night Live', lang: 'en', origin: 'US',
    overview: 'A late-night sketch comedy show with a different celebrity host and musical guest each week.',
    network: 'nbc', time: '23:30', status: 'Returning Series', type: 'Talk Show', genres: [COMEDY, TALK], runtime: 90,
    popularity: 120.4, vote: 7.0, omdb: ['8.0', 56_871], rated: 'TV-14',
    seasons: [...yearly(Array<number>(50).fill(20), '1975-10-11'), weekly(20, -56, { mid: 8, breakDays: 14 })],
  },
  {
    tmdb: 2316, tvdb: 73244, imdb: 'tt0386676', tvmaze: 526, name: 'The Office', lang: 'en', origin: 'US',
    overview: 'A mockumentary about the everyday lives of office employees at Dunder Mifflin in Scranton.',
    network: 'nbc', time: '21:00', status: 'Ended', genres: [COMEDY], runtime: 22, popularity: 300.2, vote: 8.6,
    omdb: ['9.0', 786_150, 81], rated: 'TV-14',
    seasons: [weekly(6, '2005-03-24'), ...yearly([22, 25, 19, 28, 26, 26, 24, 25], '2005-09-20')],
    titles: { '1x1': 'Pilot', '9x25': 'Finale' },
  },
  {
    tmdb: 1668, tvdb: 79168, imdb: 'tt0108778', tvmaze: 431, name: 'Friends', lang: 'en', origin: 'US',
    overview: 'Six friends navigate love, work and coffee in Manhattan.',
    network: 'nbc', time: '20:00', status: 'Ended', genres: [COMEDY], runtime: 22, popularity: 280.0, vote: 8.4,
    omdb: ['8.9', 1_150_482], rated: 'TV-14',
    seasons: yearly([24, 24, 25, 24, 24, 25, 24, 24, 24, 18], '1994-09-22'),
    titles: { '10x18': 'The Last One' },
  },
  {
    tmdb: 1437, tvdb: 78874, imdb: 'tt0303461', tvmaze: 180, name: 'Firefly', lang: 'en', origin: 'US',
    overview: 'The renegade crew of the transport ship Serenity takes any job on the edge of the galaxy.',
    network: 'fox', time: '20:00', status: 'Canceled', genres: [SCIFI, DRAMA, WESTERN], runtime: 44, popularity: 40.2, vote: 8.3,
    omdb: ['9.0', 292_117], rated: 'TV-14',
    seasons: [weekly(14, '2002-09-20')],
  },
  {
    tmdb: 126308, tvdb: 389962, imdb: 'tt2788316', tvmaze: 52398, name: 'Shōgun', original: 'SHŌGUN', lang: 'en', origin: 'US',
    overview: 'In feudal Japan, an English navigator is drawn into a lord\'s fight for survival.',
    network: 'fx', time: '22:00', status: 'Returning Series', genres: [DRAMA, 10768], runtime: 60, popularity: 110.6, vote: 8.5,
    omdb: ['8.6', 230_456, 99, 85], rated: 'TV-MA', awards: 'Won 18 Primetime Emmys. 60 wins & 95 nominations total',
    seasons: [weekly(10, '2024-02-27')], announced: true,
  },
];
