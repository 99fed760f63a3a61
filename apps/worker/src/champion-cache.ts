// The champion cache lives in @scoreline/training (the bot reads champions too); the worker's
// modules keep importing it from here.
export {
  createChampionCache,
  DEFAULT_REVALIDATE_MS,
  type ChampionCache,
  type ChampionCacheOptions,
} from '@scoreline/training';
