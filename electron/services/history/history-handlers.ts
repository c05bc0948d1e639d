// The contract's history.* methods: the local meeting log. (The app server's call records come
// through api.call with the route table's cdr.list / cdr.get.)
import type { MethodName, MethodResult, ParsedArgs } from '../../contract.js';
import type { MeetingLog } from './meeting-log.js';

type HistoryMethod = Extract<MethodName, `history.${string}`>;
export type HistoryHandlers = { [M in HistoryMethod]: (args: ParsedArgs<M>) => Promise<MethodResult<M>> };

export function historyHandlers(log: MeetingLog): HistoryHandlers {
  return {
    'history.local': async () => log.all(),
    'history.save': (meeting) => log.save(meeting),
  };
}
