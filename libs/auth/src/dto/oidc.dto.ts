import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class OidcProviderDto {
  @ApiProperty({ example: 'gnc', description: 'Id in the sign-in routes.' }) id: string;
  @ApiProperty({ example: 'Mon compte calédonien', description: 'What the button says after « Continuer avec ».' }) name: string;
}

export class OidcStartResponseDto {
  @ApiProperty({ description: "The provider's authorization URL: send the browser there." }) authorizationUrl: string;
}

/** The provider's answer, as the web page at /connexion/oidc/:provider received it. */
export class OidcCallbackDto {
  @ApiProperty({ example: 'code=…&state=…', description: 'The query string the provider sent the browser back with.' })
  @IsString() @MaxLength(8192)
  query: string;
}

export class OidcLinkedDto {
  @ApiProperty({ description: 'The provider now linked to the signed-in account.' }) linkedProvider: string;
}

export class LinkedIdentityDto {
  @ApiProperty() provider: string;
  @ApiProperty({ description: "The provider's display name." }) name: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The address the provider gave when linked.' }) email: string | null;
  @ApiProperty() linkedAt: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) lastUsedAt: Date | null;
}
