import { AppError, type FieldError } from '@aides/services/errors';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const PROBLEM_BASE = 'https://aides.agglo-bethunebruay.fr/problemes/';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  correlationId?: string;
}

export function problemResponse(body: ProblemBody): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: body.status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
      // A busy answer says when to come back; a retried submit with its Idempotency-Key is safe.
      ...(body.status === 503 ? { 'retry-after': '1' } : {}),
    },
    body: JSON.stringify(body),
  };
}

/** Maps any thrown value to problem+json; unexpected errors say only their correlation id. */
export function errorToProblem(error: unknown, correlationId: string): ProblemBody {
  if (error instanceof AppError) {
    return {
      type: `${PROBLEM_BASE}${error.type}`,
      title: error.title,
      status: error.status,
      detail: error.message,
      ...(error.errors.length ? { errors: [...error.errors] } : {}),
      correlationId,
    };
  }
  return {
    type: `${PROBLEM_BASE}erreur-interne`,
    title: 'Erreur interne',
    status: 500,
    detail: `Une erreur inattendue s'est produite. Référence à communiquer au support : ${correlationId}.`,
    correlationId,
  };
}
