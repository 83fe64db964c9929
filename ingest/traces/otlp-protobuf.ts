// Binary OTLP (application/x-protobuf) through protobufjs: decodes ExportTraceServiceRequest
// into the OTLP JSON form, so one validator serves both encodings, and encodes responses.
import protobuf from 'protobufjs/light.js';
import type { ExportTraceResponse, OtlpCodec, RpcStatus } from './otlp-codec.ts';
import { otlpTraceDescriptor } from './otlp-trace-schema.ts';

const root = protobuf.Root.fromJSON(otlpTraceDescriptor);
const requestType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
const responseType = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse');
const statusType = root.lookupType('google.rpc.Status');

// 64-bit integers become exact decimal strings, bytes base64 (trace and span ids are then
// turned into hex, as in OTLP JSON), enums stay numbers.
const asOtlpJson = { longs: String, enums: Number, bytes: String, defaults: false, arrays: false, oneofs: false } as const;

export const otlpProtobuf: OtlpCodec = {
  contentType: 'application/x-protobuf',
  decodeRequest(body) {
    const request = requestType.toObject(requestType.decode(body), asOtlpJson);
    idsToHex(request);
    return request;
  },
  encodeResponse(response: ExportTraceResponse) {
    return new Uint8Array(responseType.encode(responseType.fromObject(response)).finish());
  },
  encodeStatus(status: RpcStatus) {
    return new Uint8Array(statusType.encode(statusType.fromObject(status)).finish());
  },
};

interface DecodedRequest {
  resourceSpans?: { scopeSpans?: { spans?: Record<string, unknown>[] }[] }[];
}

function idsToHex(request: DecodedRequest): void {
  for (const resourceSpans of request.resourceSpans ?? []) {
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        for (const field of ['traceId', 'spanId', 'parentSpanId']) {
          if (typeof span[field] === 'string') span[field] = Buffer.from(span[field], 'base64').toString('hex');
        }
      }
    }
  }
}
