import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ProblemException, ProblemType } from '../common/problem';
import { HealthResponseDto } from './dto/health-response.dto';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  /** Liveness: the process answers. Does not touch the database. */
  @Get('health')
  @ApiOkResponse({ type: HealthResponseDto })
  liveness(): HealthResponseDto {
    return { status: 'ok' };
  }

  /** Readiness: the database answers a query within a second. */
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable (problem+json).' })
  async readiness(): Promise<HealthResponseDto> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([() => this.db.pingCheck('database', { timeout: 1000 })]);
    } catch {
      throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, 'The database is unreachable.', {
        type: ProblemType.unavailable,
        extensions: { checks: { database: 'down' } },
      });
    }
    return { status: result.status === 'ok' ? 'ok' : 'error', checks: { database: 'up' } };
  }
}
