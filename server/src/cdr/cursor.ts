// Opaque page cursors for the CDR list: the sort key (started_at, id) of the last row shown.
import { z } from 'zod';
import { AppError } from '../errors.js';

export interface CdrCursor {
  startedAt: number;
  id: string;
}

const CursorShape = z.tuple([z.number().int().nonnegative(), z.string().min(1).max(100)]);

export function encodeCursor(cursor: CdrCursor): string {
  return Buffer.from(JSON.stringify([cursor.startedAt, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): CdrCursor {
  try {
    const [startedAt, id] = CursorShape.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return { startedAt, id };
  } catch (err) {
    throw new AppError('VALIDATION', 'The cursor is not one this server gave out.', undefined, {
      cause: err,
    });
  }
}
