// The one line a process prints on stdout when it listens; the supervisor reads it.

export interface Listening {
  service: string;
  url: string;
  [detail: string]: string;
}

export function announceListening(listening: Listening): void {
  process.stdout.write(`${JSON.stringify({ event: 'listening', ...listening })}\n`);
}
