// Kept so existing imports of common/api.js still work; the API lives in common/api/.
export * from './api/index.js';
