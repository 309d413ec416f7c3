// Which timeline event an episode is, and what it looks like: one event per
// real event, derived from the stored episodes so a re-run derives the same.

export type EpisodeEventType = 'new_episode' | 'season_premiere' | 'season_finale' | 'series_premiere' | 'series_finale';

export interface EpisodeFacts {
  seasonNumber: number;
  episodeNumber: number;
  episodeType: string | null;
  /** The last dated episode of the show's last season, for ended / canceled shows. */
  isLastOfEndedShow: boolean;
}

export function episodeEventType(episode: EpisodeFacts): EpisodeEventType {
  if (episode.episodeType === 'series_finale') return 'series_finale';
  if (episode.seasonNumber >= 1 && episode.episodeNumber === 1) {
    return episode.seasonNumber === 1 ? 'series_premiere' : 'season_premiere';
  }
  if (episode.episodeType === 'finale') return episode.isLastOfEndedShow ? 'series_finale' : 'season_finale';
  return 'new_episode';
}

export const episodeCode = (season: number, episode: number) =>
  `S${String(season).padStart(2, '0')}E${String(episode).padStart(2, '0')}`;

const STATUS_WORDS: Record<string, string> = {
  returning: 'returning',
  ended: 'ended',
  canceled: 'canceled',
  in_production: 'in production',
  planned: 'planned',
  pilot: 'pilot',
  released: 'released',
  post_production: 'in post-production',
};

export const statusWords = (status: string | null) => (status ? (STATUS_WORDS[status] ?? status.replaceAll('_', ' ')) : 'unknown');
