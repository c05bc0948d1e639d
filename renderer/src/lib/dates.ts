// One way to show when a meeting or a call happened, in the user's locale: "Dec 1, 2026, 11:52 AM".
const WHEN = new Intl.DateTimeFormat([], {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function when(iso: string): string {
  return WHEN.format(new Date(iso));
}
