// Every migration, in order. Names sort by their number prefix; never edit one that has shipped,
// add a new one instead.
import type { Migration } from 'kysely/migration';
import { m001Meta } from './001-meta.js';
import { m002Core } from './002-core.js';
import { m003LivekitEventsCdr } from './003-livekit-events-cdr.js';
import { m004WebhooksOut } from './004-webhooks-out.js';
import { m005RemovalsInferred } from './005-removals-inferred.js';
import { m006RoomRecording } from './006-room-recording.js';
import { m007PushPeopleCalls } from './007-push-people-calls.js';
import { m008PushInstances } from './008-push-instances.js';

export const migrations: Record<string, Migration> = {
  '001-meta': m001Meta,
  '002-core': m002Core,
  '003-livekit-events-cdr': m003LivekitEventsCdr,
  '004-webhooks-out': m004WebhooksOut,
  '005-removals-inferred': m005RemovalsInferred,
  '006-room-recording': m006RoomRecording,
  '007-push-people-calls': m007PushPeopleCalls,
  '008-push-instances': m008PushInstances,
};
