import { ListQueryDto } from '../../common/list/list-query.dto';

export const SERIES_SORT_FIELDS = ['code', 'name', 'crimeArea', 'firstYear', 'lastYear', 'operationsCount'] as const;

export class SeriesQueryDto extends ListQueryDto {}
