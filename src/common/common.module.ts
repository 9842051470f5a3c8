import { Global, Module } from '@nestjs/common';
import { DataVersion } from './data-version';
import { ReferenceCodes } from './reference/reference-codes';

@Global()
@Module({ providers: [DataVersion, ReferenceCodes], exports: [DataVersion, ReferenceCodes] })
export class CommonModule {}
