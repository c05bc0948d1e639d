// Outgoing webhook tables: endpoints, the outbox of messages, and the delivery log.
export interface WebhookEndpointsTable {
  id: string;
  url: string;
  /** JSON array of subscribed event types. */
  events: string;
  description: string | null;
  /** `whsec_` + base64; needed in clear to sign, never returned after creation. */
  secret: string;
  created_at: number;
}

export type OutboxStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookOutboxTable {
  /** Also the `webhook-id` header: stable across retries so receivers can deduplicate. */
  id: string;
  endpoint_id: string;
  event_type: string;
  /** The exact body sent (and signed) on every attempt. */
  body: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  updated_at: number;
}

export interface WebhookDeliveriesTable {
  id: string;
  outbox_id: string;
  endpoint_id: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  started_at: number;
  finished_at: number;
}
