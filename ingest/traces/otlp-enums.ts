// SpanKind and StatusCode as stored (e.g. 'SERVER', 'ERROR'), read from either form OTLP
// allows: the enum number or its full proto name ('SPAN_KIND_SERVER', 'STATUS_CODE_ERROR').

export const spanKinds = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
export const statusCodes = ['UNSET', 'OK', 'ERROR'] as const;

export type SpanKindName = (typeof spanKinds)[number];
export type StatusCodeName = (typeof statusCodes)[number];

/** The stored name for an enum value (absent means the zero value), or undefined if unknown. */
export function enumName<T extends string>(raw: unknown, names: readonly T[], protoPrefix: string): T | undefined {
  if (raw === undefined || raw === null) return names[0];
  if (typeof raw === 'number') return Number.isInteger(raw) ? names[raw] : undefined;
  if (typeof raw === 'string' && raw.startsWith(protoPrefix)) {
    const name = raw.slice(protoPrefix.length) as T;
    return names.includes(name) ? name : undefined;
  }
  return undefined;
}

export function enumProblem(names: readonly string[], protoPrefix: string): string {
  return `must be 0–${names.length - 1} or one of ${names.map((n) => protoPrefix + n).join(', ')}`;
}
