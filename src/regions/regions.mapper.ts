import { CsvColumn } from '../common/list/list-response';
import { RegionCountryDto, RegionDto, RegionRefDto, SubRegionDto } from './dto/region-response.dto';
import { RegionKind } from './entities/region.entity';

export interface RegionRow {
  id: number;
  code: string;
  name: string;
  kind: RegionKind;
  m49_code: string | null;
  operational_label: string | null;
  parent_code: string | null;
  parent_name: string | null;
  countries_count: string | number;
}

export interface SubRegionRow {
  code: string;
  name: string;
  kind: RegionKind;
}

export interface RegionCountryRow {
  iso2: string;
  name: string;
}

/** `{ code, name }` of a region read from two columns of a joined row, or null when the join found none. */
export function toRegionRef(code: string | null, name: string | null): RegionRefDto | null {
  return code === null || name === null ? null : { code, name };
}

export function toRegionResponse(row: RegionRow): RegionDto {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    m49Code: row.m49_code,
    operationalLabel: row.operational_label,
    parent: toRegionRef(row.parent_code, row.parent_name),
    countriesCount: Number(row.countries_count),
    href: `/v1/regions/${row.code}`,
  };
}

export function toSubRegionResponse(row: SubRegionRow): SubRegionDto {
  return { code: row.code, name: row.name, kind: row.kind };
}

export function toRegionCountryResponse(row: RegionCountryRow): RegionCountryDto {
  return { iso2: row.iso2, name: row.name };
}

export const REGION_CSV_COLUMNS: CsvColumn<RegionDto>[] = [
  { header: 'code', value: (r) => r.code },
  { header: 'name', value: (r) => r.name },
  { header: 'kind', value: (r) => r.kind },
  { header: 'm49_code', value: (r) => r.m49Code },
  { header: 'operational_label', value: (r) => r.operationalLabel },
  { header: 'parent_code', value: (r) => r.parent?.code },
  { header: 'parent_name', value: (r) => r.parent?.name },
  { header: 'countries_count', value: (r) => r.countriesCount },
];
