import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { REQUEST_STATUSES, RequestStatus } from '../domain/request-workflow';
import { KeysetPageQuery } from './keyset-page.query';

export class ListMyRequestsQuery extends KeysetPageQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES })
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: RequestStatus;
}
