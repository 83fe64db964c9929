// OTLP/HTTP responses in the request's encoding: an ExportTraceServiceResponse on success
// (with partialSuccess when spans were refused) and a google.rpc.Status body for every error,
// as the OTLP spec asks of 4xx and 5xx responses.
import type { HttpProblem } from '../http/http-problem.ts';
import type { OtlpCodec } from './otlp-codec.ts';
import type { SpanOutcome } from './accept-spans.ts';

/** gRPC status codes for the HTTP statuses ingest answers with. */
const grpcCodes: Record<HttpProblem['status'], number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  413: 3,
  415: 3,
  422: 3,
  429: 8, // RESOURCE_EXHAUSTED
  503: 14, // UNAVAILABLE
};

export function exportResponse(codec: OtlpCodec, outcome: SpanOutcome): Response {
  const body = outcome.rejected === 0 ? {} : { partialSuccess: { rejectedSpans: outcome.rejected, errorMessage: rejectionSummary(outcome) } };
  return new Response(codec.encodeResponse(body), { status: 200, headers: { 'content-type': codec.contentType } });
}

export function problemResponse(codec: OtlpCodec, problem: HttpProblem): Response {
  const body = codec.encodeStatus({ code: grpcCodes[problem.status], message: problem.message });
  return new Response(body, { status: problem.status, headers: { ...problem.headers, 'content-type': codec.contentType } });
}

function rejectionSummary(outcome: SpanOutcome): string {
  const total = outcome.accepted + outcome.rejected;
  const [first, ...more] = outcome.firstRejection ?? [];
  const reason = first ? `; first: ${first.path} ${first.message}${more.length ? ` (and ${more.length} more on that span)` : ''}` : '';
  return `${outcome.rejected} of ${total} spans refused and kept in the quarantine${reason}`;
}
