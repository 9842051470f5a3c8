import {
  categoryKey,
  classifyUnit,
  deriveFigureColumns,
  GENERIC_CATEGORIES,
  groupKey,
  isCurrencyCode,
  isPlainDecimal,
  multiplyDecimal,
  normalizeQuantity,
  quantityViolation,
  requiredUnitClass,
  unitViolation,
} from './figure-rules';

describe('isPlainDecimal', () => {
  it.each(['0', '7', '2999', '1.1', '11131.18', '0.5', '1.10'])('accepts %s', (value) => {
    expect(isPlainDecimal(value)).toBe(true);
  });
  it.each(['', '-1', '+1', '1,000', '1e6', '.5', '5.', '007', ' 1', '1 ', 'NaN', '1.2.3'])('rejects %j', (value) => {
    expect(isPlainDecimal(value)).toBe(false);
  });
});

describe('classifyUnit', () => {
  it.each([
    ['kg', 'mass', null],
    ['tonnes', 'mass', null],
    ['lb', 'mass', null],
    ['litres', 'volume', null],
    ['USD', 'money', 'USD'],
    ['EUR', 'money', 'EUR'],
    ['NAD', 'money', 'NAD'],
    ['ZAR', 'money', 'ZAR'],
    ['SGD', 'money', 'SGD'],
    ['people', 'count', null],
    ['websites', 'count', null],
    ['tonnes checked', 'count', null],
    ['usd', 'count', null],
    ['XYZ', 'count', null],
  ])('%s is %s', (unit, unitClass, currency) => {
    expect(classifyUnit(unit)).toMatchObject({ unitClass, currency });
  });
});

describe('isCurrencyCode', () => {
  it('accepts ISO 4217 codes only', () => {
    expect(isCurrencyCode('GBP')).toBe(true);
    expect(isCurrencyCode('AUD')).toBe(true);
    expect(isCurrencyCode('ABC')).toBe(false);
    expect(isCurrencyCode('gbp')).toBe(false);
    expect(isCurrencyCode('GBPX')).toBe(false);
  });
});

describe('multiplyDecimal / normalizeQuantity', () => {
  it.each([
    ['1.1', '1000', '1100'],
    ['11131.18', '1000', '11131180'],
    ['0.5', '1000', '500'],
    ['3', '0.45359237', '1.36077711'],
    ['2.5', '0.45359237', '1.133980925'],
    ['0', '1000', '0'],
    ['0.001', '0.001', '0.000001'],
  ])('%s × %s = %s exactly', (a, b, product) => {
    expect(multiplyDecimal(a, b)).toBe(product);
  });

  it('normalises mass to kg and volume to litres, keeps counts, leaves money null', () => {
    expect(normalizeQuantity('4.5', 'tonnes')).toBe('4500');
    expect(normalizeQuantity('2.35', 'kg')).toBe('2.35');
    expect(normalizeQuantity('1000', 'lb')).toBe('453.59237');
    expect(normalizeQuantity('1449056.4', 'litres')).toBe('1449056.4');
    expect(normalizeQuantity('167000', 'pills')).toBe('167000');
    expect(normalizeQuantity('6300000', 'USD')).toBeNull();
  });

  it('refuses anything but a plain decimal', () => {
    expect(() => multiplyDecimal('1e3', '1')).toThrow('not a plain decimal');
  });
});

describe('requiredUnitClass', () => {
  it('ties the measured seizures and arrests to their unit class', () => {
    expect(requiredUnitClass('value_seized')).toBe('money');
    expect(requiredUnitClass('weight_seized')).toBe('mass');
    expect(requiredUnitClass('volume_seized')).toBe('volume');
    expect(requiredUnitClass('arrests')).toBe('count');
    expect(requiredUnitClass('persons_under_investigation')).toBe('count');
    expect(requiredUnitClass('items_seized')).toBe('count');
    expect(requiredUnitClass('other')).toBeNull();
  });
});

