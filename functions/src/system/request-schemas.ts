import { auditQuery } from '@aides/services/admin/audit';
import { ceilingsInput, importCeilingsInput } from '@aides/services/admin/ceilings';
import { importQpvListInput } from '@aides/services/admin/qpv-lists';
import { draftQuery, newVersionInput, publishRuleSetInput } from '@aides/services/admin/rule-sets';
import { staffChangeInput } from '@aides/services/admin/staff';
import { requestUploadInput } from '@aides/services/attachments/upload-input';
import { unscheduleInput } from '@aides/services/bureau/agenda';
import { decisionInput } from '@aides/services/bureau/decisions';
import { sessionMinutesInput } from '@aides/services/bureau/session-record';
import { createSessionInput, scheduleInput } from '@aides/services/bureau/sessions';
import {
  createDraftInput,
  messageInput,
  updateDraftInput,
  withdrawInput,
} from '@aides/services/dossiers/applications';
import { submitInput } from '@aides/services/dossiers/submit-input';
import { advancesQuery, openAdvanceInput, repaymentInput } from '@aides/services/finance/advances';
import { createEnvelopeInput, raiseInput } from '@aides/services/finance/envelopes';
import { exportQuery } from '@aides/services/finance/export-rows';
import { lapseInput, paymentInput } from '@aides/services/finance/payments';
import { createImportInput } from '@aides/services/imports/import-input';
import {
  assignInput,
  noteInput,
  proposeInput,
  requestDocumentsInput,
  verdictInput,
} from '@aides/services/instruction/instruction';
import { confirmLocationInput } from '@aides/services/instruction/location';
import { mineQuery, queueQuery } from '@aides/services/instruction/queues';
import { preferencesInput } from '@aides/services/notifications/staff';
import { personalExportInput } from '@aides/services/privacy/personal-export-input';
import { referenceGapsQuery } from '@aides/services/reports/reference-gaps';
import type { z } from 'zod';

/**
 * The zod schemas the use cases validate with, per route: the OpenAPI document is generated
 * from these, so it cannot drift from what the API accepts.
 */
export const requestSchemas: Record<
  string,
  { body?: z.ZodType; query?: z.ZodObject; bodyOptional?: boolean }
> = {
  'POST /api/dossiers': { body: createDraftInput },
  'PUT /api/dossiers/{id}': { body: updateDraftInput },
  'POST /api/dossiers/{id}/answer': { body: messageInput },
  'POST /api/dossiers/{id}/withdraw': { body: withdrawInput },
  // Optional: only an ineligible application needs `acknowledgeIneligible: true`.
  'POST /api/dossiers/{id}/submit': { body: submitInput, bodyOptional: true },
  'POST /api/dossiers/{id}/attachments': { body: requestUploadInput },
  'GET /api/queues': { query: queueQuery },
  'GET /api/queues/mine': { query: mineQuery },
  'POST /api/dossiers/{id}/assign': { body: assignInput },
  'PUT /api/dossiers/{id}/attachments/{attachmentId}/verdict': { body: verdictInput },
  'POST /api/dossiers/{id}/request-documents': { body: requestDocumentsInput },
  'POST /api/dossiers/{id}/notes': { body: noteInput },
  'PUT /api/me/notifications': { body: preferencesInput },
  'POST /api/admin/personal-data-exports': { body: personalExportInput },
  'POST /api/dossiers/{id}/propose': { body: proposeInput },
  'POST /api/dossiers/{id}/location': { body: confirmLocationInput },
  'POST /api/sessions': { body: createSessionInput },
  'POST /api/sessions/{sessionId}/agenda': { body: scheduleInput },
  'POST /api/sessions/{sessionId}/agenda/remove': { body: unscheduleInput },
  'POST /api/sessions/{sessionId}/decisions': { body: decisionInput },
  'PUT /api/sessions/{sessionId}/minutes': { body: sessionMinutesInput },
  'POST /api/envelopes': { body: createEnvelopeInput },
  'POST /api/envelopes/{envelopeId}/raise': { body: raiseInput },
  'POST /api/dossiers/{id}/payments': { body: paymentInput },
  'POST /api/dossiers/{id}/lapse': { body: lapseInput },
  'GET /api/advances': { query: advancesQuery },
  'POST /api/dossiers/{id}/advance': { body: openAdvanceInput },
  'POST /api/dossiers/{id}/advance/repayments': { body: repaymentInput },
  'GET /api/exports/commitments': { query: exportQuery },
  'GET /api/exports/payments': { query: exportQuery },
  'GET /api/references/gaps': { query: referenceGapsQuery },
  'GET /api/admin/rule-sets/{scheme}/draft': { query: draftQuery },
  'POST /api/admin/rule-sets/{scheme}/preview': { body: newVersionInput },
  'POST /api/admin/rule-sets/{scheme}': { body: publishRuleSetInput },
  'PUT /api/admin/anah-ceilings/{year}': { body: ceilingsInput },
  'POST /api/admin/anah-ceilings/import': { body: importCeilingsInput },
  'POST /api/admin/qpv-lists/{generation}': { body: importQpvListInput },
  'POST /api/admin/staff/{sub}/deactivate': { body: staffChangeInput },
  'POST /api/admin/staff/{sub}/reactivate': { body: staffChangeInput },
  'GET /api/admin/audit': { query: auditQuery },
  'POST /api/imports': { body: createImportInput },
};
