import { fteApplication } from '@aides/domain/testing/fixtures';
import { describe, expect, it, vi } from 'vitest';
import { createTestStore } from '../../../../test/support/store.ts';
import { uploadDoc } from '../../../../test/support/web-harness.ts';
import { createContext } from '../context.ts';
import { createDraft } from '../dossiers/applications.ts';
import { OBJECT_DELETE_FAILED } from '../log-codes.ts';
import { listAttachments } from './attachments.ts';
import { deleteAttachment } from './files.ts';

const owner = { sub: 'owner-del', name: 'Camille', email: 'c@example.fr', roles: ['applicant' as const] };

describe('deleting an attachment when S3 refuses the deletion', () => {
  it('still removes the attachment, and logs each object left behind with a code that CloudWatch counts', async () => {
    const store = await createTestStore();
    const ctx = createContext(store);
    const { filingDate: _f, ...application } = fteApplication();
    const d = await createDraft(ctx, owner, { scheme: 'FTE', application });
    const a = await uploadDoc(ctx, owner, d.id, 'quote');
    // Same table, a bucket that does not exist: every S3 deletion fails.
    const broken = createContext({ ...store, config: { ...store.config, bucketName: 'absent-bucket' } });
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
      logged.push(String(line));
    });
    await deleteAttachment(broken, owner, d.id, a.id);
    spy.mockRestore();
    expect((await listAttachments(ctx, owner, d.id)).map((x) => x.id)).not.toContain(a.id);
    const failures = logged.map((l) => JSON.parse(l)).filter((l) => l.code === OBJECT_DELETE_FAILED);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].key).toContain(d.id);
  });
});
