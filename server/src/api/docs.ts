// The OpenAPI 3.1 document at /docs/json and a browsable page at /docs, both generated from the
// routes the table registered: @fastify/swagger collects them, fastify-type-provider-zod turns
// their zod schemas into JSON Schema, and this adds each endpoint's coded errors from the table.
// Routes that are not in the table (the web client's pages, the docs themselves) are left out.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { API, ERROR_STATUS, errorsOf, isRouteId, type ErrorCode } from '../../../common/api/index.js';

type Transform = typeof jsonSchemaTransform;

/** The error body, with the codes this endpoint may answer with this status. */
function errorBody(codes: ErrorCode[]) {
  return {
    description: `A coded error: ${codes.join(', ')}`,
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { enum: codes }, message: { type: 'string' }, details: {} },
      },
    },
  };
}

const transform: Transform = (input) => {
  const operationId = (input.schema as { operationId?: unknown } | undefined)?.operationId;
  if (typeof operationId !== 'string' || !isRouteId(operationId)) {
    return { schema: { hide: true }, url: input.url };
  }
  const out = jsonSchemaTransform(input);
  const response = (out.schema as { response?: Record<string, unknown> }).response ?? {};
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorsOf(API[operationId])) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of byStatus) response[String(status)] = errorBody(codes);
  response['500'] = errorBody(['INTERNAL']);
  return { ...out, schema: { ...out.schema, response } };
};

/** Register before the routes: @fastify/swagger sees the routes added after it. */
export async function registerApiDocs(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Convene app server',
        version,
        description: 'Errors are `{ "error": { "code", "message" } }`; switch on `code`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}
