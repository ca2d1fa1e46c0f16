import type { ResumeForm } from '../../../utils/resume-rules';
import { getStored, removeStored, setStored } from '../../../utils/storage';

/**
 * The resume draft on this phone: what the worker changed in the form and has not submitted yet.
 * Only the changed fields are kept, so that a draft laid over a resume loaded from the server
 * overrides just what the worker touched (the server's fresh photo links stay). Cleared once the
 * server accepted the resume.
 */
export function loadDraft(): Partial<ResumeForm> {
  const stored = getStored('resume.draft');
  return stored && typeof stored === 'object' && stored.fields ? stored.fields : {};
}

export function saveDraft(fields: Partial<ResumeForm>): void {
  try {
    setStored('resume.draft', { savedAt: Date.now(), fields });
  } catch {
    // A full storage must not break typing; the form on screen still holds everything.
  }
}

export function clearDraft(): void {
  removeStored('resume.draft');
}
