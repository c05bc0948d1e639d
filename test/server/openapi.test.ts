// The OpenAPI document: valid shape, generated from the same schemas the routes validate with,
// and listing every route the server has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_ROUTES } from '../../server/src/openapi/core-routes.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';

interface Doc {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: { properties?: object; required?: string[] } }> };
        security?: unknown[];
      }
    >
  >;
}

let core: CoreApp;
let doc: Doc;

beforeAll(async () => {
  core = await startCoreApp('sqlite');
  const res = await core.app.inject({ method: 'GET', url: '/docs/json' });
  expect(res.statusCode).toBe(200);
  doc = res.json<Doc>();
});
afterAll(() => core?.close());

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with every core route and its request schema', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const route of CORE_ROUTES) expect(doc.paths[route.path]?.[route.method], route.path).toBeDefined();
    const login = doc.paths['/auth/login']?.post;
    const schema = login?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(schema?.properties ?? {}).sort()).toEqual(['password', 'username']);
    expect(login?.security).toEqual([]); // signing in needs no token
    expect(doc.paths['/rooms/{id}/join']?.post?.security).toBeUndefined(); // needs the bearer token
  });

  it('documents only routes that exist, and also lists routes of other areas', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({
        method: method.toUpperCase(),
        url: path.replace(/\{(\w+)\}/g, ':$1'),
      })),
    );
    for (const op of operations) {
      expect(core.app.hasRoute({ method: op.method as 'GET', url: op.url }), `${op.method} ${op.url}`).toBe(
        true,
      );
    }
    // Not in CORE_ROUTES: picked up from the router itself.
    expect(doc.paths['/health/ready']?.get).toBeDefined();
  });

  it('serves a page at /docs that points to the document', async () => {
    const res = await core.app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('/docs/json');
  });
});
