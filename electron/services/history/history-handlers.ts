// The contract's history.* methods: the local meeting log, and the app server's call detail
// records of this user's meetings (GET /cdr/sessions with its cursor, /cdr/sessions/:id).
import { CdrPage, CdrSessionDetail } from '../../../common/api.js';
import type { MethodName, MethodResult, ParsedArgs } from '../../contract.js';
import type { BackendClient } from '../backend-client.js';
import type { MeetingLog } from './meeting-log.js';

type HistoryMethod = Extract<MethodName, `history.${string}`>;
export type HistoryHandlers = { [M in HistoryMethod]: (args: ParsedArgs<M>) => Promise<MethodResult<M>> };

export function historyHandlers(log: MeetingLog, backend: BackendClient): HistoryHandlers {
  return {
    'history.local': async () => log.all(),
    'history.save': (meeting) => log.save(meeting),
    'history.cdrPage': (query) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query))
        if (value !== undefined) params.set(key, String(value));
      return backend.call({ method: 'GET', path: `/cdr/sessions?${params.toString()}`, schema: CdrPage });
    },
    'history.cdrSession': ({ id }) =>
      backend.call({
        method: 'GET',
        path: `/cdr/sessions/${encodeURIComponent(id)}`,
        schema: CdrSessionDetail,
      }),
  };
}
