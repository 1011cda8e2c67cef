/**
 * Powertools for AWS Lambda on every function, through middy: the Logger gets the Lambda context
 * and the request's correlation id (API Gateway's `requestContext.requestId`, the id of the access
 * log line and of the problem+json answer), Metrics flush in EMF after each invocation.
 *
 * No Powertools Tracer: it loads aws-xray-sdk-core at import, which pushed bundles past their
 * budget (1 MB, cold import ≤ 1.5× the bare DynamoDB client). X-Ray traces come from the
 * functions' active tracing instead (infra/src/stateless-stack.ts), with no code in the bundle.
 */

import { PAGE_REQUEST_HEADER, pageRequestIdOf } from '@aides/services/page-request';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MiddlewareObj } from '@middy/core';
import { METRICS_NAMESPACE, SERVICE_NAME } from './names.ts';

export { METRICS_NAMESPACE, SERVICE_NAME };

// Off Lambda (local server, tests) EMF lines would only clutter the console.
const onLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);
if (!onLambda) process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

/**
 * Off Lambda, Metrics still warns « No application metrics to publish » after every request, even
 * disabled (one line per request: over a thousand in a test run, which the console pays for).
 * Its warnings are kept on Lambda; its errors everywhere.
 */
const quietOffLambda = { debug() {}, info() {}, warn() {}, error: console.error };

export const logger = new Logger({ serviceName: SERVICE_NAME });
export const metrics = new Metrics({
  namespace: METRICS_NAMESPACE,
  serviceName: SERVICE_NAME,
  ...(onLambda ? {} : { logger: quietOffLambda }),
});

/** Counts one occurrence of `name`, with extra dimensions (one EMF line of its own). */
export function countMetric(name: string, dimensions: Record<string, string> = {}): void {
  const single = metrics.singleMetric();
  for (const [key, value] of Object.entries(dimensions)) single.addDimension(key, value);
  single.addMetric(name, MetricUnit.Count, 1);
}

interface WithRequestId {
  readonly requestContext?: { readonly requestId?: string };
}

/** The id API Gateway gave the request; events without one (Cognito triggers) keep Lambda's. */
export const correlationIdOf = (event: unknown): string | undefined =>
  (event as WithRequestId | undefined)?.requestContext?.requestId || undefined;

interface WithHeaders {
  readonly headers?: Record<string, string | undefined>;
}

const correlation = (): MiddlewareObj<unknown> => ({
  before: (request) => {
    const pageRequestId = pageRequestIdOf(
      (request.event as WithHeaders | undefined)?.headers?.[PAGE_REQUEST_HEADER],
    );
    logger.appendKeys({
      correlationId: correlationIdOf(request.event) ?? request.context.awsRequestId,
      ...(pageRequestId ? { pageRequestId } : {}),
    });
  },
});

/** The middlewares every function uses, in order: context, correlation id, metrics. */
export function observability(): MiddlewareObj[] {
  return [
    injectLambdaContext(logger, { resetKeys: true }),
    correlation(),
    logMetrics(metrics, { captureColdStartMetric: true }),
  ] as MiddlewareObj[];
}
