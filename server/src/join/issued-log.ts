// Records issued join tokens in join_tokens_issued with group commit: while one insert is in
// flight, the rows of joins arriving meanwhile wait and go in together as one multi-row insert.
// Each join still answers only after its own row is stored, but under load a single statement
// (one transaction, one fsync) carries many rows instead of one.
import type { Kysely } from 'kysely';
import type { JoinTokenIssuedRow, Tables } from '../db/schema.js';

interface Pending {
  row: JoinTokenIssuedRow;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Rows per statement: 8 columns each stays well under SQLite's and PostgreSQL's parameter limits. */
const MAX_BATCH = 500;

export class IssuedTokenLog {
  private pending: Pending[] = [];
  private flushing = false;

  constructor(private readonly db: Kysely<Tables>) {}

  record(row: JoinTokenIssuedRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          await this.db
            .insertInto('join_tokens_issued')
            .values(batch.map((p) => p.row))
            .execute();
          for (const p of batch) p.resolve();
        } catch (err) {
          // Every join of the failed batch gets the error, and so fails visibly.
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
