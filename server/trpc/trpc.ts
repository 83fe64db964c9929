// tRPC instance: procedures, an error formatter that returns flattened zod errors, and a
// tracing middleware so every procedure call is a span.
import { initTRPC } from '@trpc/server';
import { trace, SpanStatusCode } from '@opentelemetry/api';
import { ZodError, z } from 'zod';
import type { Context } from './context.ts';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

const tracer = trace.getTracer('closewatch.server');

const traced = t.middleware(({ path, type, next }) =>
  tracer.startActiveSpan(`trpc ${path}`, { attributes: { 'rpc.system': 'trpc', 'rpc.method': path, 'rpc.type': type } }, async (span) => {
    const result = await next();
    if (!result.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: result.error.message });
    span.end();
    return result;
  }),
);

export const router = t.router;
export const publicProcedure = t.procedure.use(traced);
export const createCallerFactory = t.createCallerFactory;
