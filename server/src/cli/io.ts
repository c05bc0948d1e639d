// Terminal input and output for the admin CLI: passwords come from piped standard input, or
// from a prompt that does not echo what is typed.
import { createInterface } from 'node:readline';
import type { CliIo } from './commands.js';

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n')[0] ?? '';
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Print the prompt, then swallow the echo of every keystroke.
    process.stdout.write(prompt);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

export const terminalIo: CliIo = {
  readPassword: (prompt) => (process.stdin.isTTY ? promptHidden(prompt) : readAllStdin()),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};
