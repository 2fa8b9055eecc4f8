import { Module } from '@nestjs/common';
import { StreamHub } from './stream-hub.service';

/** Live streams (API only: the worker publishes, it does not stream). */
@Module({ providers: [StreamHub], exports: [StreamHub] })
export class LiveModule {}
