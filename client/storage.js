// @ts-check
/**
 * The browser's localStorage, where every access can throw (private browsing, storage disabled,
 * quota exceeded): a failure only means that nothing is kept.
 */

export function storageAvailable() {
  const probe = 'portal-storage-probe';
  try {
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

export function readStored(/** @type {string} */ key) {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(/** @type {string} */ key, /** @type {string} */ value) {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // The form still works; only the draft is not kept.
  }
}

export function removeStored(/** @type {string} */ key) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // As above.
  }
}
