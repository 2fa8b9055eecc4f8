import { Module } from '@nestjs/common';
import { RequestsModule } from '@portal/requests';
import { AgentRequestsController } from './agent-requests.controller';
import { AgentTeamController } from './agent-team.controller';
import { BusinessRequestsController } from './business-requests.controller';
import { DocumentsApiModule } from './documents-api.module';
import { RequestsController } from './requests.controller';

/** HTTP routes of files: the applicant's and the directorates'. */
@Module({
  imports: [RequestsModule, DocumentsApiModule],
  controllers: [RequestsController, AgentRequestsController, AgentTeamController, BusinessRequestsController],
})
export class RequestsApiModule {}
