// Synthetic but realistic catalog titles: the shapes real TV and movie titles
// take ("The Silent Harbor", "Night of the Wolves", "Shadow Road 2",
// "Mara's Garden: Origins"), with the duplicates a real catalog has (remakes,
// a series and its film, sequels) and some non-ASCII titles. The trigram index
// cares about exactly these properties: shared words, shared prefixes and
// characters outside ASCII.
import type { Random } from './random.ts';

const ADJECTIVES = [
  'Silent', 'Dark', 'Broken', 'Golden', 'Last', 'Lost', 'Hidden', 'Wild', 'Red', 'Black', 'White', 'Blue', 'Crimson',
  'Frozen', 'Burning', 'Secret', 'Little', 'Great', 'Young', 'Old', 'New', 'Final', 'Endless', 'Quiet', 'Hollow',
  'Bright', 'Savage', 'Gentle', 'Iron', 'Silver', 'Midnight', 'Northern', 'Southern', 'Eternal', 'Forgotten', 'Perfect',
  'Strange', 'Beautiful', 'Dangerous', 'Happy', 'Lonely', 'Deadly', 'Sweet', 'Bitter', 'Sacred', 'Wicked', 'Electric',
];

const NOUNS = [
  'Harbor', 'Kingdom', 'River', 'Road', 'House', 'City', 'Empire', 'Garden', 'Storm', 'Shadow', 'Night', 'Island', 'Crown',
  'Fire', 'Game', 'Heart', 'Hunter', 'Witness', 'Detective', 'Doctor', 'Station', 'Valley', 'Mountain', 'Bridge', 'Forest',
  'Ocean', 'Signal', 'Protocol', 'Legacy', 'Promise', 'Affair', 'Family', 'Brothers', 'Sisters', 'Wolves', 'Dragon', 'Ghost',
  'Machine', 'Frontier', 'Horizon', 'Season', 'Summer', 'Winter', 'Academy', 'Hospital', 'Precinct', 'Agency', 'Heist',
  'Murders', 'Files', 'Chronicles', 'Diaries', 'Tales', 'Legends', 'Stories', 'Mystery', 'Secrets', 'Lies', 'Truth', 'Line',
];

const NAMES = [
  'Mara', 'Jonah', 'Elena', 'Victor', 'Nora', 'Oscar', 'Ruby', 'Felix', 'Iris', 'Hugo', 'Clara', 'Theo', 'Lena', 'Milo',
  'Ada', 'Silas', 'June', 'Arthur', 'Vera', 'Cole', 'Maeve', 'Rafael', 'Ingrid', 'Dmitri', 'Amara', 'Kenji', 'Priya',
];

const PLACES = [
  'Brooklyn', 'Paris', 'Tokyo', 'Berlin', 'Chicago', 'Texas', 'London', 'Seoul', 'Mumbai', 'Oslo', 'Dublin', 'Havana',
  'Cairo', 'Lagos', 'Sydney', 'Montana', 'Alaska', 'Venice', 'Madrid', 'Naples', 'Boston', 'Memphis', 'Yukon', 'Mars',
];

// Syllables for invented proper nouns (characters, towns, worlds). Real titles
// are full of names nobody else uses; without them every title would share its
// words with thousands of others and trigram matches would be unrealistically many.
const SYLLABLES = ['ka', 'ri', 'mon', 'del', 'vash', 'or', 'tal', 'en', 'bryn', 'lo', 'zar', 'mi', 'quen', 'dor', 'ath', 'sel', 'u', 'nor', 'pe', 'gra', 'vin', 'ys', 'hal', 'cor', 'te', 'mar', 'bel', 'os', 'fen', 'ru'];

const invented = (r: Random) => {
  const word = Array.from({ length: 2 + r.int(2) }, () => r.pick(SYLLABLES)).join('');
  return word[0]!.toUpperCase() + word.slice(1);
};

const SUBTITLES = ['Origins', 'The Return', 'Reckoning', 'Rebirth', 'The Beginning', 'Resurrection', 'Part II', 'Redemption', 'Aftermath'];

/** Words and whole titles beyond ASCII, as a real international catalog has them. */
const ACCENTED = ['Café', 'Señor', 'Straße', 'Mañana', 'Città', 'Niño', 'Rêve', 'Ōkami', 'Söder', 'Île', 'Déjà', 'Fjörd', 'Łódź', 'Ça'];
const NON_LATIN = [
  '사랑의 불시착', '오징어 게임', '이상한 변호사', '鬼滅の刃', '進撃の巨人', '千と千尋', '三体', '甄嬛传', 'Шерлок', 'Метро',
  'Τρόμος', 'الهيبة', 'Дом', '東京', '夜の街', '黑暗荣耀',
];

