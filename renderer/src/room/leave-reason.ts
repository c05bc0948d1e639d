// Why a meeting ended for this client, and the sentence the user sees for it.

export type LeaveReason = 'left' | 'removed' | 'ended' | 'duplicate' | 'lost';

export function leaveMessage(reason: LeaveReason): string {
  switch (reason) {
    case 'left':
      return 'You left the meeting.';
    case 'removed':
      return 'The host removed you from the meeting.';
    case 'ended':
      return 'The host ended the meeting for everyone.';
    case 'duplicate':
      return 'You joined this meeting from another window.';
    case 'lost':
      return 'The connection to the meeting was lost.';
    default: {
      const never: never = reason;
      return never;
    }
  }
}
