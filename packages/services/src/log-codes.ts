/** Codes of log lines that CloudWatch counts (metric filters in infra/src/monitoring.ts). */

/** A leftover S3 object could not be deleted. */
export const OBJECT_DELETE_FAILED = 'OBJECT_DELETE_FAILED';
