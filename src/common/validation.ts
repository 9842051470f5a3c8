import { ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidParam, ValidationProblem } from './problem';

/** Flattens class-validator's tree into one entry per failed rule, with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): InvalidParam[] {
  return errors.flatMap((error) => {
    const name = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ name, reason }));
    return [...own, ...flattenValidationErrors(error.children ?? [], name)];
  });
}

/** The global pipe: unknown fields are refused, values are converted to their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationProblem(flattenValidationErrors(errors)),
  });
}
