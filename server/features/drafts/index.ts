/** What the rest of the portal may use of save and return. */
export { DraftService, type OpenedDraft, type NewDraft } from './draftService';
export { draftsOf } from './draftsOf';
export { draftReferenceIn } from './draftForms';
export { draftLinkLimits, draftRoutes } from './draftRoutes';
