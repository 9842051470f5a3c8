import { scopeLabel } from './scope';

describe('scopeLabel', () => {
  it('names what a card counts', () => {
    expect(scopeLabel({})).toBe('All operations');
    expect(scopeLabel({ series: ['Pangea'] })).toBe('Pangea operations');
    expect(scopeLabel({ series: ['Pangea', 'Opson'], regions: ['Europe'], years: [2016, 2015] })).toBe(
      'Pangea and Opson operations in Europe, 2015, 2016',
    );
    expect(scopeLabel({ operations: ['Pangea VIII'] })).toBe('Pangea VIII');
    expect(scopeLabel({ countries: ['United Kingdom'], categories: ['medicines'], yearFrom: 2010, yearTo: 2015 })).toBe(
      'All operations involving United Kingdom (medicines), 2010–2015',
    );
    expect(scopeLabel({ yearFrom: 2010 })).toBe('All operations, from 2010');
    expect(scopeLabel({ yearTo: 2015 })).toBe('All operations, up to 2015');
    expect(scopeLabel({ crimeAreas: ['firearms trafficking'] })).toBe('Operations against firearms trafficking');
    expect(scopeLabel({ series: ['Pangea'], crimeAreas: ['pharmaceutical crime'], years: [2015] })).toBe(
      'Pangea operations against pharmaceutical crime, 2015',
    );
  });
});
