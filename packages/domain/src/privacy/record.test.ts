import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RECORD_OF_PROCESSING } from './record.ts';
import {
  durationFr,
  purgeBlockers,
  RETENTION_RULES,
  RETENTION_STATES,
  retentionCutoff,
  shiftDate,
} from './retention.ts';
import { statisticalApplication } from './statistics.ts';

const doc = readFileSync(new URL('../../../../docs/RECORD-OF-PROCESSING.md', import.meta.url), 'utf8');

describe('the record of processing and the retention table', () => {
  it('the document gives every rule’s duration and every recipient', () => {
    for (const r of RETENTION_RULES) {
      expect(doc, r.label).toContain(r.label);
      expect(doc, r.label).toContain(durationFr(r.duration));
    }
    for (const who of ['ANAH', 'Région Hauts-de-France', 'Trésor public', 'Archives départementales']) {
      expect(doc).toContain(who);
      expect(RECORD_OF_PROCESSING.recipients.join(' ')).toContain(who);
    }
  });

  it('every rule names at least one source and says what was checked', () => {
    for (const r of RETENTION_RULES) {
      expect(r.sources.length).toBeGreaterThan(0);
      for (const s of r.sources) expect(s.checked.length).toBeGreaterThan(10);
    }
  });

  it('dates shift by calendar and cutoffs go back by the duration', () => {
    expect(shiftDate('2026-01-31T00:00:00.000Z', { months: 3 })).toBe('2026-05-01T00:00:00.000Z');
    expect(retentionCutoff(RETENTION_RULES[0]!, '2026-04-01T00:00:00.000Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(durationFr({ years: 1 })).toBe('1 an');
  });

  it('blockers: under way, payment in progress, open appeal', () => {
    expect(purgeBlockers({ status: 'paid', commitmentStatuses: ['closed'] })).toEqual([]);
    expect(purgeBlockers({ status: 'partly_paid', commitmentStatuses: ['active'] })).toEqual([
      'not_terminal',
      'payment_in_progress',
    ]);
    expect(purgeBlockers({ status: 'rejected', appeal: { status: 'open' }, commitmentStatuses: [] })).toEqual(
      ['open_appeal'],
    );
    expect(RETENTION_STATES).toEqual(['draft', 'rejected', 'withdrawn', 'paid', 'lapsed']);
  });

  it('the statistical extract keeps what the report counts and nothing that names anyone', () => {
    const extract = statisticalApplication('ESS', {
      scheme: 'ESS',
      applicant: { lastName: 'Dupont' },
      structure: { name: 'Les Jardins', siret: '12345678901237', legalForm: 'association' },
      address: { line1: '12 rue des Corons', communeInsee: '62119' },
      project: 'creation',
      leaders: [{ firstName: 'Awa', lastName: 'Diallo', gender: 'female', role: 'Présidente' }],
      jobs: [{ title: 'Jardinière', contract: 'cdi', workingTimePct: 100 }],
    });
    expect(extract).toEqual({
      scheme: 'ESS',
      address: { communeInsee: '62119' },
      project: 'creation',
      structure: { legalForm: 'association' },
      leaders: [{ gender: 'female' }],
      jobs: [{ contract: 'cdi', workingTimePct: 100 }],
    });
  });
});
