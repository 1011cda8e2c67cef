import { dossierStateLabel, FUNDERS, type Funder, schemeLabels, stateLabels } from '@aides/domain';
import { defaultFigureCounts } from '@aides/services/admin/default-figures';
import { listAttachments } from '@aides/services/attachments/attachments';
import type { Caller } from '@aides/services/caller';
import { getDossier } from '@aides/services/dossiers/applications';
import type { Dossier } from '@aides/services/dossiers/model';
import { readStaffTimeline } from '@aides/services/dossiers/views';
import {
  addNote,
  assign,
  listNotes,
  propose,
  recordVerdict,
  requestDocuments,
} from '@aides/services/instruction/instruction';
import { confirmTpeLocation } from '@aides/services/instruction/location';
import { applicantAddressStatus } from '@aides/services/notifications/staff';
import { listInstructors } from '@aides/services/people/directory';
import { type Context, Hono } from 'hono';
import type { WebEnv } from '../../auth/session.ts';
import { euros, frDate, frDateTime, parseEuros } from '../../lib/format.ts';
import { Notice, TextArea, VersionField } from '../../lib/forms.tsx';
import { formErrors, readForm, requireCaller, type WebDeps } from '../../lib/http.ts';
import { byGravity, OutcomeBadge, ReasonText } from '../../lib/outcome.tsx';
import { render, seeOther } from '../../lib/render.tsx';
import { DefaultFiguresNote } from '../admin/default-figures.tsx';
import { ApplicationSummary, Timeline } from '../applicant/components.tsx';
import { docLabel, requiredDocuments } from '../applicant/documents.tsx';
import { valuesFromApplication } from '../applicant/form-model.ts';
import { STEPS } from '../applicant/steps.ts';
import { LettersSection } from '../letters/letters-section.tsx';
import { UndeliverableNotice } from '../notifications/undeliverable.tsx';
import {
  ActionForms,
  AssignForm,
  AttachmentsTable,
  errorsOf as e,
  type FormKey,
  type Forms,
  formError,
  StaffErrorSummary,
} from './dossier-forms.tsx';
import { LocationSection } from './location-section.tsx';

