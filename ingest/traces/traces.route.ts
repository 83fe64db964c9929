// POST /v1/traces (OTLP/HTTP, protobuf or JSON): authenticate, read, decode, check each span,
// make stored spans and quarantined ones durable in the spool, then answer in the request's
// encoding, with partialSuccess when some spans were refused.
import { appendDurably } from '../spool/append-durably.ts';
import type { Context } from 'hono';
import type { ApiKeyStore } from '../auth/api-key-store.ts';
import { authenticate } from '../http/authenticate.ts';
import { HttpProblem } from '../http/http-problem.ts';
import { readBody } from '../http/read-body.ts';
import { quarantineLine } from '../quarantine/quarantine-record.ts';
import type { Spool } from '../spool/spool.ts';
import { acceptSpans, RequestShapeError, type AcceptContext, type SpanOutcome } from './accept-spans.ts';
import { acceptedContentTypes, codecFor, type OtlpCodec } from './otlp-codec.ts';
import { otlpJson } from './otlp-json.ts';
import { exportResponse, problemResponse } from './otlp-response.ts';

export interface TracesRouteDeps {
  spool: Spool;
  keys: ApiKeyStore;
  maxBodyBytes: number;
}

export function tracesRoute(deps: TracesRouteDeps): (c: Context) => Promise<Response> {
  return async (c: Context): Promise<Response> => {
    const codec = codecFor(c.req.header('content-type'));
    try {
      const principal = await authenticate(c.req.raw, deps.keys);
      if (!codec) {
        const mediaType = c.req.header('content-type')?.split(';')[0]?.trim() || '(none)';
        throw new HttpProblem(415, `Content-Type "${mediaType}" is not accepted; OTLP/HTTP uses ${acceptedContentTypes.join(' or ')}`);
      }
      const body = await readBody(c.req.raw, deps.maxBodyBytes);
      const receivedAtMs = Date.now();
      let outcome: SpanOutcome;
      try {
        outcome = readRequest(codec, body, { apiKeyPrefix: principal.prefix, receivedAtMs });
      } catch (error) {
        if (error instanceof HttpProblem) {
          // Nothing could be read: keep the body itself so it can be inspected and replayed.
          const errors = [{ path: '(body)', message: error.message }];
          await appendDurably(deps.spool, [quarantineLine({ channel: 'traces', raw: bodyText(codec, body), errors, apiKeyPrefix: principal.prefix, receivedAtMs })]);
        }
        throw error;
      }
      await appendDurably(deps.spool, outcome.lines);
      return exportResponse(codec, outcome);
    } catch (error) {
      if (error instanceof HttpProblem) return problemResponse(codec ?? otlpJson, error);
      throw error;
    }
  };
}

/** Decodes the body and checks its spans; a body that is not an ExportTraceServiceRequest is a 400. */
function readRequest(codec: OtlpCodec, body: Buffer, context: AcceptContext): SpanOutcome {
  const what = codec === otlpJson ? 'an OTLP JSON' : 'a protobuf';
  let request: unknown;
  try {
    request = codec.decodeRequest(body);
  } catch (error) {
    throw new HttpProblem(400, `body is not ${what} ExportTraceServiceRequest: ${(error as Error).message}`);
  }
  try {
    return acceptSpans(request, context);
  } catch (error) {
    if (error instanceof RequestShapeError) throw new HttpProblem(400, `body is not ${what} ExportTraceServiceRequest: ${error.message}`);
    throw error;
  }
}

/** The body as quarantine text: JSON as received, protobuf as base64. */
function bodyText(codec: OtlpCodec, body: Buffer): string {
  return codec === otlpJson ? body.toString('utf8') : `base64:${body.toString('base64')}`;
}
