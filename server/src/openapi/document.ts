// Builds the OpenAPI 3.1 document from route descriptions whose bodies and responses are the
// zod schemas of common/api.ts, so the document cannot drift from what the server validates.
import { z } from 'zod';

export interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'delete' | 'put';
  /** OpenAPI path syntax: /rooms/{id}. */
  path: string;
  summary: string;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Success status (default 200). */
  status?: number;
  /** Needs `Authorization: Bearer <access token>` (default true). */
  auth?: boolean;
}

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const ErrorResponse = {
  description: 'A coded error',
  content: {
    'application/json': {
      schema: schemaOf(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'output'),
    },
  },
};

export function buildDocument(routes: RouteDoc[], info: { title: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const status = String(route.status ?? 200);
    const operation = {
      summary: route.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(route.auth === false ? { security: [] } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [status]: route.response
          ? {
              description: 'OK',
              content: { 'application/json': { schema: schemaOf(route.response, 'output') } },
            }
          : { description: 'Done' },
        '4XX': ErrorResponse,
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
