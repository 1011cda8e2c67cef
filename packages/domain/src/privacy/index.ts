export * from './retention.ts';
export * from './statistics.ts';
