// An HTTP error a client caused or must react to, with its status and a message for the client.

export class HttpProblem extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 413 | 415 | 422 | 429 | 503,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
