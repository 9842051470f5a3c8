import { SetMetadata } from '@nestjs/common';

export const SKIP_IDEMPOTENCY = 'skipIdempotency';

/** The route ignores `Idempotency-Key` (its answer must not be stored, e.g. because it holds a secret). */
export const SkipIdempotency = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_IDEMPOTENCY, true);
