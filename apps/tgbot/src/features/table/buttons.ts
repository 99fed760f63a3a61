// The table's "picture" button: the same standings drawn as a PNG.
import { boundedInt, defineCallback } from '../../callbacks/codec';

const LEAGUE = /^[A-Z0-9]{1,6}$/;

/** Send `league`'s table of the season starting in `year` as a picture. */
export const tablePictureButton = defineCallback<{
  kind: 'tablePicture';
  league: string;
  year: number;
}>({
  prefix: 'tp',
  kind: 'tablePicture',
  fields: (a) => [a.league, a.year],
  parse(fields) {
    if (fields.length !== 2) return null;
    const [league, yearText] = fields as [string, string];
    const year = boundedInt(yearText, 1900, 2999);
    return LEAGUE.test(league) && year !== null ? { kind: 'tablePicture', league, year } : null;
  },
});
