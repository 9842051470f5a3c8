import { SourceTier } from '../sources/entities/publisher.entity';

/** What the preference rule looks at, for one live report of a group. */
export interface GroupMember {
  id: number;
  preferred: boolean;
  preferredOverride: boolean | null;
  tier: SourceTier | null;
  publisher: string | null;
  publishedOn: string | null;
}

const TIER_RANK: Readonly<Record<SourceTier, number>> = { official: 0, regulator: 1, media: 2 };

function tierRank(member: GroupMember): number {
  return member.tier ? TIER_RANK[member.tier] : 3;
}

/**
 * The order `recomputePreferred` (figure-preference.ts) ranks a group in:
 * editor's choice, publisher tier, most recent dated source, lowest id.
 */
export function compareByPreference(a: GroupMember, b: GroupMember): number {
  const override = Number(b.preferredOverride === true) - Number(a.preferredOverride === true);
  if (override !== 0) return override;
  const tier = tierRank(a) - tierRank(b);
  if (tier !== 0) return tier;
  if (a.publishedOn !== b.publishedOn) {
    if (a.publishedOn === null) return 1;
    if (b.publishedOn === null) return -1;
    return a.publishedOn > b.publishedOn ? -1 : 1;
  }
  return a.id - b.id;
}

function who(member: GroupMember): string {
  const tier = member.tier ?? 'unknown-tier';
  return member.publisher ? `${tier} (${member.publisher})` : `${tier} (no publisher)`;
}

function dated(member: GroupMember): string {
  return `${member.publisher ?? 'no publisher'}, ${member.publishedOn ?? 'undated'}`;
}

/** The first rule that puts `better` before `worse`, in plain words. */
function decisiveRule(better: GroupMember, worse: GroupMember): string {
  if (tierRank(better) !== tierRank(worse))
    return `${better.tier ?? 'unknown-tier'} publisher (${better.publisher ?? 'no publisher'}) outranks ${who(worse)}`;
  const tier = better.tier ?? 'unknown';
  if (better.publishedOn !== worse.publishedOn) {
    return worse.publishedOn === null
      ? `same tier (${tier}); a dated source (${dated(better)}) outranks an undated one (${worse.publisher ?? 'no publisher'})`
      : `same tier (${tier}); the more recent source (${dated(better)}) outranks the older one (${dated(worse)})`;
  }
  return `same tier (${tier}) and source date; the report recorded first (lowest id) is kept`;
}

/**
 * Why figure `id` is, or is not, the preferred report of its group, in plain
 * words, e.g. "official publisher (INTERPOL) outranks media (OCCRP)",
 * "editor override: …", "only report of this figure".
 *
 * `group` holds the live reports of the group, the figure itself included;
 * the preferred one is read from the stored flag and explained by the rule.
 */
export function preferenceReason(id: number, group: readonly GroupMember[]): string {
  const self = group.find((m) => m.id === id);
  if (!self) throw new Error(`figure ${id} is not in its group`);
  const others = group.filter((m) => m.id !== id);
  const winner = group.find((m) => m.preferred);

  if (self.preferredOverride === false) {
    return others.length === 0
      ? 'editor override: an editor ruled this report out of totals (it is the only report)'
      : `editor override: an editor ruled this report out of totals${winner ? `; figure ${winner.id} is preferred` : ''}`;
  }
  if (others.length === 0) return 'only report of this figure';
  if (!winner) return 'editor override: an editor ruled out every report of this figure, so totals skip it';

  if (winner.id === self.id) {
    if (self.preferredOverride === true) return 'editor override: an editor chose this report';
    const rivals = others.filter((m) => m.preferredOverride !== false).sort(compareByPreference);
    if (rivals.length === 0) return 'editor override: an editor ruled out the other report(s) of this figure';
    return decisiveRule(self, rivals[0]);
  }
  if (winner.preferredOverride === true)
    return `editor override: an editor chose figure ${winner.id} (${winner.publisher ?? 'no publisher'})`;
  return `${decisiveRule(winner, self)}; figure ${winner.id} is preferred`;
}
