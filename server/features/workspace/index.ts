/** What the rest of the portal may use of the Policy Officer's workspace. */
export { ErasureService } from './erasureService';
export { erasureOf } from './erasureOf';
