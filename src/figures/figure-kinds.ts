/** The three things users ask for, and the kinds of figure each holds (the `metric` of the source data). */
export const FIGURE_TYPES = ['seizure', 'arrest', 'outcome'] as const;
export type FigureType = (typeof FIGURE_TYPES)[number];

export const SEIZURE_KINDS = ['items_seized', 'value_seized', 'weight_seized', 'volume_seized'] as const;
export const ARREST_KINDS = ['arrests', 'persons_under_investigation'] as const;
export const OUTCOME_KINDS = [
  'websites_shut_down',
  'packages_inspected',
  'packages_seized',
  'investigations_opened',
  'raids_or_checks',
  'labs_dismantled',
  'other',
] as const;

export const KINDS_BY_TYPE = {
  seizure: SEIZURE_KINDS,
  arrest: ARREST_KINDS,
  outcome: OUTCOME_KINDS,
} as const satisfies Record<FigureType, readonly string[]>;

export type SeizureKind = (typeof SEIZURE_KINDS)[number];
export type ArrestKind = (typeof ARREST_KINDS)[number];
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export type FigureKind = SeizureKind | ArrestKind | OutcomeKind;
export const FIGURE_KINDS: readonly FigureKind[] = [...SEIZURE_KINDS, ...ARREST_KINDS, ...OUTCOME_KINDS];

export function typeOfKind(kind: FigureKind): FigureType {
  return (Object.keys(KINDS_BY_TYPE) as FigureType[]).find((type) =>
    (KINDS_BY_TYPE[type] as readonly string[]).includes(kind),
  )!;
}

/** Wording of the source, normalised: "more than 500" is `more_than`, "some 400" is `approximately`. */
export const QUALIFIERS = ['exact', 'approximately', 'more_than', 'nearly', 'up_to'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** What a figure's unit measures once normalised. */
export const UNIT_CLASSES = ['count', 'mass', 'volume', 'money'] as const;
export type UnitClass = (typeof UNIT_CLASSES)[number];

/**
 * How an operation-wide figure relates to the other operation-wide figures of its operation, kind
 * and unit class: `total` is the whole figure whatever its category label says; `part` is included in
 * another figure and never added to it; null is an independent figure (see README "Counting rules").
 */
export const FIGURE_ROLES = ['total', 'part'] as const;
export type FigureRole = (typeof FIGURE_ROLES)[number];
