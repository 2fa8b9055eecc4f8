import { Module } from '@nestjs/common';
import { AuditModule } from '@portal/audit';
import { CatalogueService } from './catalogue.service';

@Module({
  imports: [AuditModule],
  providers: [CatalogueService],
  exports: [CatalogueService],
})
export class CatalogueModule {}
