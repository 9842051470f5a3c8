import { Transform } from 'class-transformer';

/** Splits `a,b` (or repeated `?x=a&x=b`) into a trimmed, de-duplicated list; an empty value stays invalid. */
export function CommaSeparated(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (value === undefined || value === null) return value;
    const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
    return [...new Set(parts.map((p) => p.trim()))];
  });
}

/** Parses an integer query value; anything else becomes NaN so that `@IsInt` names the parameter. */
export function ToInteger(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (value === undefined || value === null) return value;
    if (Array.isArray(value)) return NaN;
    // Anything but a string or number (an object from `?x[a]=1`) is no integer: '' fails the pattern below.
    const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    return /^-?\d{1,15}$/.test(text) ? Number(text) : NaN;
  });
}

/** Parses `true`/`false` query values; anything else is left for `@IsBoolean` to refuse. */
export function ToBoolean(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (value === 'true') return true;
    if (value === 'false') return false;
    return value;
  });
}

/** Splits `2014,2015` into integers; a part that is not a whole number becomes NaN so that `@IsInt` names the parameter. */
export function CommaSeparatedIntegers(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (value === undefined || value === null) return value;
    const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(','));
    return [...new Set(parts.map((p) => p.trim()))].map((p) => (/^-?\d{1,6}$/.test(p) ? Number(p) : NaN));
  });
}
