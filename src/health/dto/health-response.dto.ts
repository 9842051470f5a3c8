export class HealthResponseDto {
  /** `ok` when the check passed. */
  status: 'ok' | 'error';

  /** State of each dependency that was checked. */
  checks?: Record<string, 'up' | 'down'>;
}
