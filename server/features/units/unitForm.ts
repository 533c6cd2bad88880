import type { FieldError } from '../../platform/forms/fieldError';
import type { ConstituencyDirectory } from './constituencyDirectory';
import { checkUnitFields, type UnitFields, type WrittenUnit } from './unitFields';
import type { Unit } from './unitRepository';
import { unitCsvColumns, type UnitCsvColumn, type UnitRefusal } from './unitVocabulary';

/** The unit form's fields as typed: the same names as the CSV's columns, so one set of rules checks both. */
export type UnitFormValues = WrittenUnit;

export function readUnitForm(body: unknown): UnitFormValues {
  const fields = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    unitCsvColumns.map((column) => [column, typeof fields[column] === 'string' ? fields[column] : '']),
  ) as UnitFormValues;
}

export function formValuesOf(unit: Unit): UnitFormValues {
  return {
    kind: unit.kind,
    name_en: unit.nameEn,
    name_cy: unit.nameCy,
    constituency: unit.constituency ?? '',
    secretary_name: unit.secretaryName,
    secretary_email: unit.secretaryEmail,
  };
}

export const emptyUnitForm: UnitFormValues = readUnitForm({});

export function checkUnitForm(
  values: UnitFormValues,
  constituencies: ConstituencyDirectory,
): { fields: UnitFields; errors: [] } | { fields: null; errors: FieldError[] } {
  const checked = checkUnitFields(values, constituencies);
  if (checked.fields !== null) return { fields: checked.fields, errors: [] };
  return {
    fields: null,
    errors: checked.problems.map((problem) => ({
      field: problem.column,
      key: problem.key,
      ...(problem.values ? { values: problem.values } : {}),
    })),
  };
}

const refusalFields: Readonly<Record<UnitRefusal, UnitCsvColumn>> = {
  alreadyRegistered: 'name_en',
  noClp: 'constituency',
  hasBranches: 'constituency',
};

/** Why the register would not keep a unit, as a problem with the field to change. */
export function refusalError(refusal: UnitRefusal): FieldError {
  return { field: refusalFields[refusal], key: `admin.units.errors.${refusal}` };
}
