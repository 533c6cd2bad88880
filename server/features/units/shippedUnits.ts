import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ContentError } from '../../consultation/loadConsultation';
import type { ConstituencyDirectory } from './constituencyDirectory';
import { checkUnitFields, type UnitFields } from './unitFields';
import { unitCsvColumns } from './unitVocabulary';

const shippedFile = z.object({
  units: z.array(z.object(Object.fromEntries(unitCsvColumns.map((column) => [column, z.string().default('')])))),
});

/**
 * The units a consultation's content ships with (units.yaml in its folder: the CLPs), checked by
 * the same rules as an import. None when the content has no such file.
 */
export function loadShippedUnits(contentDir: string, constituencies: ConstituencyDirectory): UnitFields[] {
  const file = path.join(contentDir, 'units.yaml');
  if (!fs.existsSync(file)) return [];
  const parsed = shippedFile.safeParse(parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new ContentError(`${file}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  return parsed.data.units.map((written, index) => {
    const checked = checkUnitFields(
      Object.fromEntries(unitCsvColumns.map((column) => [column, written[column] ?? ''])) as Record<
        (typeof unitCsvColumns)[number],
        string
      >,
      constituencies,
    );
    if (checked.fields === null) {
      const problems = checked.problems.map((problem) => `${problem.column} (${problem.key})`).join(', ');
      throw new ContentError(`${file}: unit ${index + 1} is not right: ${problems}`);
    }
    return checked.fields;
  });
}
