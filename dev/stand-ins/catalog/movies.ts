// Movies and people of the shipped catalog. People only exist so that
// /search/multi and /trending/all contain `person` items clients must drop.
export interface MovieSpec {
  tmdb: number;
  imdb: string;
  title: string;
  original?: string;
  lang: string;
  origin: string;
  overview: string;
  /** Release date in the origin country: ISO date, or days relative to today. */
  release: string | number;
  status: 'Released' | 'Post Production' | 'In Production' | 'Planned';
  runtime: number;
  genres: number[];
  popularity: number;
  vote: number;
  /** US certification; the other countries' are derived. */
  cert: 'G' | 'PG' | 'PG-13' | 'R';
  omdb: [rating: string | null, votes: number | null, rt?: number, mc?: number];
  awards?: string;
  boxOffice?: string;
}

const ACTION = 28, ADVENTURE = 12, ANIMATION = 16, COMEDY = 35, CRIME = 80, DRAMA = 18, FAMILY = 10751, FANTASY = 14,
  HISTORY = 36, SCIFI = 878, THRILLER = 53;

export const MOVIES: MovieSpec[] = [
  { tmdb: 27205, imdb: 'tt1375666', title: 'Inception', lang: 'en', origin: 'US', release: '2010-07-15', status: 'Released',
    overview: 'A thief who steals secrets through dreams is asked to plant an idea instead.', runtime: 148,
    genres: [ACTION, SCIFI, ADVENTURE], popularity: 95.1, vote: 8.4, cert: 'PG-13', omdb: ['8.8', 2_612_003, 87, 74],
    awards: 'Won 4 Oscars. 159 wins & 220 nominations total', boxOffice: '$292,587,330' },
  { tmdb: 155, imdb: 'tt0468569', title: 'The Dark Knight', lang: 'en', origin: 'US', release: '2008-07-16', status: 'Released',
    overview: 'Batman faces the Joker, a criminal mastermind who wants to plunge Gotham into anarchy.', runtime: 152,
    genres: [DRAMA, ACTION, CRIME, THRILLER], popularity: 110.4, vote: 8.5, cert: 'PG-13', omdb: ['9.0', 3_001_440, 94, 84],
    awards: 'Won 2 Oscars. 164 wins & 164 nominations total', boxOffice: '$534,987,076' },
  { tmdb: 157336, imdb: 'tt0816692', title: 'Interstellar', lang: 'en', origin: 'US', release: '2014-11-05', status: 'Released',
    overview: 'Explorers travel through a wormhole in search of a new home for humanity.', runtime: 169,
    genres: [ADVENTURE, DRAMA, SCIFI], popularity: 150.2, vote: 8.5, cert: 'PG-13', omdb: ['8.7', 2_301_998, 73, 74],
    awards: 'Won 1 Oscar. 44 wins & 148 nominations total', boxOffice: '$203,227,580' },
  { tmdb: 496243, imdb: 'tt6751668', title: 'Parasite', original: '기생충', lang: 'ko', origin: 'KR', release: '2019-05-30',
    status: 'Released', overview: 'A poor family schemes its way into the household of a wealthy one.', runtime: 133,
    genres: [COMEDY, THRILLER, DRAMA], popularity: 70.6, vote: 8.5, cert: 'R', omdb: ['8.5', 1_010_200, 99, 96],
    awards: 'Won 4 Oscars. 311 wins & 272 nominations total', boxOffice: '$53,369,749' },
  { tmdb: 129, imdb: 'tt0245429', title: 'Spirited Away', original: '千と千尋の神隠し', lang: 'ja', origin: 'JP',
    release: '2001-07-20', status: 'Released', overview: 'A girl trapped in a world of spirits works in a bathhouse to free her parents.',
    runtime: 125, genres: [ANIMATION, FAMILY, FANTASY], popularity: 80.0, vote: 8.5, cert: 'PG', omdb: ['8.6', 920_551, 96, 96],
    awards: 'Won 1 Oscar. 58 wins & 31 nominations total', boxOffice: '$15,205,725' },
  { tmdb: 872585, imdb: 'tt15398776', title: 'Oppenheimer', lang: 'en', origin: 'US', release: '2023-07-19', status: 'Released',
    overview: 'The story of J. Robert Oppenheimer and the making of the atomic bomb.', runtime: 181,
    genres: [DRAMA, HISTORY], popularity: 120.8, vote: 8.1, cert: 'R', omdb: ['8.3', 930_004, 93, 90],
    awards: 'Won 7 Oscars. 376 wins & 431 nominations total', boxOffice: '$330,078,895' },
  { tmdb: 693134, imdb: 'tt15239678', title: 'Dune: Part Two', lang: 'en', origin: 'US', release: '2024-02-27', status: 'Released',
    overview: 'Paul Atreides unites with the Fremen on a path of revenge against those who destroyed his family.', runtime: 167,
    genres: [SCIFI, ADVENTURE], popularity: 200.3, vote: 8.1, cert: 'PG-13', omdb: ['8.5', 700_314, 92, 79],
    awards: 'Won 2 Oscars. 49 wins & 153 nominations total', boxOffice: '$282,144,358' },
  { tmdb: 545611, imdb: 'tt6710474', title: 'Everything Everywhere All at Once', lang: 'en', origin: 'US', release: '2022-03-24',
    status: 'Released', overview: 'A laundromat owner must connect with versions of herself in parallel universes.', runtime: 140,
    genres: [ACTION, ADVENTURE, SCIFI], popularity: 60.2, vote: 7.8, cert: 'R', omdb: ['7.8', 600_870, 94, 81],
    awards: 'Won 7 Oscars. 377 wins & 405 nominations total', boxOffice: '$72,863,671' },
  { tmdb: 346698, imdb: 'tt1517268', title: 'Barbie', lang: 'en', origin: 'US', release: '2023-07-19', status: 'Released',
    overview: 'Barbie leaves Barbieland for the real world after an existential crisis.', runtime: 114,
    genres: [COMEDY, ADVENTURE], popularity: 90.9, vote: 7.0, cert: 'PG-13', omdb: ['6.8', 620_411, 88, 80],
    awards: 'Won 1 Oscar. 229 wins & 499 nominations total', boxOffice: '$636,238,421' },
  { tmdb: 361743, imdb: 'tt1745960', title: 'Top Gun: Maverick', lang: 'en', origin: 'US', release: '2022-05-21', status: 'Released',
    overview: 'After thirty years of service, Maverick trains a squad of graduates for a dangerous mission.', runtime: 131,
    genres: [ACTION, DRAMA], popularity: 75.0, vote: 8.2, cert: 'PG-13', omdb: ['8.2', 760_220, 96, 78],
    awards: 'Won 1 Oscar. 16 wins & 86 nominations total', boxOffice: '$718,732,821' },
  { tmdb: 1003596, imdb: 'tt21357150', title: 'Avengers: Doomsday', lang: 'en', origin: 'US', release: 24,
    status: 'Post Production', overview: 'The Avengers face Victor von Doom.', runtime: 0,
    genres: [ACTION, SCIFI, ADVENTURE], popularity: 260.7, vote: 0, cert: 'PG-13', omdb: [null, null] },
];

export interface PersonSpec {
  tmdb: number;
  name: string;
  popularity: number;
  /** TMDB ids of shows (positive) or movies (negative) the person is known for. */
  knownFor: number[];
}

export const PEOPLE: PersonSpec[] = [
  { tmdb: 1253360, name: 'Pedro Pascal', popularity: 402.5, knownFor: [100088, 82856] },
  { tmdb: 17419, name: 'Bryan Cranston', popularity: 30.5, knownFor: [1396] },
  { tmdb: 1356210, name: 'Millie Bobby Brown', popularity: 40.2, knownFor: [66732] },
  { tmdb: 55536, name: 'Adam Scott', popularity: 25.8, knownFor: [95396] },
  { tmdb: 14414, name: 'Ted Danson', popularity: 15.3, knownFor: [] },
  { tmdb: 6193, name: 'Leonardo DiCaprio', popularity: 50.0, knownFor: [-27205] },
];
