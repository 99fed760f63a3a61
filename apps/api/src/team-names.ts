// Team names for responses, each looked up once per request.
import { getTeam, type Db } from '@scoreline/db';

/** Team names by id, each looked up once. */
export function teamNames(db: Db): (id: number) => Promise<string> {
  const cache = new Map<number, Promise<string>>();
  return (id) => {
    let name = cache.get(id);
    if (!name) {
      name = getTeam(db, id).then((t) => t?.name ?? `#${id}`);
      cache.set(id, name);
    }
    return name;
  };
}