export function instructorDossierRoutes({ ctx }: WebDeps) {
  const app = new Hono<WebEnv>();

  async function page(
    c: Context<WebEnv>,
    caller: Caller,
    d: Dossier,
    forms: Forms = {},
    status: 200 | 400 = 200,
  ) {
    const reviewing = ['in_review', 'awaiting_documents'].includes(d.status);
    const [attachments, notes, timeline, required, instructors, undeliverable] = await Promise.all([
      listAttachments(ctx, caller, d.id),
      listNotes(ctx, caller, d.id) as Promise<{ at: string; authorName: string; text: string }[]>,
      readStaffTimeline(ctx, d.id),
      requiredDocuments(ctx, d),
      reviewing ? listInstructors(ctx, caller) : [],
      applicantAddressStatus(ctx, d),
    ]);
    // Issue 15: figures still « par défaut » are flagged to staff until a deliberation replaces them.
    const defaults = (await defaultFigureCounts(ctx, [d])).get(d.id) ?? 0;
    const done = c.req.query('ok');
    const instructs = caller.roles.some((r) => r === 'instructor' || r === 'admin');
    return render(
      c,
      `Dossier ${d.reference}`,
      <>
        <StaffErrorSummary forms={forms} attachments={attachments} required={required} />
        <p class="eyebrow">
          {instructs ? (
            <a href={`/instruction?scheme=${d.scheme}&status=${d.status}`}>File {stateLabels[d.status]}</a>
          ) : (
            <a href={`/bureau/seances/${d.sessionId ?? ''}`}>Séance du Bureau</a>
          )}
        </p>
        <h1>
          Dossier {d.reference} — {d.beneficiary}
        </h1>
        {done ? <Notice>Enregistré.</Notice> : ''}
        {undeliverable ? <UndeliverableNotice status={undeliverable} /> : ''}
        <p>
          {schemeLabels[d.scheme]} ·{' '}
          <span class="status">{dossierStateLabel(d.status, d.lastPaymentKind)}</span> · déposé le{' '}
          {frDate(d.filedAt)} · instructeur : {d.assigneeName ?? 'non assigné'}
        </p>
        {d.status === 'submitted' ? (
          <form method="post" action={`/instruction/dossiers/${d.id}/prendre`} id="prendre">
            <VersionField version={d.version} />
            <button type="submit">Prendre en instruction</button>
          </form>
        ) : (
          ''
        )}
        <div class="two-col">
          <div>
            <section aria-labelledby="demande">
              <h2 id="demande">La demande</h2>
              <ApplicationSummary
                steps={STEPS[d.scheme]}
                values={(s) => valuesFromApplication(s, d.application)}
              />
            </section>
            <section aria-labelledby="pieces">
              <h2 id="pieces">Pièces</h2>
              <p>Obligatoires avant décision : {required.map(docLabel).join(', ')}.</p>
              <AttachmentsTable d={d} attachments={attachments} reviewing={reviewing} forms={forms} />
            </section>
            {await LocationSection({ ctx, caller, d, errors: e(forms, 'location') })}
            {reviewing ? <AssignForm d={d} errors={e(forms, 'assign')} instructors={instructors} /> : ''}
            {d.status === 'in_review' ? (
              <ActionForms
                d={d}
                forms={forms}
                types={[...new Set([...required, ...attachments.map((a) => a.documentType)])]}
              />
            ) : (
              ''
            )}
            {await LettersSection({ ctx, d })}
            <section aria-labelledby="notes">
              <h2 id="notes">Notes internes</h2>
              <p class="hint">Jamais visibles par le demandeur.</p>
              <ul>
                {notes.map((n) => (
                  <li>
                    <small>
                      {frDateTime(n.at)} · {n.authorName}
                    </small>
                    <br />
                    {n.text}
                  </li>
                ))}
              </ul>
              <form method="post" action={`/instruction/dossiers/${d.id}/notes`}>
                <TextArea idPrefix="note-" name="text" label="Nouvelle note" errors={e(forms, 'note')} />
                <button type="submit" class="secondary">
                  Ajouter la note
                </button>
              </form>
            </section>
          </div>
          <aside class="card" aria-labelledby="moteur">
            <h2 id="moteur">Analyse du moteur de règles</h2>
            {d.eligibility ? (
              <>
                <p>
                  Éligibilité : <OutcomeBadge outcome={d.eligibility.outcome} /> (règlement {d.ruleSetVersion}
                  )
                </p>
                {defaults ? <DefaultFiguresNote count={defaults} version={d.ruleSetVersion} /> : ''}
                {d.ineligibleAcknowledged ? (
                  <p class="alert">
                    Déposée non éligible : le demandeur a confirmé en avoir pris connaissance.
                  </p>
                ) : (
                  ''
                )}
                <ul class="reasons">
                  {byGravity(d.eligibility.reasons).map((r) => (
                    <li class={r.outcome}>
                      <ReasonText outcome={r.outcome} message={r.message} />
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              ''
            )}
            {d.amounts ? (
              <>
                <p>
                  Montant calculé : <strong>{euros(d.amounts.totalCents)}</strong>
                </p>
                <ul>
                  {d.amounts.explanation.map((x) => (
                    <li>{x}</li>
                  ))}
                </ul>
              </>
            ) : (
              ''
            )}
            {d.proposal ? (
              <>
                <h3>Proposition au Bureau</h3>
                <p>
                  {d.proposal.kind === 'grant' ? `Accord : ${euros(d.proposal.totalCents)}` : 'Refus'} —{' '}
                  {d.proposal.text}
                  {d.proposal.motivation ? ` Motif : ${d.proposal.motivation}` : ''}
                </p>
              </>
            ) : (
              ''
            )}
            <h3>Historique</h3>
            <Timeline items={timeline} staff />
          </aside>
        </div>
      </>,
      status,
    );
  }

  const load = async (c: Context<WebEnv>) => {
    const caller = requireCaller(c, 'instructor', 'admin');
    return { caller, id: c.req.param('id') ?? '' };
  };
  const back = (id: string) => `/instruction/dossiers/${id}?ok=1`;

  // The Bureau reads the file of a dossier on its agenda (the page's forms are for instructors).
  app.get('/instruction/dossiers/:id', async (c) => {
    const caller = requireCaller(c, 'instructor', 'bureau', 'admin');
    return page(c, caller, await getDossier(ctx, caller, c.req.param('id')));
  });

  /** Runs a form's action; on a refusal, shows the page again with the errors beside that form. */
  const act =
    (
      key: FormKey,
      run: (
        caller: Caller,
        id: string,
        form: Awaited<ReturnType<typeof readForm>>,
        c: Context<WebEnv>,
      ) => Promise<unknown>,
      rename: Record<string, string> = {},
    ) =>
    async (c: Context<WebEnv>) => {
      const { caller, id } = await load(c);
      const form = await readForm(c);
      try {
        await run(caller, id, form, c);
        return seeOther(c, back(id));
      } catch (err) {
        const errors = formErrors(err, rename);
        const forms: Forms = {
          [key]: errors,
          ...(key === 'verdict' ? { verdictFor: c.req.param('aid') } : {}),
        };
        return page(c, caller, await getDossier(ctx, caller, id), forms, 400);
      }
    };

  app.post(
    '/instruction/dossiers/:id/prendre',
    act('take', (caller, id, form) => assign(ctx, caller, id, form.version(), {})),
  );
  app.post(
    '/instruction/dossiers/:id/attribuer',
    act('assign', (caller, id, form) => {
      const assigneeSub = form.get('assigneeSub');
      if (!assigneeSub) return Promise.reject(formError('assigneeSub', 'Choisissez l’instructeur'));
      return assign(ctx, caller, id, form.version(), { assigneeSub });
    }),
  );
  app.post(
    '/instruction/dossiers/:id/pieces/:aid/avis',
    act('verdict', (caller, id, form, c) =>
      recordVerdict(
        ctx,
        caller,
        id,
        c.req.param('aid') ?? '',
        form.get('valid') === 'non' ? { valid: false, reason: form.get('reason') } : { valid: true },
      ),
    ),
  );
  app.post(
    '/instruction/dossiers/:id/demande-pieces',
    act('request', (caller, id, form) =>
      requestDocuments(ctx, caller, id, form.version(), {
        message: form.get('message'),
        documentTypes: form.all('documentTypes'),
      }),
    ),
  );
  app.post(
    '/instruction/dossiers/:id/notes',
    act('note', (caller, id, form) => addNote(ctx, caller, id, { text: form.get('text') })),
  );
  app.post(
    '/instruction/dossiers/:id/localisation',
    act('location', (caller, id, form) =>
      confirmTpeLocation(ctx, caller, id, form.version(), {
        classification: form.get('classification') || undefined,
        qpvCode: form.get('qpvCode'),
        reason: form.get('reason'),
      }),
    ),
  );
  app.post(
    '/instruction/dossiers/:id/proposition',
    act(
      'propose',
      (caller, id, form) => {
        if (form.get('kind') === 'refusal') {
          return propose(ctx, caller, id, form.version(), {
            kind: 'refusal',
            text: form.get('text'),
            motivation: form.get('motivation'),
          });
        }
        const amountsCents: Partial<Record<Funder, number>> = {};
        for (const f of FUNDERS) {
          const v = parseEuros(form.get(`adj.${f}`));
          if (v === null) return Promise.reject(formError(`adj.${f}`, 'Montant en euros attendu'));
          if (v !== undefined) amountsCents[f] = v;
        }
        const adjusted = Object.keys(amountsCents).length > 0;
        return propose(ctx, caller, id, form.version(), {
          kind: 'grant',
          text: form.get('text'),
          ...(adjusted ? { adjustment: { amountsCents, motivation: form.get('adjMotivation') } } : {}),
        });
      },
      { 'adjustment.motivation': 'adjMotivation', adjustment: 'adjMotivation' },
    ),
  );
  return app;
}
