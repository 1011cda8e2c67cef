import type { Dossier } from '@aides/services/dossiers/model';
import { describe, expect, it } from 'vitest';
import { noErrors } from '../../lib/http.ts';
import { AssignForm } from './dossier-forms.tsx';

const d = { id: 'd1', version: 3, assigneeSub: 'i-1' } as Dossier;
const html = (instructors: { sub: string; name: string; email: string }[]) =>
  String(<AssignForm d={d} errors={noErrors} instructors={instructors} />);

describe('reassignment form', () => {
  it('says so, and offers no form, when the assignee is the only instructor known', () => {
    const alone = html([{ sub: 'i-1', name: 'Claire', email: 'claire@agglo.example' }]);
    expect(alone).toContain('Aucun autre instructeur ne s’est encore connecté');
    expect(alone).not.toContain('<form');
    expect(html([])).not.toContain('<form');
  });

  it('lists everyone else, with the e-mail address when there is one', () => {
    const out = html([
      { sub: 'i-1', name: 'Claire', email: 'claire@agglo.example' },
      { sub: 'i-2', name: 'Karim', email: '' },
    ]);
    expect(out).toContain('<option value="i-2">Karim</option>');
    expect(out).not.toContain('value="i-1"');
    expect(out).toContain('name="version" value="3"');
    expect(out).toMatch(/<select id="f-assign-assigneeSub" name="assigneeSub" aria-required="true"/);
  });
});
