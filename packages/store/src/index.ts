// The bucket's operations (`./objects`, which loads the S3 SDK lazily) and the health check that
// heads the bucket are imported by path, not from here: a function that never touches the bucket
// then carries no S3 code at all, not even a lazily loaded chunk.

export * from './admin.ts';
export * from './advances.ts';
export * from './attachments.ts';
export * from './bureau.ts';
export * from './clients.ts';
export * from './config.ts';
export * from './dossiers.ts';
export * from './finance.ts';
export * from './idempotency.ts';
export * from './imports.ts';
export * from './items.ts';
export * from './keys.ts';
export * from './letters.ts';
export * from './privacy.ts';
export * from './provision.ts';
export * from './queues.ts';
export * from './records.ts';
export * from './reference-numbers.ts';
export * from './settings.ts';
export * from './table-definition.ts';
export * from './transact.ts';
export * from './users.ts';
export * from './web-sessions.ts';
