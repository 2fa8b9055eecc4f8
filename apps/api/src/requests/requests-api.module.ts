import { Module } from '@nestjs/common';
import { BusinessLinksModule, LiveModule, RequestsModule } from '@portal/requests';
import { AgentRequestsController } from './agent-requests.controller';
import { AgentTeamController } from './agent-team.controller';
import { BusinessLinksController } from './business-links.controller';
import { BusinessRequestsController } from './business-requests.controller';
import { DocumentsApiModule } from './documents-api.module';
import { RequestsController } from './requests.controller';
import { StreamsController } from './streams.controller';

/** HTTP routes of files: the applicant's and the directorates'. */
@Module({
  imports: [RequestsModule, BusinessLinksModule, LiveModule, DocumentsApiModule],
  controllers: [RequestsController, AgentRequestsController, AgentTeamController, BusinessLinksController, BusinessRequestsController, StreamsController],
})
export class RequestsApiModule {}
