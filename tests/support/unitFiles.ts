import { unitCsvColumns } from '../../server/features/units/unitVocabulary';

/** A register's CSV file: the header and the rows given, each a line of comma-separated fields. */
export function unitCsv(...rows: string[]): Buffer {
  return Buffer.from([unitCsvColumns.join(','), ...rows].join('\r\n') + '\r\n', 'utf8');
}

/** A small register: two CLPs, a branch of each, a Labour Group and an affiliate. */
export const smallRegister = unitCsv(
  'clp,Cardiff North CLP,CLP Gogledd Caerdydd,Cardiff North,Ann Jones,ann.jones@example.org',
  'branch,Heath and Birchgrove Branch,Cangen y Waun Ddyfal a Birchgrove,cardiff-north,Rhys Evans,rhys.evans@example.org',
  'clp,Gower CLP,CLP Gŵyr,Gŵyr,Sian Morgan,sian.morgan@example.org',
  'branch,Gorseinon Branch,Cangen Gorseinon,gower,,',
  'labour-group,Cardiff Labour Group,Grŵp Llafur Caerdydd,,Dafydd Price,dafydd.price@example.org',
  'affiliate,Unite Wales,Unite Cymru,,Carys Hughes,carys.hughes@example.org',
);
