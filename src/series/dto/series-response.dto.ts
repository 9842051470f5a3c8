import { ApiProperty } from '@nestjs/swagger';
import { ListMetaDto } from '../../common/list/list-response';

export class SeriesDto {
  /** Stable code of the series. */
  @ApiProperty({ example: 'pangea' })
  code: string;

  @ApiProperty({ example: 'Pangea' })
  name: string;

  @ApiProperty({ example: 'pharmaceutical crime' })
  crimeArea: string;

  description: string;

  /** Editions recorded in this database. */
  @ApiProperty({ type: 'integer', example: 16 })
  operationsCount: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 2008 })
  firstYear: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 2024 })
  lastYear: number | null;
}

export class SeriesEditionDto {
  @ApiProperty({ example: 'pangea-viii' })
  code: string;

  @ApiProperty({ example: 'Pangea VIII' })
  name: string;

  @ApiProperty({ nullable: true, type: String, example: 'VIII' })
  edition: string | null;

  @ApiProperty({ type: 'integer', example: 2015 })
  year: number;

  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2015-06-09' })
  startDate: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2015-06-16' })
  endDate: string | null;

  /** Link to the operation. */
  @ApiProperty({ example: '/v1/operations/pangea-viii' })
  href: string;
}

export class SeriesDetailDto extends SeriesDto {
  @ApiProperty({ type: [SeriesEditionDto] })
  editions: SeriesEditionDto[];
}

export class SeriesListDto {
  @ApiProperty({ type: [SeriesDto] })
  data: SeriesDto[];

  meta: ListMetaDto;
}