type Pattern = (random: Random) => string;

const PATTERNS: [weight: number, Pattern][] = [
  [18, (r) => `The ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`],
  [12, (r) => `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`],
  [10, (r) => `${r.pick(NOUNS)} of the ${r.pick(NOUNS)}`],
  [8, (r) => `${r.pick(NAMES)}'s ${r.pick(NOUNS)}`],
  [8, (r) => `${r.pick(PLACES)} ${r.pick(NOUNS)}`],
  [6, (r) => `The ${r.pick(NOUNS)} of ${r.pick(PLACES)}`],
  [6, (r) => `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}: ${r.pick(SUBTITLES)}`],
  [6, (r) => `${r.pick(NAMES)} and the ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`],
  [5, (r) => r.pick(NOUNS)],
  [5, (r) => `${r.pick(NOUNS)} ${r.pick(NOUNS)}`],
  [4, (r) => `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} in ${r.pick(PLACES)}`],
  [4, (r) => `${r.pick(ACCENTED)} ${r.pick(NOUNS)}`],
  [3, (r) => `The ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} ${2 + r.int(4)}`],
  [2, (r) => `${r.pick(NON_LATIN)}${r.chance(0.5) ? ` ${2 + r.int(3)}` : ''}`],
  [2, (r) => `${r.pick(NAMES)} ${r.pick(ACCENTED)}`],
  [1, (r) => `${r.pick(PLACES)} ${1950 + r.int(75)}`],
  [10, (r) => invented(r)],
  [8, (r) => `${r.pick(NAMES)} ${invented(r)}`],
  [8, (r) => `The ${invented(r)} ${r.pick(NOUNS)}`],
  [6, (r) => `${invented(r)}: ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`],
  [4, (r) => `${r.pick(NOUNS)} of ${invented(r)}`],
];

const TOTAL_WEIGHT = PATTERNS.reduce((sum, [weight]) => sum + weight, 0);

function freshTitle(random: Random): string {
  let roll = random.int(TOTAL_WEIGHT);
  for (const [weight, pattern] of PATTERNS) {
    if (roll < weight) return pattern(random);
    roll -= weight;
  }
  throw new Error('unreachable: weights cover the roll');
}

/** A variant of an existing title: a remake (same title), a sequel, or a spelling variant. */
function variantOf(title: string, random: Random): string {
  switch (random.int(4)) {
    case 0:
      return title;
    case 1:
      return `${title} ${2 + random.int(3)}`;
    case 2:
      return title.startsWith('The ') ? title.slice(4) : `The ${title}`;
    default:
      return `${title}: ${random.pick(SUBTITLES)}`;
  }
}

export interface SeedShow {
  title: string;
  mediaType: 'tv' | 'movie';
  tmdbId: number;
  popularity: number;
  premiereDate: string;
}

/**
 * TMDB ids start far above real ones (under 2 million today), so titles the
 * stand-ins return in the cold-search burst never collide with seeded rows.
 */
const SEED_TMDB_ID_BASE = 50_000_000;

export function generateCatalog(count: number, random: Random): SeedShow[] {
  const items: SeedShow[] = [];
  for (let index = 0; index < count; index++) {
    // One in twelve titles repeats or varies an earlier one, as remakes and sequels do.
    const title = index > 100 && random.chance(1 / 12) ? variantOf(items[random.int(index)]!.title, random) : freshTitle(random);
    const mediaType = random.chance(0.55) ? 'tv' : 'movie';
    // Popularity is long-tailed on TMDB: most titles near 1, a few in the hundreds.
    const popularity = Math.round(Math.exp(random.normal() * 1.3 + 0.8) * 1000) / 1000;
    const year = 1960 + random.int(66);
    const premiereDate = `${year}-${String(1 + random.int(12)).padStart(2, '0')}-${String(1 + random.int(28)).padStart(2, '0')}`;
    items.push({ title, mediaType, tmdbId: SEED_TMDB_ID_BASE + index, popularity, premiereDate });
  }
  return items;
}

export const VOCABULARY = { ADJECTIVES, NOUNS, NAMES, PLACES, ACCENTED, NON_LATIN };
