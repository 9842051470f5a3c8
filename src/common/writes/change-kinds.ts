export const CHANGED_ENTITIES = ['figure', 'operation', 'source', 'participation'] as const;
export type ChangedEntity = (typeof CHANGED_ENTITIES)[number];

export const CHANGE_ACTIONS = ['created', 'corrected', 'deleted'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];
