// The two OTLP/HTTP encodings behind one interface, chosen by the request's Content-Type.
// The response (and any error Status) goes back in the encoding the request came in.
import { otlpJson } from './otlp-json.ts';
import { otlpProtobuf } from './otlp-protobuf.ts';

export interface ExportTraceResponse {
  /** Set only when some spans were refused (the OTLP spec leaves it unset otherwise). */
  partialSuccess?: { rejectedSpans: number; errorMessage: string };
}

/** google.rpc.Status, the body of every OTLP error response. */
export interface RpcStatus {
  code: number;
  message: string;
}

export interface OtlpCodec {
  contentType: string;
  /** The request in the OTLP JSON form (hex ids, int64 as decimal strings); throws if undecodable. */
  decodeRequest(body: Buffer): unknown;
  encodeResponse(response: ExportTraceResponse): Uint8Array<ArrayBuffer> | string;
  encodeStatus(status: RpcStatus): Uint8Array<ArrayBuffer> | string;
}

const codecs: Record<string, OtlpCodec> = {
  'application/x-protobuf': otlpProtobuf,
  'application/json': otlpJson,
};

export const acceptedContentTypes = Object.keys(codecs);

/** The codec for a Content-Type header (parameters such as charset ignored), if it is an OTLP one. */
export function codecFor(contentType: string | null | undefined): OtlpCodec | undefined {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return codecs[mediaType];
}
