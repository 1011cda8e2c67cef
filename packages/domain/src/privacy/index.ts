export * from './record.ts';
export * from './retention.ts';
export * from './statistics.ts';
