// Turns anything thrown into a sentence a user can read; never an empty string.
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message.trim() !== '') return error.message;
  if (typeof error === 'string' && error.trim() !== '') return error;
  if (typeof error === 'object' && error !== null && 'statusText' in error && typeof error.statusText === 'string' && error.statusText !== '') {
    return error.statusText;
  }
  return 'Unknown error';
}
