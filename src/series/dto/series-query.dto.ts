import { ListQueryDto } from '../../common/list/list-query.dto';

export class SeriesQueryDto extends ListQueryDto {}
