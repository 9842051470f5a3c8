import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const SKIP_IDEMPOTENCY = 'skipIdempotency';
/** Marks the operation in the OpenAPI document until `addSharedResponses` has read it (and removed it). */
export const SKIP_IDEMPOTENCY_EXTENSION = 'x-skip-idempotency';

/** The route ignores `Idempotency-Key` (its answer must not be stored, e.g. because it holds a secret). */
export const SkipIdempotency = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(SKIP_IDEMPOTENCY, true), ApiExtension(SKIP_IDEMPOTENCY_EXTENSION, true));
