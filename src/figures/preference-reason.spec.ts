import { compareByPreference, GroupMember, preferenceReason } from './preference-reason';

const member = (overrides: Partial<GroupMember> & { id: number }): GroupMember => ({
  preferred: false,
  preferredOverride: null,
  tier: 'media',
  publisher: `Publisher ${overrides.id}`,
  publishedOn: null,
  ...overrides,
});

describe('preferenceReason', () => {
  it('names the only report', () => {
    expect(preferenceReason(1, [member({ id: 1, preferred: true })])).toBe('only report of this figure');
  });

  it('explains a tier win from both sides', () => {
    const group = [
      member({ id: 1, preferred: true, tier: 'official', publisher: 'INTERPOL' }),
      member({ id: 2, tier: 'media', publisher: 'OCCRP', publishedOn: '2015-06-19' }),
    ];
    expect(preferenceReason(1, group)).toBe('official publisher (INTERPOL) outranks media (OCCRP)');
    expect(preferenceReason(2, group)).toBe(
      'official publisher (INTERPOL) outranks media (OCCRP); figure 1 is preferred',
    );
  });

  it('explains the winner against its strongest rival', () => {
    const group = [
      member({ id: 3, tier: 'media', publisher: 'Blog' }),
      member({ id: 1, preferred: true, tier: 'official', publisher: 'WCO' }),
      member({ id: 2, tier: 'regulator', publisher: 'MHRA' }),
    ];
    expect(preferenceReason(1, group)).toBe('official publisher (WCO) outranks regulator (MHRA)');
  });

  it('explains a date win within one tier', () => {
    const group = [
      member({ id: 1, tier: 'media', publisher: 'A', publishedOn: '2014-01-02' }),
      member({ id: 2, preferred: true, tier: 'media', publisher: 'B', publishedOn: '2015-03-04' }),
      member({ id: 3, tier: 'media', publisher: 'C' }),
    ];
    expect(preferenceReason(2, group)).toBe(
      'same tier (media); the more recent source (B, 2015-03-04) outranks the older one (A, 2014-01-02)',
    );
    expect(preferenceReason(3, group)).toBe(
      'same tier (media); a dated source (B, 2015-03-04) outranks an undated one (C); figure 2 is preferred',
    );
  });

  it('falls back to the report recorded first', () => {
    const group = [member({ id: 4, preferred: true }), member({ id: 9 })];
    expect(preferenceReason(9, group)).toBe(
      'same tier (media) and source date; the report recorded first (lowest id) is kept; figure 4 is preferred',
    );
  });

  it('names editor overrides', () => {
    const ruledOut = [
      member({ id: 1, preferredOverride: false, tier: 'official' }),
      member({ id: 2, preferred: true }),
    ];
    expect(preferenceReason(1, ruledOut)).toBe(
      'editor override: an editor ruled this report out of totals; figure 2 is preferred',
    );
    expect(preferenceReason(2, ruledOut)).toBe(
      'editor override: an editor ruled out the other report(s) of this figure',
    );

    const chosen = [
      member({ id: 1, tier: 'official' }),
      member({ id: 2, preferred: true, preferredOverride: true, publisher: 'Blog' }),
    ];
    expect(preferenceReason(2, chosen)).toBe('editor override: an editor chose this report');
    expect(preferenceReason(1, chosen)).toBe('editor override: an editor chose figure 2 (Blog)');

    const none = [member({ id: 1, preferredOverride: false }), member({ id: 2, preferredOverride: false })];
    expect(preferenceReason(1, none)).toBe('editor override: an editor ruled this report out of totals');
    expect(preferenceReason(1, [member({ id: 1, preferredOverride: false })])).toBe(
      'editor override: an editor ruled this report out of totals (it is the only report)',
    );
  });
});

describe('compareByPreference', () => {
  it('ranks as recomputePreferred does: override, tier, newest date (undated last), lowest id', () => {
    const members = [
      member({ id: 6, tier: 'media' }),
      member({ id: 5, tier: 'media', publishedOn: '2010-01-01' }),
      member({ id: 4, tier: 'media', publishedOn: '2012-01-01' }),
      member({ id: 3, tier: null }),
      member({ id: 2, tier: 'regulator' }),
      member({ id: 1, tier: 'official' }),
      member({ id: 7, tier: 'media', preferredOverride: true }),
      member({ id: 8, tier: 'media' }),
    ];
    expect([...members].sort(compareByPreference).map((m) => m.id)).toEqual([7, 1, 2, 4, 5, 6, 8, 3]);
  });
});
