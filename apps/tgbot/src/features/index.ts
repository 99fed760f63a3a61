// What the bot can do, one feature per folder, in the order their handlers see an update and
// their commands appear in the `/` menu and /help: a command is taken by the first feature that
// registers it, and free text comes last because it answers every message that reaches it.
// Adding a command is a folder here and a line below.
import type { Feature } from '../context/feature';
import { about } from './about';
import { admin } from './admin';
import { alerts } from './alerts';
import { explain } from './explain';
import { fixtures } from './fixtures';
import { form } from './form';
import { freeText } from './free-text';
import { h2h } from './h2h';
import { inline } from './inline';
import { membership } from './membership';
import { model } from './model';
import { portfolio } from './portfolio';
import { predict } from './predict';
import { season } from './season';
import { settings } from './settings';
import { startHelp } from './start-help';
import { stats } from './stats';
import { subscribe } from './subscribe';
import { table } from './table';
import { terms } from './terms';
import { value } from './value';

export const FEATURES = [
  predict,
  fixtures,
  table,
  form,
  h2h,
  season,
  explain,
  model,
  value,
  alerts,
  portfolio,
  inline,
  subscribe,
  settings,
  stats,
  terms,
  about,
  startHelp,
  admin,
  membership,
  freeText,
] as const satisfies readonly Feature[];
