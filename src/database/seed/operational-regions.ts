/**
 * The region labels of operations.csv and the UN M49 area each one stands for.
 * The seed stores the label in `regions.operational_label` of that area, so a
 * reader can resolve `?region=West Africa` as well as `western-africa`.
 */
export const OPERATIONAL_REGION_LABELS: Readonly<Record<string, string>> = {
  Global: 'World',
  Africa: 'Africa',
  'Eastern Africa': 'Eastern Africa',
  'Southern Africa': 'Southern Africa',
  'West Africa': 'Western Africa',
  'South America': 'South America',
  'Central America': 'Central America',
  'South East Asia': 'South-eastern Asia',
  Asia: 'Asia',
  Europe: 'Europe',
  Americas: 'Americas',
  Caribbean: 'Caribbean',
};

/**
 * "Middle East" is not an M49 area: it is stored as an operational region
 * under World with this membership, the common definition (the Gulf states,
 * the Levant, Egypt, Iran, Iraq, Turkey, Cyprus and Yemen):
 * AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE.
 */
export const MIDDLE_EAST = {
  code: 'middle-east',
  name: 'Middle East',
  operationalLabel: 'Middle East',
  countries: ['AE', 'BH', 'CY', 'EG', 'IL', 'IQ', 'IR', 'JO', 'KW', 'LB', 'OM', 'PS', 'QA', 'SA', 'SY', 'TR', 'YE'],
} as const;

/**
 * "Middle East and North Africa" (release 2: Trigger IV) is not an M49 area either: the
 * Middle East above plus UN M49's Northern Africa (Algeria, Egypt, Libya, Morocco, Sudan,
 * Tunisia, Western Sahara).
 */
export const MIDDLE_EAST_AND_NORTH_AFRICA = {
  code: 'middle-east-and-north-africa',
  name: 'Middle East and North Africa',
  operationalLabel: 'Middle East and North Africa',
  countries: [...MIDDLE_EAST.countries, 'DZ', 'LY', 'MA', 'SD', 'TN', 'EH'].sort(),
} as const;

/** Regions that exist only as operational labels, stored under World with their members. */
export const OPERATIONAL_ONLY_REGIONS: readonly {
  code: string;
  name: string;
  operationalLabel: string;
  countries: readonly string[];
}[] = [MIDDLE_EAST, MIDDLE_EAST_AND_NORTH_AFRICA];

/** Every label an operation's `region` may carry. */
export const OPERATIONAL_LABELS: readonly string[] = [
  ...Object.keys(OPERATIONAL_REGION_LABELS),
  ...OPERATIONAL_ONLY_REGIONS.map((region) => region.operationalLabel),
];

/** The region code an operational label stands for. */
export function regionCodeOfLabel(label: string): string {
  const only = OPERATIONAL_ONLY_REGIONS.find((region) => region.operationalLabel === label);
  return only ? only.code : regionSlug(OPERATIONAL_REGION_LABELS[label]);
}

/** Region code of an area name: lower case, every run of non-alphanumerics → '-'. */
export function regionSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
