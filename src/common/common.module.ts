import { Global, Module } from '@nestjs/common';
import { DataVersion } from './data-version';
import { ProblemTypesController } from './problem-types.controller';
import { ReferenceCodes } from './reference/reference-codes';
import { CachedResponses } from './response-cache';

@Global()
@Module({ controllers: [ProblemTypesController], providers: [DataVersion, ReferenceCodes, CachedResponses], exports: [DataVersion, ReferenceCodes, CachedResponses] })
export class CommonModule {}
