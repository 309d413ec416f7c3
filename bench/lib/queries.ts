// What people type into the search box, derived from the seeded catalog:
// whole titles, prefixes (search-as-you-type), single words, typos, two
// letters, non-ASCII, and strings that match nothing. Every query is distinct
// after normalization, because the worker caches results per normalized query
// and a repeated query would time the cache, not the search.
import type { Random } from './random.ts';
import { normalizeQuery, type MediaType, type SearchQuery } from './search-sql.ts';
import { VOCABULARY, type SeedShow } from './titles.ts';

type Make = (random: Random, catalog: readonly SeedShow[]) => string;

const titleOf = (random: Random, catalog: readonly SeedShow[]) => random.pick(catalog).title;

/** One edit a hurried typist makes: a dropped, doubled, swapped or wrong letter. */
function typo(text: string, random: Random): string {
  const at = 1 + random.int(Math.max(1, text.length - 2));
  switch (random.int(4)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + text[at] + text.slice(at);
    case 2:
      return text.slice(0, at - 1) + (text[at] ?? '') + text[at - 1] + text.slice(at + 1);
    default:
      return text.slice(0, at) + 'eaiortnsl'[random.int(9)] + text.slice(at + 1);
  }
}

const CONSONANTS = 'bcdfghjklmnpqrstvwxz';
/** Letters in a pattern no seeded word has, so it matches nothing locally. */
function nonsense(random: Random): string {
  const word = () => Array.from({ length: 4 + random.int(3) }, () => CONSONANTS[random.int(CONSONANTS.length)]).join('');
  return `${word()}${random.chance(0.5) ? ` ${word()}` : ''}`;
}

const KINDS: Record<string, Make> = {
  'full title': (r, c) => titleOf(r, c),
  prefix: (r, c) => {
    const title = titleOf(r, c);
    return title.slice(0, Math.min(title.length, 3 + r.int(8)));
  },
  'one word': (r) => r.pick([...VOCABULARY.NOUNS, ...VOCABULARY.ADJECTIVES, ...VOCABULARY.NAMES, ...VOCABULARY.PLACES]),
  'two words': (r, c) => {
    const words = titleOf(r, c).split(' ');
    const start = r.int(Math.max(1, words.length - 1));
    return words.slice(start, start + 2).join(' ');
  },
  typo: (r, c) => typo(titleOf(r, c), r),
  'two letters': (r, c) => titleOf(r, c).replace(/^The /, '').slice(0, 2),
  'non-ASCII': (r) => (r.chance(0.5) ? r.pick(VOCABULARY.NON_LATIN) : `${r.pick(VOCABULARY.ACCENTED)} ${r.pick(VOCABULARY.NOUNS)}`),
  'no match': (r) => nonsense(r),
};

/** Distinct (after normalization) queries of the given kinds, about 20% restricted to tv or movie. */
export function generateQueries(
  mix: Record<string, number>,
  random: Random,
  catalog: readonly SeedShow[],
  taken: Set<string> = new Set(),
): SearchQuery[] {
  const queries: SearchQuery[] = [];
  for (const [kind, count] of Object.entries(mix)) {
    const make = KINDS[kind];
    if (!make) throw new Error(`unknown query kind "${kind}"`);
    let made = 0;
    for (let tries = 0; made < count && tries < count * 200; tries++) {
      const q = make(random, catalog).trim();
      const type: MediaType | undefined = random.chance(0.2) ? random.pick(['tv', 'movie'] as const) : undefined;
      const key = `${type ?? 'all'}|${normalizeQuery(q)}`;
      if (q.length < 2 || q.length > 100 || taken.has(key)) continue;
      taken.add(key);
      queries.push({ q, type, kind });
      made++;
    }
    if (made < count) throw new Error(`could only make ${made} distinct "${kind}" queries of ${count}`);
  }
  return queries;
}

/** The raw-SQL set: every kind, 500 in all by default. */
export const RAW_MIX = {
  'full title': 90,
  prefix: 90,
  'one word': 50,
  'two words': 70,
  typo: 80,
  'two letters': 40,
  'non-ASCII': 30,
  'no match': 50,
};
