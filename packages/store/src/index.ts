export * from './clients.ts';
export * from './config.ts';
export * from './health.ts';
export * from './keys.ts';
export * from './provision.ts';
export * from './table-definition.ts';
export * from './users.ts';
