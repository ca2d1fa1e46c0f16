import type { ResumeForm } from '../../../utils/resume-rules';

/**
 * The resume draft on this phone: what the worker changed in the form and has not submitted yet.
 * Only the changed fields are kept, so that a draft laid over a resume loaded from the server
 * overrides just what the worker touched (the server's fresh photo links stay). Cleared once the
 * server accepted the resume.
 */
const KEY = 'resume.draft';

interface StoredDraft {
  savedAt: number;
  fields: Partial<ResumeForm>;
}

export function loadDraft(): Partial<ResumeForm> {
  const stored = wx.getStorageSync(KEY) as StoredDraft | '';
  return stored && typeof stored === 'object' && stored.fields ? stored.fields : {};
}

export function saveDraft(fields: Partial<ResumeForm>): void {
  try {
    wx.setStorageSync(KEY, { savedAt: Date.now(), fields } satisfies StoredDraft);
  } catch {
    // A full storage must not break typing; the form on screen still holds everything.
  }
}

export function clearDraft(): void {
  wx.removeStorageSync(KEY);
}
