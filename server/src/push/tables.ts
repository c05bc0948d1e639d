// The push channel's tables (migration 006).
export interface PushCursorsTable {
  user_id: string;
  last_seq: number;
}

/** One event for one user; `seq` counts up per user with no gaps between committed events. */
export interface PushEventsTable {
  user_id: string;
  seq: number;
  type: string;
  payload: string;
  created_at: number;
}

/** A live push connection, refreshed by its app server instance; stale rows mean a dead instance. */
export interface PushConnectionsTable {
  id: string;
  user_id: string;
  instance_id: string;
  connected_at: number;
  seen_at: number;
}
