// Recording file names people can read in their Videos folder (or Downloads, from the web
// client): room title and local start time, with characters unsafe on any of the three OSes
// replaced.
// Control characters are unsafe in file names on Windows.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f]/g;

export function recordingBaseName(roomTitle: string, startedAt: Date): string {
  const title = roomTitle.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim().slice(0, 80) || 'Meeting';
  const pad = (n: number) => String(n).padStart(2, '0');
  const d = startedAt;
  const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}.${pad(d.getMinutes())}.${pad(d.getSeconds())}`;
  return `Convene - ${title} - ${stamp}`;
}

/** "47 min", "1 h 5 min", "12 s": how long a recording is, for a notice. */
export function spokenDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
