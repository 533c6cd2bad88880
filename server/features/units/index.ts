/** What the rest of the portal may use of the register of units. */
export { UnitService, nameIn, shippedContent, type UnitLine } from './unitService';
export { UnitRepository, type Unit, type UnitQuery } from './unitRepository';
export { ConstituencyDirectory } from './constituencyDirectory';
export { loadShippedUnits } from './shippedUnits';
export { unitCsvColumns, unitKinds, type UnitCsvColumn, type UnitKind } from './unitVocabulary';
