// The push channel's tables (migrations 007 and 008).
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

/** An open push connection on an app-server instance; it counts while that instance's lease does. */
export interface PushConnectionsTable {
  id: string;
  user_id: string;
  instance_id: string;
  connected_at: number;
}

/** An app-server instance's lease (migration 008), renewed every heartbeat; see instance-lease.ts. */
export interface PushInstancesTable {
  id: string;
  started_at: number;
  seen_at: number;
}
