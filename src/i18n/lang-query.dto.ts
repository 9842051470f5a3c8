import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LANGUAGES, Language } from './languages';

/** `?lang=`: the language of an answer in words (cards, chart). */
export class LangQueryDto {
  /**
   * Language of the words, numbers and dates: `en`, `fr`, `es` or `ar` (right to left). Without it, the best
   * supported language of `Accept-Language`, else English (the answer then says `Vary: Accept-Language`).
   * Every answer says its language in `Content-Language`. Names of operations stay as published.
   */
  @ApiPropertyOptional({ enum: LANGUAGES, enumName: 'Language', example: 'fr' })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `lang must be one of: ${LANGUAGES.join(', ')}` })
  lang?: Language;
}
