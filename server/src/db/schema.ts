// The database's tables as Kysely sees them. Each area declares its own tables next to its code
// and adds them here. Conventions (both SQLite and PostgreSQL): ids are text (UUIDs), times are
// epoch milliseconds in `bigint` columns (read back as numbers), booleans are integers 0/1.
import type { CallLegsTable, CallsTable } from '../calls/tables.js';
import type { CdrLegsTable, CdrSessionsTable } from '../cdr/tables.js';
import type { RoomLocksTable, RoomRemovalsTable } from '../enforcement/tables.js';
import type { UserPresenceTable } from '../people/tables.js';
import type {
  PushConnectionsTable,
  PushCursorsTable,
  PushEventsTable,
  PushInstancesTable,
} from '../push/tables.js';
import type { LivekitEventsTable } from '../webhooks-in/tables.js';
import type {
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
  WebhookOutboxTable,
} from '../webhooks-out/tables.js';

export interface SchemaMeta {
  key: string;
  value: string;
}

// ---- 002-core: users, sessions, rooms, joins, waiting room ----
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  is_admin: number;
  disabled: number;
  created_at: number;
}

export interface RefreshTokenRow {
  id: string;
  family_id: string;
  user_id: string;
  token_hash: string;
  expires_at: number;
  created_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

export interface RoomRow {
  id: string;
  slug: string;
  title: string;
  owner_id: string;
  kind: 'permanent' | 'one-time';
  starts_at: number | null;
  ends_at: number | null;
  max_participants: number | null;
  locked: number;
  waiting_room: number;
  /** 1: participants may record locally; 0: only hosts may. */
  allow_recording: number;
  created_at: number;
}

export interface RoomMemberRow {
  room_id: string;
  user_id: string;
  role: 'host' | 'participant' | 'viewer';
}

/** One row per LiveKit token the app server minted; the CDR reads address and user agent. */
export interface JoinTokenIssuedRow {
  id: string;
  room_id: string;
  identity: string;
  display_name: string;
  role: 'host' | 'participant' | 'viewer';
  address: string | null;
  user_agent: string | null;
  issued_at: number;
}

export interface WaitingRequestRow {
  id: string;
  room_id: string;
  ticket_hash: string;
  identity: string;
  display_name: string;
  role: 'host' | 'participant' | 'viewer';
  status: 'waiting' | 'admitted' | 'denied';
  address: string | null;
  user_agent: string | null;
  requested_at: number;
  decided_at: number | null;
}

export interface Tables {
  schema_meta: SchemaMeta;
  livekit_events: LivekitEventsTable;
  cdr_sessions: CdrSessionsTable;
  cdr_legs: CdrLegsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_outbox: WebhookOutboxTable;
  webhook_deliveries: WebhookDeliveriesTable;
  users: UserRow;
  refresh_tokens: RefreshTokenRow;
  rooms: RoomRow;
  room_members: RoomMemberRow;
  join_tokens_issued: JoinTokenIssuedRow;
  waiting_requests: WaitingRequestRow;
  room_removals: RoomRemovalsTable;
  room_locks: RoomLocksTable;
  // 006: push channel, presence, calls
  push_cursors: PushCursorsTable;
  push_events: PushEventsTable;
  push_connections: PushConnectionsTable;
  // 008: app-server instances' leases
  push_instances: PushInstancesTable;
  user_presence: UserPresenceTable;
  calls: CallsTable;
  call_legs: CallLegsTable;
}