describe('categoryKey', () => {
  it('treats empty and generic total labels as no category', () => {
    expect(categoryKey(null)).toBeNull();
    expect(categoryKey('')).toBeNull();
    expect(categoryKey('  ')).toBeNull();
    for (const label of GENERIC_CATEGORIES) expect(categoryKey(label)).toBeNull();
    expect(categoryKey(' Medicines and Medical Devices ')).toBeNull();
  });

  it('lower-cases and trims a real category', () => {
    expect(categoryKey('Olive oil ')).toBe('olive oil');
    expect(categoryKey('COVID-19 test kits')).toBe('covid-19 test kits');
    expect(categoryKey('counterfeit medicines')).toBe('counterfeit medicines');
  });

  it('lists exactly the seven generic labels', () => {
    expect(GENERIC_CATEGORIES).toEqual([
      'medicines',
      'medicines and medical devices',
      'medicines and medical products',
      'food and drink',
      'counterfeit goods',
      'counterfeit and illicit goods',
      'counterfeit and pirated goods',
    ]);
  });
});

describe('groupKey', () => {
  const base = {
    operationId: 8,
    kind: 'value_seized' as const,
    unitClass: 'money' as const,
    categoryKey: null,
    countryIso2: null,
    unit: 'USD',
  };

  it('joins operation, kind, unit class, category key and country', () => {
    expect(groupKey(base)).toBe('8|value_seized|money||');
    expect(groupKey({ ...base, categoryKey: 'alcohol', countryIso2: 'IT' })).toBe('8|value_seized|money|alcohol|IT');
  });

  it('does not depend on the unit except for kind other', () => {
    expect(groupKey({ ...base, unit: 'EUR' })).toBe(groupKey(base));
    const other = { ...base, kind: 'other' as const, unitClass: 'count' as const };
    expect(groupKey({ ...other, unit: 'warning letters' })).toBe('8|other|count|||warning letters');
    expect(groupKey({ ...other, unit: 'warning letters' })).not.toBe(
      groupKey({ ...other, unit: 'bank accounts frozen' }),
    );
  });

  it('puts the totals that results.csv reports under different generic labels in one group', () => {
    // pangea-viii value_seized, results.csv lines 104-106
    const viii = [
      { quantity: '51600000', unit: 'GBP', category: 'medicines and medical devices' },
      { quantity: '81000000', unit: 'USD', category: 'medicines' },
      { quantity: '71000000', unit: 'EUR', category: 'medicines' },
    ].map((f) => deriveFigureColumns({ operationId: 8, kind: 'value_seized', countryIso2: null, ...f }).groupKey);
    expect(new Set(viii).size).toBe(1);
    // pangea-x items_seized, lines 154-156
    const x = [
      { quantity: '51000000', unit: 'items', category: 'medicines' },
      { quantity: '25000000', unit: 'units', category: 'medicines and medical devices' },
      { quantity: '25000000', unit: 'items', category: 'medicines' },
    ].map((f) => deriveFigureColumns({ operationId: 10, kind: 'items_seized', countryIso2: null, ...f }).groupKey);
    expect(new Set(x).size).toBe(1);
  });

  it('separates mass from a count of the same kind', () => {
    const tonnes = deriveFigureColumns({
      operationId: 1,
      kind: 'other',
      quantity: '5',
      unit: 'tonnes',
      category: null,
      countryIso2: null,
    });
    expect(tonnes).toEqual({
      unitClass: 'mass',
      currency: null,
      normalizedQuantity: '5000',
      categoryKey: null,
      groupKey: '1|other|mass|||tonnes',
    });
  });
});

describe('quantityViolation / unitViolation (the seed and the write API say the same)', () => {
  it('accepts plain non-negative decimals and names anything else', () => {
    expect(quantityViolation('11131.18')).toBeNull();
    expect(quantityViolation('-5')).toBe(
      'quantity "-5" is not a plain non-negative decimal (digits and one optional point)',
    );
    expect(quantityViolation('1e3')).not.toBeNull();
  });

  it('ties units to kinds, naming a three-letter unit that is no ISO 4217 currency', () => {
    expect(unitViolation('weight_seized', 'tonnes')).toBeNull();
    expect(unitViolation('value_seized', 'NAD')).toBeNull();
    expect(unitViolation('other', 'warning letters')).toBeNull();
    expect(unitViolation('weight_seized', 'pills')).toBe('unit "pills" is count, but weight_seized needs a mass unit');
    expect(unitViolation('value_seized', 'ABC')).toBe(
      'unit "ABC" is not an ISO 4217 currency code, but value_seized needs a money unit',
    );
    expect(unitViolation('value_seized', 'kg')).toBe('unit "kg" is mass, but value_seized needs a money unit');
    expect(unitViolation('arrests', 'USD')).toBe('unit "USD" is money, but arrests needs a count unit');
  });
});
