// The button this feature answers: option `index` of a stored choice (a suggested team name).
import { boundedInt, defineCallback } from '../../callbacks/codec';

const STASH_ID = /^[a-z0-9]{6,12}$/;

export const choiceButton = defineCallback<{ kind: 'choice'; stashId: string; index: number }>({
  prefix: 'c',
  kind: 'choice',
  fields: (a) => [a.stashId, a.index],
  parse(fields) {
    if (fields.length !== 2) return null;
    const index = boundedInt(fields[1], 0, 99);
    if (!STASH_ID.test(fields[0]!) || index === null) return null;
    return { kind: 'choice', stashId: fields[0]!, index };
  },
});
