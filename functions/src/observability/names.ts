/**
 * The names the functions log and count under, apart from Powertools so that the CDK app can read
 * them (for the functions' environment, alarms and dashboard) without loading any runtime code.
 */
export const SERVICE_NAME = 'aides';
/** CloudWatch namespace of the business and HTTP metrics (alarms and dashboard read it). */
export const METRICS_NAMESPACE = 'Aides';
