// The time zones a person picks from: canonical IANA names only, each with
// its UTC offset at a given instant and the city a person looks for.

/**
 * Old names some engines still list (ICU keeps CLDR's, e.g. Asia/Calcutta),
 * and zones IANA has since merged into another: each to its current name.
 */
const ALIASES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Nipigon': 'America/Toronto',
  'America/Pangnirtung': 'America/Iqaluit',
  'America/Rainy_River': 'America/Winnipeg',
  'America/Thunder_Bay': 'America/Toronto',
  'America/Yellowknife': 'America/Edmonton',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Australia/Currie': 'Australia/Hobart',
  'Europe/Kiev': 'Europe/Kyiv',
  'Europe/Uzhgorod': 'Europe/Kyiv',
  'Europe/Zaporozhye': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Johnston': 'Pacific/Honolulu',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Etc/UTC': 'UTC',
  'Etc/GMT': 'UTC',
  GMT: 'UTC',
};

/** A zone's current name: "Asia/Calcutta" → "Asia/Kolkata". */
export const canonicalZone = (zone: string) => ALIASES[zone] ?? zone;

/** The old names that lead to a zone, so a search for "Calcutta" finds Kolkata. */
const formerNames = (zone: string) => Object.keys(ALIASES).filter((alias) => ALIASES[alias] === zone);

/** Every canonical zone the engine knows, with UTC; sorted by name. */
export function canonicalZones(all: readonly string[] = Intl.supportedValuesOf('timeZone')): string[] {
  return [...new Set(['UTC', ...all.map(canonicalZone)])].sort();
}

/** "UTC+05:30", "UTC−08:00", "UTC" at `now`: a zone's offset is that of the day (DST moves it). */
export function zoneOffset(zone: string, now: Date = new Date()): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(now)
    .find((part) => part.type === 'timeZoneName')?.value;
  return !name || name === 'GMT' || name === 'GMT+00:00' ? 'UTC' : name.replace('GMT', 'UTC').replace('-', '−');
}

/** Minutes east of UTC, for sorting: "UTC+05:30" → 330. */
const offsetMinutes = (offset: string) => {
  const match = /([+−])(\d\d):(\d\d)/.exec(offset);
  return match ? (match[1] === '−' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
};

/** The place a zone is named after: "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export const zoneCity = (zone: string) => (zone.split('/').at(-1) ?? zone).replaceAll('_', ' ');

export interface ZoneOption {
  zone: string;
  city: string;
  offset: string;
  /** Lower-case text a search matches: city, full name, former names, offset. */
  keys: string;
}

/** The options, the browser's zone first, then by offset (west to east) and city. */
export function zoneOptions(browserZone: string, now: Date = new Date(), all?: readonly string[]): ZoneOption[] {
  const first = canonicalZone(browserZone);
  const options = canonicalZones(all).map((zone) => {
    const offset = zoneOffset(zone, now);
    const city = zoneCity(zone);
    return { zone, city, offset, keys: [city, zone.replaceAll('_', ' '), ...formerNames(zone), offset, offset.replace('−', '-')].join(' ').toLowerCase() };
  });
  const rank = (option: ZoneOption) => (option.zone === first ? 0 : 1);
  return options.sort(
    (a, b) => rank(a) - rank(b) || offsetMinutes(a.offset) - offsetMinutes(b.offset) || a.city.localeCompare(b.city),
  );
}

/** Options whose text holds every word of the query ("new york", "+05:30", "calcutta"). */
export function searchZones(options: readonly ZoneOption[], query: string): ZoneOption[] {
  const words = query.toLowerCase().replaceAll('_', ' ').split(/\s+/).filter(Boolean);
  return words.length === 0 ? [...options] : options.filter((option) => words.every((word) => option.keys.includes(word)));
}
