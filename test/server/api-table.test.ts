// Generated from the route table, not listed by hand: every endpoint of common/api/table.ts is
// registered, documented in /docs/json with its schemas, reachable through the typed client, and
// answers a coded 4xx in the { error: { code, message } } shape (never a 500, never Fastify's own
// shape) to a body, a query and a path parameter that break its schema. A new table entry is
// covered without a new line here. The app server is real (HTTP on loopback), so is LiveKit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  API,
  ApiError,
  createApiClient,
  errorsOf,
  ROUTE_IDS,
  type RouteSpec,
  type Session,
} from '../../common/api.js';
import { startCoreApp, type CoreApp } from '../support/core-app.js';
import { startLivekit } from '../support/livekit-only.js';
import type { Stack } from '../support/stack.js';

interface Operation {
  operationId?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; schema: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  anyOf?: JsonSchema[];
  const?: unknown;
  additionalProperties?: unknown;
  maxLength?: number;
  enum?: unknown[];
  type?: string;
  format?: string;
};
const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input' });
  return rest as JsonSchema;
};

/** A value the property's schema refuses, or undefined when it refuses nothing simple. */
function breaking(property: JsonSchema): string | undefined {
  if (property.enum) return 'not-one-of-them';
  if (property.type === 'integer' || property.type === 'number') return 'not-a-number';
  if (property.format === 'date-time') return 'not-a-date';
  if (property.maxLength !== undefined) return 'x'.repeat(property.maxLength + 1);
  return undefined;
}

/** A small value the schema accepts: required properties only, each at its smallest. */
function exampleOf(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf?.[0]) return exampleOf(schema.anyOf[0]);
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, exampleOf(schema.properties?.[key] ?? {})]),
      );
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(schema.items ?? {}));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'uri') return 'https://hooks.example.test/convene';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  }
}

const validParams = (spec: RouteSpec) =>
  Object.fromEntries(Object.keys(spec.params?.shape ?? {}).map((name) => [name, 'x']));
const urlOf = (spec: RouteSpec, params: Record<string, string>, query = '') =>
  spec.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? '')) + query;
const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

let livekit: Stack;
let core: CoreApp;
let admin: Session;
let doc: Doc;
let baseUrl: string;

beforeAll(async () => {
  livekit = await startLivekit();
  core = await startCoreApp('sqlite', { stack: livekit });
  baseUrl = await core.app.listen({ host: '127.0.0.1', port: 0 });
  await core.addUser('alice', { isAdmin: true });
  admin = await core.login('alice');
  const res = await core.app.inject({ method: 'GET', url: '/docs/json' });
  expect(res.statusCode).toBe(200);
  doc = res.json<Doc>();
});
afterAll(async () => {
  await core?.close();
  await livekit?.stop();
});

async function expectCodedRefusal(id: string, spec: RouteSpec, url: string, payload?: unknown) {
  const res = await core.as(admin, {
    method: spec.method,
    url,
    ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    headers: { 'content-type': 'application/json' },
  });
  const what = `${id}: ${spec.method} ${url} -> ${res.statusCode} ${res.body.slice(0, 200)}`;
  expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, what).toBeLessThan(500);
  const body = res.json<Record<string, unknown>>();
  expect(Object.keys(body), what).toEqual(['error']); // not Fastify's { statusCode, code, error, message }
  const error = z.strictObject({ code: z.string(), message: z.string().min(1), details: z.unknown() });
  const parsed = error.partial({ details: true }).parse(body.error);
  expect(errorsOf(spec), what).toContain(parsed.code);
}

