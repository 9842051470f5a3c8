import { snakeCase, SnakeNamingStrategy } from './snake-naming.strategy';

describe('snakeCase', () => {
  it.each([
    ['operationCode', 'operation_code'],
    ['iso2', 'iso2'],
    ['countryIso2', 'country_iso2'],
    ['valueUSD', 'value_usd'],
    ['createdAt', 'created_at'],
  ])('%s → %s', (input, expected) => {
    expect(snakeCase(input)).toBe(expected);
  });
});

describe('SnakeNamingStrategy', () => {
  const strategy = new SnakeNamingStrategy();

  it('keeps an explicit column name and snake-cases the rest', () => {
    expect(strategy.columnName('publishedOn', 'published', [])).toBe('published');
    expect(strategy.columnName('publishedOn', '', [])).toBe('published_on');
  });

  it('names join columns after the relation', () => {
    expect(strategy.joinColumnName('sourceDocument', 'id')).toBe('source_document_id');
  });
});
