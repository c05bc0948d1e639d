// The stack's log reader: a real child process writes a line in pieces (and a UTF-8 character
// split across two writes); each line reaches onLine whole, stdout and stderr apart.
import { describe, expect, it } from 'vitest';
import { spawnManaged } from '../../scripts/stack/child-process.js';

const SCRIPT = `
const e = Buffer.from('é');
process.stdout.write('first half, ');
setTimeout(() => process.stdout.write(Buffer.concat([Buffer.from('second half '), e.subarray(0, 1)])), 50);
setTimeout(() => process.stdout.write(Buffer.concat([e.subarray(1), Buffer.from('\\nnext line\\n')])), 100);
setTimeout(() => process.stderr.write('an error line\\n'), 150);
`;

describe('spawnManaged', () => {
  it('hands over whole lines when a line straddles chunks', async () => {
    const lines: string[] = [];
    const child = spawnManaged('writer', process.execPath, ['-e', SCRIPT], { onLine: (l) => lines.push(l) });
    await new Promise((resolve) => child.process.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the last 'line' events
    expect(lines.sort()).toEqual(['an error line', 'first half, second half é', 'next line']);
    expect(child.recentOutput()).toContain('first half, second half é');
    await child.stop();
  });
});
