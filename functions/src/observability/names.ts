/**
 * The names the functions publish under and the alarms and dashboard read (infra imports this
 * file, and only constants: no Powertools code reaches the CDK app).
 */
export const SERVICE_NAME = 'aides';
/** CloudWatch namespace of the business and HTTP metrics (alarms and dashboard read it). */
export const METRICS_NAMESPACE = 'Aides';
