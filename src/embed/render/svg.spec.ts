import { AA_GRAPHICS, AA_TEXT, contrastRatio, relativeLuminance } from './contrast';
import {
  CONTRAST_PAIRS,
  PALETTE,
  escapeXml,
  estimateTextWidth,
  fitFontSize,
  fitText,
  svgDocument,
  text,
  wrapText,
} from './svg';

describe('contrast', () => {
  it('computes the WCAG ratio', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(contrastRatio('#000000', '#ffffff')).toBe(21);
    expect(contrastRatio('#ffffff', '#000000')).toBe(21);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2); // the classic grey that just fails AA
    expect(() => relativeLuminance('red')).toThrow('not a #rrggbb colour');
  });

  it.each(CONTRAST_PAIRS)('%s on %s reaches %d:1', (foreground, background, minimum) => {
    expect(contrastRatio(PALETTE[foreground], PALETTE[background])).toBeGreaterThanOrEqual(minimum);
  });

  it('checks every text colour for text (4.5:1) and the bars for graphics (3:1)', () => {
    const checked = new Set(CONTRAST_PAIRS.filter(([, , min]) => min >= AA_TEXT).map(([fg]) => fg));
    expect([...checked].sort()).toEqual(['accent', 'muted', 'text']);
    expect(CONTRAST_PAIRS).toContainEqual(['bar', 'background', AA_GRAPHICS]);
  });
});

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`Fish & "Chips" <b>'s</b>`)).toBe('Fish &amp; &quot;Chips&quot; &lt;b&gt;&apos;s&lt;/b&gt;');
  });

  it('leaves nothing unescaped in text elements and the document shell', () => {
    expect(text(1, 2, 'a<&"b', { size: 10 })).toBe(
      '<text x="1" y="2" font-size="10" fill="#1b1f24">a&lt;&amp;&quot;b</text>',
    );
    const svg = svgDocument({ width: 10, height: 10, id: 'x', title: 'T<&"', description: 'D<&"', body: [] });
    expect(svg).toContain('<title id="x-title">T&lt;&amp;&quot;</title>');
    expect(svg).toContain('<desc id="x-desc">D&lt;&amp;&quot;</desc>');
    expect(svg).toContain('role="img" aria-labelledby="x-title x-desc"');
    expect(svg).toContain('width="10" height="10" viewBox="0 0 10 10"');
  });
});

describe('text that fits', () => {
  it('cuts a long line with an ellipsis and leaves a short one alone', () => {
    expect(fitText('Pangea VIII', 300, 20)).toBe('Pangea VIII');
    const cut = fitText('A very long operation name that cannot possibly fit in the card', 200, 20);
    expect(cut.endsWith('…')).toBe(true);
    expect(estimateTextWidth(cut, 20)).toBeLessThanOrEqual(200);
  });

  it('wraps words into lines', () => {
    const lines = wrapText(
      'Source: Operation Results API, compiled from INTERPOL, WCO, Europol and other published reports.',
      300,
      11,
    );
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(
      'Source: Operation Results API, compiled from INTERPOL, WCO, Europol and other published reports.',
    );
    for (const line of lines) expect(estimateTextWidth(line, 11)).toBeLessThanOrEqual(300);
  });

  it('shrinks a number to fit, down to a minimum', () => {
    expect(fitFontSize('156', 238, 30, 18, true)).toBe(30);
    expect(fitFontSize('more than 2.16 billion dollars', 238, 30, 18, true)).toBeLessThan(30);
    expect(fitFontSize('x'.repeat(200), 238, 30, 18, true)).toBe(18);
  });
});
