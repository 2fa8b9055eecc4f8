import { Module } from '@nestjs/common';
import { CatalogueModule } from '@portal/catalogue';
import { CatalogueController } from './catalogue.controller';

/** HTTP routes of the services catalogue. */
@Module({
  imports: [CatalogueModule],
  controllers: [CatalogueController],
})
export class CatalogueApiModule {}
