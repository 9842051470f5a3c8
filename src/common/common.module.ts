import { Global, Module } from '@nestjs/common';
import { DataVersion } from './data-version';
import { ProblemTypesController } from './problem-types.controller';
import { ReferenceCodes } from './reference/reference-codes';
import { CachedResponses } from './response-cache';
import { WriteTransaction } from './writes/write-transaction';

@Global()
@Module({
  controllers: [ProblemTypesController],
  providers: [DataVersion, ReferenceCodes, CachedResponses, WriteTransaction],
  exports: [DataVersion, ReferenceCodes, CachedResponses, WriteTransaction],
})
export class CommonModule {}
