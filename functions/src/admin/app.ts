import { caller, defineArea, json } from '../http/area.ts';
import type { AreaDeps } from '../http/deps.ts';

// Each route imports its use cases on first use (chunks of their own, infra/src/lambda-bundling.ts).
const ruleSets = () => import('@aides/services/admin/rule-sets');
const ceilings = () => import('@aides/services/admin/ceilings');
const staff = () => import('@aides/services/admin/staff');
const audit = () => import('@aides/services/admin/audit');
const qpv = () => import('@aides/services/admin/qpv-lists');

/** The administration (role admin): rule sets, ANAH ceilings, staff, audit log. */
export const makeAdminHandler = ({ ctx }: AreaDeps) =>
  defineArea('admin', {
    'GET /api/admin/rule-sets/{scheme}': async (req) => {
      const { listRuleSetVersions } = await ruleSets();
      return json(200, await listRuleSetVersions(ctx, caller(req), req.params.scheme ?? ''));
    },
    'GET /api/admin/rule-sets/{scheme}/draft': async (req) => {
      const { newVersionDraft } = await ruleSets();
      return json(200, await newVersionDraft(ctx, caller(req), req.params.scheme ?? '', req.query.track));
    },
    'POST /api/admin/rule-sets/{scheme}/preview': async (req) => {
      const { previewRuleSet } = await ruleSets();
      return json(200, await previewRuleSet(ctx, caller(req), req.params.scheme ?? '', req.body));
    },
    'POST /api/admin/rule-sets/{scheme}': async (req) => {
      const { publishRuleSet } = await ruleSets();
      return json(201, await publishRuleSet(ctx, caller(req), req.params.scheme ?? '', req.body));
    },
    'GET /api/admin/anah-ceilings': async (req) => {
      const { listCeilingTables } = await ceilings();
      return json(200, { items: await listCeilingTables(ctx, caller(req)) });
    },
    'PUT /api/admin/anah-ceilings/{year}': async (req) => {
      const { publishCeilings } = await ceilings();
      return json(200, await publishCeilings(ctx, caller(req), req.params.year ?? '', req.body));
    },
    'POST /api/admin/anah-ceilings/import': async (req) => {
      const { importCeilings } = await ceilings();
      return json(200, await importCeilings(ctx, caller(req), req.body));
    },
    'GET /api/admin/qpv-lists': async (req) => {
      const { listQpvLists } = await qpv();
      return json(200, { items: await listQpvLists(ctx, caller(req)) });
    },
    'POST /api/admin/qpv-lists/{generation}': async (req) => {
      const { importQpvList } = await qpv();
      return json(200, await importQpvList(ctx, caller(req), req.params.generation ?? '', req.body));
    },
    'GET /api/admin/staff': async (req) => {
      const { listStaff } = await staff();
      return json(200, { items: await listStaff(ctx, caller(req)) });
    },
    'GET /api/admin/staff/{sub}/open-dossiers': async (req) => {
      const { openDossiersOf } = await staff();
      return json(200, { items: await openDossiersOf(ctx, caller(req), req.params.sub ?? '') });
    },
    'POST /api/admin/staff/{sub}/deactivate': async (req) => {
      const { deactivateStaff } = await staff();
      return json(200, await deactivateStaff(ctx, caller(req), req.params.sub ?? '', req.body));
    },
    'POST /api/admin/staff/{sub}/reactivate': async (req) => {
      const { reactivateStaff } = await staff();
      return json(200, await reactivateStaff(ctx, caller(req), req.params.sub ?? '', req.body));
    },
    'GET /api/admin/audit': async (req) => {
      const { auditCsv, searchAudit } = await audit();
      const result = await searchAudit(ctx, caller(req), req.query);
      if (req.query.format === 'csv') {
        return {
          statusCode: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="journal-audit-${result.from}-${result.to}.csv"`,
            'cache-control': 'no-store',
          },
          body: auditCsv(result.items),
        };
      }
      return json(200, result);
    },
  });
