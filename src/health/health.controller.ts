import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
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
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness' })
  @ApiOkResponse({ type: HealthResponseDto })
  liveness(): HealthResponseDto {
    return { status: 'ok' };
  }

  /** Readiness: the database answers a query within a second. */
  @Get('ready')
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness' })
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiProblemResponses(503)
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
