// The HTTP API in one place: shapes (schemas.ts), coded errors (errors.ts), and the route table.
export * from './client.js';
export * from './errors.js';
export * from './route.js';
export * from './schemas.js';
export * from './table.js';
