import { contractValidator } from './utils/contract';

/**
 * The contract checker itself: a body that breaks the committed document must be caught, also when the
 * offending value is null (a null where the document says integer is a wrong type, not an absent value).
 */
describe('contract checker', () => {
  const validator = contractValidator();
  const arrests = (row: Record<string, unknown>, headers?: Record<string, unknown>) =>
    validator.check({
      method: 'GET',
      url: '/v1/stats/arrests?country=NG',
      status: 200,
      contentType: 'application/json; charset=utf-8',
      headers,
      body: Buffer.from(
        JSON.stringify({
          data: [row],
          meta: { groupBy: [], scope: 'country', asOf: '2026-11-30T00:00:00.000Z', total: 1, limit: 1, offset: 0 },
        }),
      ),
    });
  const row = {
    keys: {},
    labels: {},
    figureCount: 0,
    sourceCount: 0,
    figuresHref: '/v1/arrests?country=NG&preferred=true&countedIn=country',
    sources: [],
    measures: [],
    arrests: null,
    personsUnderInvestigation: null,
  };

  it('accepts a valid empty selection', () => {
    expect(arrests(row).violations).toEqual([]);
  });

  it.each([
    ['figureCount', null],
    ['sourceCount', null],
    ['figureCount', '0'],
    ['measures', null],
    ['figuresHref', null],
  ])('refuses %s = %p', (field, value) => {
    const { violations } = arrests({ ...row, [field]: value });
    expect(violations).toHaveLength(1);
    expect(violations[0]).toContain(`/data/0/${field}`);
  });

  describe('headers', () => {
    const withHeaders = (headers: Record<string, unknown>) => arrests(row, headers);
    const sent = {
      'content-type': 'application/json; charset=utf-8',
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
      etag: '"abc"',
      'cache-control': 'public, max-age=60',
      vary: 'Accept, Accept-Encoding',
      'x-request-id': 'a-request',
      'ratelimit-limit': '120',
    };

    it('accepts declared headers with valid values, and those of HTTP, CORS and security undeclared', () => {
      expect(withHeaders(sent).violations).toEqual([]);
    });

    it('refuses a header the response does not declare', () => {
      const { violations } = withHeaders({ ...sent, 'content-language': 'en' });
      expect(violations).toHaveLength(1);
      expect(violations[0]).toContain('header content-language ("en") is sent but not declared');
    });

    it('refuses a declared header whose value breaks its schema', () => {
      const { violations } = withHeaders({ ...sent, 'ratelimit-limit': 'many' });
      expect(violations).toHaveLength(1);
      expect(violations[0]).toContain('header ratelimit-limit');
    });
  });

  it('refuses an undocumented field and a missing required one', () => {
    expect(arrests({ ...row, extra: 1 }).violations).toHaveLength(1);
    const { figureCount: _dropped, ...missing } = row;
    expect(arrests(missing).violations).toHaveLength(1);
  });
});
