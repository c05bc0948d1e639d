// GET /docs/json: the OpenAPI document; GET /docs: a short page pointing to it. Routes of other
// areas that have no description yet still appear, by method and path, so the list is complete.
import type { FastifyPluginAsync } from 'fastify';
import { buildDocument, type RouteDoc } from './document.js';

export interface OpenApiOptions {
  routes: RouteDoc[];
  version: string;
}

const METHODS = new Set(['get', 'post', 'patch', 'delete', 'put']);
const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

const openApiPluginImpl: FastifyPluginAsync<OpenApiOptions> = async (app, { routes, version }) => {
  const seen: RouteDoc[] = [];
  // onRoute on the root instance sees routes registered after this plugin too.
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const m = method.toLowerCase();
      if (!METHODS.has(m) || route.url.startsWith('/docs')) continue;
      seen.push({
        method: m as RouteDoc['method'],
        path: toOpenApiPath(route.url),
        summary: `${method} ${route.url}`,
      });
    }
  });

  let document: ReturnType<typeof buildDocument> | undefined;
  app.get('/docs/json', async () => {
    if (!document) {
      const documented = new Set(routes.map((r) => `${r.method} ${r.path}`));
      const rest = seen.filter((r) => !documented.has(`${r.method} ${r.path}`));
      document = buildDocument([...routes, ...rest], { title: 'Convene app server', version });
    }
    return document;
  });

  app.get('/docs', async (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><meta charset="utf-8"><title>Convene API</title>' +
          '<p>The OpenAPI 3.1 document of this server is at <a href="/docs/json">/docs/json</a>.</p>',
      ),
  );
};

// Not encapsulated (like fastify-plugin), so its onRoute hook sees every route of the app.
// Register it before the routes it should list.
(openApiPluginImpl as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const openApiPlugin = openApiPluginImpl;
