/** What the rest of the portal may use of the exports. */
export { exportKinds } from './exportService';
