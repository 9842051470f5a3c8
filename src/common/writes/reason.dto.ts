import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsOptional,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

export const MAX_REASON_LENGTH = 1000;

/** Why a record changes: text that is not blank, at most 1000 characters. One message per problem. */
@ValidatorConstraint({ name: 'reason' })
export class ReasonText implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && /\S/.test(value) && value.length <= MAX_REASON_LENGTH;
  }

  defaultMessage({ value, property }: ValidationArguments): string {
    if (value === undefined || value === null) return `${property} is required: say why`;
    if (typeof value !== 'string') return `${property} must be text`;
    if (!/\S/.test(value)) return `${property} must not be blank`;
    return `${property} must be at most ${MAX_REASON_LENGTH} characters`;
  }
}

/** `?reason=` of a DELETE that must say why (figures). */
export class RequiredReasonQueryDto {
  /** Why the record is deleted: kept in its history and in the change feed. */
  @ApiProperty({ example: 'duplicate of figure 812 (same release quoted twice)', maxLength: MAX_REASON_LENGTH })
  @Validate(ReasonText)
  reason: string;
}

/** `?reason=` of a DELETE where a reason is welcome but not required (operations, sources, participations). */
export class OptionalReasonQueryDto {
  /** Why the record is deleted: shown in the change feed. */
  @ApiPropertyOptional({ example: 'created by mistake', maxLength: MAX_REASON_LENGTH })
  @IsOptional()
  @Validate(ReasonText)
  reason?: string;
}
