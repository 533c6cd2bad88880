// @ts-check
/*
 * Progressive enhancement for the portal's pages. Every page works without it, so each
 * enhancement looks for its markup hook (see its module) and does nothing when it is absent.
 * Every word shown to people, and every limit and choice, comes from the page (the site is
 * bilingual, and the server owns its vocabulary).
 *
 * The pages load these modules as one classic deferred script, public/js/portal.js, which
 * `npm run build:client` bundles from them (the fingerprint of one file, and a script that runs
 * again on the page an upload writes back, as the pages expect).
 */
import { focusOnArrival } from './arrivalFocus.js';
import { setUpCharacterCounts } from './characterCount.js';
import { onReady } from './dom.js';
import { setUpDrafts } from './drafts.js';
import { setUpGroupOnlyFields } from './groupOnlyFields.js';
import { setUpPrintButtons } from './printButtons.js';
import { setUpUploadProgressForms } from './uploadProgress.js';

function enhancePage() {
  // Drafts first, so the character counts start from the restored text.
  setUpDrafts();
  setUpCharacterCounts();
  setUpUploadProgressForms();
  setUpGroupOnlyFields();
  setUpPrintButtons();
  focusOnArrival();
}

onReady(enhancePage);
