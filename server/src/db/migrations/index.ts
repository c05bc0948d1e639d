// Every migration, in order. Names sort by their number prefix; never edit one that has shipped,
// add a new one instead.
import type { Migration } from 'kysely/migration';
import { m001Meta } from './001-meta.js';
import { m002Core } from './002-core.js';

export const migrations: Record<string, Migration> = {
  '001-meta': m001Meta,
  '002-core': m002Core,
};
