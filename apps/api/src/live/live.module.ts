import { Module } from '@nestjs/common';
import { RequestsModule } from '@portal/requests';
import { StreamHub } from './stream-hub.service';
import { StreamsController } from './streams.controller';

/** Live streams (API only: the worker publishes, it does not stream). */
@Module({ imports: [RequestsModule], controllers: [StreamsController], providers: [StreamHub], exports: [StreamHub] })
export class LiveModule {}
