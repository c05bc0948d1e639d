// Registers endpoints of the route table (common/api/table.ts) with their handlers. From one table
// entry comes the route's method and path, the zod schemas Fastify validates params, query and
// body with and serializes the answer with, who may call it (checked before validation, so a
// stranger learns nothing about the shapes), the success status, and its OpenAPI description.
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { z } from 'zod';
import {
  API,
  type Api,
  type BodyOf,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
  type RouteId,
  type RouteSpec,
} from '../../../common/api/index.js';

export type RouteRequest<Id extends RouteId> = FastifyRequest<{
  Params: ParamsOf<Api[Id]>;
  Querystring: QueryOf<Api[Id]>;
  Body: BodyOf<Api[Id]>;
}>;

/** A handler answers the table's success body (nothing for 204); errors are thrown AppErrors. */
export type RouteHandler<Id extends RouteId> = (
  req: RouteRequest<Id>,
  reply: FastifyReply,
) => Promise<Api[Id]['status'] extends 204 ? void : ResponseOf<Api[Id]>>;

export type RouteHandlers = { [Id in RouteId]?: RouteHandler<Id> };

/** Serves the given endpoints of the table on `app` (an area's plugin passes its own). */
export function serve(app: FastifyInstance, handlers: RouteHandlers): void {
  for (const id of Object.keys(handlers) as RouteId[]) {
    const spec: RouteSpec = API[id];
    const handler = handlers[id] as unknown as (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
    app.route({
      method: spec.method,
      url: spec.path,
      schema: routeSchema(id, spec),
      ...(spec.access === 'public'
        ? {}
        : { preValidation: spec.access === 'admin' ? app.requireAdmin : app.requireUser }),
      ...(spec.access === 'host' ? { preHandler: app.requireRoomHost } : {}),
      handler: async (req, reply) => {
        // The table's status, unless the handler says otherwise (readiness answers 503).
        void reply.code(spec.status);
        const result = await handler(req, reply);
        return result === undefined ? reply.send() : result;
      },
    });
  }
}

function routeSchema(id: RouteId, spec: RouteSpec): FastifySchema {
  const success = !spec.response
    ? z.undefined().describe('Done')
    : spec.responseType
      ? { description: 'OK', content: { [spec.responseType]: { schema: spec.response } } }
      : spec.response;
  return {
    operationId: id,
    summary: spec.summary,
    tags: [id.split('.')[0] ?? id],
    security: spec.access === 'public' ? [] : [{ bearer: [] }],
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { querystring: spec.query } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.requestType ? { consumes: [spec.requestType] } : {}),
    response: { [spec.status]: success },
  } as FastifySchema;
}

/** Fails start-up when a table entry has no handler, so a half-added endpoint cannot ship. */
export function assertEveryRouteServed(app: FastifyInstance): void {
  const missing = (Object.keys(API) as RouteId[]).filter(
    (id) => !app.hasRoute({ method: API[id].method, url: API[id].path }),
  );
  if (missing.length) throw new Error(`Route table entries without a handler: ${missing.join(', ')}`);
}