describe('the route table', () => {
  it('has a served route for every entry, and the server serves nothing of the API beside it', () => {
    for (const id of ROUTE_IDS) {
      const { method, path } = API[id];
      expect(core.app.hasRoute({ method, url: path }), `${id}: ${method} ${path}`).toBe(true);
    }
    const documented = Object.values(doc.paths).flatMap((ops) => Object.values(ops));
    expect(documented.map((op) => op.operationId).sort()).toEqual([...ROUTE_IDS].sort());
  });

  it('documents every entry in /docs/json (OpenAPI 3.1) with its schemas, access and errors', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const id of ROUTE_IDS) {
      const spec: RouteSpec = API[id];
      const op = doc.paths[toOpenApiPath(spec.path)]?.[spec.method.toLowerCase()];
      expect(op?.operationId, id).toBe(id);
      if (!op) continue;
      expect(op.security, id).toEqual(spec.access === 'public' ? [] : [{ bearer: [] }]);
      const names = (where: string) => (op.parameters ?? []).filter((p) => p.in === where).map((p) => p.name);
      expect(names('path').sort(), id).toEqual(Object.keys(spec.params?.shape ?? {}).sort());
      expect(names('query').sort(), id).toEqual(Object.keys(spec.query?.shape ?? {}).sort());
      if (spec.body) {
        const content = Object.values(op.requestBody?.content ?? {})[0];
        expect(content?.schema, id).toEqual(expect.objectContaining(jsonSchema(spec.body)));
      } else expect(op.requestBody, id).toBeUndefined();
      const success = op.responses[String(spec.status)];
      expect(success, id).toBeDefined();
      if (spec.response) expect(Object.values(success?.content ?? {})[0]?.schema, id).toBeDefined();
      for (const code of errorsOf(spec)) {
        expect(JSON.stringify(op.responses), `${id} documents ${code}`).toContain(`"${code}"`);
      }
    }
  });

  it('serves a browsable API page at /docs', async () => {
    const page = await core.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('swagger-ui');
  });

  it.each(ROUTE_IDS.map((id) => [id] as const))('%s is reachable through the typed client', async (id) => {
    const spec: RouteSpec = API[id];
    const call = createApiClient({
      session: {
        current: async () => ({ serverUrl: baseUrl, accessToken: admin.accessToken }),
        refreshAfterRejection: () => Promise.reject(new Error('the test session does not refresh')),
      },
      publicServerUrl: () => baseUrl,
    }) as (id: string, args: object) => Promise<unknown>;
    const args = {
      ...(spec.params ? { params: validParams(spec) } : {}),
      ...(spec.body ? { body: exampleOf(jsonSchema(spec.body)) } : {}),
    };
    // Made-up ids mostly meet a coded refusal; what matters is that the call arrives as the
    // table says (method, path, token, body) and the answer is understood, success or refusal.
    const outcome = await call(id, args).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if ('error' in outcome) {
      const error = outcome.error;
      expect(error, `${id}: ${String(error)}`).toBeInstanceOf(ApiError);
      if (!(error instanceof ApiError)) return;
      expect(error.status, `${id}: ${error.code} ${error.message}`).toBeGreaterThanOrEqual(400);
      expect(error.status, `${id}: ${error.code} ${error.message}`).toBeLessThan(500);
      expect(errorsOf(spec), `${id}: ${error.code} ${error.message}`).toContain(error.code);
      expect(error.message, `${id}: the router found no such route`).not.toMatch(/^No route for/);
    } else if (spec.response) {
      expect(spec.response.safeParse(outcome.value).success, id).toBe(true);
    } else expect(outcome.value, id).toBeUndefined();
  });

  // One case per part of an endpoint that has a schema: its body, its query, its path parameters.
  const parts = ['body', 'query', 'params'] as const;
  const cases = ROUTE_IDS.flatMap((id) =>
    parts.filter((part) => (API[id] as RouteSpec)[part]).map((part) => [id, part] as const),
  );

  it.each(cases)('%s refuses a %s that breaks its schema with a coded 4xx', async (id, part) => {
    const spec: RouteSpec = API[id];
    const params = validParams(spec);
    const body = spec.body ? {} : undefined;
    if (part === 'body') {
      await expectCodedRefusal(id, spec, urlOf(spec, params), ['not', 'the', 'body']);
    } else if (part === 'query') {
      const properties = jsonSchema(spec.query ?? z.object({})).properties ?? {};
      const [name, value] =
        Object.entries(properties)
          .map(([key, property]) => [key, breaking(property)] as const)
          .find(([, bad]) => bad !== undefined) ?? [];
      expect(name, `${id}: no query property the test knows how to break`).toBeDefined();
      const query = `?${new URLSearchParams({ [name ?? '']: value ?? '' })}`;
      await expectCodedRefusal(id, spec, urlOf(spec, params, query), body);
    } else {
      const properties = jsonSchema(spec.params ?? z.object({})).properties ?? {};
      for (const [name, property] of Object.entries(properties)) {
        const bad = breaking(property);
        expect(bad, `${id}: cannot break the parameter ${name}`).toBeDefined();
        await expectCodedRefusal(id, spec, urlOf(spec, { ...params, [name]: bad ?? '' }), body);
      }
    }
  });
});
